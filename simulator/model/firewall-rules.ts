// Ingress firewall rules on public IPs and egress firewall rules of networks (FirewallManagerImpl,
// CreateFirewallRuleCmd, CreateEgressFirewallRuleCmd): CloudStack's
// defaults (source 0.0.0.0/0 for ingress, the network CIDR for egress, icmp type/code -1),
// validation, conflicts, and the rule opened for port forwarding and LB rules (openfirewall).
import { paramError } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { cidrIsSubset, parseCidr } from "./cidr";
import { now } from "./dates";
import { newUuid } from "./ids";
import type { Networks } from "./networks";
import {
  checkProtocolSupported,
  detectRulesConflict,
  egressRulesOf,
  firewallFacts,
  isValidCidr,
  networkServiceCapabilities,
  networkText,
  nextRuleId,
  paramErrorNoCause,
  rulesOnIp,
  validatePorts,
} from "./rule-conflicts";
import type { FirewallRuleRecord, NetworkRecord, PublicIpRecord, SimulatorState } from "./records";

export const ALL_IP4_CIDRS = "0.0.0.0/0";

export interface FirewallRuleInput {
  protocol: string;
  startport?: number;
  endport?: number;
  cidrlist?: string[];
  icmptype?: number;
  icmpcode?: number;
  fordisplay?: boolean;
}

export interface EgressRuleInput extends FirewallRuleInput {
  destcidrlist?: string[];
}

/** A rule about to be stored: the record's own fields, with its IP and network as records. */
type NewRule = Pick<
  FirewallRuleRecord,
  "trafficType" | "protocol" | "startPort" | "endPort" | "icmpType" | "icmpCode" | "sourceCidrs" | "destCidrs" | "relatedRuleUuid"
> & {
  ip?: PublicIpRecord;
  network: NetworkRecord;
  display?: boolean;
};

/** CreateFirewallRuleCmd.getIcmpType/getIcmpCode: -1 for icmp when not given. */
const icmpDefault = (protocol: string, value: number | undefined): number | undefined =>
  value !== undefined ? value : protocol.toLowerCase() === "icmp" ? -1 : undefined;

export class FirewallRules {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
  ) {}

  find(uuid: string): FirewallRuleRecord | undefined {
    return this.state.firewallRules.find((r) => r.uuid === uuid);
  }

  /** An ingress rule's IP must still be associated with its network. */
  private ipOf(rule: FirewallRuleRecord): PublicIpRecord | undefined {
    return rule.ipUuid === undefined ? undefined : this.state.publicIps.find((ip) => ip.uuid === rule.ipUuid);
  }

  /** FirewallManagerImpl.validateFirewallRule for purpose Firewall; returns the rule's network. */
  private validate(caller: Caller, ip: PublicIpRecord | undefined, network: NetworkRecord | undefined, rule: Omit<NewRule, "network" | "ip">): NetworkRecord {
    validatePorts(rule.startPort, rule.endPort);
    let target = network;
    if (ip) {
      const associated = ip.associatedNetworkUuid === undefined ? undefined : this.networks.find(ip.associatedNetworkUuid);
      if (!associated) throw paramError("Unable to create firewall rule ; ip with specified id is not associated with any network");
      target = associated;
      if (ip.accountUuid !== undefined) this.accounts.checkAccess(caller, ip.accountUuid, ip.uuid);
    }
    if (!target) throw paramError("Unable to retrieve network id to validate the rule");
    if (rule.trafficType === "Egress") this.accounts.checkAccess(caller, target.accountUuid, target.uuid);
    const caps = networkServiceCapabilities(this.networks, target, "Firewall");
    const directions = (caps.get("SupportedTrafficDirection") ?? "").toLowerCase();
    const protocols = (rule.trafficType === "Egress" ? caps.get("SupportedEgressProtocols") : caps.get("SupportedProtocols")) ?? "";
    checkProtocolSupported(rule.protocol, protocols, "Firewall", this.networks.zoneOf(target).id);
    if (!directions.includes(rule.trafficType.toLowerCase())) {
      throw paramError(`Traffic Type ${rule.trafficType} is currently supported by Firewall in network ${networkText(this.state, target)}`);
    }
    return target;
  }

  /** FirewallManagerImpl.createFirewallRule: validation, then the rule (state Add) unless it conflicts. */
  private create(caller: Caller, input: NewRule): FirewallRuleRecord {
    const network = this.validate(caller, input.ip, input.network, input);
    const icmp = input.protocol.toLowerCase() === "icmp";
    if (!icmp && (input.icmpCode !== undefined || input.icmpType !== undefined)) {
      throw paramError("Can specify icmpCode and icmpType for ICMP protocol only");
    }
    if (icmp && (input.startPort !== undefined || input.endPort !== undefined)) {
      throw paramError("Can't specify start/end port when protocol is ICMP");
    }
    const owner = this.accounts.accountOrThrow(input.ip?.accountUuid ?? network.accountUuid);
    const rule: FirewallRuleRecord = {
      uuid: newUuid(),
      id: nextRuleId(this.state),
      trafficType: input.trafficType,
      ipUuid: input.ip?.uuid,
      networkUuid: network.uuid,
      accountUuid: owner.uuid,
      domainUuid: owner.domainUuid,
      protocol: input.protocol.toLowerCase(),
      startPort: input.startPort,
      endPort: input.endPort,
      icmpType: input.icmpType,
      icmpCode: input.icmpCode,
      sourceCidrs: input.sourceCidrs,
      destCidrs: input.destCidrs,
      relatedRuleUuid: input.relatedRuleUuid,
      state: "Staged",
      display: input.display ?? true,
      created: now(),
    };
    const existing = input.ip ? rulesOnIp(this.state, input.ip.uuid) : egressRulesOf(this.state, network.uuid);
    detectRulesConflict(firewallFacts(this.state, rule), existing);
    rule.state = "Add";
    this.state.firewallRules.push(rule);
    return rule;
  }

  /** createFirewallRule's create step (synchronous): an ingress rule on a public IP. */
  createIngress(caller: Caller, ip: PublicIpRecord, input: FirewallRuleInput): FirewallRuleRecord {
    const given = input.cidrlist ?? [];
    const sourceCidrs = given.length > 0 && !(given.length === 1 && given[0].trim() === "") ? given : [ALL_IP4_CIDRS];
    for (const cidr of sourceCidrs) if (!isValidCidr(cidr)) throw paramErrorNoCause(`Source CIDRs formatting error ${cidr}`);
    const network = ip.associatedNetworkUuid === undefined ? undefined : this.networks.find(ip.associatedNetworkUuid);
    return this.create(caller, {
      ip,
      network: network as NetworkRecord,
      trafficType: "Ingress",
      protocol: input.protocol,
      startPort: input.startport,
      endPort: input.endport ?? input.startport,
      icmpType: icmpDefault(input.protocol, input.icmptype),
      icmpCode: icmpDefault(input.protocol, input.icmpcode),
      sourceCidrs,
      destCidrs: [],
      display: input.fordisplay,
    });
  }

  /** createEgressFirewallRule's create step (synchronous). */
  createEgress(caller: Caller, network: NetworkRecord, input: EgressRuleInput): FirewallRuleRecord {
    const guestCidr = network.cidr;
    const sources = (input.cidrlist ?? (guestCidr !== undefined ? [guestCidr] : [])).map((c) => c.trim());
    const guest = guestCidr === undefined ? undefined : parseCidr(guestCidr);
    for (const cidr of sources) {
      if (!isValidCidr(cidr)) throw paramErrorNoCause(`Source CIDRs formatting error [${cidr}].`);
      if (cidr === ALL_IP4_CIDRS) continue;
      const parsed = parseCidr(cidr);
      if (guest && parsed && !cidrIsSubset(parsed, guest)) {
        throw paramErrorNoCause(`[${cidr}] is not within the guest CIDR [${guestCidr ?? ""}]. `);
      }
    }
    const dests = (input.destcidrlist ?? []).map((c) => c.trim());
    for (const cidr of dests) if (!isValidCidr(cidr)) throw paramErrorNoCause(`Destination CIDRs formatting error [${cidr}].`);
    const endPort = input.endport ?? input.startport;
    if (input.protocol.toLowerCase() === "all" && input.startport !== undefined && endPort !== undefined) {
      throw paramError(
        `Unable to create firewall rule for the network id=[${network.id}] due to: ports must not be informed to protocol ALL, as it does not require them.`,
      );
    }
    if (network.vpcUuid !== undefined) {
      throw paramError(`Unable to create firewall rule for the network id=[${network.id}] as firewall egress rule can be created only for non VPC networks.`);
    }
    if (network.guestType === "Shared") throw paramError("Egress firewall rules are not supported for Shared  networks");
    // FirewallManagerImpl.createEgressFirewallRule stores 0.0.0.0/0 as the network's CIDR.
    const sourceCidrs = sources.map((c) => (c === ALL_IP4_CIDRS && guestCidr !== undefined ? guestCidr : c));
    return this.create(caller, {
      network,
      trafficType: "Egress",
      protocol: input.protocol,
      startPort: input.startport,
      endPort,
      icmpType: icmpDefault(input.protocol, input.icmptype),
      icmpCode: icmpDefault(input.protocol, input.icmpcode),
      sourceCidrs,
      destCidrs: dests,
      display: input.fordisplay,
    });
  }

  /**
   * FirewallManagerImpl.createRuleForAllCidrs (openfirewall=true on a PF or LB rule): an existing
   * firewall rule with the same ports and protocol is reused; otherwise a rule open to 0.0.0.0/0,
   * related to the PF/LB rule, with the usual validation and conflict checks.
   */
  createForAllCidrs(caller: Caller, ip: PublicIpRecord, startPort: number, endPort: number, protocol: string, relatedRuleUuid: string): FirewallRuleRecord {
    const same = this.state.firewallRules.find(
      (r) =>
        r.ipUuid === ip.uuid &&
        r.startPort === startPort &&
        r.endPort === endPort &&
        r.protocol === protocol.toLowerCase() &&
        r.state !== "Revoke",
    );
    if (same) return same;
    const network = ip.associatedNetworkUuid === undefined ? undefined : this.networks.find(ip.associatedNetworkUuid);
    return this.create(caller, {
      ip,
      network: network as NetworkRecord,
      trafficType: "Ingress",
      protocol,
      startPort,
      endPort,
      sourceCidrs: [ALL_IP4_CIDRS],
      destCidrs: [],
      relatedRuleUuid,
    });
  }

  /** The job of a create command: the rule is applied (Active). */
  apply(rule: FirewallRuleRecord): FirewallRuleRecord {
    if (rule.state === "Add" || rule.state === "Staged") rule.state = "Active";
    return rule;
  }

  /** Applies every pending rule on the IP (applyIngressFirewallRules after openfirewall). */
  applyOnIp(ipUuid: string): void {
    for (const r of this.state.firewallRules) if (r.ipUuid === ipUuid && r.state === "Add") r.state = "Active";
  }

  private requireFirewall(rule: FirewallRuleRecord | undefined, internalId: number, purposes: string): FirewallRuleRecord {
    if (!rule) throw paramError(`Unable to find ${internalId} having purpose ${purposes}`);
    return rule;
  }

  /** updateFirewallRule / updateEgressFirewallRule (jobs): custom id and display flag. */
  update(caller: Caller, uuid: string, internalId: number, input: { customid?: string; fordisplay?: boolean }): FirewallRuleRecord {
    const rule = this.requireFirewall(this.find(uuid), internalId, "Firewall");
    this.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
    if (input.customid !== undefined) rule.uuid = input.customid;
    if (input.fordisplay !== undefined) rule.display = input.fordisplay;
    return rule;
  }

  /** deleteFirewallRule / deleteEgressFirewallRule (jobs): revoked, then removed from the table. */
  delete(caller: Caller, uuid: string, internalId: number): void {
    const rule = this.requireFirewall(this.find(uuid), internalId, "[Firewall, Ipv6Firewall]");
    this.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
    this.state.firewallRules = this.state.firewallRules.filter((r) => r !== rule);
  }

  /** revokeRelatedFirewallRule: the firewall rule opened for a PF or LB rule goes with it. */
  removeRelated(ruleUuid: string): void {
    this.state.firewallRules = this.state.firewallRules.filter((r) => r.relatedRuleUuid !== ruleUuid);
  }

  /** The firewall rule opened for a PF or LB rule, if any. */
  relatedTo(ruleUuid: string): FirewallRuleRecord | undefined {
    return this.state.firewallRules.find((r) => r.relatedRuleUuid === ruleUuid);
  }

  /** Rules whose IP or network is gone are not shown (CloudStack revokes them with the IP or network). */
  isLive(rule: FirewallRuleRecord): boolean {
    if (!this.networks.find(rule.networkUuid)) return false;
    if (rule.trafficType === "Ingress") {
      const ip = this.ipOf(rule);
      return ip !== undefined && ip.accountUuid === rule.accountUuid && ip.associatedNetworkUuid !== undefined;
    }
    return true;
  }
}
