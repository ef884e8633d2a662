// Guest networks and CloudStack's rules for them: creation checks of
// NetworkServiceImpl.createGuestNetwork and NetworkOrchestrator.createGuestNetwork, the state
// machine (implement / shutdown / destroy), updateNetwork with IP reservation, restart, delete.
import { ApiError, internalError, paramError, permissionError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import {
  cidrContainsIp,
  cidrFromGatewayNetmask,
  cidrIsSubset,
  cidrToString,
  cidrsOverlap,
  ipToNumber,
  isGuestCidrCompliant,
  isValidIp,
  isValidNetmask,
  parseCidr,
  type Cidr,
} from "./cidr";
import { configValue, guestCidrComplianceChecked } from "./config";
import { now } from "./dates";
import { allocateGuestVlan } from "./dedication";
import { isInVnetRange, releaseVnet } from "./guest-vlans";
import { newUuid, nextId } from "./ids";
import { allocateSourceNatIp, moveSourceNatIp, releaseNetworkIps, sourceNatIpOf } from "./range-ips";
import { offeringCapabilities, offeringHasService, providerCapabilities } from "./offerings";
import { SoftDeletedRecords } from "./soft-deleted";
import type { AccountRecord, NetworkOfferingRecord, NetworkRecord, PhysicalNetworkRecord, SimulatorState, ZoneRecord } from "./records";
import { addVlanIpRange, removeNetworkRanges } from "./vlan-ranges";
import { pvlanOverlaps, pvlanUri, requestedPrivateVlan, vlanUsedByPvlan, type PrivateVlan, type PvlanType } from "./private-vlans";


/** DataCenterVO.toString(), as CloudStack's texts print a zone with %s. */
export const zoneText = (zone: ZoneRecord): string => `Zone {"id": "${zone.id}", "name": "${zone.name}", "uuid": "${zone.uuid}"}`;

export interface CreateNetworkInput {
  name: string;
  displaytext?: string;
  networkofferingid: string;
  zoneid: string;
  physicalnetworkid?: string;
  gateway?: string;
  netmask?: string;
  startip?: string;
  endip?: string;
  isolatedpvlan?: string;
  isolatedpvlantype?: string;
  networkdomain?: string;
  acltype?: string;
  account?: string;
  domainid?: string;
  projectid?: string;
  subdomainaccess?: boolean;
  vpcid?: string;
  aclid?: string;
  displaynetwork?: boolean;
  dns1?: string;
  dns2?: string;
  vlan?: string;
  bypassvlanoverlapcheck?: boolean;
  externalid?: string;
  publicmtu?: number;
  privatemtu?: number;
  sourcenatipaddress?: string;
}

export interface UpdateNetworkInput {
  name?: string;
  displaytext?: string;
  networkdomain?: string;
  networkofferingid?: string;
  guestvmcidr?: string;
  displaynetwork?: boolean;
  dns1?: string;
  dns2?: string;
  changecidr?: boolean;
  sourcenatipaddress?: string;
}

export interface DeleteNetworkInput {
  forced?: boolean;
}

export const DOMAIN_NAME_TEXT =
  "Invalid network domain. Total length shouldn't exceed 190 chars. Each domain label must be between 1 and 63 characters long, can contain ASCII letters 'a' through 'z', the digits '0' through '9', and the hyphen ('-'); can't start or end with \"-\"";

/** NetUtils.verifyDomainName. */
export function isValidDomainName(name: string): boolean {
  if (name.length === 0 || name.length > 190) return false;
  return name.split(".").every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

/** NetUtils.getIpRangeFromCidr: the usable addresses, network and broadcast excluded. */
function usableRange(c: Cidr): [number, number] {
  return c.prefix >= 31 ? [c.first, c.last] : [c.first + 1, c.last - 1];
}

const numberToIp = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");

/** The reservediprange CloudStack reports (ApiResponseHelper.createNetworkResponse). */
export function reservedIpRange(network: NetworkRecord): string | undefined {
  if (!network.cidr || !network.networkCidr) return undefined;
  const vm = parseCidr(network.cidr);
  const guest = parseCidr(network.networkCidr);
  if (!vm || !guest || !cidrIsSubset(vm, guest)) return undefined;
  const [startGuest, endGuest] = usableRange(guest);
  const [startVm, endVm] = usableRange(vm);
  let reservation: string | undefined;
  if (startVm === startGuest && endVm < endGuest - 1) reservation = `${numberToIp(endVm + 1)}-${numberToIp(endGuest)}`;
  if (endVm === endGuest && startVm > startGuest + 1) reservation = `${numberToIp(startGuest)}-${numberToIp(startVm - 1)}`;
  if (startVm > startGuest + 1 && endVm < endGuest - 1) {
    reservation = `${numberToIp(startGuest)}-${numberToIp(startVm - 1)} ,  ${numberToIp(endVm + 1)}-${numberToIp(endGuest)}`;
  }
  return reservation;
}

/** The facts of a would-be VPC tier that the VPC rules check. */
export interface NewTierCheck {
  vpcUuid: string;
  zoneUuid: string;
  ownerAccountUuid: string;
  offering: NetworkOfferingRecord;
  cidr?: Cidr;
  gateway?: string;
  networkDomain?: string;
  aclUuid?: string;
}

/** What VPC tiers need from the VPC model (model/vpcs.ts), attached once both exist. */
export interface VpcTierRules {
  resolveVpc(param: string, uuid: string): void;
  resolveAcl(param: string, uuid: string): void;
  /** CloudStack's tier checks; returns the tier's network domain. */
  checkNewTier(caller: Caller, check: NewTierCheck): { networkDomain: string };
  checkTierOfferingChange(tier: NetworkRecord, offering: NetworkOfferingRecord): void;
}

/** createNetwork's acltype and what follows from it. */
interface AclScope {
  aclType: "Account" | "Domain";
  /** The owner: the system account for a Domain network. */
  owner: AccountRecord;
  sharedDomainUuid?: string;
  subdomainAccess?: boolean;
}

/** The addressing a createNetwork asks for; cidr is set when gateway and netmask are given. */
interface RequestedAddressing {
  gateway?: string;
  netmask?: string;
  startIp?: string;
  endIp?: string;
  cidr?: Cidr;
}

/** What createNetwork has decided by the time it builds the row. */
interface NetworkPlan {
  zone: ZoneRecord;
  pnet: PhysicalNetworkRecord;
  offering: NetworkOfferingRecord;
  owner: AccountRecord;
  scope: AclScope;
  addressing: RequestedAddressing;
  createVlan: boolean;
  vlanTag?: string;
  pvlan?: PrivateVlan;
  networkDomain?: string;
}

export class Networks extends SoftDeletedRecords<NetworkRecord> {
  /** Set by the model: without it every vpcid is an unknown id. */
  vpcTiers?: VpcTierRules;

  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
  ) {
    super();
  }

  protected rows(): NetworkRecord[] {
    return this.state.networks;
  }

  /** A live offering: a deleted one names no new network. */
  offering(uuid: string): NetworkOfferingRecord | undefined {
    return this.state.networkOfferings.find((o) => o.uuid === uuid && !o.removed);
  }

  offeringOf(network: NetworkRecord): NetworkOfferingRecord {
    const o = this.state.networkOfferings.find((offering) => offering.uuid === network.offeringUuid);
    if (!o) throw new Error(`network ${network.uuid} refers to a missing offering`);
    return o;
  }

  zoneOf(network: NetworkRecord): ZoneRecord {
    const z = this.state.zones.find((zone) => zone.uuid === network.zoneUuid);
    if (!z) throw new Error(`network ${network.uuid} refers to a missing zone`);
    return z;
  }

  physicalNetworkOf(network: NetworkRecord): PhysicalNetworkRecord {
    const p = this.state.physicalNetworks.find((pn) => pn.uuid === network.physicalNetworkUuid);
    if (!p) throw new Error(`network ${network.uuid} refers to a missing physical network`);
    return p;
  }

  /** The broadcast URI CloudStack shows root admins (vlan://<tag>, pvlan://<tag>-i<secondary>). */
  broadcastUri(network: NetworkRecord): string | undefined {
    if (network.vlan === undefined) return undefined;
    if (network.isolatedPvlan) {
      return pvlanUri(network.vlan, { secondary: network.isolatedPvlan, type: (network.isolatedPvlanType ?? "Isolated") as PvlanType });
    }
    return network.vlan === "untagged" ? "vlan://untagged" : `vlan://${network.vlan}`;
  }

  /** Services with the capabilities their provider advertises, Gateway left out, as networks report them. */
  services(network: NetworkRecord): Array<{ name: string; providers: string[]; capabilities: Array<{ name: string; value: string }> }> {
    return this.offeringOf(network)
      .services.filter((s) => s.name !== "Gateway")
      .map((s) => {
        const offering = this.offeringOf(network);
        return { name: s.name, providers: s.providers, capabilities: offering.serviceCapabilities?.[s.name] ?? providerCapabilities(s.name) };
      });
  }

  /**
   * createNetwork, in CloudStack's order of checks (NetworkServiceImpl.createGuestNetwork, then
   * NetworkOrchestrator.createGuestNetwork): each step throws the error CloudStack would throw first.
   */
  create(caller: Caller, input: CreateNetworkInput): NetworkRecord {
    const { offering, zone, givenPnet } = this.resolveCreateIds(input);
    const { owner: requestedOwner, pnet } = this.ownerAndPhysicalNetwork(caller, input, zone, givenPnet);
    const scope = this.aclScope(caller, input, offering, requestedOwner);
    const { owner } = scope;
    const addressing = this.requestedAddressing(input, offering, requestedOwner);
    const pvlan = this.checkVlanRights(caller, input, zone, offering, addressing.cidr);
    const { hasSourceNat, createVlan } = this.checkSourceNatAndRange(input, zone, offering, addressing);
    const tierDomain = this.checkTier(caller, input, zone, offering, owner, addressing);
    const vlan = zone.networkType === "Basic" ? this.basicZoneVlan(input, zone, offering, scope) : input.vlan;
    const vlanTag = this.guestVlanTag(input, vlan, zone, offering, pnet, pvlan);
    if (zone.networkType === "Basic" && addressing.cidr) throw paramError("StartIp/endIp/gateway/netmask can't be specified for zone of type Basic");
    const networkDomain = tierDomain ?? this.networkDomainOf(input, zone, offering, owner);
    this.checkGuestCidr(zone, offering, hasSourceNat, createVlan, addressing, vlanTag);
    // NetworkOrchestrator.createGuestNetwork, once NetworkServiceImpl's checks have passed.
    if (offering.state !== "Enabled") {
      throw new ApiError(431, "Can't use specified network offering id as its state is not Enabled", 4350, [{ uuid: offering.uuid, description: "networkOfferingId" }]);
    }
    const plan: NetworkPlan = { zone, pnet, offering, owner, scope, addressing, createVlan, vlanTag, pvlan, networkDomain };
    const network = this.newNetworkRecord(input, plan);
    this.commitNetwork(input, network, zone, offering, owner, addressing, createVlan, vlanTag);
    return network;
  }

  /** The ids a createNetwork names must resolve before any rule is checked. */
  private resolveCreateIds(input: CreateNetworkInput): { offering: NetworkOfferingRecord; zone: ZoneRecord; givenPnet?: PhysicalNetworkRecord } {
    const offering = this.offering(input.networkofferingid);
    if (!offering) throw uuidNotFound("networkofferingid", input.networkofferingid);
    const zone = this.state.zones.find((z) => z.uuid === input.zoneid);
    if (!zone) throw uuidNotFound("zoneid", input.zoneid);
    let givenPnet: PhysicalNetworkRecord | undefined;
    if (input.physicalnetworkid !== undefined) {
      givenPnet = this.state.physicalNetworks.find((p) => p.uuid === input.physicalnetworkid);
      if (!givenPnet) throw uuidNotFound("physicalnetworkid", input.physicalnetworkid);
    }
    if (input.vpcid !== undefined) {
      if (!this.vpcTiers) throw uuidNotFound("vpcid", input.vpcid);
      this.vpcTiers.resolveVpc("vpcid", input.vpcid);
    }
    if (input.aclid !== undefined) {
      if (!this.vpcTiers) throw uuidNotFound("aclid", input.aclid);
      this.vpcTiers.resolveAcl("aclid", input.aclid);
    }
    return { offering, zone, givenPnet };
  }

  /** The requested owner, and the physical network: the given one, else the zone's first. */
  private ownerAndPhysicalNetwork(
    caller: Caller,
    input: CreateNetworkInput,
    zone: ZoneRecord,
    givenPnet: PhysicalNetworkRecord | undefined,
  ): { owner: AccountRecord; pnet: PhysicalNetworkRecord } {
    // domainid alone is allowed: it names the domain of a domain-wide shared network.
    if (input.domainid !== undefined && !this.accounts.domain(input.domainid)) throw uuidNotFound("domainid", input.domainid);
    const owner =
      input.account !== undefined || input.projectid !== undefined
        ? this.accounts.resolveOwner(caller, input)
        : this.accounts.callerAccount(caller);
    const pnet = givenPnet ?? this.state.physicalNetworks.find((p) => p.zoneUuid === zone.uuid);
    if (!pnet) throw paramError("Unable to find a physical network having the specified physical network id");
    return { owner, pnet };
  }

  /** acltype: Account or Domain; a Domain network belongs to the system account and to a domain. */
  private aclScope(caller: Caller, input: CreateNetworkInput, offering: NetworkOfferingRecord, requestedOwner: AccountRecord): AclScope {
    let aclType: "Account" | "Domain";
    if (input.acltype !== undefined) {
      const acl = input.acltype.toLowerCase();
      if (acl === "account") aclType = "Account";
      else if (acl === "domain") aclType = "Domain";
      else throw paramError("Incorrect aclType specified. Check the API documentation for supported types");
      if (offering.guestIpType === "Isolated" && aclType !== "Account") {
        throw paramError("AclType should be Account for network of type Isolated");
      }
    } else if (offering.guestIpType === "Shared") {
      if (caller.isRootAdmin) aclType = "Domain";
      else if (caller.accountType === 0) aclType = "Account";
      else throw paramError("AclType must be specified for shared network created by domain admin");
    } else {
      aclType = "Account";
    }
    if (aclType !== "Domain") {
      if (input.subdomainaccess !== undefined) throw paramError("Parameter subDomainAccess can be specified only with aclType=Domain");
      return { aclType, owner: requestedOwner };
    }
    if (caller.accountType === 0) throw permissionError("Only admin can create networks with aclType=Domain");
    if (offering.guestIpType !== "Shared") throw paramError("Only Shared networks can have aclType=Domain");
    const owner = this.accounts.systemAccount();
    if (input.domainid !== undefined) return { aclType, owner, sharedDomainUuid: input.domainid, subdomainAccess: input.subdomainaccess };
    const root = this.state.domains.find((d) => d.parentUuid === undefined)?.uuid;
    return { aclType, owner, sharedDomainUuid: root, subdomainAccess: true };
  }

  /** gateway / netmask / startip / endip as given, checked for form; the CIDR they make. */
  private requestedAddressing(input: CreateNetworkInput, offering: NetworkOfferingRecord, owner: AccountRecord): RequestedAddressing {
    const { gateway, netmask } = input;
    if (gateway !== undefined && !isValidIp(gateway)) throw paramError("Gateway parameter is invalid");
    const emptyRangeAllowed = configValue(this.state, "allow.empty.start.end.ipaddress", { scope: "Account", scopeUuid: owner.uuid }) === "true";

    if (offering.guestIpType === "Shared" && input.startip === undefined && input.endip === undefined && !emptyRangeAllowed) {
      throw paramError("Either IPv4 or IPv6 start and end address are mandatory");
    }

    const startIp = input.startip;
    let endIp = input.endip;
    let cidr: Cidr | undefined;
    const ipv4 = gateway !== undefined || (netmask !== undefined && netmask !== "");
    if (ipv4 || startIp !== undefined) {
      if (startIp !== undefined) {
        if (!isValidIp(startIp)) throw paramError("Invalid format for the startIp parameter");
        if (endIp === undefined) endIp = startIp;
        else if (!isValidIp(endIp)) throw paramError("Invalid format for the endIp parameter");
        if (gateway === undefined || netmask === undefined) {
          throw paramError("gateway and netmask should be defined when startIP/endIP are passed in");
        }
      }
      if (gateway !== undefined && netmask !== undefined) {
        if (!isValidNetmask(netmask)) throw paramError("Invalid netmask");
        const c = cidrFromGatewayNetmask(gateway, netmask);
        const g = ipToNumber(gateway);
        if (c.prefix < 31 && (g === c.first || g === c.last)) {
          throw paramError("Invalid gateway IP provided. Either the IP is broadcast or network IP.");
        }
        cidr = c;
      }
    }
    return { gateway, netmask, startIp, endIp, cidr };
  }

  /** Private VLANs, VLAN ids and the overlap bypass are root admin's; a user's CIDR has a size limit. Returns the private VLAN asked for. */
  private checkVlanRights(caller: Caller, input: CreateNetworkInput, zone: ZoneRecord, offering: NetworkOfferingRecord, cidr: Cidr | undefined): PrivateVlan | undefined {
    if (input.isolatedpvlan !== undefined && input.isolatedpvlan !== "") {
      if (!caller.isRootAdmin) throw paramError("Only ROOT admin is allowed to create Private VLAN network");
      if (zone.networkType !== "Advanced" || offering.guestIpType === "Isolated") {
        throw paramError("Can only support create Private VLAN network with advanced shared or L2 network!");
      }
    }
    const pvlan = requestedPrivateVlan(input.vlan, input.isolatedpvlan, input.isolatedpvlantype);

    if (!caller.isRootAdmin) {
      if (offering.guestIpType === "Shared" && offering.specifyVlan) {
        throw paramError("This user can only create an Isolated network, a L2 network or a Shared network with specifyVlan=false.");
      }
    }
    if (offering.guestIpType === "Shared" && !offering.specifyVlan && input.vlan !== undefined) {
      throw paramError("Cannot specify vlanId when create a network from network offering with specifyvlan=false");
    }
    if (!caller.isRootAdmin && (offering.specifyVlan || input.vlan !== undefined || input.bypassvlanoverlapcheck)) {
      throw paramError("Only ROOT admin is allowed to specify vlanId or bypass vlan overlap check");
    }
    if (!caller.isRootAdmin && cidr) {
      const limit = Number(configValue(this.state, "network.guest.cidr.limit") ?? "22");
      if (cidr.prefix < limit) throw paramError(`Cidr size can't be less than ${limit}`);
    }
    return pvlan;
  }

  /**
   * Whether a source NAT IP may be asked for, and whether the network gets a guest IP range of its
   * own (createVlan): an advanced zone's shared network, or an isolated one without SourceNat.
   */
  private checkSourceNatAndRange(
    input: CreateNetworkInput,
    zone: ZoneRecord,
    offering: NetworkOfferingRecord,
    { startIp, endIp }: RequestedAddressing,
  ): { hasSourceNat: boolean; createVlan: boolean } {
    const hasSourceNat = offeringHasService(offering, "SourceNat");
    if (input.sourcenatipaddress !== undefined && (!hasSourceNat || input.vpcid !== undefined)) {
      // The simulator's own text: a shared, L2 or VPC tier network has no source NAT IP of its own.
      throw paramError("sourcenatipaddress needs an isolated network whose offering has the SourceNat service");
    }
    const createVlan =
      startIp !== undefined &&
      endIp !== undefined &&
      zone.networkType === "Advanced" &&
      (offering.guestIpType === "Shared" || (offering.guestIpType === "Isolated" && !hasSourceNat));
    if (createVlan && !offering.specifyIpRanges) {
      throw new ApiError(431, "Network offering with specified id doesn't support adding multiple ip ranges", 4350, [
        { uuid: offering.uuid, description: "networkOfferingId" },
      ]);
    }
    return { hasSourceNat, createVlan };
  }

  /** NetworkServiceImpl.commitNetwork: a VPC tier passes the VPC's rules (model/vpcs.ts); returns the tier's domain. */
  private checkTier(
    caller: Caller,
    input: CreateNetworkInput,
    zone: ZoneRecord,
    offering: NetworkOfferingRecord,
    owner: AccountRecord,
    { cidr, gateway }: RequestedAddressing,
  ): string | undefined {
    if (input.vpcid !== undefined && this.vpcTiers) {
      if (!offering.forVpc) throw paramError("Network offering can't be used for VPC networks");
      return this.vpcTiers.checkNewTier(caller, {
        vpcUuid: input.vpcid,
        zoneUuid: zone.uuid,
        ownerAccountUuid: owner.uuid,
        offering,
        cidr,
        gateway,
        networkDomain: input.networkdomain,
        aclUuid: input.aclid,
      }).networkDomain;
    }
    if (offering.forVpc) throw paramError("Network offering can be used for VPC networks only");
    return undefined;
  }

  /**
   * NetworkOrchestrator.createGuestNetwork in a Basic zone: one guest network, domain-wide for the
   * ROOT domain with subdomain access, on a Shared offering without SourceNat, untagged; its
   * IPs come later as pod ranges (createVlanIpRange podid). Returns the VLAN the network gets.
   */
  private basicZoneVlan(input: CreateNetworkInput, zone: ZoneRecord, offering: NetworkOfferingRecord, scope: AclScope): string {
    if (scope.aclType !== "Domain") throw paramError("Only AclType=Domain can be specified for network creation in Basic zone");
    if (this.live().some((n) => n.zoneUuid === zone.uuid)) throw paramError("Can't have more than one Guest network in zone with network type Basic");
    if (offering.guestIpType !== "Shared" || offeringHasService(offering, "SourceNat")) {
      throw paramError("For zone of type Basic only offerings of guestType Shared with disabled SourceNat service are allowed");
    }
    const root = this.state.domains.find((d) => d.parentUuid === undefined)?.uuid;
    if (scope.sharedDomainUuid !== root) throw paramError("Guest network in Basic zone should be dedicated to ROOT domain");
    if (scope.subdomainAccess === false) throw paramError("Subdomain access should be set to true for the guest network in the Basic zone");
    if (input.vlan === undefined) return "untagged";
    if (input.vlan.toLowerCase() !== "untagged") throw paramError("Only vlan untagged can be created in the zone of type Basic");
    return input.vlan;
  }

  /** NetworkOrchestrator.createGuestNetwork: the VLAN tag, given exactly when the offering says specifyVlan. */
  private guestVlanTag(
    input: CreateNetworkInput,
    vlan: string | undefined,
    zone: ZoneRecord,
    offering: NetworkOfferingRecord,
    pnet: PhysicalNetworkRecord,
    pvlan: PrivateVlan | undefined,
  ): string | undefined {
    // NetworkOrchestrator.createGuestNetwork: an advanced zone with security groups has no PVLAN.
    if (pvlan !== undefined && zone.networkType === "Advanced" && zone.securityGroupsEnabled) {
      throw paramError("Isolated Private VLAN is not supported with security group!");
    }
    if ((vlan !== undefined) !== offering.specifyVlan) {
      throw paramError(
        vlan !== undefined
          ? "Can't specify vlan; corresponding offering says specifyVlan=false"
          : "Vlan has to be specified; corresponding offering says specifyVlan=true",
      );
    }
    if (vlan === undefined) return undefined;
    const vlanTag = vlan.replace(/^vlan:\/\//i, "");
    const numeric = Number(vlanTag);
    if (vlanTag.toLowerCase() !== "untagged" && (!/^\d+$/.test(vlanTag) || numeric < 0 || numeric > 4095)) {
      throw paramError(`Invalid vlan ${vlan}`);
    }
    if (/^\d+$/.test(vlanTag) && isInVnetRange(pnet, numeric)) {
      throw paramError(
        `The VLAN tag ${vlanTag} is already being used for dynamic vlan allocation for the guest network in zone ${zone.name}`,
      );
    }
    // NetworkOrchestrator.createGuestNetwork: any network of the zone on the same broadcast URI
    // refuses the VLAN, unless the overlap check is bypassed for a non-isolated offering (then
    // CloudStack's shared-network check is itself guarded by !bypass, so nothing is checked).
    const bypassed = input.bypassvlanoverlapcheck === true && offering.guestIpType !== "Isolated";
    if (pvlan !== undefined && /^\d+$/.test(pvlan.secondary) && !(bypassed && offering.guestIpType === "Shared") && isInVnetRange(pnet, Number(pvlan.secondary))) {
      throw paramError(
        `The VLAN tag for isolated PVLAN ${pvlan.secondary} is already being used for dynamic vlan allocation for the guest network in zone ${zoneText(zone)}`,
      );
    }
    // The same check compares broadcast URIs: a PVLAN network (pvlan://...) never equals vlan://<tag>.
    const onUri = (tag: string) => this.live().some((n) => n.zoneUuid === zone.uuid && this.broadcastUri(n) === `vlan://${tag}`);
    if (!bypassed && onUri(vlanTag)) {
      throw paramError(`Network with vlan ${vlan} already exists or overlaps with other network vlans in zone ${zoneText(zone)}`);
    }
    if (!bypassed && pvlan !== undefined && onUri(pvlan.secondary)) {
      throw paramError(`Network with vlan ${pvlan.secondary} already exists or overlaps with other network vlans in zone ${zoneText(zone)}`);
    }
    this.checkPrivateVlanOverlap(zone, pnet, vlan, vlanTag, pvlan);
    return vlanTag;
  }

  /**
   * NetworkOrchestrator.createGuestNetwork when it sets the broadcast URI, bypass or not: a plain
   * VLAN may not be a PVLAN's primary or secondary VLAN on the physical network, and a PVLAN pair
   * may not overlap another (model/private-vlans.ts).
   */
  private checkPrivateVlanOverlap(zone: ZoneRecord, pnet: PhysicalNetworkRecord, vlan: string, vlanTag: string, pvlan: PrivateVlan | undefined): void {
    if (pvlan === undefined) {
      if (/^\d+$/.test(vlanTag) && vlanUsedByPvlan(this.live(), pnet.uuid, vlanTag)) {
        throw paramError(`Network with vlan ${vlan} already exists or overlaps with other network pvlans in zone ${zoneText(zone)}`);
      }
      return;
    }
    if (vlanTag.toLowerCase() === "untagged") throw paramError("Cannot support pvlan with untagged primary vlan!");
    if (pvlanOverlaps(this.live(), pnet.uuid, vlanTag, pvlan)) {
      throw paramError(
        `Network with primary vlan ${vlan} and secondary vlan ${pvlan.secondary} type ${pvlan.type} already exists or overlaps with other network pvlans in zone ${zoneText(zone)}`,
      );
    }
  }

  /** A network with the Dns service has a domain: the one given, else cs<owner id in hex><guest.domain.suffix>. */
  private networkDomainOf(input: CreateNetworkInput, zone: ZoneRecord, offering: NetworkOfferingRecord, owner: AccountRecord): string | undefined {
    if (!offeringHasService(offering, "Dns")) return undefined;
    if (input.networkdomain !== undefined) {
      if (!isValidDomainName(input.networkdomain)) throw paramError(DOMAIN_NAME_TEXT);
      return input.networkdomain;
    }
    const suffix = configValue(this.state, "guest.domain.suffix", { scope: "Zone", scopeUuid: zone.uuid }) ?? "";
    return `cs${owner.id.toString(16)}${suffix}`;
  }

  /** NetworkOrchestrator.createGuestNetwork's CIDR rules, then the guest IP range's own checks. */
  private checkGuestCidr(
    zone: ZoneRecord,
    offering: NetworkOfferingRecord,
    hasSourceNat: boolean,
    createVlan: boolean,
    { cidr, gateway, netmask, startIp, endIp }: RequestedAddressing,
    vlanTag: string | undefined,
  ): void {
    // An advanced zone's shared network, or isolated network with neither SourceNat nor Gateway,
    // needs a CIDR; each kind has its own text.
    const cidrRequired =
      zone.networkType === "Advanced" &&
      (offering.guestIpType === "Shared" ||
        (offering.guestIpType === "Isolated" && !hasSourceNat && !offeringHasService(offering, "Gateway")));
    if (!cidr && cidrRequired) {
      throw paramError(
        offering.guestIpType === "Shared"
          ? "Gateway/netmask are required when creating Shared networks."
          : "gateway/netmask are required when create network of type Isolated with service SourceNat disabled",
      );
    }
    if (cidr && offering.guestIpType === "Isolated" && guestCidrComplianceChecked(this.state) && !isGuestCidrCompliant(cidr)) {
      throw paramError(`Virtual Guest Cidr ${cidrToString(cidr)} is not RFC 1918 or 6598 compliant`);
    }
    if (createVlan && cidr && gateway !== undefined && netmask !== undefined && startIp !== undefined && endIp !== undefined) {
      this.checkGuestIpRange(zone, cidr, gateway, netmask, startIp, endIp, vlanTag);
    }
  }

  /** The row as createNetwork stores it, before anything is allocated for it. */
  private newNetworkRecord(input: CreateNetworkInput, plan: NetworkPlan): NetworkRecord {
    const { zone, pnet, offering, owner, scope, createVlan, vlanTag, pvlan, networkDomain } = plan;
    const { startIp, endIp } = plan.addressing;
    // Isolated networks without an explicit CIDR take the zone's guest CIDR (GuestNetworkGuru.design).
    let { cidr, gateway: networkGateway } = plan.addressing;
    if (!cidr && offering.guestIpType === "Isolated") {
      // GuestNetworkGuru.design: an advanced zone created without a guest CIDR cannot give one.
      if (zone.guestCidr === undefined) throw internalError(`Can't design network ${input.name}; guest CIDR is not configured per zone ${zone.name}`);
      cidr = parseCidr(zone.guestCidr) as Cidr;
      networkGateway = numberToIp(cidr.first + 1);
    }
    const network: NetworkRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "network"),
      name: input.name,
      displaytext: input.displaytext ?? input.name,
      zoneUuid: zone.uuid,
      physicalNetworkUuid: pnet.uuid,
      offeringUuid: offering.uuid,
      guestType: offering.guestIpType,
      state: "Allocated",
      accountUuid: owner.uuid,
      domainUuid: scope.sharedDomainUuid ?? owner.domainUuid,
      aclType: scope.aclType,
      subdomainAccess: scope.aclType === "Domain" ? (scope.subdomainAccess ?? true) : undefined,
      gateway: cidr ? networkGateway : undefined,
      netmask: cidr ? numberToIp(cidr.prefix === 0 ? 0 : (~0 << (32 - cidr.prefix)) >>> 0) : undefined,
      cidr: cidr ? cidrToString(cidr) : undefined,
      startIp: createVlan ? startIp : undefined,
      endIp: createVlan ? endIp : undefined,
      vlan: vlanTag,
      vlanFromVnetRange: false,
      isolatedPvlan: pvlan?.secondary,
      isolatedPvlanType: pvlan?.type,
      networkDomain,
      dns1: input.dns1,
      dns2: input.dns2,
      displayNetwork: input.displaynetwork ?? true,
      externalId: input.externalid,
      vpcUuid: input.vpcid,
      aclUuid: input.vpcid !== undefined ? input.aclid : undefined,
      restartRequired: false,
      redundantRouter: offering.redundantRouter,
      publicMtu: offering.guestIpType === "L2" ? undefined : 1500,
      privateMtu: offering.guestIpType === "L2" ? undefined : 1500,
      created: now(),
    };
    // Shared networks and networks with a VLAN given at creation have L2 set up already.
    if (offering.guestIpType === "Shared" || vlanTag !== undefined) network.state = "Setup";
    if (input.sourcenatipaddress !== undefined) network.sourceNatIpAddress = input.sourcenatipaddress;
    return network;
  }

  /** Stores the row, then what it holds: its source NAT IP, its guest IP range, its implementation if persistent. */
  private commitNetwork(
    input: CreateNetworkInput,
    network: NetworkRecord,
    zone: ZoneRecord,
    offering: NetworkOfferingRecord,
    owner: AccountRecord,
    { gateway, netmask, startIp, endIp }: RequestedAddressing,
    createVlan: boolean,
    vlanTag: string | undefined,
  ): void {
    this.state.networks.push(network);
    // NetworkServiceImpl.checkAndSetRouterSourceNatIp: the address is acquired for the network at
    // once, and being its first IP it is the source NAT IP; a create that cannot have it fails.
    if (input.sourcenatipaddress !== undefined) {
      try {
        allocateSourceNatIp(this.state, zone.uuid, owner.uuid, network.uuid, input.sourcenatipaddress);
      } catch (e) {
        this.state.networks.splice(this.state.networks.indexOf(network), 1);
        throw e;
      }
    }

    if (createVlan && startIp !== undefined && endIp !== undefined && gateway !== undefined && netmask !== undefined) {
      addVlanIpRange(this.state, {
        zoneUuid: zone.uuid,
        physicalNetworkUuid: network.physicalNetworkUuid,
        networkUuid: network.uuid,
        vlan: vlanTag === undefined ? "vlan://untagged" : `vlan://${vlanTag}`,
        gateway,
        netmask,
        startIp,
        endIp,
        forVirtualNetwork: false,
      });
    }

    if (offering.isPersistent) {
      try {
        this.implement(network);
      } catch (e) {
        this.state.networks.splice(this.state.networks.indexOf(network), 1);
        throw e;
      }
    }
  }

  /** The checks createVlanAndPublicIpRange applies to a shared network's guest range. */
  private checkGuestIpRange(zone: ZoneRecord, cidr: Cidr, gateway: string, netmask: string, startIp: string, endIp: string, vlanTag?: string): void {
    if (!cidrContainsIp(cidr, startIp) || !cidrContainsIp(cidr, endIp) || ipToNumber(startIp) > ipToNumber(endIp)) {
      throw paramError("Please specify a valid IP range or valid netmask or valid gateway");
    }
    const g = ipToNumber(gateway);
    if (g >= ipToNumber(startIp) && g <= ipToNumber(endIp)) {
      throw paramError("The gateway ip should not be the part of the ip range being added.");
    }
    const newVlanUri = vlanTag === undefined ? "vlan://untagged" : `vlan://${vlanTag}`;
    for (const range of this.state.vlanIpRanges) {
      if (range.zoneUuid !== zone.uuid) continue;
      const other = cidrFromGatewayNetmask(range.gateway, range.netmask);
      if (!cidrsOverlap(cidr, other)) continue;
      const sameVlan = range.vlan.toLowerCase() === newVlanUri.toLowerCase() || newVlanUri.toLowerCase().includes("untagged");
      if (sameVlan) {
        if (range.gateway !== gateway || range.netmask !== netmask) {
          throw paramError(
            `The IP range has already been added with gateway ${range.gateway} ,and netmask ${range.netmask}, Please specify the gateway/netmask if you want to extend ip range`,
          );
        }
        if (ipToNumber(startIp) <= ipToNumber(range.endIp) && ipToNumber(range.startIp) <= ipToNumber(endIp)) {
          throw paramError("The IP range already has IPs that overlap with the new range. Please specify a different start IP/end IP.");
        }
      } else if (range.forVirtualNetwork) {
        throw paramError(
          `The IP range with tag: ${range.vlan} in zone ${zone.name} has overlapped with the subnet. Please specify a different gateway/netmask.`,
        );
      }
    }
  }

  /** Allocated -> Implementing -> Implemented: a guest VLAN and, with SourceNat, a source NAT IP. */
  implement(network: NetworkRecord): void {
    if (network.state === "Implemented") return;
    const offering = this.offeringOf(network);
    const pnet = this.physicalNetworkOf(network);
    const allocatedVlan = network.vlan === undefined && network.guestType === "Isolated";
    if (allocatedVlan) {
      network.vlan = allocateGuestVlan(this.state, pnet, network.uuid, network.accountUuid);
      network.vlanFromVnetRange = true;
    }
    try {
      // A VPC tier uses its VPC's source NAT IP.
      if (network.vpcUuid === undefined && offeringHasService(offering, "SourceNat") && !sourceNatIpOf(this.state, network.uuid)) {
        allocateSourceNatIp(this.state, network.zoneUuid, network.accountUuid, network.uuid, network.sourceNatIpAddress);
      }
    } catch (e) {
      if (allocatedVlan && network.vlan !== undefined) {
        releaseVnet(pnet, network.vlan, network.uuid);
        network.vlan = undefined;
        network.vlanFromVnetRange = false;
      }
      throw e;
    }
    network.state = "Implemented";
  }

  /**
   * NetworkOrchestrator.prepareNic, for each NIC an instance starts with: every provider of the
   * network's services must be enabled on its physical network (CloudStack throws this
   * CloudRuntimeException). Only zones made through the API have provider records; seeded zones
   * are taken as set up.
   */
  checkProvidersEnabled(network: NetworkRecord): void {
    if (!this.zoneOf(network).createdByApi) return;
    const pnet = this.physicalNetworkOf(network);
    const providers = new Set(this.offeringOf(network).services.flatMap((s) => s.providers));
    for (const name of providers) {
      const enabled = this.state.networkServiceProviders.some((p) => p.physicalNetworkUuid === pnet.uuid && p.name === name && p.state === "Enabled");
      if (!enabled) throw internalError(`Service provider ${name} either doesn't exist or is not enabled in physical network id: ${pnet.id}`);
    }
  }

  /** Implemented -> Shutdown -> Allocated: releases the guest VLAN and the network's public IPs. */
  shutdown(network: NetworkRecord): void {
    // A VPC's IPs stay with the VPC when a tier goes (VpcManagerImpl.unassignIPFromVpcNetwork).
    for (const ip of this.state.publicIps) if (ip.vpcUuid !== undefined && ip.associatedNetworkUuid === network.uuid) delete ip.associatedNetworkUuid;
    releaseNetworkIps(this.state, network.uuid);
    if (network.state !== "Implemented") return;
    if (network.vlanFromVnetRange && network.vlan !== undefined) {
      releaseVnet(this.physicalNetworkOf(network), network.vlan, network.uuid);
      network.vlan = undefined;
      network.vlanFromVnetRange = false;
    }
    network.state = "Allocated";
  }

  delete(caller: Caller, network: NetworkRecord, input: DeleteNetworkInput): void {
    // A job queued behind another delete of the same network finds it gone.
    if (network.removed) throw paramError("unable to find network with specified id");
    if (input.forced && !caller.isRootAdmin) {
      throw paramError("Delete network with 'forced' option can only be called by root admins");
    }
    this.accounts.checkAccess(caller, network.accountUuid, network.uuid);
    // Instances not yet expunged keep their NICs and block the delete (NetworkOrchestrator.destroyNetwork).
    if (this.state.nics.some((nic) => nic.networkUuid === network.uuid)) throw new ApiError(530, "Failed to delete network", 9999);
    this.shutdown(network);
    network.state = "Destroy";
    network.removed = now();
    removeNetworkRanges(this.state, network.uuid, network.removed);
    this.state.tags = this.state.tags.filter((t) => !(t.resourceType === "Network" && t.resourceUuid === network.uuid));
    // NetworkOrchestrator.destroyNetwork: the network's permissions go with it.
    this.state.networkPermissions = this.state.networkPermissions.filter((p) => p.networkUuid !== network.uuid);
  }

  /** NetworkServiceImpl.restartNetwork; makeRedundant turns the network's routers redundant when its offering's SourceNat allows it. */
  restart(caller: Caller, network: NetworkRecord, cleanup = false, makeRedundant = false): void {
    if (network.removed) throw paramError("Network with specified id doesn't exist");
    // NetworkServiceImpl.restartNetwork(RestartNetworkCmd): a tier's router is the VPC's, so a
    // cleanup restart must be asked of the whole VPC (restartVPC).
    if (network.vpcUuid !== undefined && cleanup) {
      throw paramError("Cannot restart a VPC tier with cleanup, please restart the whole VPC.");
    }
    this.accounts.checkAccess(caller, network.accountUuid, network.uuid);
    if (network.state !== "Implemented" && network.state !== "Setup") {
      throw paramError("Network is not in the right state to be restarted. Correct states are: Implemented, Setup");
    }
    if (makeRedundant && !network.redundantRouter) {
      const offering = this.offeringOf(network);
      const supported = offeringHasService(offering, "SourceNat") && offeringCapabilities(offering, "SourceNat").some((c) => c.name === "RedundantRouter" && c.value === "true");
      if (!supported) {
        throw paramError(
          `Redundant router is not supported by the network offering NetworkOffering {"id": ${offering.id}, "uuid": "${offering.uuid}", "name": "${offering.name}", "trafficType": "Guest"}`,
        );
      }
      network.redundantRouter = true;
    }
    network.restartRequired = false;
  }

  update(caller: Caller, network: NetworkRecord, input: UpdateNetworkInput): NetworkRecord {
    if (network.removed) throw paramError("Specified network id doesn't exist in the system");
    if (network.state === "Destroy") throw paramError("Don't allow to update network in state Destroy");
    this.accounts.checkAccess(caller, network.accountUuid, network.uuid);

    let newOffering: NetworkOfferingRecord | undefined;
    if (input.networkofferingid !== undefined) {
      newOffering = this.offering(input.networkofferingid);
      if (!newOffering) throw uuidNotFound("networkofferingid", input.networkofferingid);
    }
    if ((newOffering !== undefined || input.networkdomain !== undefined) && network.guestType !== "Isolated") {
      throw paramError("NetworkOffering and domain suffix upgrade can be perfomed for Isolated networks only");
    }
    const oldOffering = this.offeringOf(network);
    let offeringChanged = false;
    if (newOffering) {
      if (newOffering.state !== "Enabled") {
        throw new ApiError(431, "Network offering with specified id is not in Enabled state, can't upgrade to it", 4350, [
          { uuid: newOffering.uuid, description: "networkOfferingId" },
        ]);
      }
      if (newOffering.forVpc !== oldOffering.forVpc) {
        throw paramError(`Can't update as the new offering is ${newOffering.forVpc ? "a vpc offering " : "not a vpc offering"}`);
      }
      if (newOffering.uuid !== oldOffering.uuid) {
        if (newOffering.guestIpType !== oldOffering.guestIpType || newOffering.specifyVlan !== oldOffering.specifyVlan) {
          throw paramError(
            `Can't upgrade from network offering ${oldOffering.uuid} to ${newOffering.uuid}; check logs for more information`,
          );
        }
        if (network.vpcUuid !== undefined) this.vpcTiers?.checkTierOfferingChange(network, newOffering);
        offeringChanged = true;
      }
    }

    if (input.networkdomain !== undefined) {
      if (!isValidDomainName(input.networkdomain)) throw paramError(DOMAIN_NAME_TEXT);
      const effective = newOffering ?? oldOffering;
      const dnsCaps = offeringHasService(effective, "Dns") ? providerCapabilities("Dns") : [];
      if (!dnsCaps.some((c) => c.name === "AllowDnsSuffixModification" && c.value === "true")) {
        throw paramError(`Domain name change is not supported by the network offering id=${effective.id}`);
      }
    }

    if (input.guestvmcidr !== undefined) this.checkReservation(network, input.guestvmcidr, offeringChanged);

    // Every check passed: apply.
    if (input.name !== undefined) network.name = input.name;
    if (input.displaytext !== undefined) network.displaytext = input.displaytext;
    if (input.displaynetwork !== undefined) network.displayNetwork = input.displaynetwork;
    if (input.dns1 !== undefined) network.dns1 = input.dns1 === "" ? undefined : input.dns1;
    if (input.dns2 !== undefined) network.dns2 = input.dns2 === "" ? undefined : input.dns2;
    if (input.networkdomain !== undefined) network.networkDomain = input.networkdomain;
    if (input.guestvmcidr !== undefined) this.applyReservation(network, input.guestvmcidr);
    if (input.sourcenatipaddress !== undefined && moveSourceNatIp(this.state, network.uuid, input.sourcenatipaddress)) {
      network.sourceNatIpAddress = input.sourcenatipaddress;
    }
    if (newOffering && offeringChanged) {
      network.offeringUuid = newOffering.uuid;
      network.redundantRouter = newOffering.redundantRouter;
      if (!offeringHasService(newOffering, "SourceNat")) releaseNetworkIps(this.state, network.uuid);
      if (newOffering.isPersistent && !oldOffering.isPersistent && network.state === "Allocated") this.implement(network);
      else if (network.vpcUuid === undefined && network.state === "Implemented" && offeringHasService(newOffering, "SourceNat") && !sourceNatIpOf(this.state, network.uuid)) {
        allocateSourceNatIp(this.state, network.zoneUuid, network.accountUuid, network.uuid);
      }
    }
    return network;
  }

  /** IP reservation checks (NetworkServiceImpl.updateGuestNetwork). */
  private checkReservation(network: NetworkRecord, guestVmCidr: string, offeringChanged: boolean): void {
    const zone = this.zoneOf(network);
    if (zone.networkType === "Basic") throw paramError("Guest VM CIDR can't be specified for zone with Basic networking");
    if (network.guestType !== "Isolated") throw paramError("Can only allow IP Reservation in networks with guest type Isolated");
    if (offeringChanged) {
      throw paramError("Cannot specify this network offering change and guestVmCidr at same time. Specify only one.");
    }
    // NetworkServiceImpl.updateGuestNetwork: a new (Allocated) network takes a reservation as
    // well as an Implemented one; Setup and every other state refuse it.
    if (network.state !== "Implemented" && network.state !== "Allocated") {
      throw paramError(
        `The network must be in Implemented or Allocated state. IP Reservation cannot be applied in ${network.state} state`,
      );
    }
    const requested = parseCidr(guestVmCidr);
    if (!requested) throw paramError("Invalid format of Guest VM CIDR.");
    if (guestCidrComplianceChecked(this.state) && !isGuestCidrCompliant(requested)) {
      throw paramError("Invalid format of Guest VM CIDR. Make sure it is RFC1918 compliant. ");
    }
    const whole = network.networkCidr ?? (network.cidr as string);
    const wholeCidr = parseCidr(whole) as Cidr;
    if (!cidrIsSubset(requested, wholeCidr)) {
      // The double spaces are CloudStack's own (NetworkServiceImpl.updateGuestNetwork), kept so that
      // clients matching the text match. The second form is the message for a network without a reservation.
      throw paramError(
        network.networkCidr !== undefined
          ? `Invalid value of Guest VM CIDR. For IP Reservation, Guest VM CIDR  should be a subset of network CIDR : ${whole}`
          : `Invalid value of Guest VM CIDR. For IP Reservation, Guest VM CIDR  should be a subset of network CIDR :  ${whole}`,
      );
    }
    for (const nic of this.state.nics) {
      if (nic.networkUuid === network.uuid && nic.ipAddress !== undefined && !cidrContainsIp(requested, nic.ipAddress)) {
        throw paramError(`Active IPs like ${nic.ipAddress} exist outside the Guest VM CIDR. Cannot apply reservation`);
      }
    }
    const sameRange = requested.first === wholeCidr.first && requested.last === wholeCidr.last;
    if (sameRange && guestVmCidr !== whole) {
      throw paramError(
        network.networkCidr === undefined
          ? `The Start IP and End IP of guestvmcidr: ${guestVmCidr} and CIDR: ${whole} are same, even though both the cidrs appear to be different. As a precaution no IP Reservation will be applied.`
          : `The Start IP and End IP of guestvmcidr: ${guestVmCidr} and Network CIDR: ${whole} are same, even though both the cidrs appear to be different. As a precaution IP Reservation will not be affected. If you want to reset IP Reservation, specify guestVmCidr to be: ${whole}`,
      );
    }
  }

  private applyReservation(network: NetworkRecord, guestVmCidr: string): void {
    if (network.networkCidr === undefined) network.networkCidr = network.cidr;
    if (network.networkCidr === guestVmCidr) network.networkCidr = undefined;
    network.cidr = guestVmCidr;
  }

  /** The netmask networks report: of the network CIDR when a reservation exists. */
  netmaskOf(network: NetworkRecord): string | undefined {
    const c = network.networkCidr ?? network.cidr;
    if (!c) return network.netmask;
    const parsed = parseCidr(c);
    return parsed ? numberToIp(parsed.prefix === 0 ? 0 : (~0 << (32 - parsed.prefix)) >>> 0) : network.netmask;
  }
}

