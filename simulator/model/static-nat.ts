// Static NAT (RulesManagerImpl.enableStaticNat / disableStaticNat): one public IP
// to one guest IP of an instance's NIC (its own IP or a secondary IP), with CloudStack's refusals,
// portable IPs moving between networks, and the elastic IP behaviour of a basic zone's NetScaler
// offering: each instance keeps a public IP, and taking static NAT away from one gives the
// instance a fresh system IP.
import { ApiError, paramError, permissionError, ruleConflictError } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { acquirePublicIp, releasePublicIp } from "./range-ips";
import type { Networks } from "./networks";
import { offeringCapabilities, offeringHasService } from "./offerings";
import type { PortableIps } from "./portable";
import { hasLoadBalancingRules, hasPortForwardingRules } from "./rule-conflicts";
import type { NetworkOfferingRecord, NetworkRecord, NicRecord, PublicIpRecord, SimulatorState, VmRecord } from "./records";

/** A StaticNat capability of the offering ("ElasticIp", "AssociatePublicIP") is true. */
export function staticNatCapability(offering: NetworkOfferingRecord, name: string): boolean {
  const caps = offering.serviceCapabilities?.StaticNat ?? offeringCapabilities(offering, "StaticNat");
  return caps.some((c) => c.name === name && c.value === "true");
}

/** The public IP with static NAT to this guest IP of the instance, if any. */
export const staticNatIpFor = (state: SimulatorState, vmUuid: string, guestIp: string): PublicIpRecord | undefined =>
  state.publicIps.find((ip) => ip.staticNat?.vmUuid === vmUuid && ip.staticNat.vmGuestIp === guestIp);

/** Every public IP with static NAT to the instance. */
export const staticNatIpsOf = (state: SimulatorState, vmUuid: string): PublicIpRecord[] =>
  state.publicIps.filter((ip) => ip.staticNat?.vmUuid === vmUuid);

/** Clears static NAT; a system IP goes back to the pool when asked (disableStaticNat(..., releaseIpIfElastic)). */
function clearStaticNat(state: SimulatorState, ip: PublicIpRecord, releaseIfSystem: boolean): void {
  delete ip.staticNat;
  if (ip.isSystem) {
    if (releaseIfSystem) releasePublicIp(state, ip);
    else delete ip.isSystem;
  }
}

/**
 * An elastic IP for an instance's NIC in a network whose offering has ElasticIp and
 * AssociatePublicIP (getSystemIpAndEnableStaticNatForVm): a system IP of the zone, owned by the
 * instance's account, with static NAT to the NIC's IP. Any IP that had static NAT to that guest IP
 * loses it (a system one is released). Throws 533 when the zone has no free public IP.
 */
export function assignElasticIp(state: SimulatorState, vm: VmRecord, nic: NicRecord, network: NetworkRecord): PublicIpRecord {
  if (nic.ipAddress === undefined) throw new Error(`NIC ${nic.uuid} has no IP address`);
  const ip = acquirePublicIp(state, vm.accountUuid, network.zoneUuid, { networkUuid: network.uuid, isSystem: true });
  const old = staticNatIpFor(state, vm.uuid, nic.ipAddress);
  if (old) clearStaticNat(state, old, true);
  ip.staticNat = { vmUuid: vm.uuid, vmGuestIp: nic.ipAddress, networkUuid: network.uuid };
  return ip;
}

/**
 * An instance going away (expunge, UserVmManagerImpl.cleanupVmResources): its system IPs are
 * released, other IPs lose static NAT and, as RulesManagerImpl.disableStaticNat revokes them,
 * their ingress firewall rules; the IPs stay allocated to their owner.
 */
export function releaseVmStaticNat(state: SimulatorState, vmUuid: string): void {
  const ips = staticNatIpsOf(state, vmUuid);
  const ipUuids = new Set(ips.map((ip) => ip.uuid));
  state.firewallRules = state.firewallRules.filter((r) => r.trafficType !== "Ingress" || r.ipUuid === undefined || !ipUuids.has(r.ipUuid));
  for (const ip of ips) clearStaticNat(state, ip, true);
}

export class StaticNat {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
    private readonly portable: PortableIps,
  ) {}

  private nicOf(vm: VmRecord, networkUuid: string): NicRecord | undefined {
    return this.state.nics.find((n) => n.vmUuid === vm.uuid && n.networkUuid === networkUuid);
  }

  private isElastic(networkUuid: string | undefined): boolean {
    const network = networkUuid === undefined ? undefined : this.networks.find(networkUuid);
    return network !== undefined && staticNatCapability(this.networks.offeringOf(network), "ElasticIp");
  }

  /** checkIpAndUserVm: access to both, same owner, same zone. */
  private checkIpAndVm(caller: Caller, ip: PublicIpRecord, vm: VmRecord | undefined): void {
    if (ip.accountUuid !== undefined) this.accounts.checkAccess(caller, ip.accountUuid, ip.uuid);
    if (!vm) return;
    if (vm.removed || vm.state === "Destroyed" || vm.state === "Expunging") throw paramError(`Invalid user vm: ${vm.uuid}`);
    if (!this.accounts.canAccessOwner(caller, vm.accountUuid)) {
      throw permissionError(`Account ${caller.accountName} does not have permission to operate with resource ${vm.uuid}`);
    }
    if (ip.accountUuid !== vm.accountUuid) {
      throw paramError(`Unable to create ip forwarding rule, IP address ${ip.address} owner is not the same as owner of virtual machine ${vm.uuid}`);
    }
    if (ip.zoneUuid !== vm.zoneUuid) {
      throw paramError(`Unable to create ip forwarding rule, IP address ${ip.address} is not in the same availability zone as virtual machine ${vm.uuid}`);
    }
  }

  /** enableStaticNat: synchronous, answers {"success":true}. */
  enable(caller: Caller, ip: PublicIpRecord, vm: VmRecord, networkId?: string, vmGuestIp?: string): void {
    const networkUuid = networkId ?? ip.associatedNetworkUuid;
    if (networkUuid === undefined) {
      throw paramError(`Unable to enable static NAT for the ipAddress id=${ip.uuid} as ip is not associated with any network and no networkId is passed in`);
    }
    const network = this.networks.find(networkUuid);
    if (!network) throw paramError("Unable to find network by id");
    const nic = this.nicOf(vm, network.uuid);
    if (!nic) throw paramError("Vm doesn't belong to the network with specified id");
    if (!offeringHasService(this.networks.offeringOf(network), "StaticNat")) {
      throw paramError("Unable to create static nat rule; StaticNat service is not supported in network with specified id");
    }

    let transferTo: NetworkRecord | undefined;
    // An IP of the VPC joins the tier static NAT is enabled in (assignToVpcNtwk), as it does for PF and LB rules.
    const joinsTier = ip.associatedNetworkUuid === undefined && network.vpcUuid !== undefined && ip.vpcUuid === network.vpcUuid;
    if (ip.associatedNetworkUuid === undefined) {
      if (!joinsTier) {
        if (!ip.isPortable) throw paramError(`Ip address ${ip.address} is not assigned to the network ${network.uuid}`);
        transferTo = network;
      }
    } else if (ip.associatedNetworkUuid !== network.uuid) {
      if (!ip.isPortable) {
        throw paramError(`Invalid network Id=${network.uuid}. IP is associated with a different network than passed network id`);
      }
      // A portable IP can move only while it carries no service (static NAT included) in its network.
      if (ip.staticNat) {
        throw paramError(
          `Portable IP: ${ip.uuid} has associated services in network ${ip.associatedNetworkUuid} so can not be transferred to  network ${network.uuid}`,
        );
      }
      transferTo = network;
    }

    const ipZone = transferTo ? transferTo.zoneUuid : ip.zoneUuid;
    this.checkIpAndVm(caller, { ...ip, zoneUuid: ipZone }, vm);

    let dstIp = nic.ipAddress;
    if (vmGuestIp !== undefined && vmGuestIp !== nic.ipAddress) {
      const secondary = this.state.nicSecondaryIps.find((s) => s.nicUuid === nic.uuid && s.ipAddress === vmGuestIp);
      if (!secondary) throw paramError(`VM ip ${vmGuestIp} address not belongs to the vm`);
      dstIp = secondary.ipAddress;
    }
    if (dstIp === undefined) throw paramError(`VM ip ${vmGuestIp ?? ""} address not belongs to the vm`);

    // isIpReadyForStaticNat
    if (ip.isSourceNat) throw paramError(`Can't enable static, ip address ${ip.address} is a sourceNat ip address`);
    if (!ip.staticNat) {
      // Static NAT and port forwarding or load balancing never share an IP.
      if (hasPortForwardingRules(this.state, ip.uuid)) {
        throw ruleConflictError(`Failed to enable static nat for the ip address ${ip.address} as it already has PortForwarding rules assigned`);
      }
      if (hasLoadBalancingRules(this.state, ip.uuid)) {
        throw ruleConflictError(`Failed to enable static nat for the ip address ${ip.address} as it already has LoadBalancing rules assigned`);
      }
    }
    if (ip.staticNat && ip.staticNat.vmUuid !== vm.uuid) {
      throw ruleConflictError(`Failed to enable static for the ip address ${ip.address} and vm id=${vm.uuid} as it's already assigned to antoher vm`);
    }
    const old = staticNatIpFor(this.state, vm.uuid, dstIp);
    if (old) {
      if (!this.isElastic(old.associatedNetworkUuid)) {
        // RulesManagerImpl.isIpReadyForStaticNat; the two spaces in "the  ip" are CloudStack's.
        throw paramError(
          `Failed to enable static nat on the  ip ${ip.address} with Id ${ip.uuid} as the vm ${vm.instanceName} with Id ${vm.uuid} is already associated with another public ip ${old.address} with id ${old.uuid}`,
        );
      }
      clearStaticNat(this.state, old, true);
    }

    if (transferTo) this.portable.transfer(ip, transferTo.uuid, transferTo.zoneUuid);
    if (joinsTier) ip.associatedNetworkUuid = network.uuid;
    ip.staticNat = { vmUuid: vm.uuid, vmGuestIp: dstIp, networkUuid: network.uuid };
  }

  /** disableStaticNat (a job): on an elastic IP network the instance gets a fresh system IP. */
  disable(caller: Caller, ip: PublicIpRecord): void {
    this.checkIpAndVm(caller, ip, undefined);
    if (ip.isSystem) {
      throw new ApiError(431, "Can't disable static nat for system IP address with specified id", 4350, [{ uuid: ip.uuid, description: "ipId" }]);
    }
    const nat = ip.staticNat;
    if (!nat) {
      throw new ApiError(431, "Specified IP address id is not associated with any vm Id", 4350, [{ uuid: ip.uuid, description: "ipId" }]);
    }
    const network = ip.associatedNetworkUuid === undefined ? undefined : this.networks.find(ip.associatedNetworkUuid);
    const offering = network ? this.networks.offeringOf(network) : undefined;
    if (network && offering && staticNatCapability(offering, "ElasticIp") && staticNatCapability(offering, "AssociatePublicIP")) {
      const vm = this.state.vms.find((v) => v.uuid === nat.vmUuid);
      const nic = vm ? this.nicOf(vm, network.uuid) : undefined;
      if (vm && nic) {
        assignElasticIp(this.state, vm, nic, network);
        return;
      }
    }
    clearStaticNat(this.state, ip, false);
  }

  /**
   * What a released IP with static NAT leaves behind (releaseIpAddressInternal): on an elastic IP
   * network the instance gets a fresh system IP.
   */
  afterRelease(nat: { vmUuid: string; networkUuid: string } | undefined, networkUuid: string | undefined): void {
    if (!nat || !this.isElastic(networkUuid)) return;
    const network = this.networks.find(nat.networkUuid);
    const vm = this.state.vms.find((v) => v.uuid === nat.vmUuid && !v.removed);
    const nic = vm && network ? this.nicOf(vm, network.uuid) : undefined;
    if (vm && nic && network) assignElasticIp(this.state, vm, nic, network);
  }
}
