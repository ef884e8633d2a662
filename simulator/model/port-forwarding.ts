// Port forwarding rules (RulesManagerImpl.createPortForwardingRule /
// updatePortForwardingRule / revokePortForwardingRule, CreatePortForwardingRuleCmd): port ranges,
// the instance's NIC and secondary IPs, static NAT refusals, openfirewall's related firewall
// rule, VPC IPs joining the tier named by networkid.
import { paramError } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { isValidIp, parseCidr } from "./cidr";
import { now } from "./dates";
import type { FirewallRules } from "./firewall-rules";
import { newUuid } from "./ids";
import type { Networks } from "./networks";
import {
  checkProtocolSupported,
  detectRulesConflict,
  ipText,
  isValidPort,
  networkServiceCapabilities,
  networkText,
  nextRuleId,
  portForwardingFacts,
  rulesOnIp,
  validatePorts,
} from "./rule-conflicts";
import type { NetworkRecord, NicRecord, PortForwardingRuleRecord, PublicIpRecord, SimulatorState, VmRecord } from "./records";

export interface PortForwardingInput {
  protocol: string;
  publicport: number;
  publicendport?: number;
  privateport: number;
  privateendport?: number;
  vm: VmRecord;
  cidrlist?: string[];
  openfirewall?: boolean;
  /** The tier, for an IP of a VPC that is not associated with one yet. */
  network?: NetworkRecord;
  vmguestip?: string;
  fordisplay?: boolean;
}

export interface PortForwardingUpdate {
  privateport?: number;
  privateendport?: number;
  vm?: VmRecord;
  vmguestip?: string;
  customid?: string;
  fordisplay?: boolean;
  cidrlist?: string[];
}

/** CreatePortForwardingRuleCmd / CreateLoadBalancerRuleCmd.getOpenFirewall: default true outside a VPC. */
export function openFirewallFor(ip: PublicIpRecord, given: boolean | undefined): boolean {
  const isVpc = ip.vpcUuid !== undefined;
  if (given !== undefined) {
    if (isVpc && given) throw paramError("Can't have openFirewall=true when IP address belongs to VPC");
    return given;
  }
  return !isVpc;
}

/** RulesManagerImpl.validatePortForwardingSourceCidrList. */
function validateSourceCidrs(cidrs: string[] | undefined): void {
  for (const cidr of cidrs ?? []) {
    if (parseCidr(cidr) === undefined && !/^[0-9a-fA-F:]+\/\d{1,3}$/.test(cidr)) {
      throw paramError(`The given source CIDR [${cidr}] is invalid.`);
    }
  }
}

export class PortForwardingRules {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
    private readonly firewall: FirewallRules,
  ) {}

  find(uuid: string): PortForwardingRuleRecord | undefined {
    return this.state.portForwardingRules.find((r) => r.uuid === uuid);
  }

  private nicOf(vmUuid: string, networkUuid: string): NicRecord | undefined {
    return this.state.nics.find((n) => n.vmUuid === vmUuid && n.networkUuid === networkUuid);
  }

  /** The guest IP a rule forwards to: the NIC's IP, or vmguestip when it is one of the NIC's secondary IPs. */
  private guestIp(vm: VmRecord, network: NetworkRecord, vmGuestIp: string | undefined): string {
    const nic = this.nicOf(vm.uuid, network.uuid);
    if (!nic || nic.ipAddress === undefined) throw paramError("Vm doesn't belong to network associated with ipAddress");
    if (vmGuestIp === undefined || vmGuestIp === nic.ipAddress) return nic.ipAddress;
    if (!this.state.nicSecondaryIps.some((s) => s.nicUuid === nic.uuid && s.ipAddress === vmGuestIp)) {
      throw paramError("IP Address is not in the VM nic's network ");
    }
    return vmGuestIp;
  }

  /** createPortForwardingRule's create step (synchronous): the rule in state Add, with its firewall rule when openfirewall. */
  create(caller: Caller, ip: PublicIpRecord, input: PortForwardingInput): { rule: PortForwardingRuleRecord; openFirewall: boolean } {
    if (input.vmguestip !== undefined && !isValidIp(input.vmguestip)) throw paramError("Invalid vm ip address");
    validateSourceCidrs(input.cidrlist);
    const openFirewall = openFirewallFor(ip, input.openfirewall);
    if (ip.staticNat) throw paramError(`Unable to create port forwarding rule; ip ${ipText(this.state, ip)} has static nat enabled`);

    const networkUuid = ip.associatedNetworkUuid ?? input.network?.uuid;
    if (networkUuid === undefined) {
      throw paramError(
        `Unable to create port forwarding rule for the ipAddress id=${ip.id} as ip is not associated with any network and no networkId is passed in`,
      );
    }
    const network = this.networks.find(networkUuid);
    if (!network) throw paramError("Unable to find network by id");
    // An IP of the VPC joins the tier the rule is for.
    const joinsTier = ip.associatedNetworkUuid === undefined && network.vpcUuid !== undefined && ip.vpcUuid === network.vpcUuid;
    if (ip.associatedNetworkUuid === undefined && !joinsTier) {
      throw paramError(`Ip address ${ipText(this.state, ip)} is not assigned to the network ${networkText(this.state, network)}`);
    }

    const publicEnd = input.publicendport ?? input.publicport;
    const privateEnd = input.privateendport ?? input.privateport;
    validatePorts(input.publicport, publicEnd);
    if (ip.accountUuid !== undefined) this.accounts.checkAccess(caller, ip.accountUuid, ip.uuid);
    const caps = networkServiceCapabilities(this.networks, network, "PortForwarding");
    checkProtocolSupported(input.protocol, caps.get("SupportedProtocols") ?? "", "PortForwarding", this.networks.zoneOf(network).id);
    if (input.privateport > privateEnd) throw paramError("Start port can't be bigger than end port");
    if (privateEnd - input.privateport !== publicEnd - input.publicport) {
      throw paramError("Source port and destination port ranges should be of equal sizes.");
    }
    const vm = input.vm;
    if (vm.state === "Destroyed" || vm.state === "Expunging" || vm.removed) throw paramError(`Invalid user vm: ${vm.uuid}`);
    const vmGuestIp = this.guestIp(vm, network, input.vmguestip);
    if (input.publicport !== publicEnd || input.privateport !== privateEnd) {
      if (input.publicport !== input.privateport) throw paramError("Private port start should be equal to public port start");
      if (publicEnd !== privateEnd) throw paramError("Private port end should be equal to public port end");
    }

    const owner = this.accounts.accountOrThrow(ip.accountUuid ?? network.accountUuid);
    const rule: PortForwardingRuleRecord = {
      uuid: newUuid(),
      id: nextRuleId(this.state),
      ipUuid: ip.uuid,
      networkUuid: network.uuid,
      accountUuid: owner.uuid,
      domainUuid: owner.domainUuid,
      protocol: input.protocol.trim().toLowerCase(),
      publicStartPort: input.publicport,
      publicEndPort: publicEnd,
      privateStartPort: input.privateport,
      privateEndPort: privateEnd,
      vmUuid: vm.uuid,
      vmGuestIp,
      sourceCidrs: input.cidrlist ?? [],
      state: "Staged",
      display: input.fordisplay ?? true,
      created: now(),
    };
    if (joinsTier) ip.associatedNetworkUuid = network.uuid;
    this.state.portForwardingRules.push(rule);
    try {
      if (openFirewall) this.firewall.createForAllCidrs(caller, ip, rule.publicStartPort, rule.publicEndPort, rule.protocol, rule.uuid);
      detectRulesConflict(portForwardingFacts(this.state, rule), rulesOnIp(this.state, ip.uuid));
    } catch (e) {
      // The transaction rolls back: neither the rule nor its firewall rule stays.
      this.firewall.removeRelated(rule.uuid);
      this.state.portForwardingRules = this.state.portForwardingRules.filter((r) => r !== rule);
      if (joinsTier) delete ip.associatedNetworkUuid;
      throw e;
    }
    rule.state = "Add";
    return { rule, openFirewall };
  }

  /** The create command's job: the IP's firewall rules (when opened) and the rule are applied. */
  apply(rule: PortForwardingRuleRecord, openFirewall: boolean): PortForwardingRuleRecord {
    if (openFirewall) this.firewall.applyOnIp(rule.ipUuid);
    if (rule.state === "Add") rule.state = "Active";
    return rule;
  }

  private require(uuid: string, internalId: number): PortForwardingRuleRecord {
    const rule = this.find(uuid);
    if (!rule) throw paramError(`Unable to find ${internalId}`);
    return rule;
  }

  /** updatePortForwardingRule (a job): private ports, instance and guest IP, CIDRs, custom id, display flag. */
  update(caller: Caller, uuid: string, internalId: number, input: PortForwardingUpdate): PortForwardingRuleRecord {
    const rule = this.require(uuid, internalId);
    this.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
    if (input.customid !== undefined) rule.uuid = input.customid;
    if (input.fordisplay !== undefined) rule.display = input.fordisplay;
    const { privateport, privateendport } = input;
    if (privateport !== undefined && !isValidPort(privateport)) throw paramError(`privatePort is an invalid value: ${privateport}`);
    if (privateendport !== undefined && !isValidPort(privateendport)) throw paramError(`PrivateEndPort has an invalid value: ${privateendport}`);
    const inconsistent = `Unable to update the private port range of port forwarding rule as  the provided port range is not consistent with the port range : ${rule.publicStartPort} to ${rule.publicEndPort}`;
    if (privateport !== undefined && privateendport !== undefined && privateendport - privateport !== rule.publicEndPort - rule.publicStartPort) {
      throw paramError(inconsistent);
    }
    if (rule.publicStartPort !== rule.publicEndPort && (privateport === undefined) !== (privateendport === undefined)) {
      throw paramError(inconsistent);
    }
    if (input.vm === undefined && input.vmguestip !== undefined) throw paramError("vmguestip should be set along with virtualmachineid");
    let dstIp = rule.vmGuestIp;
    if (input.vm !== undefined) {
      const network = this.networks.find(rule.networkUuid);
      if (!network) throw paramError("Vm doesn't belong to network associated with ipAddress");
      dstIp = this.guestIp(input.vm, network, input.vmguestip);
    }
    validateSourceCidrs(input.cidrlist);
    if (privateport !== undefined) {
      rule.privateStartPort = privateport;
      rule.privateEndPort = privateendport ?? privateport;
    } else if (privateendport !== undefined) {
      rule.privateStartPort = privateendport;
      rule.privateEndPort = privateendport;
    }
    if (input.vm !== undefined) {
      rule.vmUuid = input.vm.uuid;
      rule.vmGuestIp = dstIp;
    }
    if (input.cidrlist !== undefined) rule.sourceCidrs = input.cidrlist;
    rule.state = "Active";
    return rule;
  }

  /** deletePortForwardingRule (a job): the related firewall rule goes first, then the rule itself. */
  delete(caller: Caller, uuid: string, internalId: number): void {
    const existing = this.require(uuid, internalId);
    this.accounts.checkAccess(caller, existing.accountUuid, existing.uuid);
    this.firewall.removeRelated(existing.uuid);
    this.state.portForwardingRules = this.state.portForwardingRules.filter((r) => r !== existing);
  }

  /** Rules of expunged instances are gone, as CloudStack revokes them at expunge. */
  isLive(rule: PortForwardingRuleRecord): boolean {
    const vm = this.state.vms.find((v) => v.uuid === rule.vmUuid);
    return vm !== undefined && vm.removed === undefined;
  }
}
