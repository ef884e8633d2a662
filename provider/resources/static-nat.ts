// StaticNat: a public IP mapped one to one to an instance (enableStaticNat, disableStaticNat;
// read through listPublicIpAddresses). Its id is the public IP's id: an IP has one mapping.
import { z } from "zod";
import type { CloudStackClient, Params } from "../client";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec } from "../adapter/spec";
import { ApiObject, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { sameText } from "../adapter/diff/comparators";
import { ipv4Address, nonEmpty, uuid } from "../validation/fields";
import { textOrNull } from "./common/api-values";
import { byName, guestNetworkReference, virtualMachineReference } from "./common/reference-kinds";
import { stillPresent } from "./common/job-result";
import { ownerScope } from "./common/ownership";
import { flag, presentText, text } from "./common/attributes";
import { inputObject } from "./common/inputs";

export const staticNatInputs = inputObject({
  ipAddressId: uuid().describe("The id of the public IP address (e.g. a PublicIpAddress's `id`). Changing it replaces the mapping."),
  virtualMachine: nonEmpty().describe(
    "The instance, by name or id (usually an Instance's `id`). Changing it replaces the mapping: static NAT is disabled first, then enabled for the new instance.",
  ),
  network: nonEmpty()
    .optional()
    .describe(
      "The instance's network, by name or id: needed for an IP not yet associated with a network (VPC), and for moving a portable IP to an instance in another network. Changing it replaces the mapping.",
    ),
  vmGuestIp: ipv4Address()
    .optional()
    .describe("A secondary IP of the instance's NIC to map to (see NicSecondaryIp); the NIC's primary IP when omitted. Changing it replaces the mapping."),
});

/** Without static NAT, or released, the mapping is gone (public IP rows stay after release). */
const unmapped = (ip: ApiObject) => ip.isstaticnat !== true || ip.state === "Free" || ip.state === "Releasing";

/** The public IP as the caller can see it; a project's IP needs its project in the scope. */
async function findIp(client: CloudStackClient, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  const scope = ownerScope(olds);
  if (Object.keys(scope).length > 0) return findById(client, "listPublicIpAddresses", id, scope);
  for (const tried of [{}, { listall: true }, { listall: true, projectid: "-1" }] as Params[]) {
    const ip = await findById(client, "listPublicIpAddresses", id, tried);
    if (ip) return ip;
  }
  return undefined;
}

async function readMapping(client: CloudStackClient, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  const ip = await findIp(client, id, olds);
  return ip && !unmapped(ip) ? ip : undefined;
}

export const staticNatSpec = defineSpec({
  kind: "StaticNat",
  description:
    "Static NAT: a public IP mapped one to one to an instance, optionally to a secondary IP of its NIC (vmGuestIp). A portable IP can move to an instance in another network.",
  inputs: staticNatInputs,
  attributes: z.object({
    virtualMachineId: presentText("The id of the instance."),
    networkId: text("The id of the guest network the public IP is associated with."),
    ipAddress: presentText("The public IP address."),
    virtualMachineName: text("The name of the instance."),
    zoneId: text("The id of the public IP's zone."),
    isPortable: flag("Whether the public IP is portable (from the region's pool)."),
    isSystem: flag("Whether the public IP is a system (elastic) IP."),
    account: text("The account that owns the public IP."),
    domainId: text("The id of the owner's domain."),
    projectId: text("The id of the owning project, if any."),
  }),
  references: {
    virtualMachine: byName(virtualMachineReference, "virtualMachine"),
    network: byName(guestNetworkReference, "network", "associatednetwork"),
  },
  defaultedByCloudStack: ["network", "vmGuestIp"],
  // The same IP cannot be mapped twice: the old mapping goes first.
  deleteBeforeReplace: (olds, news) => news.ipAddressId === UNKNOWN || sameText(news.ipAddressId, olds.ipAddressId),

  // An IP takes one static NAT: an earlier attempt's shows as a refusal, and is the IP mapped to
  // the same instance.
  recognise: {
    when: "afterFailure",
    async find(client, inputs, ids) {
      const ip = await readMapping(client, inputs.ipAddressId, {});
      return ip && String(ip.virtualmachineid ?? "").toLowerCase() === String(ids.virtualMachineId ?? "").toLowerCase() ? ip : undefined;
    },
  },

  async create(client, inputs, ids) {
    await client.execute("enableStaticNat", {
      ipaddressid: inputs.ipAddressId,
      virtualmachineid: ids.virtualMachineId,
      networkid: ids.networkId,
      vmguestip: inputs.vmGuestIp,
    });
    const ip = await findIp(client, inputs.ipAddressId, {});
    if (!ip) throw new Error(`StaticNat: public IP ${inputs.ipAddressId} is not visible after enableStaticNat`);
    return ip;
  },

  read: (client, id, olds) => readMapping(client, id, olds),

  async update(client, id, olds) {
    return stillPresent(await readMapping(client, id, olds), "StaticNat", id);
  },

  async delete(client, id) {
    await client.execute("disableStaticNat", { ipaddressid: id });
  },

  inputsOf: (ip) => ({ ipAddressId: textOrNull(ip.id), vmGuestIp: textOrNull(ip.vmipaddress) }),

  errors: [
    { text: "Can't enable static, ip address <ip> is a sourceNat ip address", why: "The IP is its network's source NAT IP (the first IP an isolated network gets): acquire another PublicIpAddress for static NAT." },
    { text: "Failed to enable static nat for the ip address <ip> as it already has PortForwarding rules assigned", why: "An IP has static NAT or port forwarding / load balancing rules, not both: use another IP." },
    { text: "Failed to enable static for the ip address <ip> and vm id=<vm> as it's already assigned to antoher vm", why: "CloudStack's text, typo included: the IP already maps to another instance." },
  ],
});
