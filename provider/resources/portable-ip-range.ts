// PortableIpRange: a region's pool of portable public IPs (createPortableIpRange,
// deletePortableIpRange, listPortableIpRanges). Nothing changes in place.
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec } from "../adapter/spec";
import { ApiObject, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { sameVlan, normalizeVlan } from "../adapter/diff/comparators";
import { ipv4Address } from "../validation/fields";
import { rangeFailures, rangesOverlap, subnetInputs } from "./common/ip-range-rules";
import { executeForObject } from "./common/job-result";
import { inputObject } from "./common/inputs";

export const portableIpRangeInputs = inputObject({
  regionId: z.number().int().positive().describe("The id of the region (e.g. 1). Changing it replaces the range."),
  ...subnetInputs("the range's subnet", "the range"),
  startIp: ipv4Address().describe("The first address of the range, in the gateway's subnet. Changing it replaces the range."),
  endIp: ipv4Address().describe("The last address of the range, in the gateway's subnet. Changing it replaces the range."),
  vlan: z
    .string()
    .optional()
    .describe("The VLAN of the range, e.g. \"500\"; untagged when omitted. It must not be a VLAN in use in any zone. Changing it replaces the range."),
});

function readRange(client: CloudStackClient, id: string): Promise<ApiObject | undefined> {
  // A deleted portable range leaves no row: listing its id fails with 431, which means gone.
  return findById(client, "listPortableIpRanges", id, {});
}

function allocatedCount(range: ApiObject): number {
  const ips = Array.isArray(range.portableipaddress) ? (range.portableipaddress as unknown[]) : [];
  return ips.filter((ip) => ip !== null && typeof ip === "object" && (ip as ApiObject).state === "Allocated").length;
}

/** CloudStack refuses a range that overlaps another of the region: the old one goes first. */
function collides(olds: PropertyMap, news: PropertyMap): boolean {
  if (typeof news.regionId === "number" && news.regionId !== olds.regionId) return false;
  if (["startIp", "endIp"].some((key) => news[key] === UNKNOWN)) return true;
  return rangesOverlap(olds, news);
}

export const portableIpRangeSpec = defineSpec({
  kind: "PortableIpRange",
  description:
    "A region's range of portable public IPs, which PublicIpAddress acquires with isPortable and static NAT can move between networks. Deleting it fails while any of its IPs is allocated.",
  inputs: portableIpRangeInputs,
  attributes: z.object({
    allocatedIpCount: z.number().describe("How many of the range's addresses are allocated (the range cannot be deleted while any is)."),
  }),
  defaultedByCloudStack: ["vlan"],
  equal: { vlan: sameVlan },
  validate: (inputs, known) => rangeFailures(inputs, known, { gatewayOutsideRange: false }),
  deleteBeforeReplace: collides,

  async create(client, inputs) {
    const params = {
      regionid: inputs.regionId,
      gateway: inputs.gateway,
      netmask: inputs.netmask,
      startip: inputs.startIp,
      endip: inputs.endIp,
      // Untagged is the default; CloudStack takes a VLAN id here.
      vlan: normalizeVlan(inputs.vlan) === "untagged" ? undefined : normalizeVlan(inputs.vlan),
    };
    return executeForObject(client, "createPortableIpRange", params, "portableiprange");
  },

  read: (client, id) => readRange(client, id),

  delete: "deletePortableIpRange",


  attributesOf: (range) => ({ allocatedIpCount: allocatedCount(range) }),

  errors: [
    { text: "Can't delete portable IP range as there are IP's assigned.", why: "Portable IPs of the range are still acquired: release them first." },
    { text: "Found a VLAN id <id> already existing in zone <zone> that conflicts with VLAN id of the portable ip range being configured", why: "The portable range's `vlan` is in use in a zone." },
  ],
});
