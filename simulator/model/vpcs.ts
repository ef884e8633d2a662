// VPCs and their tiers (VpcManagerImpl): the default VPC offering, createVPC's
// checks, the VPC's source NAT IP, update, restart, delete (refused while tiers exist, then a soft
// delete that cleans up IPs, static routes, private gateways and the VPC's ACL lists), and the rules
// a guest network must pass to become a tier (validateNtwkOffForNtwkInVpc / validateNewVpcGuestNetwork).
import { ApiError, internalError, paramError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { cidrIsSubset, cidrToString, isGuestCidrCompliant, isValidIp, parseCidr, type Cidr } from "./cidr";
import { configValue, guestCidrComplianceChecked } from "./config";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import { acquirePublicIp, releasePublicIp } from "./range-ips";
import { DOMAIN_NAME_TEXT, isValidDomainName, type NewTierCheck, type Networks, type VpcTierRules } from "./networks";
import { offeringHasService } from "./offerings";
import type {
  AccountRecord,
  NetworkOfferingRecord,
  NetworkRecord,
  PublicIpRecord,
  SimulatorState,
  VpcOfferingRecord,
  VpcRecord,
  ZoneRecord,
} from "./records";
import { SoftDeletedRecords } from "./soft-deleted";

export const DEFAULT_VPC_OFFERING_NAME = "Default VPC offering";

/** VpcManagerImpl.getSupportedServices order; Lb also has the internal LB VM as a provider. */
const DEFAULT_VPC_SERVICES = ["Dhcp", "Dns", "UserData", "NetworkACL", "PortForwarding", "Lb", "SourceNat", "StaticNat", "Gateway", "Vpn"];

/** NetworkService.MINIMUM_MTU and the default vr.public.interface.mtu. */
const MIN_MTU = 68;
const MAX_PUBLIC_MTU = 1500;

/** The default VPC offering of a fresh install. */
export function seedVpcOfferings(state: SimulatorState): void {
  state.vpcOfferings.push({
    uuid: newUuid(),
    id: nextId(state, "vpcOffering"),
    name: DEFAULT_VPC_OFFERING_NAME,
    displaytext: DEFAULT_VPC_OFFERING_NAME,
    isDefault: true,
    state: "Enabled",
    services: DEFAULT_VPC_SERVICES.map((name) => ({
      name,
      providers: name === "Lb" ? ["VpcVirtualRouter", "InternalLbVm"] : ["VpcVirtualRouter"],
    })),
    created: now(),
  });
}

/** How CloudStack's VpcVO.toString names a VPC in error texts. */
export const vpcText = (vpc: VpcRecord): string => `[VPC [${vpc.id}-${vpc.name}]`;

/** Whether a public IP belongs to a VPC (port forwarding and LB rules on it refuse openfirewall=true). */
export const isVpcIp = (ip: PublicIpRecord): boolean => ip.vpcUuid !== undefined;

/** An offering with public load balancing (Lb through a provider other than the internal LB VM). */
export const isPublicLbOffering = (offering: NetworkOfferingRecord): boolean =>
  offeringHasService(offering, "Lb") && !offering.supportsInternalLb;

export interface CreateVpcInput {
  name: string;
  displaytext?: string;
  zoneid: string;
  vpcofferingid: string;
  cidr?: string;
  cidrsize?: number;
  networkdomain?: string;
  fordisplay?: boolean;
  publicmtu?: number;
  dns1?: string;
  dns2?: string;
  ip6dns1?: string;
  ip6dns2?: string;
  sourcenatipaddress?: string;
  account?: string;
  domainid?: string;
  projectid?: string;
}

export interface UpdateVpcInput {
  name?: string;
  displaytext?: string;
  fordisplay?: boolean;
  publicmtu?: number;
  sourcenatipaddress?: string;
}

/** What deleting a VPC must clean up that other parts of the model own. */
export interface VpcCleanup {
  /** Hard-deletes the VPC's static routes. */
  removeRoutesOfVpc(vpcUuid: string): void;
  /** Soft-deletes the VPC's private gateways. */
  removeGatewaysOfVpc(vpcUuid: string): void;
  /** Hard-deletes the VPC's ACL lists with their rules. */
  removeAclListsOfVpc(vpcUuid: string): void;
  /** Removes the VPC's site-to-site VPN connections and soft-deletes its VPN gateway. */
  removeVpnOfVpc(vpcUuid: string): void;
}

/** The ACL side of a new tier (NetworkServiceImpl.commitNetwork checks it before the VPC rules). */
export interface TierAclCheck {
  resolveAclUuid(param: string, uuid: string): void;
  checkAclForTier(aclUuid: string, vpcUuid: string): void;
}

export class Vpcs extends SoftDeletedRecords<VpcRecord> implements VpcTierRules {
  /** Set by the model once the ACL, gateway and route parts exist. */
  cleanup?: VpcCleanup;
  acls?: TierAclCheck;

  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
  ) {
    super();
  }

  protected rows(): VpcRecord[] {
    return this.state.vpcs;
  }

  /** VpcManagerImpl.getActiveVpc: live and Enabled. */
  active(uuid: string): VpcRecord | undefined {
    const vpc = this.find(uuid);
    return vpc && vpc.state === "Enabled" ? vpc : undefined;
  }

  offering(uuid: string): VpcOfferingRecord | undefined {
    return this.state.vpcOfferings.find((o) => o.uuid === uuid && !o.removed);
  }

  offeringOf(vpc: VpcRecord): VpcOfferingRecord {
    const o = this.state.vpcOfferings.find((offering) => offering.uuid === vpc.offeringUuid);
    if (!o) throw new Error(`VPC ${vpc.uuid} refers to a missing VPC offering`);
    return o;
  }

  zoneOf(vpc: VpcRecord): ZoneRecord {
    const z = this.state.zones.find((zone) => zone.uuid === vpc.zoneUuid);
    if (!z) throw new Error(`VPC ${vpc.uuid} refers to a missing zone`);
    return z;
  }

  /** The VPC's tiers (live networks with its vpcUuid). */
  tiers(vpcUuid: string): NetworkRecord[] {
    return this.networks.live().filter((n) => n.vpcUuid === vpcUuid);
  }

  sourceNatIp(vpcUuid: string): PublicIpRecord | undefined {
    return this.state.publicIps.find((ip) => ip.vpcUuid === vpcUuid && ip.isSourceNat && ip.state === "Allocated");
  }

  /** Validates and stores a VPC (CreateVPCCmd.create); the job then starts it (startVpc). */
  create(caller: Caller, input: CreateVpcInput): VpcRecord {
    const zone = this.state.zones.find((z) => z.uuid === input.zoneid);
    if (!zone) throw uuidNotFound("zoneid", input.zoneid);
    const offering = this.offering(input.vpcofferingid);
    if (!offering) throw uuidNotFound("vpcofferingid", input.vpcofferingid);
    const owner: AccountRecord =
      input.account !== undefined || input.domainid !== undefined || input.projectid !== undefined
        ? this.accounts.resolveOwner(caller, input)
        : this.accounts.callerAccount(caller);

    if (offering.state !== "Enabled") {
      throw new ApiError(431, "Unable to find vpc offering in Enabled state by specified id", 4350, [
        { uuid: offering.uuid, description: "vpcOfferingId" },
      ]);
    }
    if (input.cidr === undefined && input.cidrsize === undefined) throw paramError("VPC cidr or cidr size must be specified");
    if (input.cidr !== undefined && input.cidrsize !== undefined) throw paramError("VPC cidr and cidr size are mutually exclusive");
    // The default offering is NATTED: cidrsize belongs to Routed VPCs only.
    if (input.cidrsize !== undefined) throw paramError("VPC cidr size is only applicable on VPC with Routed mode");
    const cidrText = input.cidr as string;

    let networkDomain = input.networkdomain;
    if (networkDomain === undefined) {
      const suffix = configValue(this.state, "guest.domain.suffix", { scope: "Zone", scopeUuid: zone.uuid }) ?? "cloud.internal";
      networkDomain = `cs${owner.id.toString(16)}${suffix}`;
    }
    // An MTU above the zone's limit or below the minimum is clamped (CloudStack raises an alert only).
    const publicMtu = Math.min(MAX_PUBLIC_MTU, Math.max(MIN_MTU, input.publicmtu ?? MAX_PUBLIC_MTU));

    // checkVpcDns
    if ([input.dns1, input.dns2, input.ip6dns1, input.ip6dns2].some((d) => d !== undefined) && !offering.services.some((s) => s.name === "Dns")) {
      throw paramError("DNS can not be specified for VPCs with offering that do not support DNS service");
    }
    if (input.ip6dns1 !== undefined || input.ip6dns2 !== undefined) throw paramError("IPv6 DNS can be specified for IPv6 enabled VPC");
    if (input.dns1 === undefined && input.dns2 !== undefined) throw paramError("Second IPv4 DNS can be specified only with the first IPv4 DNS");
    if (input.dns1 !== undefined && !isValidIp(input.dns1)) throw paramError("Invalid IPv4 for DNS1");
    if (input.dns2 !== undefined && !isValidIp(input.dns2)) throw paramError("Invalid IPv4 for DNS2");

    if (!isValidDomainName(networkDomain)) throw paramError(DOMAIN_NAME_TEXT);

    const cidr = parseCidr(cidrText);
    if (!cidr) throw paramError(`Invalid CIDR specified ${cidrText}`);
    // VpcManagerImpl.createVpc: NetUtils.validateGuestCidr (RFC 1918 or 6598) under its own,
    // older text.
    if (guestCidrComplianceChecked(this.state) && !isGuestCidrCompliant(cidr)) {
      throw paramError(`Guest Cidr ${cidrText} is not RFC1918 compliant`);
    }

    const vpc: VpcRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "vpc"),
      name: input.name,
      displaytext: input.displaytext ?? input.name,
      zoneUuid: zone.uuid,
      offeringUuid: offering.uuid,
      cidr: cidrText,
      networkDomain,
      accountUuid: owner.uuid,
      domainUuid: owner.domainUuid,
      state: "Enabled",
      dns1: input.dns1,
      dns2: input.dns2,
      publicMtu,
      display: input.fordisplay ?? true,
      restartRequired: false,
      redundant: false,
      created: now(),
    };
    this.state.vpcs.push(vpc);

    if (input.sourcenatipaddress !== undefined) {
      try {
        acquirePublicIp(this.state, owner.uuid, zone.uuid, { vpcUuid: vpc.uuid, ipAddress: input.sourcenatipaddress, isSourceNat: true });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.state.vpcs.splice(this.state.vpcs.indexOf(vpc), 1);
        throw internalError("new source NAT address cannot be acquired");
      }
    }
    return vpc;
  }

  /**
   * startVpc: the VPC virtual router comes up with the VPC's source NAT IP. A VPC that cannot get
   * one is destroyed again (destroyOnFailure) and the job fails with the capacity error.
   */
  start(vpc: VpcRecord): void {
    if (this.sourceNatIp(vpc.uuid)) return;
    try {
      acquirePublicIp(this.state, vpc.accountUuid, vpc.zoneUuid, { vpcUuid: vpc.uuid, isSourceNat: true });
    } catch (e) {
      vpc.state = "Inactive";
      vpc.removed = now();
      throw e;
    }
  }

  update(caller: Caller, vpc: VpcRecord, input: UpdateVpcInput): VpcRecord {
    if (vpc.removed) throw paramError(`Unable to find vpc by id ${vpc.id}`);
    this.accounts.checkAccess(caller, vpc.accountUuid, vpc.uuid);
    if (input.name !== undefined) vpc.name = input.name;
    if (input.displaytext !== undefined) vpc.displaytext = input.displaytext;
    if (input.fordisplay !== undefined) vpc.display = input.fordisplay;
    if (input.publicmtu !== undefined) vpc.publicMtu = Math.min(MAX_PUBLIC_MTU, Math.max(MIN_MTU, input.publicmtu));
    if (input.sourcenatipaddress !== undefined) {
      // Only an IP already associated with the VPC can become its source NAT IP; anything else is ignored.
      const requested = this.state.publicIps.find((ip) => ip.address === input.sourcenatipaddress && ip.vpcUuid === vpc.uuid);
      if (requested && !requested.isSourceNat) {
        const current = this.sourceNatIp(vpc.uuid);
        if (current) current.isSourceNat = false;
        requested.isSourceNat = true;
      }
    }
    return vpc;
  }

  restart(caller: Caller, vpc: VpcRecord, makeRedundant: boolean): void {
    const active = this.active(vpc.uuid);
    if (!active) {
      throw new ApiError(431, "Unable to find Enabled VPC by id specified", 4350, [{ uuid: String(vpc.id), description: "VPC" }]);
    }
    this.accounts.checkAccess(caller, vpc.accountUuid, vpc.uuid);
    if (makeRedundant) vpc.redundant = true;
    for (const tier of this.tiers(vpc.uuid)) tier.restartRequired = false;
    this.start(vpc);
    vpc.restartRequired = false;
  }

  /** destroyVpc: refused while tiers exist; then IPs, routes, gateways and ACL lists go, and the row is soft-deleted. */
  delete(caller: Caller, vpc: VpcRecord): void {
    if (vpc.removed) throw paramError(`unable to find VPC id=${vpc.id}`);
    this.accounts.checkAccess(caller, vpc.accountUuid, vpc.uuid);
    const tierCount = this.tiers(vpc.uuid).length;
    if (tierCount > 0) throw paramError(`Can't delete VPC ${vpcText(vpc)} as its used by ${tierCount} networks`);
    vpc.state = "Inactive";
    for (const ip of [...this.state.publicIps]) {
      if (ip.vpcUuid !== vpc.uuid) continue;
      if (ip.isPortable) {
        // Portable IPs stay with their owner; only the association goes.
        delete ip.vpcUuid;
        delete ip.associatedNetworkUuid;
      } else {
        releasePublicIp(this.state, ip);
      }
    }
    this.cleanup?.removeRoutesOfVpc(vpc.uuid);
    this.cleanup?.removeGatewaysOfVpc(vpc.uuid);
    this.cleanup?.removeAclListsOfVpc(vpc.uuid);
    this.cleanup?.removeVpnOfVpc(vpc.uuid);
    vpc.removed = now();
  }

  /** The tier limit: vpc.max.networks at the VPC owner's account scope. */
  maxTiers(vpc: VpcRecord): number {
    return Number(configValue(this.state, "vpc.max.networks", { scope: "Account", scopeUuid: vpc.accountUuid }) ?? "3");
  }

  // ---- VpcTierRules: what model/networks.ts asks when a network names a vpcid ----

  resolveVpc(param: string, uuid: string): void {
    this.resolveIncludingRemoved(param, uuid);
  }

  resolveAcl(param: string, uuid: string): void {
    if (!this.acls) throw uuidNotFound(param, uuid);
    this.acls.resolveAclUuid(param, uuid);
  }

  /** CloudStack's tier checks, in its order; returns the tier's network domain (the VPC's unless given). */
  checkNewTier(caller: Caller, check: NewTierCheck): { networkDomain: string } {
    if (check.aclUuid !== undefined) this.acls?.checkAclForTier(check.aclUuid, check.vpcUuid);
    const vpc = this.active(check.vpcUuid);
    if (!vpc) {
      throw new ApiError(431, "Unable to find Enabled VPC ", 4350, [{ uuid: String(this.resolveIncludingRemoved("vpcid", check.vpcUuid).id), description: "VPC" }]);
    }
    this.accounts.checkAccess(caller, vpc.accountUuid, vpc.uuid);
    const networkDomain = check.networkDomain ?? vpc.networkDomain;
    if (vpc.zoneUuid !== check.zoneUuid) throw paramError("New network doesn't belong to vpc zone");

    // validateNewVpcGuestNetwork
    const tiers = this.tiers(vpc.uuid);
    const max = this.maxTiers(vpc);
    if (tiers.length >= max) throw internalError(`Number of networks per VPC cannot surpass [${max}].`);
    if (check.cidr === undefined) throw paramError("Gateway/netmask are required when create network for VPC");
    const cidrText = cidrToString(check.cidr);
    const vpcCidr = parseCidr(vpc.cidr) as Cidr;
    if (!cidrIsSubset(check.cidr, vpcCidr)) throw paramError(`Network cidr ${cidrText} is not within vpc ${vpcText(vpc)} cidr`);
    for (const tier of tiers) {
      const other = tier.cidr !== undefined ? parseCidr(tier.networkCidr ?? tier.cidr) : undefined;
      if (other && (cidrIsSubset(other, check.cidr) || cidrIsSubset(check.cidr, other))) {
        throw paramError(
          `Network cidr ${cidrText} crosses other network cidr ${this.networkText(tier)} belonging to the same vpc ${vpcText(vpc)}`,
        );
      }
    }
    if (!this.accounts.canAccessOwner(this.callerOf(vpc), check.ownerAccountUuid)) {
      throw paramError(`VPC owner does not have access to account [${this.accounts.accountOrThrow(check.ownerAccountUuid).name}].`);
    }
    if (networkDomain.toLowerCase() !== vpc.networkDomain.toLowerCase()) {
      throw paramError(`Network domain of the new network should match network domain of vpc ${vpcText(vpc)}`);
    }
    if (check.gateway !== undefined && check.gateway === cidrText.split("/")[0]) {
      throw paramError("Invalid gateway specified. It should never be equal to the cidr subnet value");
    }
    this.checkTierOffering(vpc, check.offering, undefined, check.aclUuid !== undefined);
    return { networkDomain };
  }

  /** updateNetwork to another offering: the same offering rules, the tier itself left out of the LB check. */
  checkTierOfferingChange(tier: NetworkRecord, offering: NetworkOfferingRecord): void {
    const vpc = tier.vpcUuid !== undefined ? this.find(tier.vpcUuid) : undefined;
    if (!vpc) return;
    this.checkTierOffering(vpc, offering, tier.uuid, tier.aclUuid !== undefined);
  }

  /** validateNtwkOffForVpc and the provider, public LB and NetworkACL checks of validateNtwkOffForNtwkInVpc. */
  private checkTierOffering(vpc: VpcRecord, offering: NetworkOfferingRecord, tierUuid: string | undefined, aclGiven: boolean): void {
    if (!(offering.guestIpType === "Isolated" && (offeringHasService(offering, "SourceNat") || offeringHasService(offering, "Gateway")))) {
      throw paramError("Only network offerings of type Isolated with service SourceNat are valid for vpc ");
    }
    const vpcServices = this.offeringOf(vpc).services;
    for (const service of offering.services) {
      for (const provider of service.providers) {
        if (!vpcServices.some((s) => s.name === service.name && s.providers.includes(provider))) {
          throw paramError(`Service/provider combination ${service.name}/${provider} is not supported by VPC ${vpcText(vpc)}`);
        }
      }
    }
    if (isPublicLbOffering(offering)) {
      for (const other of this.tiers(vpc.uuid)) {
        if (other.uuid === tierUuid) continue;
        const otherOffering = this.networks.offeringOf(other);
        if (isPublicLbOffering(otherOffering) && otherOffering.uuid !== offering.uuid) {
          throw paramError(`Public LB service is already supported by network ${this.networkText(other)} in VPC ${vpcText(vpc)}`);
        }
      }
    }
    if (aclGiven && !offeringHasService(offering, "NetworkACL")) {
      throw paramError("Cannot apply NetworkACL. Network Offering does not support NetworkACL service");
    }
  }

  /** How CloudStack's NetworkVO.toString names a network in error texts. */
  private networkText(network: NetworkRecord): string {
    return `Ntwk[${network.id}|Guest|${this.networks.offeringOf(network).id}]`;
  }

  /** The VPC owner as a caller, for CheckAccountsAccess (the VPC's account acting on the tier owner). */
  private callerOf(vpc: VpcRecord): Caller {
    const account = this.accounts.accountOrThrow(vpc.accountUuid);
    const type = account.type === 5 ? 0 : account.type;
    return {
      userId: "",
      accountId: account.uuid,
      accountName: account.name,
      domainId: account.domainUuid,
      accountType: type,
      isRootAdmin: type === 1,
    };
  }
}
