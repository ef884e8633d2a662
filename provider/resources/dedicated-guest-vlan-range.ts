// DedicatedGuestVlanRange: guest VLANs of a physical network dedicated to an account or a
// project (dedicateGuestVlanRange, releaseDedicatedGuestVlanRange, listDedicatedGuestVlanRanges).
// The owner's new isolated networks take their VLANs from it first (see use.system.guest.vlans).
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec } from "../adapter/spec";
import { ApiObject, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { sameText } from "../adapter/diff/comparators";
import { textOrNull, uuidOr } from "./common/api-values";
import { byId, physicalNetworkReference } from "./common/reference-kinds";
import { objectOf } from "./common/job-result";
import { ownerScope, currentOwner, ownerFailures, ownerInputs, ownerParams } from "./common/ownership";
import { ownerNames, presentText, text } from "./common/attributes";
import { inputObject } from "./common/inputs";
import { parseVlanRange, vlanRange } from "./common/vlan-ranges";

export const dedicatedGuestVlanRangeInputs = inputObject({
  vlanRange: vlanRange().describe(
    'The guest VLANs to dedicate, written "start-end" (e.g. "100-110"); they must lie in the physical network\'s VLAN range. Changing it replaces the dedication.',
  ),
  physicalNetwork: z
    .string()
    .min(1, { message: "must not be empty" })
    .describe("The physical network, by name or id. Changing it replaces the dedication."),
  ...ownerInputs("the VLANs", "the caller's account when omitted"),
});

/**
 * CloudStack's GuestVlanRangeResponse carries the physical network's internal numeric id, not
 * its uuid: the uuid the range was dedicated with stands in for it.
 */
function withPhysicalNetworkUuid(range: ApiObject, physicalNetworkId: unknown): ApiObject {
  return { ...range, physicalnetworkid: uuidOr(range.physicalnetworkid, physicalNetworkId) };
}

/**
 * The uuid of the physical network a range belongs to, when nothing recorded it (a read from the
 * id alone, as an import does): the one of the zone's physical networks whose listing holds it.
 */
async function physicalNetworkOf(client: CloudStackClient, range: ApiObject): Promise<string | undefined> {
  const zone = textOrNull(range.zoneid);
  const networks = await client.list<ApiObject>("listPhysicalNetworks", zone ? { zoneid: zone } : {});
  for (const network of networks) {
    const held = await client.list<ApiObject>("listDedicatedGuestVlanRanges", { physicalnetworkid: String(network.id), id: String(range.id) });
    if (held.some((item) => sameText(item.id, range.id))) return String(network.id);
  }
  return undefined;
}

async function readDedication(client: CloudStackClient, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  const range = await findById(client, "listDedicatedGuestVlanRanges", id, ownerScope(olds));
  if (!range) return undefined;
  const recorded = typeof olds.physicalNetworkId === "string" ? olds.physicalNetworkId : undefined;
  return withPhysicalNetworkUuid(range, recorded ?? (uuidOr(range.physicalnetworkid, undefined) === null ? await physicalNetworkOf(client, range) : undefined));
}

function dedicationOf(result: Record<string, unknown>, physicalNetworkId: string): ApiObject {
  return withPhysicalNetworkUuid(objectOf(result, "dedicatedguestvlanrange", "dedicateGuestVlanRange"), physicalNetworkId);
}

const sameRange = (a: unknown, b: unknown): boolean => {
  const x = parseVlanRange(a);
  const y = parseVlanRange(b);
  return x && y ? x[0] === y[0] && x[1] === y[1] : a === b;
};

/** CloudStack refuses a range that overlaps one already dedicated on the physical network. */
function collides(olds: PropertyMap, news: PropertyMap): boolean {
  if (news.physicalNetworkId !== UNKNOWN && typeof news.physicalNetworkId === "string" && !sameText(news.physicalNetworkId, olds.physicalNetworkId)) {
    return false;
  }
  const before = parseVlanRange(olds.vlanRange);
  const after = parseVlanRange(news.vlanRange);
  return !before || !after || (before[0] <= after[1] && after[0] <= before[1]);
}

export const dedicatedGuestVlanRangeSpec = defineSpec({
  kind: "DedicatedGuestVlanRange",
  description:
    "Dedicates guest VLANs of a physical network to an account or a project: its new isolated networks get their VLAN from the range first. Deleting it releases the VLANs.",
  inputs: dedicatedGuestVlanRangeInputs,
  attributes: z.object({
    physicalNetworkId: presentText("The id of the physical network."),
    zoneId: text("The id of the physical network's zone."),
    ...ownerNames,
  }),
  references: { physicalNetwork: byId(physicalNetworkReference, "physicalNetwork") },
  defaultedByCloudStack: ["account", "domainId"],
  equal: { vlanRange: sameRange },
  validate: (inputs, known) => ownerFailures(inputs, known),
  deleteBeforeReplace: collides,

  // VLANs are dedicated once: an earlier attempt's dedication shows as a refusal, and is the
  // dedication of the same VLANs on the same physical network.
  recognise: {
    when: "afterFailure",
    async find(client, inputs, ids) {
      const ranges = await client.list<ApiObject>("listDedicatedGuestVlanRanges", { physicalnetworkid: ids.physicalNetworkId, ...ownerScope(inputs) });
      const found = ranges.find((range) => sameRange(range.guestvlanrange, inputs.vlanRange));
      return found && withPhysicalNetworkUuid(found, ids.physicalNetworkId);
    },
  },

  async create(client, inputs, ids) {
    const params = {
      vlanrange: inputs.vlanRange.replace(/\s+/g, ""),
      physicalnetworkid: ids.physicalNetworkId,
      ...ownerParams(inputs),
    };
    return dedicationOf(await client.execute("dedicateGuestVlanRange", params), ids.physicalNetworkId);
  },

  read: (client, id, olds) => readDedication(client, id, olds),

  delete: "releaseDedicatedGuestVlanRange",

  inputsOf: (range, olds) => ({ vlanRange: textOrNull(range.guestvlanrange), ...currentOwner(range, olds) }),

  attributesOf: (range) => ({ zoneId: uuidOr(range.zoneid, null) }),

  errors: [
    { text: "Vlan range is already dedicated. Cannot dedicate guest vlan range <range>", why: "Some of these VLANs are dedicated already (to this or another owner)." },
    { text: "Guest VLAN <vlan> from this range <start>-<end> is not present in the system for physical network ID: <id>", why: "The range must lie within the physical network's `vlanRanges`." },
  ],
});
