// PhysicalNetwork: a physical network of a zone (createPhysicalNetwork, updatePhysicalNetwork,
// deletePhysicalNetwork, listPhysicalNetworks; root admin). CloudStack makes it Disabled, with
// its default providers (VirtualRouter, VpcVirtualRouter, InternalLbVm, SecurityGroupProvider,
// ConfigDrive) added Disabled: NetworkServiceProvider enables them.
import { z } from "zod";
import type { CloudStackClient, Params } from "../client";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec } from "../adapter/spec";
import { ApiObject } from "../adapter/types";
import { failure } from "../adapter/check/failures";
import { PartiallyCreatedError } from "../adapter/lifecycle/errors";
import { sameText } from "../adapter/diff/comparators";
import { nonEmpty } from "../validation/fields";
import { textOrNull } from "./common/api-values";
import { executeForObject, updateThenRead } from "./common/job-result";
import { enabledOrDisabledInput, inputObject, zoneInput } from "./common/inputs";
import { byName, zoneReference } from "./common/reference-kinds";
import { changedParams } from "./common/param-names";
import { mergedVlanRanges, parseVlanRange, sameVlanRanges, vlanRange } from "./common/vlan-ranges";

export const physicalNetworkInputs = inputObject({
  name: nonEmpty().describe("The physical network's name. updatePhysicalNetwork cannot change it: changing it replaces the physical network."),
  zone: zoneInput("the physical network", "; it must be Disabled"),
  isolationMethod: nonEmpty()
    .optional()
    .describe('How guest networks are isolated, e.g. "VLAN" (the default), "VXLAN" or "GRE"; one method per physical network. Changing it replaces the physical network.'),
  vlanRanges: z
    .array(vlanRange())
    .optional()
    .describe(
      'Guest VLAN (or VXLAN VNI) ranges, each "start-end", e.g. ["100-199", "300-349"]. Updated in place: the list replaces the whole set, and a VLAN in use (or dedicated to an account) cannot leave it. Removing the input keeps the current ranges.',
    ),
  tags: nonEmpty()
    .optional()
    .describe("The physical network's tag (one), which network offerings' tags select. Updated in place."),
  networkSpeed: nonEmpty().optional().describe('The speed of the physical network, e.g. "1G" or "10G". Updated in place.'),
  broadcastDomainRange: z
    .enum(["ZONE", "POD"])
    .optional()
    .describe("ZONE (the only value an Advanced zone takes, and the default there) or POD (Basic zones). Changing it replaces the physical network."),
  state: enabledOrDisabledInput("; CloudStack creates physical networks Disabled."),
});

export const physicalNetworkAttributes = z.object({
  zoneName: z.string().nullable().describe("The name of the zone."),
});

/** validateVlanRange's bounds per isolation method. */
function vnetLimit(isolationMethod: unknown): number {
  const method = typeof isolationMethod === "string" ? isolationMethod.toUpperCase() : "VLAN";
  if (method.includes("GRE")) return 4294967295;
  if (method.includes("VXLAN") || method.includes("NETRIS")) return 16777214;
  return 4095;
}

const readPhysicalNetwork = (client: CloudStackClient, id: string): Promise<ApiObject | undefined> =>
  // A deleted physical network's id no longer resolves (431): gone.
  findById(client, "listPhysicalNetworks", id, {});

export const physicalNetworkSpec = defineSpec({
  kind: "PhysicalNetwork",
  description:
    "A physical network of a zone (root admin): isolation method, guest VLAN ranges, tag, speed and state. It can be added only while the zone is Disabled. Its traffic types and providers are TrafficType and NetworkServiceProvider resources.",
  inputs: physicalNetworkInputs,
  attributes: physicalNetworkAttributes,
  references: { zone: byName(zoneReference, "zone") },
  defaultedByCloudStack: ["isolationMethod", "vlanRanges", "broadcastDomainRange", "state"],
  inPlace: { vlanRanges: true, tags: true, networkSpeed: true, state: true },
  equal: { isolationMethod: sameText, vlanRanges: sameVlanRanges },
  validate(inputs, known) {
    if (!known("vlanRanges") || !known("isolationMethod") || !Array.isArray(inputs.vlanRanges)) return [];
    const limit = vnetLimit(inputs.isolationMethod);
    return inputs.vlanRanges
      .filter((range) => (parseVlanRange(range)?.[1] ?? 0) > limit)
      .map((range) => failure("vlanRanges", range, `goes past ${limit}, the highest id for isolation ${inputs.isolationMethod ?? "VLAN"} (CloudStack: "Vnet range has to be between 0 and ${limit}")`));
  },

  async create(client, inputs, ids) {
    const params: Params = {
      zoneid: ids.zoneId,
      name: inputs.name,
      isolationmethods: inputs.isolationMethod === undefined ? undefined : [inputs.isolationMethod],
      vlan: inputs.vlanRanges === undefined ? undefined : mergedVlanRanges(inputs.vlanRanges),
      tags: inputs.tags === undefined ? undefined : [inputs.tags],
      networkspeed: inputs.networkSpeed,
      broadcastdomainrange: inputs.broadcastDomainRange,
    };
    const created = await executeForObject(client, "createPhysicalNetwork", params, "physicalnetwork");
    if (inputs.state !== "Enabled") return created;
    try {
      return await executeForObject(client, "updatePhysicalNetwork", { id: String(created.id), state: "Enabled" }, "physicalnetwork");
    } catch (err) {
      throw new PartiallyCreatedError(created, err);
    }
  },

  read: (client, id) => readPhysicalNetwork(client, id),

  async update(client, id, _olds, news, _ids, changed) {
    const params = changedParams(id, changed, news, { networkSpeed: "networkspeed", state: "state" });
    if (changed.includes("vlanRanges")) params.vlan = mergedVlanRanges(news.vlanRanges);
    // An empty tags list is how updatePhysicalNetwork clears the tag.
    if (changed.includes("tags")) params.tags = news.tags ?? "";
    return updateThenRead(client, "updatePhysicalNetwork", params, () => readPhysicalNetwork(client, id), "PhysicalNetwork");
  },

  delete: "deletePhysicalNetwork",

  // The other inputs and zoneName are read from their fields of the same name.
  inputsOf(pnet) {
    const vlan = textOrNull(pnet.vlan);
    return { isolationMethod: textOrNull(pnet.isolationmethods), vlanRanges: vlan === null ? null : vlan.split(",") };
  },

  errors: [
    { text: "Cannot create PhysicalNetwork since the Zone is currently enabled, zone: <zone>", why: "Physical networks are added to a disabled zone: create them before the ZoneEnablement (depend on them)." },
    { text: "The Physical Network is not deletable because <why>", why: "Networks, ranges or providers outside the program still use it." },
  ],
});
