// Public IP addresses as accounts use them (NetworkServiceImpl.allocateIP, IpAddressManagerImpl):
// associateIpAddress (allocation in the command's create step, association in its job, with the
// first-IP source NAT rule),
// disassociateIpAddress, updateIpAddress, reserveIpAddress and releaseIpAddress.
import { ApiError, internalError, paramError, permissionError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { now } from "./dates";
import { acquirePublicIp, rangeOfIp, releaseIp, releasePublicIp, sourceNatIpOf } from "./range-ips";
import type { Networks } from "./networks";
import { offeringHasService } from "./offerings";
import type { PortableIps } from "./portable";
import type { AccountRecord, NetworkRecord, PublicIpRecord, SimulatorState, VpcRecord, ZoneRecord } from "./records";
import type { StaticNat } from "./static-nat";

export interface AssociateInput {
  account?: string;
  domainid?: string;
  projectid?: string;
  zoneid?: string;
  networkid?: string;
  /** The VPC named by vpcid, resolved by the handler. */
  vpc?: VpcRecord;
  isportable?: boolean;
  regionid?: number;
  fordisplay?: boolean;
  ipaddress?: string;
}

export interface ReserveInput {
  account?: string;
  domainid?: string;
  projectid?: string;
  fordisplay?: boolean;
}

/** IllegalArgumentException: 431 from a synchronous command, 530 from a job (PROTOCOL.md §3-4). */
const illegalArgument = (text: string, inJob: boolean): ApiError => (inJob ? internalError(text) : new ApiError(431, text, 9999));

export class PublicIpAddresses {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
    private readonly portable: PortableIps,
    private readonly staticNat: StaticNat,
  ) {}

  /** An IP row by id; freed portable IPs' rows are gone, so their ids no longer resolve. */
  resolve(param: string, uuid: string): PublicIpRecord {
    const ip = this.state.publicIps.find((r) => r.uuid === uuid);
    if (!ip) throw uuidNotFound(param, uuid);
    return ip;
  }

  zoneOf(ip: PublicIpRecord): ZoneRecord {
    const z = this.state.zones.find((zone) => zone.uuid === ip.zoneUuid);
    if (!z) throw new Error(`IP ${ip.uuid} refers to a missing zone`);
    return z;
  }

  /** AssociateIPAddrCmd.getNetworkId when only a zone is given. */
  private defaultNetwork(zone: ZoneRecord, owner: AccountRecord, input: AssociateInput): NetworkRecord {
    const live = this.networks.live().filter((n) => n.zoneUuid === zone.uuid);
    if (zone.networkType === "Basic") {
      const shared = live.find((n) => n.guestType === "Shared");
      if (!shared) {
        throw paramError(`Unable to find a default guest network for account ${input.account ?? owner.name} in domain ID=${owner.domainUuid}`);
      }
      return shared;
    }
    const isolated = live.filter((n) => n.guestType === "Isolated" && n.accountUuid === owner.uuid && n.vpcUuid === undefined);
    if (isolated.length === 0) {
      const domain = this.accounts.domainOrThrow(owner.domainUuid);
      throw paramError(`Account name=${input.account ?? "null"} domain=${domain.name} doesn't have virtual networks in zone=${zone.name}`);
    }
    if (isolated.length > 1) throw paramError("Account has more than one isolated network in the zone");
    return isolated[0];
  }

  /** associateIpAddress's create step (synchronous): the IP is allocated for the owner, state Allocating. */
  allocate(caller: Caller, input: AssociateInput): { ip: PublicIpRecord; network?: NetworkRecord; vpc?: VpcRecord } {
    let network: NetworkRecord | undefined;
    if (input.networkid !== undefined) {
      network = this.networks.find(input.networkid);
      if (!network) throw uuidNotFound("networkid", input.networkid);
    }
    const vpc = input.vpc;
    let zone: ZoneRecord | undefined;
    if (vpc) {
      // A VPC's IPs come from the VPC's zone.
      zone = this.state.zones.find((z) => z.uuid === vpc.zoneUuid);
    } else if (input.zoneid !== undefined) {
      zone = this.state.zones.find((z) => z.uuid === input.zoneid);
      if (!zone) throw uuidNotFound("zoneid", input.zoneid);
    } else if (network) {
      zone = this.networks.zoneOf(network);
    }
    if (!zone) {
      throw paramError("Unable to figure out zone to assign IP to. Please specify either zoneId, or networkId, or vpcId in the call");
    }
    let owner: AccountRecord;
    if (input.account !== undefined || input.domainid !== undefined || input.projectid !== undefined) {
      owner = this.accounts.resolveOwner(caller, input);
    } else if (vpc) {
      // AssociateIPAddrCmd.getEntityOwnerId: the VPC's owner.
      owner = this.accounts.accountOrThrow(vpc.accountUuid);
      this.accounts.checkAccess(caller, owner.uuid, vpc.uuid);
    } else if (network && network.aclType === "Account") {
      owner = this.accounts.accountOrThrow(network.accountUuid);
      this.accounts.checkAccess(caller, owner.uuid, network.uuid);
    } else {
      owner = this.accounts.callerAccount(caller);
    }
    if (!network && !vpc) network = this.defaultNetwork(zone, owner, input);

    if (network && network.guestType === "Shared" && zone.networkType === "Advanced") {
      const offering = this.networks.offeringOf(network);
      if (!["SourceNat", "StaticNat", "Firewall", "PortForwarding", "Lb"].some((s) => offeringHasService(offering, s))) {
        throw paramError(
          "Associate IP address can only be called on the shared networks in the advanced zone with Firewall/Source Nat/Static Nat/Port Forwarding/Load balancing services enabled",
        );
      }
    }

    let ip: PublicIpRecord;
    if (input.isportable) {
      ip = this.portable.acquire(owner.uuid, zone.uuid, {});
    } else {
      ip = acquirePublicIp(this.state, owner.uuid, zone.uuid, { ipAddress: input.ipaddress });
    }
    ip.state = "Allocating";
    if (vpc) ip.vpcUuid = vpc.uuid;
    if (input.fordisplay !== undefined) ip.fordisplay = input.fordisplay;
    return { ip, network, vpc };
  }

  /**
   * associateIpAddress's job with vpcid: the IP belongs to the VPC, with no tier yet (a static NAT,
   * port forwarding or LB rule with networkid associates it with a tier later).
   */
  associateToVpc(ip: PublicIpRecord, vpc: VpcRecord): PublicIpRecord {
    if (vpc.removed) {
      releasePublicIp(this.state, ip);
      throw paramError("Unable to find Enabled VPC by id specified");
    }
    ip.vpcUuid = vpc.uuid;
    ip.isSourceNat = false;
    ip.state = "Allocated";
    return ip;
  }

  /** associateIpAddress's job: the IP joins the network; the first one of an isolated network is its source NAT IP. */
  associate(ip: PublicIpRecord, network: NetworkRecord): PublicIpRecord {
    if (network.removed) {
      releasePublicIp(this.state, ip);
      throw paramError("Invalid network id is given");
    }
    if (network.vpcUuid !== undefined) {
      // NetworkServiceImpl.associateIPToNetwork: a VPC's IPs are associated with the VPC (vpcid),
      // never with a tier directly; the IP allocated in the create step goes back. The missing
      // space after "VPC." is CloudStack's.
      releasePublicIp(this.state, ip);
      throw paramError("Can't assign ip to the network directly when network belongs to VPC.Specify vpcId to associate ip address to VPC");
    }
    const zone = this.networks.zoneOf(network);
    const sharedOrBasic = zone.networkType === "Basic" || network.guestType === "Shared";
    if (network.accountUuid !== ip.accountUuid && !sharedOrBasic) {
      releasePublicIp(this.state, ip);
      throw paramError("The owner of the network is not the same as owner of the IP");
    }
    // IpAddressManagerImpl.associateIPToGuestNetwork: in an advanced zone an isolated network
    // takes public IPs only with the SourceNat service (the IP allocated in the create step goes back).
    if (zone.networkType === "Advanced" && network.guestType === "Isolated" && !offeringHasService(this.networks.offeringOf(network), "SourceNat")) {
      releasePublicIp(this.state, ip);
      throw paramError("In zone of type Advanced ip address can be associated only to the network of guest type Isolated with the SourceNat enabled");
    }
    // IpAddressManagerImpl.isSourceNatAvailableForNetwork: a non-VPC isolated network with no
    // source NAT IP yet takes this one, unless it is portable (a portable IP can move between
    // networks, so it never becomes one). The offering's SourceNat service is not consulted here.
    ip.isSourceNat =
      network.guestType === "Isolated" &&
      network.vpcUuid === undefined &&
      !ip.isPortable &&
      sourceNatIpOf(this.state, network.uuid) === undefined;
    ip.associatedNetworkUuid = network.uuid;
    ip.state = "Allocated";
    if (ip.isPortable) {
      const p = this.state.portableIps.find((r) => r.address === ip.address && r.rangeUuid === ip.vlanRangeUuid);
      if (p) p.networkUuid = network.uuid;
    }
    return ip;
  }

  /** disassociateIpAddress's job (releaseIpAddressInternal). A Free IP is already released: success. */
  disassociate(caller: Caller, ip: PublicIpRecord): void {
    if (ip.allocated === undefined) return;
    if (ip.accountUuid !== undefined) this.accounts.checkAccess(caller, ip.accountUuid, ip.uuid);
    const network = ip.associatedNetworkUuid === undefined ? undefined : this.networks.find(ip.associatedNetworkUuid);
    if (ip.isSourceNat && ((network !== undefined && network.state !== "Allocated") || ip.vpcUuid !== undefined)) {
      throw illegalArgument("ip address is used for source nat purposes and can not be disassociated.", true);
    }
    const range = rangeOfIp(this.state, ip);
    if (range && !range.forVirtualNetwork) {
      throw illegalArgument("only ip addresses that belong to a virtual network may be disassociated.", true);
    }
    if (ip.isSystem) {
      throw new ApiError(431, "Can't release system IP address with specified id", 4350, [{ uuid: ip.uuid, description: "systemIpAddrId" }]);
    }
    if (ip.state === "Reserved") {
      releaseIp(ip);
      return;
    }
    const nat = ip.staticNat;
    releasePublicIp(this.state, ip);
    this.staticNat.afterRelease(nat, network?.uuid);
  }

  /** updateIpAddress's job. */
  update(caller: Caller, ip: PublicIpRecord, input: { fordisplay?: boolean; customid?: string }): PublicIpRecord {
    if (ip.accountUuid !== undefined) this.accounts.checkAccess(caller, ip.accountUuid, ip.uuid);
    else if (!caller.isRootAdmin) throw permissionError("Only Root admin can update non-allocated ip addresses");
    if (input.customid !== undefined) ip.uuid = input.customid;
    if (input.fordisplay !== undefined) ip.fordisplay = input.fordisplay;
    return ip;
  }

  /** reserveIpAddress (synchronous). */
  reserve(caller: Caller, ip: PublicIpRecord, input: ReserveInput): PublicIpRecord {
    const owner =
      input.account !== undefined || input.domainid !== undefined || input.projectid !== undefined
        ? this.accounts.resolveOwner(caller, input)
        : this.accounts.callerAccount(caller);
    this.accounts.checkAccess(caller, owner.uuid, owner.uuid);
    const range = rangeOfIp(this.state, ip);
    if (range && !range.forVirtualNetwork) throw illegalArgument("Only IP addresses that belong to a virtual network may be reserved.", false);
    if (ip.isPortable) throw paramError("Unable to reserve a portable IP.");
    if (ip.state === "Reserved") {
      if (ip.accountUuid === owner.uuid) return ip;
      throw paramError("Unable to reserve a IP because it has already been reserved for another Account.");
    }
    if (ip.state !== "Free") throw paramError(`Unable to reserve a IP in ${ip.state} state.`);
    if (range?.dedicatedDomainUuid !== undefined && range.dedicatedDomainUuid !== owner.domainUuid) {
      throw paramError("Unable to reserve a IP because it is dedicated to another domain.");
    }
    if (range?.accountUuid !== undefined && range.accountUuid !== owner.uuid) {
      throw paramError("Unable to reserve a IP because it is dedicated to another Account.");
    }
    ip.state = "Reserved";
    ip.accountUuid = owner.uuid;
    ip.allocated = now();
    if (input.fordisplay !== undefined) ip.fordisplay = input.fordisplay;
    return ip;
  }

  /** releaseIpAddress (synchronous): for Reserved IPs; Allocated and portable ones need disassociate. */
  releaseReserved(caller: Caller, ip: PublicIpRecord): void {
    if (ip.isPortable) throw paramError("Unable to release a portable IP, please use disassociateIpAddress instead");
    if (ip.state === "Allocated") throw paramError("Unable to release a public IP in Allocated state, please use disassociateIpAddress instead");
    if (ip.allocated === undefined) return;
    if (ip.accountUuid !== undefined) this.accounts.checkAccess(caller, ip.accountUuid, ip.uuid);
    const range = rangeOfIp(this.state, ip);
    if (range && !range.forVirtualNetwork) {
      throw illegalArgument("only ip addresses that belong to a virtual network may be disassociated.", false);
    }
    if (ip.isSystem) {
      throw new ApiError(431, "Can't release system IP address with specified id", 4350, [{ uuid: ip.uuid, description: "systemIpAddrId" }]);
    }
    releaseIp(ip);
  }
}
