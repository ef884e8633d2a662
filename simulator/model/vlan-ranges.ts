// VLAN IP ranges (ConfigurationManagerImpl): a zone's public ranges and shared networks' guest ranges,
// several per network and from different subnets. The rules and texts of CloudStack's
// createVlanAndPublicIpRange, updateVlanAndPublicIpRange, deleteVlanAndPublicIpRange,
// dedicatePublicIpRange and releasePublicIpRange.
import { internalError, paramError, uuidNotFound } from "../errors";
import type { Accounts } from "./accounts";
import { cidrContainsIp, cidrFromGatewayNetmask, cidrIsSubset, cidrsOverlap, ipToNumber, isValidIp, isValidNetmask, numberToIp, parseCidr } from "./cidr";
import { now } from "./dates";
import { isInVnetRange } from "./guest-vlans";
import { newUuid, nextId } from "./ids";
import { releasePublicIp } from "./range-ips";
import type { Networks } from "./networks";
import { podObjectText } from "./object-texts";
import { offeringHasService } from "./offerings";
import { SoftDeletedRecords } from "./soft-deleted";
import type { AccountRecord, DomainRecord, NetworkRecord, PodRecord, PublicIpRecord, SimulatorState, VlanIpRangeRecord, ZoneRecord } from "./records";

export type NewVlanIpRange = Omit<VlanIpRangeRecord, "uuid" | "id" | "created">;

/** Stores a range and one Free IP row per address, as savePublicIPRange does. */
export function addVlanIpRange(state: SimulatorState, fields: NewVlanIpRange): VlanIpRangeRecord {
  const range: VlanIpRangeRecord = { uuid: newUuid(), id: nextId(state, "vlan"), created: now(), ...fields };
  state.vlanIpRanges.push(range);
  addIpRows(state, range, ipToNumber(range.startIp), ipToNumber(range.endIp));
  return range;
}

function addIpRows(state: SimulatorState, range: VlanIpRangeRecord, from: number, to: number): void {
  for (let n = from; n <= to; n += 1) {
    state.publicIps.push({
      uuid: newUuid(),
      id: nextId(state, "publicIp"),
      address: numberToIp(n),
      vlanRangeUuid: range.uuid,
      zoneUuid: range.zoneUuid,
      state: "Free",
      isSourceNat: false,
    });
  }
}

/** A public range for a seeded zone (e.g. a basic zone's elastic IPs), with no API checks. */
export function seedPublicRange(
  state: SimulatorState,
  zoneUuid: string,
  range: { gateway: string; netmask: string; startIp: string; endIp: string; vlan?: string },
): VlanIpRangeRecord {
  const pnet = state.physicalNetworks.find((p) => p.zoneUuid === zoneUuid);
  if (!pnet) throw new Error(`zone ${zoneUuid} has no physical network`);
  return addVlanIpRange(state, {
    zoneUuid,
    physicalNetworkUuid: pnet.uuid,
    vlan: range.vlan ?? "vlan://untagged",
    gateway: range.gateway,
    netmask: range.netmask,
    startIp: range.startIp,
    endIp: range.endIp,
    forVirtualNetwork: true,
  });
}

/** Drops a deleted network's guest ranges and their IP rows (the network delete's cleanup). */
export function removeNetworkRanges(state: SimulatorState, networkUuid: string, when: string): void {
  const ranges = new Set(state.vlanIpRanges.filter((r) => r.networkUuid === networkUuid && !r.removed).map((r) => r.uuid));
  for (const r of state.vlanIpRanges) if (ranges.has(r.uuid)) r.removed = when;
  state.publicIps = state.publicIps.filter((ip) => !ranges.has(ip.vlanRangeUuid));
}

export interface CreateVlanIpRangeInput {
  zoneid?: string;
  podid?: string;
  startip?: string;
  endip?: string;
  gateway?: string;
  netmask?: string;
  vlan?: string;
  forvirtualnetwork?: boolean;
  networkid?: string;
  physicalnetworkid?: string;
  account?: string;
  domainid?: string;
  projectid?: string;
  forsystemvms?: boolean;
  ip6cidr?: string;
}

export interface UpdateVlanIpRangeInput {
  startip?: string;
  endip?: string;
  gateway?: string;
  netmask?: string;
  forsystemvms?: boolean;
}

export interface DedicateInput {
  account?: string;
  domainid: string;
  projectid?: string;
}

/** The tag part of a VLAN URI or tag: "vlan://123" and "123" are both 123. */
const vlanValue = (vlan: string): string => vlan.replace(/^vlan:\/\//i, "").toLowerCase();
const isUntagged = (vlan: string): boolean => vlanValue(vlan) === "untagged";
const toVlanUri = (vlan: string): string => (/^vlan:\/\//i.test(vlan) ? vlan : `vlan://${vlan}`);

const sameSubnet = (a: string, b: string, netmask: string): boolean => {
  const mask = ipToNumber(netmask);
  return ((ipToNumber(a) & mask) >>> 0) === ((ipToNumber(b) & mask) >>> 0);
};

export class VlanRanges extends SoftDeletedRecords<VlanIpRangeRecord> {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
  ) {
    super();
  }

  protected rows(): VlanIpRangeRecord[] {
    return this.state.vlanIpRanges;
  }

  ipsOf(range: VlanIpRangeRecord): PublicIpRecord[] {
    return this.state.publicIps.filter((ip) => ip.vlanRangeUuid === range.uuid && !ip.isPortable);
  }

  /** IPs in use: allocated, or reserved, as _publicIpAddressDao.countIPs(..., true) counts them. */
  private inUse(range: VlanIpRangeRecord): PublicIpRecord[] {
    return this.ipsOf(range).filter((ip) => ip.state !== "Free");
  }

  private zone(uuid: string): ZoneRecord | undefined {
    return this.state.zones.find((z) => z.uuid === uuid);
  }

  /** The account or domain a range is created or dedicated for (createVlanIpRange / dedicatePublicIpRange). */
  private owner(
    input: { account?: string; domainid?: string; projectid?: string },
    texts: { account: string; projectWithAccount: string },
  ): { account?: AccountRecord; domain?: DomainRecord } {
    let account: AccountRecord | undefined;
    if (input.projectid !== undefined) {
      if (input.account !== undefined) throw paramError(texts.projectWithAccount);
      const project = this.accounts.project(input.projectid);
      if (!project) throw uuidNotFound("projectid", input.projectid);
      account = this.accounts.accountOrThrow(project.accountUuid);
    }
    let domain: DomainRecord | undefined;
    if (input.domainid !== undefined) {
      domain = this.accounts.domain(input.domainid);
      if (!domain) throw uuidNotFound("domainid", input.domainid);
    }
    if (input.account !== undefined && domain !== undefined) {
      account = this.state.accounts.find((a) => a.name === input.account && a.domainUuid === domain?.uuid && a.type !== 5 && a.state === "enabled");
      if (!account) throw paramError(texts.account);
      return { account };
    }
    return account ? { account } : { domain };
  }

  create(input: CreateVlanIpRangeInput): VlanIpRangeRecord {
    let network: NetworkRecord | undefined;
    if (input.networkid !== undefined) {
      network = this.networks.find(input.networkid);
      if (!network) throw uuidNotFound("networkid", input.networkid);
    }
    let zoneUuid = network?.zoneUuid ?? input.zoneid;
    if (input.zoneid !== undefined && !this.zone(input.zoneid)) throw uuidNotFound("zoneid", input.zoneid);
    let pnetUuid = network?.physicalNetworkUuid;
    const forVirtualNetwork = input.forvirtualnetwork ?? true;
    const forSystemVms = input.forsystemvms ?? false;

    if (forSystemVms && input.account !== undefined) {
      throw paramError("Account name should not be provided when ForSystemVMs is enabled");
    }
    if (input.ip6cidr !== undefined) throw paramError("IPv6 ranges are not modelled by the simulator");
    const startIp = input.startip;
    if (startIp === undefined) throw paramError("StartIP or IPv6 CIDR is missing in the parameters!");
    const endIp = input.endip ?? startIp;
    const { account: owner, domain } = this.owner(input, {
      account: "Please specify a valid account.",
      projectWithAccount: "Account and projectId are mutually exclusive",
    });
    const vlanOwner = owner && owner.uuid === this.accounts.systemAccount().uuid ? undefined : owner;

    if (input.physicalnetworkid !== undefined) {
      const pnet = this.state.physicalNetworks.find((p) => p.uuid === input.physicalnetworkid);
      if (!pnet) throw uuidNotFound("physicalnetworkid", input.physicalnetworkid);
      pnetUuid = pnet.uuid;
      zoneUuid = zoneUuid ?? pnet.zoneUuid;
    }
    const zone = zoneUuid !== undefined ? this.zone(zoneUuid) : undefined;
    if (!zone) throw paramError("Gateway, netmask and zoneId have to be passed in for virtual and direct untagged networks");
    if (pnetUuid === undefined) {
      if (forVirtualNetwork || zone.networkType === "Basic" || zone.securityGroupsEnabled) {
        pnetUuid = this.state.physicalNetworks.find((p) => p.zoneUuid === zone.uuid)?.uuid;
      } else {
        throw paramError("Physical Network Id is null, please provide the Network id for Direct vlan creation ");
      }
    }
    const pnet = this.state.physicalNetworks.find((p) => p.uuid === pnetUuid);
    if (!pnet) throw paramError("Please specify a valid physical network id");

    if (zone.securityGroupsEnabled && zone.networkType !== "Basic" && forVirtualNetwork) {
      throw paramError("Can't add virtual IP range into a zone with security group enabled");
    }
    if (forVirtualNetwork) {
      if (network) throw paramError(`Can't find Public network ${network.uuid}`);
    } else {
      if (!network) {
        if (zone.networkType === "Basic") network = this.exclusiveGuestNetwork(zone);
        else throw paramError("Network id is required for Direct vlan creation ");
      } else if (network.guestType === "Isolated" && offeringHasService(this.networks.offeringOf(network), "SourceNat")) {
        throw paramError(`Can't create direct vlan for network ${network.uuid} with type: Isolated`);
      }
      if (!this.networks.offeringOf(network).specifyIpRanges) throw paramError(`Network ${network.uuid} doesn't support adding IP ranges`);
    }

    let vlan = input.vlan !== undefined ? toVlanUri(input.vlan) : network ? undefined : "vlan://untagged";
    let gateway = input.gateway;
    let netmask = input.netmask;
    if (network && (zone.networkType === "Advanced" || zone.networkType === "Basic")) {
      if (zone.networkType === "Advanced" && network.guestType !== "Shared") {
        throw paramError(
          `Can execute createVLANIpRanges on shared guest Network, but type of this guest Network ${network.uuid} is ${network.guestType}`,
        );
      }
      const existing = this.live().filter((r) => r.networkUuid === network?.uuid);
      if (existing.length > 0) {
        if (vlan === undefined || isUntagged(vlan)) vlan = existing[0].vlan;
        else if (vlanValue(existing[0].vlan) !== vlanValue(vlan)) {
          throw paramError(
            `there is already one vlan ${existing[0].vlan} on network :${network.uuid}, only one vlan is allowed on guest network`,
          );
        }
      }
      const subnet = this.validateIpRange(startIp, endIp, gateway, netmask, existing, network);
      gateway = subnet.gateway;
      netmask = subnet.netmask;
    }
    this.checkOverlapPrivateIpRange(zone, startIp, endIp);
    const pod = input.podid === undefined ? undefined : this.podFor(input.podid, zone, forVirtualNetwork);
    if (network) {
      const networkVlan = network.vlan !== undefined ? `vlan://${network.vlan}` : undefined;
      if (vlan !== undefined && networkVlan !== undefined && vlanValue(vlan) !== vlanValue(networkVlan)) {
        throw paramError("Vlan doesn't match vlan of the network");
      }
      vlan = networkVlan ?? vlan;
    }
    const vlanUri = vlan ?? "vlan://untagged";

    if ((vlanOwner || domain) && zone.networkType !== "Advanced") {
      throw paramError("Vlan owner can be defined only in the zone of type Advanced");
    }
    if (gateway === undefined || !isValidIp(gateway)) throw paramError("Please specify a valid gateway");
    if (netmask === undefined || !isValidNetmask(netmask)) throw paramError("Please specify a valid netmask");
    if (!isValidIp(startIp)) throw paramError("Please specify a valid start IP");
    if (!isValidIp(endIp)) throw paramError("Please specify a valid end IP");
    const cidr = cidrFromGatewayNetmask(gateway, netmask);
    if (!cidrContainsIp(cidr, gateway) || !cidrContainsIp(cidr, startIp) || !cidrContainsIp(cidr, endIp)) {
      throw paramError("Please specify a valid IP range or valid netmask or valid gateway");
    }
    const guestCidr = zone.guestCidr === undefined ? undefined : parseCidr(zone.guestCidr);
    const numericTag = /^\d+$/.test(vlanValue(vlanUri)) ? Number(vlanValue(vlanUri)) : undefined;
    if (guestCidr && cidrsOverlap(cidr, guestCidr) && numericTag !== undefined && isInVnetRange(pnet, numericTag)) {
      throw paramError(
        `The new IP range you have specified has  overlapped with the guest network in zone: ${zone.name}along with existing Vlan also. Please specify a different gateway/netmask`,
      );
    }
    this.checkPublicIpRangeErrors(gateway, netmask, startIp, endIp);
    this.checkConflictsWithPortableIpRange(startIp, endIp, numericTag);
    const sharedWithoutSpecifyVlan = network !== undefined && !this.networks.offeringOf(network).specifyVlan;
    if (!sharedWithoutSpecifyVlan) this.checkZoneVlanIpOverlap(zone, network, vlanUri, gateway, netmask, startIp, endIp);
    if (!sharedWithoutSpecifyVlan && numericTag !== undefined && isInVnetRange(pnet, numericTag)) {
      throw paramError(`The VLAN tag ${vlanUri} is already being used for dynamic vlan allocation for the guest network in zone ${zone.name}`);
    }

    return addVlanIpRange(this.state, {
      zoneUuid: zone.uuid,
      physicalNetworkUuid: pnet.uuid,
      networkUuid: forVirtualNetwork ? undefined : network?.uuid,
      podUuid: pod?.uuid,
      vlan: vlanUri,
      gateway,
      netmask,
      startIp,
      endIp,
      forVirtualNetwork,
      forSystemVms: forSystemVms || undefined,
      accountUuid: vlanOwner?.uuid,
      dedicatedDomainUuid: !vlanOwner && domain && !forSystemVms ? domain.uuid : undefined,
    });
  }

  /** NetworkModelImpl.getExclusiveGuestNetwork: a basic zone's one shared guest network of the system account. */
  private exclusiveGuestNetwork(zone: ZoneRecord): NetworkRecord {
    const system = this.accounts.systemAccount().uuid;
    const found = this.networks.live().filter((n) => n.zoneUuid === zone.uuid && n.guestType === "Shared" && n.accountUuid === system);
    if (found.length === 0) throw paramError(`Unable to find network with trafficType Guest and guestType Shared in zone ${zone.id}`);
    if (found.length > 1) throw paramError(`Found more than 1 network with trafficType Guest and guestType Shared in zone ${zone.id}`);
    return found[0];
  }

  /** checkOverlapPrivateIpRange: no address of the range may be one of a pod's management addresses. */
  private checkOverlapPrivateIpRange(zone: ZoneRecord, startIp: string, endIp: string): void {
    if (!isValidIp(startIp) || !isValidIp(endIp)) return;
    for (const pod of this.state.pods.filter((p) => p.zoneUuid === zone.uuid)) {
      if (ipToNumber(startIp) <= ipToNumber(pod.endIp) && ipToNumber(pod.startIp) <= ipToNumber(endIp)) {
        throw paramError(`The Start IP and EndIP address range overlap with private IP :${pod.startIp}:${pod.endIp}`);
      }
    }
  }

  /** createVlanAndPublicIpRange's pod checks: a pod of the zone, and only for a basic zone's guest range. */
  private podFor(podUuid: string, zone: ZoneRecord, forVirtualNetwork: boolean): PodRecord {
    const pod = this.state.pods.find((p) => p.uuid === podUuid);
    if (!pod) throw paramError("Please specify a valid pod.");
    if (pod.zoneUuid !== zone.uuid) throw paramError(`Pod ${podObjectText(pod)} doesn't belong to zone id=${zone.id}`);
    if (zone.networkType !== "Basic" || forVirtualNetwork) {
      throw paramError("Pod id can be specified only for the networks of type Guest in zone of type Basic");
    }
    return pod;
  }

  /** validateIpRange / hasSameSubnet: a range joins an existing subnet of the network or starts a new one. */
  private validateIpRange(
    startIp: string,
    endIp: string,
    gateway: string | undefined,
    netmask: string | undefined,
    existing: VlanIpRangeRecord[],
    network: NetworkRecord,
  ): { gateway?: string; netmask?: string } {
    const subnets: Array<{ gateway: string; netmask: string }> =
      existing.length > 0
        ? existing.map((r) => ({ gateway: r.gateway, netmask: r.netmask }))
        : network.gateway !== undefined && this.networks.netmaskOf(network) !== undefined
          ? [{ gateway: network.gateway, netmask: this.networks.netmaskOf(network) as string }]
          : [];
    let same: { gateway: string; netmask: string } | undefined;
    for (const s of subnets) {
      if (this.hasSameSubnet(s.gateway, s.netmask, gateway, netmask, startIp, endIp)) {
        same = s;
        break;
      }
    }
    if (gateway === undefined && netmask === undefined && !same) {
      throw paramError(
        "The IP range dose not belong to any of the existing subnets, Provide the netmask and gateway if you want to add new subnet",
      );
    }
    const details = same ?? { gateway, netmask };
    if (details.gateway !== undefined && isValidIp(details.gateway) && isValidIp(startIp) && isValidIp(endIp)) {
      const g = ipToNumber(details.gateway);
      if (g >= ipToNumber(startIp) && g <= ipToNumber(endIp)) {
        throw paramError("The gateway ip should not be the part of the ip range being added.");
      }
    }
    return details;
  }

  private hasSameSubnet(
    vlanGateway: string,
    vlanNetmask: string,
    newGateway: string | undefined,
    newNetmask: string | undefined,
    startIp: string,
    endIp: string,
  ): boolean {
    if (!isValidIp(startIp) || !isValidIp(endIp)) return false;
    if (newGateway === undefined && newNetmask === undefined) {
      return sameSubnet(startIp, vlanGateway, vlanNetmask) && sameSubnet(endIp, vlanGateway, vlanNetmask);
    }
    if (newGateway === undefined || newNetmask === undefined) {
      throw paramError("either both netmask and gateway should be passed or both should me omited.");
    }
    if (!isValidIp(newGateway) || !isValidNetmask(newNetmask)) return false;
    if (!sameSubnet(startIp, newGateway, newNetmask)) throw paramError("The start IP and gateway do not belong to the same subnet");
    if (!sameSubnet(endIp, newGateway, newNetmask)) throw paramError("The end IP and gateway do not belong to the same subnet");
    const added = cidrFromGatewayNetmask(newGateway, newNetmask);
    const existing = cidrFromGatewayNetmask(vlanGateway, vlanNetmask);
    const equal = added.first === existing.first && added.last === existing.last;
    if (!equal && cidrIsSubset(existing, added)) {
      throw paramError(`The subnet you are trying to add is a superset of the existing subnet having gateway ${vlanGateway} and netmask ${vlanNetmask}`);
    }
    if (!equal && cidrIsSubset(added, existing)) {
      throw paramError(`The subnet you are trying to add is a subset of the existing subnet having gateway ${vlanGateway} and netmask ${vlanNetmask}`);
    }
    if (!equal) return false;
    if (newGateway !== vlanGateway) throw paramError(`The gateway of the subnet should be unique. The subnet already has a gateway ${vlanGateway}`);
    return true;
  }

  private checkPublicIpRangeErrors(gateway: string, netmask: string, startIp: string, endIp: string): void {
    if (ipToNumber(startIp) > ipToNumber(endIp)) throw paramError("Please specify a valid IP range.");
    if (!sameSubnet(startIp, endIp, netmask)) {
      throw paramError("Please ensure that your start IP and end IP are in the same subnet, as per the IP range's netmask.");
    }
    if (!sameSubnet(startIp, gateway, netmask)) {
      throw paramError("Please ensure that your start IP is in the same subnet as your IP range's gateway, as per the IP range's netmask.");
    }
    if (!sameSubnet(endIp, gateway, netmask)) {
      throw paramError("Please ensure that your end IP is in the same subnet as your IP range's gateway, as per the IP range's netmask.");
    }
    const cidr = cidrFromGatewayNetmask(gateway, netmask);
    const g = ipToNumber(gateway);
    if (cidr.prefix !== 31 && g >= ipToNumber(startIp) && g <= ipToNumber(endIp)) {
      throw paramError("The gateway ip should not be the part of the ip range being added.");
    }
  }

  private checkConflictsWithPortableIpRange(startIp: string, endIp: string, numericTag: number | undefined): void {
    const s = ipToNumber(startIp);
    const e = ipToNumber(endIp);
    for (const p of this.state.portableIpRanges) {
      if (s <= ipToNumber(p.endIp) && ipToNumber(p.startIp) <= e) {
        throw paramError(`Ip range: ${startIp}-${endIp} overlaps with a portable IP range already configured in the region ${p.regionId}`);
      }
      if (numericTag !== undefined && p.vlan !== undefined && vlanValue(p.vlan) === String(numericTag)) {
        throw paramError(`The VLAN tag ${numericTag} is already being used for portable ip range in this region`);
      }
    }
  }

  /** checkZoneVlanIpOverlap: ranges of the zone whose subnets overlap the new one. */
  private checkZoneVlanIpOverlap(
    zone: ZoneRecord,
    network: NetworkRecord | undefined,
    vlanUri: string,
    gateway: string,
    netmask: string,
    startIp: string,
    endIp: string,
  ): void {
    const cidr = cidrFromGatewayNetmask(gateway, netmask);
    for (const other of this.live().filter((r) => r.zoneUuid === zone.uuid)) {
      if (!cidrsOverlap(cidr, cidrFromGatewayNetmask(other.gateway, other.netmask))) continue;
      if (isUntagged(vlanUri) || vlanValue(vlanUri) === vlanValue(other.vlan)) {
        if (gateway !== other.gateway || netmask !== other.netmask) {
          throw paramError(
            `The IP range has already been added with gateway ${other.gateway} ,and netmask ${other.netmask}, Please specify the gateway/netmask if you want to extend ip range`,
          );
        }
        if (cidr.prefix !== 31 && ipToNumber(startIp) <= ipToNumber(other.endIp) && ipToNumber(other.startIp) <= ipToNumber(endIp)) {
          throw paramError("The IP range already has IPs that overlap with the new range. Please specify a different start IP/end IP.");
        }
      } else if (network === undefined || other.forVirtualNetwork) {
        throw paramError(
          `The IP range with tag: ${other.vlan} in zone ${zone.name} has overlapped with the subnet. Please specify a different gateway/netmask.`,
        );
      }
    }
  }

  update(range: VlanIpRangeRecord, input: UpdateVlanIpRangeInput): VlanIpRangeRecord {
    if (range.removed) throw paramError("Please specify a valid IP range id.");
    const rows = this.ipsOf(range);
    const isForSystemVms = range.forSystemVms ?? false;
    if (input.forsystemvms !== undefined && input.forsystemvms !== isForSystemVms) {
      if (!range.forVirtualNetwork) throw paramError("forSystemVms is not available for this IP range with vlan type: DirectAttached");
      if (range.accountUuid) throw paramError("Specified Public IP range has already been dedicated to an account");
      if (range.dedicatedDomainUuid) throw paramError("Specified Public IP range has already been dedicated to a domain");
    }
    const allocated = rows.filter((ip) => ip.state === "Allocated").sort((a, b) => ipToNumber(a.address) - ipToNumber(b.address));
    if (input.gateway !== undefined && input.gateway !== range.gateway && allocated.length > 0) {
      throw paramError(`Unable to change gateway to ${input.gateway} because some IPs are in use`);
    }
    if (input.netmask !== undefined && input.netmask !== range.netmask && allocated.length > 0) {
      throw paramError(`Unable to change netmask to ${input.netmask} because some IPs are in use`);
    }
    const gateway = input.gateway ?? range.gateway;
    const netmask = input.netmask ?? range.netmask;
    const startIp = input.startip ?? range.startIp;
    const endIp = input.endip ?? range.endIp;
    if (!isValidIp(gateway) || !isValidNetmask(netmask)) throw paramError(`Invalid gateway (${gateway}) or netmask (${netmask})`);
    const cidr = cidrFromGatewayNetmask(gateway, netmask);
    if (!isValidIp(startIp)) throw paramError("The start address of the IP range is not a valid IP address.");
    if (!isValidIp(endIp)) throw paramError("The end address of the IP range is not a valid IP address.");
    if (!cidrContainsIp(cidr, startIp)) throw paramError("The start address of the IP range is not in the CIDR subnet.");
    if (!cidrContainsIp(cidr, endIp)) throw paramError("The end address of the IP range is not in the CIDR subnet.");
    if (ipToNumber(startIp) > ipToNumber(endIp)) throw paramError("The start IP address must have a lower value than the end IP address.");
    const g = ipToNumber(gateway);
    if (g >= ipToNumber(startIp) && g <= ipToNumber(endIp)) throw paramError("The gateway shouldn't overlap the new start/end ip addresses");
    for (const ip of allocated) {
      const n = ipToNumber(ip.address);
      if (n < ipToNumber(startIp) || n > ipToNumber(endIp)) {
        throw paramError(
          `The start IP address must be less than or equal to ${allocated[0].address} which is already in use. The end IP address must be greater than or equal to ${allocated[allocated.length - 1].address} which is already in use. There are ${allocated.length} IPs already allocated in this range.`,
        );
      }
      if (input.forsystemvms !== undefined && input.forsystemvms !== isForSystemVms) {
        throw paramError(`IP ${ip.address} is in use, cannot change forSystemVms of the IP range`);
      }
    }
    const keepFrom = ipToNumber(startIp);
    const keepTo = ipToNumber(endIp);
    // Rows that are not Free outside the new bounds cannot be deleted (IPRangeConfig reports them).
    if (rows.some((ip) => ip.state !== "Free" && (ipToNumber(ip.address) < keepFrom || ipToNumber(ip.address) > keepTo))) {
      throw internalError("Failed to edit VlanRange. Please contact Cloud Support.");
    }
    // Rows outside the new bounds go (only Free ones can be outside: checked above); new addresses get rows.
    this.state.publicIps = this.state.publicIps.filter((ip) => {
      if (ip.vlanRangeUuid !== range.uuid) return true;
      const n = ipToNumber(ip.address);
      return n >= keepFrom && n <= keepTo;
    });
    const oldFrom = ipToNumber(range.startIp);
    const oldTo = ipToNumber(range.endIp);
    if (keepFrom < oldFrom) addIpRows(this.state, range, keepFrom, Math.min(keepTo, oldFrom - 1));
    if (keepTo > oldTo) addIpRows(this.state, range, Math.max(keepFrom, oldTo + 1), keepTo);
    range.gateway = gateway;
    range.netmask = netmask;
    range.startIp = startIp;
    range.endIp = endIp;
    if (input.forsystemvms !== undefined) range.forSystemVms = input.forsystemvms || undefined;
    return range;
  }

  /**
   * FirewallRulesDao.countRulesByIpId > 0: the IP has rows in firewall_rules, which holds
   * firewall, port forwarding and load balancing rules alike, in any state.
   */
  private hasRules(ip: PublicIpRecord): boolean {
    const on = (r: { ipUuid?: string }): boolean => r.ipUuid === ip.uuid;
    return this.state.firewallRules.some(on) || this.state.portForwardingRules.some(on) || this.state.loadBalancerRules.some(on);
  }

  delete(range: VlanIpRangeRecord): void {
    if (range.removed) throw paramError("Please specify a valid IP range id.");
    const rows = this.ipsOf(range);
    if (range.accountUuid) {
      for (const ip of rows) {
        if (ip.staticNat) {
          throw paramError(
            `Can't delete account specific vlan ${range.uuid} as ip ${ip.address} belonging to the range is used for static nat purposes. Cleanup the rules first`,
          );
        }
        if (ip.isSourceNat) {
          const network = ip.associatedNetworkUuid !== undefined ? this.networks.find(ip.associatedNetworkUuid) : undefined;
          throw paramError(
            `Can't delete account specific vlan ${range.uuid} as ip ${ip.address} belonging to the range is a source nat ip for the network id=${network?.id ?? 0}. IP range with the source nat ip address can be removed either as a part of Network, or account removal`,
          );
        }
        if (this.hasRules(ip)) {
          throw paramError(
            `Can't delete account specific vlan ${range.uuid} as ip ${ip.address} belonging to the range has firewall rules applied. Cleanup the rules first`,
          );
        }
      }
      for (const ip of rows) if (ip.state !== "Free") releasePublicIp(this.state, ip);
    } else {
      const used = this.inUse(range).length;
      // Two spaces, as CloudStack writes it (ConfigurationManagerImpl.deleteVlanAndPublicIpRange).
      if (used > 0) throw paramError(`${used}  Ips are in use. Cannot delete this vlan`);
    }
    range.removed = now();
    this.state.publicIps = this.state.publicIps.filter((ip) => ip.vlanRangeUuid !== range.uuid || ip.isPortable);
  }

  dedicate(range: VlanIpRangeRecord, input: DedicateInput): VlanIpRangeRecord {
    const { account, domain } = this.owner(input, {
      account: `Unable to find account by name ${input.account ?? "null"}`,
      projectWithAccount: "accountName and projectId are mutually exclusive",
    });
    if (account && account.uuid === this.accounts.systemAccount().uuid) {
      throw paramError("Please specify a valid account. Cannot dedicate IP range to system account");
    }
    if (range.removed) throw paramError(`Unable to find vlan by id ${range.id}`);
    if (range.accountUuid) throw paramError("Specified Public IP range has already been dedicated");
    if (range.dedicatedDomainUuid) throw paramError("Specified Public IP range has already been dedicated to a domain");
    const zone = this.zone(range.zoneUuid);
    if (zone?.networkType === "Basic") throw paramError("Public IP range can be dedicated to an account only in the zone of type Advanced");
    for (const ip of this.ipsOf(range)) {
      if (range.forSystemVms) throw paramError(`${ip.address} Public IP address in range is dedicated to system vms `);
      if (ip.accountUuid === undefined) continue;
      // The trailing space is CloudStack's own (ConfigurationManagerImpl.dedicatePublicIpRange).
      if (account && ip.accountUuid !== account.uuid) throw paramError(`${ip.address} Public IP address in range is allocated to another account `);
      const holder = this.accounts.account(ip.accountUuid);
      if (!account && domain && holder?.domainUuid !== domain.uuid) {
        throw paramError(`${ip.address} Public IP address in range is allocated to another domain/account `);
      }
    }
    if (account) range.accountUuid = account.uuid;
    else if (domain) range.dedicatedDomainUuid = domain.uuid;
    return range;
  }

  release(range: VlanIpRangeRecord): void {
    if (range.removed) throw paramError("Please specify a valid IP range id.");
    if (!range.accountUuid && !range.dedicatedDomainUuid) {
      throw paramError(`Can't release Public IP range ${range.id} as it not dedicated to any domain and any account`);
    }
    if (range.accountUuid) {
      // IPs without static NAT, source NAT or rules go back to the system pool.
      for (const ip of this.inUse(range)) if (!ip.staticNat && !ip.isSourceNat && !this.hasRules(ip)) releasePublicIp(this.state, ip);
      range.accountUuid = undefined;
    } else {
      range.dedicatedDomainUuid = undefined;
    }
  }
}
