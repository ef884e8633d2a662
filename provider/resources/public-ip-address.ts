// PublicIpAddress: a public IP acquired for a network, a VPC or a zone (a basic zone's elastic
// IP), optionally a given address, optionally portable from the region's pool
// (associateIpAddress, updateIpAddress, disassociateIpAddress, listPublicIpAddresses; tags).
import { z } from "zod";
import type { CloudStackClient, Params } from "../client";
import { PartiallyCreatedError } from "../adapter/lifecycle/errors";
import { failure } from "../adapter/check/failures";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec, ResolvedIds } from "../adapter/spec";
import { ApiObject, CheckFailure, EXTRA, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { ipv4Address, nonEmpty, tagMap } from "../validation/fields";
import { tagsOf, textOrNull } from "./common/api-values";
import { byName, guestNetworkReference, vpcReference, zoneReference } from "./common/reference-kinds";
import { forDisplayInput, given, inputObject, keptAsWritten } from "./common/inputs";
import { executeForObject } from "./common/job-result";
import { idParams, inputParams } from "./common/api-params";
import { ownerScope, currentOwner, ownerFailures, ownerInputs, ownerParams } from "./common/ownership";
import { syncTags, tagsEqual } from "./common/tags";
import { warn } from "./common/warnings";
import { flag, ownerNames, presentText, text } from "./common/attributes";

export const publicIpAddressInputs = inputObject({
  zone: nonEmpty()
    .optional()
    .describe("The zone to acquire the IP in, by name or id (a basic zone's elastic IP needs only this). Changing it replaces the IP."),
  network: nonEmpty()
    .optional()
    .describe(
      "The guest network to associate the IP with, by name or id. The first IP of an isolated network without a source NAT IP becomes its source NAT IP: have the network implemented first (an instance deployed in it, or a persistent offering), so that it already has one, or give the network a `sourceNatIpAddress`. Changing it replaces the IP.",
    ),
  vpc: nonEmpty().optional().describe("The VPC to associate the IP with, by name or id (a VPC tier's IPs belong to the VPC). Changing it replaces the IP."),
  ipAddress: ipv4Address()
    .optional()
    .describe("A specific address to acquire (free, or reserved by the owner); CloudStack picks one when omitted. Changing it replaces the IP."),
  isPortable: z
    .boolean()
    .optional()
    .describe("Acquire a portable IP from the region's pool; it can move to a network in another zone with static NAT. Changing it replaces the IP."),
  regionId: z.number().int().positive().optional().describe("The region whose portable pool to use (with `isPortable`). Changing it replaces the IP."),
  forDisplay: forDisplayInput("the IP"),
  ...ownerInputs("the IP"),
  tags: tagMap().optional().describe("Resource tags. Updated in place."),
});

/** An IP as read, with the network it is associated with now (a portable IP's may differ, below). */
type PublicIp = ApiObject & { readonly [EXTRA]?: { readonly currentNetworkId: unknown; readonly currentNetworkName: unknown } };

/**
 * A portable IP moves to another network with static NAT; its `network` input says where it was
 * acquired. The move shows in associatedNetworkId, and is no reason to replace the IP.
 */
function asDeclared(ip: ApiObject, olds: PropertyMap): PublicIp {
  const moved = ip.isportable === true && typeof olds.networkId === "string" && textOrNull(ip.associatednetworkid) !== olds.networkId;
  const current = { ...ip, [EXTRA]: { currentNetworkId: ip.associatednetworkid ?? null, currentNetworkName: ip.associatednetworkname ?? null } };
  return moved ? { ...current, associatednetworkid: olds.networkId, associatednetworkname: olds.network ?? olds.networkId } : current;
}

/**
 * Rows of public IPs stay after release, in state Free (a portable one's row goes away): an IP
 * released, or released and acquired again (a different `allocated`), is gone for this resource.
 */
function readIp(client: CloudStackClient, id: string, olds: PropertyMap): Promise<PublicIp | undefined> {
  const allocatedBefore = typeof olds.allocated === "string" ? olds.allocated : undefined;
  return findById(client, "listPublicIpAddresses", id, ownerScope(olds), {
    goneWhen: (ip) =>
      ip.state === "Free" || ip.state === "Releasing" || (allocatedBefore !== undefined && textOrNull(ip.allocated) !== null && ip.allocated !== allocatedBefore),
  }).then((ip) => ip && asDeclared(ip, olds));
}

function createParams(inputs: z.infer<typeof publicIpAddressInputs>, ids: ResolvedIds): Params {
  return { ...idParams(ids), ...inputParams(inputs, "ipAddress", "isPortable", "regionId", "forDisplay"), ...ownerParams(inputs) };
}

function placementFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (!given(inputs, "zone") && !given(inputs, "network") && !given(inputs, "vpc")) {
    failures.push(failure("zone", undefined, "is required unless network or vpc is given (CloudStack needs one of zoneid, networkid or vpcid)"));
  }
  if (given(inputs, "network") && given(inputs, "vpc") && known("network") && known("vpc")) {
    // AssociateIPAddrCmd.getNetworkId() answers null whenever vpcid is given: CloudStack would
    // silently drop the network and associate the IP with the VPC.
    failures.push(
      failure(
        "vpc",
        inputs.vpc,
        "cannot be combined with network: CloudStack ignores networkid when vpcid is given and gives the IP to the VPC. Give vpc for a VPC's IP (a tier's IPs belong to its VPC), or network for another network's",
      ),
    );
  }
  if (given(inputs, "regionId") && known("regionId") && known("isPortable") && inputs.isPortable !== true) {
    failures.push(failure("regionId", inputs.regionId, "applies only to a portable IP (isPortable true)"));
  }
  return failures;
}

/** A given address is taken once: the replacement can have it only after the old one lets go. */
function sameAddress(olds: PropertyMap, news: PropertyMap): boolean {
  if (news.ipAddress === UNKNOWN) return true;
  return typeof news.ipAddress === "string" && news.ipAddress === olds.ipAddress;
}

function warnIfSourceNat(ip: ApiObject): void {
  if (ip.issourcenat !== true) return;
  warn(
    `public IP ${String(ip.ipaddress)} (${String(ip.id)}) became the source NAT IP of network ${String(ip.associatednetworkname ?? ip.associatednetworkid)}: ` +
      "the first IP of an isolated network without one takes that role. Static NAT on it is refused, and it stays with the network " +
      "when this resource is deleted. To avoid this, have the network implemented first (an instance deployed in it, or a persistent offering), " +
        "or give the network a sourceNatIpAddress.",
  );
}

export const publicIpAddressSpec = defineSpec<typeof publicIpAddressInputs, PublicIp>({
  kind: "PublicIpAddress",
  description:
    "A public IP address acquired for a network, a VPC or a zone (a basic zone's elastic IP), optionally a given address or a portable IP from the region's pool. See `isSourceNat`: the first IP of an isolated network without a source NAT IP becomes it.",
  inputs: publicIpAddressInputs,
  attributes: z.object({
    zoneId: presentText("The id of the zone."),
    networkId: text("The id of the guest network the IP was associated with."),
    vpcId: text("The id of the VPC the IP belongs to."),
    isSourceNat: z
      .boolean()
      .describe("True when the IP is its network's source NAT IP: no static NAT on it, and deleting the resource leaves it to the network (with a warning)."),
    isStaticNat: flag("True while static NAT maps the IP to an instance."),
    isSystem: flag("True for an IP CloudStack allocated itself (e.g. a basic zone instance's elastic IP)."),
    state: text("Allocating, Allocated, Releasing, Reserved or Free."),
    allocated: text("When the IP was acquired."),
    associatedNetworkId: text("The id of the guest network the IP is associated with now (a portable IP follows its static NAT)."),
    associatedNetworkName: text("The name of that network."),
    zoneName: text("The name of the zone."),
    vlanId: text("The id of the VLAN IP range the IP comes from."),
    vlanName: text("The VLAN of that range, e.g. vlan://untagged."),
    virtualMachineId: text("The instance the IP is mapped to by static NAT."),
    virtualMachineName: text("The name of that instance."),
    vmIpAddress: text("The instance's guest IP that static NAT maps to."),
    purpose: text("What the IP is used for, e.g. StaticNat."),
    physicalNetworkId: text("The id of the physical network."),
    publicNetworkId: text("The id of the zone's public network the IP comes from."),
    vpcName: text("The name of the VPC."),
    ...ownerNames,
  }),
  references: {
    zone: byName(zoneReference, "zone"),
    network: byName(guestNetworkReference, "network", "associatednetwork"),
    vpc: byName(vpcReference, "vpc"),
  },
  defaultedByCloudStack: ["zone", "network", "vpc", "ipAddress", "isPortable", "forDisplay", "account", "domainId", "projectId"],
  alwaysOutput: ["zone", "ipAddress"],
  inPlace: { forDisplay: true, tags: true },
  equal: { tags: tagsEqual },
  validate(inputs, known) {
    return [...placementFailures(inputs, known), ...ownerFailures(inputs, known)];
  },
  deleteBeforeReplace: sameAddress,
  // An association in progress ends Allocated; delete waits for it.
  transitional: (ip) => ip.state === "Allocating",

  async create(client, inputs, ids) {
    let ip = await executeForObject(client, "associateIpAddress", createParams(inputs, ids), "ipaddress");
    warnIfSourceNat(ip);
    if (inputs.tags && Object.keys(inputs.tags).length > 0) {
      const id = String(ip.id);
      try {
        await syncTags(client, "PublicIpAddress", id, {}, inputs.tags);
      } catch (err) {
        const current = await readIp(client, id, { ...inputs, ...ids }).catch(() => undefined);
        throw new PartiallyCreatedError(current ?? ip, err);
      }
      ip = { ...ip, tags: Object.entries(inputs.tags).map(([key, value]) => ({ key, value })) };
    }
    return asDeclared(ip, ids);
  },

  read: (client, id, olds) => readIp(client, id, olds),

  async update(client, id, olds, news, _ids, changed) {
    if (changed.includes("forDisplay")) {
      await client.execute("updateIpAddress", { id, fordisplay: news.forDisplay ?? true });
    }
    if (changed.includes("tags")) await syncTags(client, "PublicIpAddress", id, olds.tags, news.tags);
    const current = await readIp(client, id, olds);
    if (!current) throw new Error(`PublicIpAddress ${id} was released during its update`);
    return current;
  },

  async delete(client, id, ip) {
    // CloudStack refuses to release a source NAT IP; it goes away with its network.
    if (ip.issourcenat === true) {
      warn(
        `public IP ${String(ip.ipaddress)} (${id}) is the source NAT IP of network ${String(ip.associatednetworkname ?? ip.associatednetworkid)}: ` +
          "CloudStack does not release it on its own, so it stays with the network and goes away when the network is deleted.",
      );
      return;
    }
    await client.execute("disassociateIpAddress", { id });
  },

  inputsOf(ip, olds) {
    return { ...keptAsWritten(olds, "regionId"), ...currentOwner(ip, olds), tags: tagsOf(ip) };
  },

  attributesOf(ip) {
    return {
      networkId: textOrNull(ip.associatednetworkid),
      vpcId: textOrNull(ip.vpcid),
      isSourceNat: ip.issourcenat === true,
      associatedNetworkId: textOrNull(ip[EXTRA]?.currentNetworkId) ?? textOrNull(ip.associatednetworkid),
      associatedNetworkName: textOrNull(ip[EXTRA]?.currentNetworkName) ?? textOrNull(ip.associatednetworkname),
      publicNetworkId: textOrNull(ip.networkid),
    };
  },

  errors: [
    { text: "Can't assign ip to the network directly when network belongs to VPC.Specify vpcId to associate ip address to VPC", why: "A tier's IPs belong to its VPC: give `vpc` instead of `network`." },
    { text: "In zone of type Advanced ip address can be associated only to the network of guest type Isolated with the SourceNat enabled", why: "Shared and L2 networks take no public IP; use an isolated network whose offering has SourceNat." },
    { text: "Unable to figure out zone to assign IP to. Please specify either zoneId, or networkId, or vpcId in the call", why: "Give `network`, `vpc` or `zone`." },
  ],
});
