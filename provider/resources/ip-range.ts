// IpRange: a VLAN IP range (createVlanIpRange, updateVlanIpRange, deleteVlanIpRange,
// listVlanIpRanges). A zone's public range, or a guest range of a shared network (several per
// network, each subnet with its own gateway; in a basic zone, one pod's guest range);
// optionally dedicated to an owner at creation.
import { z } from "zod";
import type { CloudStackClient, Params } from "../client";
import { failure } from "../adapter/check/failures";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec, ResolvedIds } from "../adapter/spec";
import { ApiObject, CheckFailure, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { sameText, sameVlan, normalizeVlan } from "../adapter/diff/comparators";
import { ipv4Address, netmask, nonEmpty, vlanTag } from "../validation/fields";
import { overlaps } from "../../ip/ipv4";
import { textOrNull } from "./common/api-values";
import { byId, guestNetworkReference, physicalNetworkReference, podReference, zoneReference } from "./common/reference-kinds";
import { given, inputObject } from "./common/inputs";
import { rangeFailures, rangesOverlap, rangeSubnet } from "./common/ip-range-rules";
import { executeForObject, stillPresent } from "./common/job-result";
import { ownerFailures, ownerInputs, ownerParams } from "./common/ownership";
import { presentText, text } from "./common/attributes";

export const ipRangeInputs = inputObject({
  zone: nonEmpty()
    .optional()
    .describe("The zone, by name or id; required for a public range (a guest range takes its network's zone). Changing it replaces the range."),
  network: nonEmpty()
    .optional()
    .describe("The shared network, by name or id, whose guest range this is. Changing it replaces the range."),
  pod: nonEmpty()
    .optional()
    .describe(
      "The pod, by id (or by name where no other zone has a pod of that name), whose guest range this is: a basic zone gives its instances guest IPs per pod. Only for a basic zone's guest range (forVirtualNetwork false); without `network` CloudStack takes the zone's one guest network. Changing it replaces the range.",
    ),
  physicalNetwork: nonEmpty()
    .optional()
    .describe("The physical network, by name or id; CloudStack picks the zone's when omitted. Changing it replaces the range."),
  forVirtualNetwork: z
    .boolean()
    .optional()
    .describe("True for a public range (virtual networks), false for a shared network's direct range; defaults to false with `network`, true otherwise. Changing it replaces the range."),
  gateway: ipv4Address().describe("The gateway of the range's subnet; it must lie outside the range. Updated in place while no IP of the range is in use."),
  netmask: netmask().describe("The netmask of the range's subnet, e.g. 255.255.255.0. Updated in place while no IP of the range is in use."),
  startIp: ipv4Address().describe("The first IPv4 address of the range. Updated in place; the range must keep every IP in use."),
  endIp: ipv4Address().optional().describe("The last IPv4 address of the range; defaults to `startIp`. Updated in place; the range must keep every IP in use."),
  vlan: vlanTag()
    .optional()
    .describe("The VLAN: an id from 1 to 4094, e.g. \"100\" or \"vlan://100\", or \"untagged\"; defaults to the network's VLAN, or untagged. Changing it replaces the range."),
  forSystemVms: z
    .boolean()
    .optional()
    .describe("Reserve the range for system VMs; cannot be combined with an account. Updated in place."),
  ...ownerInputs("the range", "a dedication made at creation, in Advanced zones only"),
});

/**
 * By id alone: listVlanIpRanges is a root-admin command that sees every range, and an owner
 * filter would make a range whose dedication was released out of band look deleted.
 */
function readRange(client: CloudStackClient, id: string): Promise<ApiObject | undefined> {
  return findById(client, "listVlanIpRanges", id, {});
}

function createParams(inputs: z.infer<typeof ipRangeInputs>, ids: ResolvedIds): Params {
  return {
    zoneid: ids.zoneId,
    networkid: ids.networkId,
    physicalnetworkid: ids.physicalNetworkId,
    // CloudStack takes an absent forvirtualnetwork as true, which a guest or pod range is not.
    forvirtualnetwork: inputs.forVirtualNetwork ?? (inputs.network !== undefined || inputs.pod !== undefined ? false : undefined),
    podid: ids.podId,
    gateway: inputs.gateway,
    netmask: inputs.netmask,
    startip: inputs.startIp,
    endip: inputs.endIp ?? inputs.startIp,
    vlan: normalizeVlan(inputs.vlan),
    forsystemvms: inputs.forSystemVms,
    ...ownerParams(inputs),
  };
}

function placementFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (!given(inputs, "zone") && !given(inputs, "network")) {
    failures.push(failure("zone", undefined, "is required for a public range; a shared network's range names its network instead"));
  }
  if (inputs.forVirtualNetwork === true && given(inputs, "network") && known("forVirtualNetwork") && known("network")) {
    failures.push(failure("forVirtualNetwork", true, "cannot be true with network: a shared network's range is a direct (guest) range"));
  }
  if (inputs.forVirtualNetwork === true && given(inputs, "pod") && known("forVirtualNetwork") && known("pod")) {
    failures.push(failure("forVirtualNetwork", true, "cannot be true with pod: CloudStack takes a pod only for a basic zone's guest range"));
  }
  if (given(inputs, "forSystemVms") && inputs.forSystemVms === true && given(inputs, "account") && known("account") && known("forSystemVms")) {
    failures.push(failure("forSystemVms", true, "cannot be combined with account (CloudStack refuses a range both for system VMs and dedicated)"));
  }
  return failures;
}

const ipKeys = ["gateway", "netmask", "startIp", "endIp"];

/**
 * CloudStack refuses a range that overlaps another one's IPs, or whose subnet is a superset or
 * subset of another's on the same network: the old range must go first.
 */
function collides(olds: PropertyMap, news: PropertyMap): boolean {
  for (const key of ["zoneId", "networkId"]) {
    const before = olds[key];
    const after = news[key];
    if (typeof before === "string" && typeof after === "string" && after !== UNKNOWN && !sameText(before, after)) return false;
  }
  if (ipKeys.some((key) => news[key] === UNKNOWN)) return true;
  if (rangesOverlap(olds, news)) return true;
  const before = rangeSubnet(olds);
  const after = rangeSubnet(news);
  if (!before || !after) return true;
  return overlaps(before, after) && (before.first !== after.first || before.prefix !== after.prefix);
}

export const ipRangeSpec = defineSpec({
  kind: "IpRange",
  description:
    "A VLAN IP range: public IPs of a zone, or a guest range of a shared network (several per network, each subnet with its own gateway; in a basic zone, a pod's guest range). Deleting a range whose IPs are in use fails with CloudStack's error and changes nothing.",
  inputs: ipRangeInputs,
  attributes: z.object({
    zoneId: presentText("The id of the zone."),
    networkId: text("The id of the network the range belongs to (a zone's public network for a public range)."),
    physicalNetworkId: text("The id of the physical network."),
    podId: text("The id of the pod, for a basic zone's pod range."),
    cidr: text("The range's subnet as a CIDR, e.g. 10.0.0.0/24."),
    ownerAccount: text("The account CloudStack shows for the range: the dedicated account, or the network's owner for a guest range."),
    ownerDomainId: text("The id of the domain CloudStack shows for the range (the dedicated domain, or the owner's)."),
    domain: text("The name of that domain."),
    project: text("The name of the owning project, if any."),
  }),
  references: {
    zone: byId(zoneReference, "zone"),
    network: byId(guestNetworkReference, "network"),
    physicalNetwork: byId(physicalNetworkReference, "physicalNetwork"),
    pod: byId(podReference, "pod"),
  },
  defaultedByCloudStack: ["zone", "network", "physicalNetwork", "forVirtualNetwork", "endIp", "vlan", "forSystemVms"],
  inPlace: { gateway: true, netmask: true, startIp: true, endIp: true, forSystemVms: true },
  equal: { vlan: sameVlan },
  validate(inputs, known) {
    return [
      ...placementFailures(inputs, known),
      ...rangeFailures(inputs, known, { gatewayOutsideRange: true }),
      ...ownerFailures(inputs, known),
    ];
  },
  deleteBeforeReplace: collides,

  // CloudStack refuses a range overlapping another, so an earlier attempt's range shows as a
  // refusal; it is the range with the same addresses in the same place.
  recognise: {
    when: "afterFailure",
    async find(client, inputs, ids) {
      const params: Params = ids.networkId ? { networkid: ids.networkId } : { zoneid: ids.zoneId };
      const ranges = await client.list<ApiObject>("listVlanIpRanges", params);
      return ranges.find(
        (range) =>
          range.startip === inputs.startIp &&
          range.endip === (inputs.endIp ?? inputs.startIp) &&
          (inputs.vlan === undefined || sameVlan(range.vlan, inputs.vlan)),
      );
    },
  },

  async create(client, inputs, ids) {
    return executeForObject(client, "createVlanIpRange", createParams(inputs, ids), "vlan");
  },

  read: (client, id) => readRange(client, id),

  async update(client, id, _olds, news, _ids, changed) {
    const params: Params = { id };
    // The four IPv4 fields travel together so that CloudStack checks them as one range.
    if (changed.some((key) => ipKeys.includes(key))) {
      Object.assign(params, { gateway: news.gateway, netmask: news.netmask, startip: news.startIp, endip: news.endIp ?? news.startIp });
    }
    if (changed.includes("forSystemVms")) params.forsystemvms = news.forSystemVms ?? false;
    if (Object.keys(params).length === 1) {
      return stillPresent(await readRange(client, id), "IpRange", id);
    }
    return executeForObject(client, "updateVlanIpRange", params, "vlan");
  },

  delete: "deleteVlanIpRange",

  inputsOf(range, olds) {
    const guestRange = range.forvirtualnetwork === false;
    const project = textOrNull(range.projectid);
    // Owner fields describe a dedication only where one was declared: CloudStack also shows a
    // guest range's network owner there, which the user never wrote.
    const declared = given(olds, "account") || given(olds, "domainId") || given(olds, "projectId");
    return {
      network: given(olds, "network") || guestRange ? textOrNull(range.networkid) : null,
      account: declared && !project ? textOrNull(range.account) : null,
      domainId: declared && !project ? textOrNull(range.domainid) : null,
      projectId: declared ? project : null,
    };
  },

  attributesOf(range) {
    return {
      // Resolved ids as well: null, not absent, for a range without them.
      networkId: textOrNull(range.networkid),
      physicalNetworkId: textOrNull(range.physicalnetworkid),
      podId: textOrNull(range.podid),
      ownerAccount: textOrNull(range.account),
      ownerDomainId: textOrNull(range.domainid),
    };
  },

  errors: [
    { text: "Please ensure that your start IP and end IP are in the same subnet, as per the IP range's netmask.", why: "Both ends of the range must lie in `gateway`/`netmask`'s subnet." },
    { text: "Can't add virtual IP range into a zone with security group enabled", why: "A zone with security groups takes guest (direct) ranges only: give `network`, not `forVirtualNetwork: true`." },
    { text: "Account name should not be provided when ForSystemVMs is enabled", why: "A range is for system VMs or dedicated to an account, not both." },
  ],
});
