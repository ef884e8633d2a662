// What firewall, port forwarding and load balancing rules share (CloudStack keeps them in one
// firewall_rules table): their ids, how error texts name them, and FirewallManagerImpl's
// detectRulesConflict and validateFirewallRule checks.
import { ApiError, paramError, ruleConflictError } from "../errors";
import { parseCidr } from "./cidr";
import { nextId } from "./ids";
import type { Networks } from "./networks";
import type {
  FirewallRuleRecord,
  LoadBalancerRuleRecord,
  NetworkRecord,
  PortForwardingRuleRecord,
  PublicIpRecord,
  RuleState,
  SimulatorState,
} from "./records";

export type RulePurpose = "Firewall" | "PortForwarding" | "LoadBalancing";

/** The fields detectRulesConflict compares, whatever the kind of rule. */
export interface RuleFacts {
  uuid: string;
  purpose: RulePurpose;
  trafficType?: "Ingress" | "Egress";
  ipUuid?: string;
  networkUuid: string;
  protocol: string;
  startPort?: number;
  endPort?: number;
  icmpType?: number;
  icmpCode?: number;
  sourceCidrs: string[];
  destCidrs: string[];
  state: RuleState;
  /** How CloudStack's toString names the rule in error texts. */
  text: string;
}

/** Firewall, port forwarding and LB rules take their ids from one sequence, as in CloudStack. */
export const nextRuleId = (state: SimulatorState): number => nextId(state, "firewallRule");

const networkId = (state: SimulatorState, networkUuid: string): number | undefined =>
  state.networks.find((n) => n.uuid === networkUuid)?.id;

/** FirewallRuleVO.toString (ReflectionToStringBuilderUtils JSON style, fields in declaration order). */
export function firewallRuleText(
  state: SimulatorState,
  rule: { id: number; uuid: string; networkUuid: string; state: RuleState },
  purpose: RulePurpose,
): string {
  const fields = { id: rule.id, purpose, state: rule.state, networkId: networkId(state, rule.networkUuid), uuid: rule.uuid };
  return `FirewallRule ${JSON.stringify(fields)}`;
}

/** LoadBalancerVO.toString: the subclass's name first, then the inherited fields. */
export function loadBalancerText(rule: LoadBalancerRuleRecord): string {
  const fields = { name: rule.name, id: rule.id, purpose: "LoadBalancing", state: rule.state, uuid: rule.uuid };
  return `LoadBalancer ${JSON.stringify(fields)}`;
}

/** NetworkVO.toString, as texts built from a network show it. */
export function networkText(state: SimulatorState, network: NetworkRecord): string {
  const offeringId = state.networkOfferings.find((o) => o.uuid === network.offeringUuid)?.id ?? 0;
  return `Network {"id": ${network.id}, "name": "${network.name}", "uuid": "${network.uuid}", "networkofferingid": ${offeringId}}`;
}

/** IPAddressVO.toString (JSON style, fields in declaration order). */
export function ipText(state: SimulatorState, ip: PublicIpRecord): string {
  const zoneId = state.zones.find((z) => z.uuid === ip.zoneUuid)?.id;
  return `IPAddress ${JSON.stringify({ id: ip.id, address: ip.address, dataCenterId: zoneId, uuid: ip.uuid })}`;
}

export function firewallFacts(state: SimulatorState, r: FirewallRuleRecord): RuleFacts {
  return {
    uuid: r.uuid,
    purpose: "Firewall",
    trafficType: r.trafficType,
    ipUuid: r.ipUuid,
    networkUuid: r.networkUuid,
    protocol: r.protocol,
    startPort: r.startPort,
    endPort: r.endPort,
    icmpType: r.icmpType,
    icmpCode: r.icmpCode,
    sourceCidrs: r.sourceCidrs,
    destCidrs: r.destCidrs,
    state: r.state,
    text: firewallRuleText(state, r, "Firewall"),
  };
}

export function portForwardingFacts(state: SimulatorState, r: PortForwardingRuleRecord): RuleFacts {
  return {
    uuid: r.uuid,
    purpose: "PortForwarding",
    ipUuid: r.ipUuid,
    networkUuid: r.networkUuid,
    protocol: r.protocol,
    startPort: r.publicStartPort,
    endPort: r.publicEndPort,
    sourceCidrs: r.sourceCidrs,
    destCidrs: [],
    state: r.state,
    text: firewallRuleText(state, r, "PortForwarding"),
  };
}

/** An LB rule's firewall_rules row: protocol tcp (CreateLoadBalancerRuleCmd.getProtocol), no source CIDR rows. */
export function loadBalancerFacts(r: LoadBalancerRuleRecord): RuleFacts {
  return {
    uuid: r.uuid,
    purpose: "LoadBalancing",
    ipUuid: r.ipUuid,
    networkUuid: r.networkUuid,
    protocol: "tcp",
    startPort: r.publicPort,
    endPort: r.publicPort,
    sourceCidrs: [],
    destCidrs: [],
    state: r.state,
    text: loadBalancerText(r),
  };
}

/** Every rule on a public IP that is not being revoked (listByIpAndPurposeAndNotRevoked). */
export function rulesOnIp(state: SimulatorState, ipUuid: string): RuleFacts[] {
  return [
    ...state.firewallRules.filter((r) => r.ipUuid === ipUuid).map((r) => firewallFacts(state, r)),
    ...state.portForwardingRules.filter((r) => r.ipUuid === ipUuid).map((r) => portForwardingFacts(state, r)),
    ...state.loadBalancerRules.filter((r) => r.ipUuid === ipUuid).map(loadBalancerFacts),
  ].filter((r) => r.state !== "Revoke");
}

/** A network's egress firewall rules that are not being revoked. */
export const egressRulesOf = (state: SimulatorState, networkUuid: string): RuleFacts[] =>
  state.firewallRules
    .filter((r) => r.trafficType === "Egress" && r.networkUuid === networkUuid && r.state !== "Revoke")
    .map((r) => firewallFacts(state, r));

/** Whether the IP carries port forwarding or load balancing rules (enableStaticNat refuses it). */
export const hasPortForwardingRules = (state: SimulatorState, ipUuid: string): boolean =>
  state.portForwardingRules.some((r) => r.ipUuid === ipUuid && r.state !== "Revoke");
export const hasLoadBalancingRules = (state: SimulatorState, ipUuid: string): boolean =>
  state.loadBalancerRules.some((r) => r.ipUuid === ipUuid && r.state !== "Revoke");

/** detectConflictingCidrs: two empty lists conflict; otherwise they must share an entry. */
function cidrsOverlap(a: string[], b: string[]): boolean {
  if (a.length === 0 && b.length === 0) return true;
  return a.some((c) => b.includes(c));
}

function portRangesOverlap(a: RuleFacts, b: RuleFacts): boolean {
  const [as, ae, bs, be] = [a.startPort as number, a.endPort as number, b.startPort as number, b.endPort as number];
  return (bs <= as && be >= as) || (bs <= ae && be >= ae) || (as <= bs && ae >= bs) || (as <= be && ae >= be);
}

/**
 * FirewallManagerImpl.detectRulesConflict: the new rule against the existing ones on its IP (or,
 * for egress rules, the network's egress rules). NetworkRuleConflictException (537) for
 * overlapping port ranges and for a second port-less rule with the same protocol and CIDRs;
 * InvalidParameterValueException (431) for a duplicate ICMP rule.
 */
export function detectRulesConflict(newRule: RuleFacts, existing: RuleFacts[]): void {
  for (const rule of existing) {
    if (rule.uuid === newRule.uuid) continue;
    const sameProtocol = rule.protocol.toLowerCase() === newRule.protocol.toLowerCase();
    const oneOfRulesIsFirewall = (rule.purpose === "Firewall" || newRule.purpose === "Firewall") && (rule.purpose !== newRule.purpose || !sameProtocol);
    const bothFirewall = rule.purpose === "Firewall" && newRule.purpose === "Firewall";
    const bothPortForwarding = rule.purpose === "PortForwarding" && newRule.purpose === "PortForwarding";
    let duplicatedCidrs = false;
    if (bothFirewall) {
      duplicatedCidrs = cidrsOverlap(rule.sourceCidrs, newRule.sourceCidrs) && cidrsOverlap(rule.destCidrs, newRule.destCidrs);
    } else if (bothPortForwarding) {
      duplicatedCidrs = cidrsOverlap(rule.sourceCidrs, newRule.sourceCidrs);
    }

    if (newRule.protocol === "icmp" && sameProtocol) {
      if (newRule.icmpCode === rule.icmpCode && newRule.icmpType === rule.icmpType && duplicatedCidrs) {
        throw paramError(`New rule conflicts with existing rule: ${rule.text}`);
      }
    }
    const newHasPorts = newRule.startPort !== undefined && newRule.endPort !== undefined;
    const oldHasPorts = rule.startPort !== undefined && rule.endPort !== undefined;
    const nullPorts =
      newRule.startPort === undefined && newRule.endPort === undefined && rule.startPort === undefined && rule.endPort === undefined;
    if (nullPorts && duplicatedCidrs && sameProtocol && newRule.protocol !== "icmp") {
      throw ruleConflictError(`There is already a firewall rule specified with protocol = ${newRule.protocol} and no ports`);
    }
    if (!newHasPorts || !oldHasPorts) continue;
    if (oneOfRulesIsFirewall) continue;
    if ((bothFirewall || bothPortForwarding) && !duplicatedCidrs) continue;
    if (!portRangesOverlap(newRule, rule)) continue;
    // Port forwarding rules with the same ports but different protocols may coexist.
    if (bothPortForwarding && !sameProtocol) continue;
    throw ruleConflictError(
      `The range specified, ${String(newRule.startPort)}-${String(newRule.endPort)}, conflicts with rule ${rule.text} which has ${String(rule.startPort)}-${String(rule.endPort)}`,
    );
  }
}

/** NetUtils.isValidPort. */
export const isValidPort = (port: number): boolean => Number.isInteger(port) && port >= 0 && port <= 65535;

/** The port checks of validateFirewallRule that come before the IP and network checks. */
export function validatePorts(start: number | undefined, end: number | undefined): void {
  if (start !== undefined && !isValidPort(start)) throw paramError(`publicPort is an invalid value: ${start}`);
  if (end !== undefined && !isValidPort(end)) throw paramError(`Public port range is an invalid value: ${end}`);
  if (start !== undefined && end !== undefined && start > end) throw paramError("Start port can't be bigger than end port");
}

/** The protocols a network's provider supports for a purpose (validateFirewallRule). */
export function checkProtocolSupported(protocol: string, supported: string, purpose: RulePurpose, zoneId: number): void {
  if (!supported.toLowerCase().includes(protocol.toLowerCase())) {
    throw paramError(`Protocol ${protocol} is not supported in zone ${zoneId}`);
  }
  if (protocol.toLowerCase() === "icmp" && purpose !== "Firewall") {
    throw paramError(`Protocol ${protocol} is currently supported only for rules with purpose Firewall`);
  }
}

/** UnsupportedServiceException: 530 / 4390. */
export const unsupportedService = (text: string): ApiError => new ApiError(530, text, 4390);

/**
 * NetworkModelImpl.getNetworkServiceCapabilities: the capabilities the network's provider
 * advertises for a service, or UnsupportedServiceException when the network lacks it.
 */
export function networkServiceCapabilities(networks: Networks, network: NetworkRecord, service: string): Map<string, string> {
  const svc = networks.services(network).find((s) => s.name === service);
  if (!svc) throw unsupportedService(`Service ${service} is not supported in the network id=${network.id}`);
  return new Map(svc.capabilities.map((c) => [c.name, c.value]));
}

/** ServerApiException(PARAM_ERROR) built without a cause: 431 / 9999. */
export const paramErrorNoCause = (text: string): ApiError => new ApiError(431, text, 9999);

/** NetUtils.isValidIp4Cidr (IPv6 CIDRs are accepted as given). */
export const isValidCidr = (cidr: string): boolean => parseCidr(cidr) !== undefined || /^[0-9a-fA-F:]+\/\d{1,3}$/.test(cidr);

/**
 * Everything that goes with a public IP when it is released (IpAddressManagerImpl revokes its
 * rules): its firewall, port forwarding and LB rules, the LB rules' policies and their places in
 * GSLB rules.
 */
export function removeRulesOfIp(state: SimulatorState, ipUuid: string): void {
  const lbUuids = new Set(state.loadBalancerRules.filter((r) => r.ipUuid === ipUuid).map((r) => r.uuid));
  state.firewallRules = state.firewallRules.filter((r) => r.ipUuid !== ipUuid);
  state.portForwardingRules = state.portForwardingRules.filter((r) => r.ipUuid !== ipUuid);
  removeLoadBalancerRules(state, lbUuids);
  // RemoteAccessVpnManagerImpl.destroyRemoteAccessVpnForIp runs when the IP is released.
  state.remoteAccessVpns = state.remoteAccessVpns.filter((v) => v.ipUuid !== ipUuid);
}

/** LB rules leave with their stickiness and health check policies and their GSLB memberships. */
export function removeLoadBalancerRules(state: SimulatorState, lbUuids: ReadonlySet<string>): void {
  if (lbUuids.size === 0) return;
  state.loadBalancerRules = state.loadBalancerRules.filter((r) => !lbUuids.has(r.uuid));
  state.lbStickinessPolicies = state.lbStickinessPolicies.filter((p) => !lbUuids.has(p.lbRuleUuid));
  state.lbHealthCheckPolicies = state.lbHealthCheckPolicies.filter((p) => !lbUuids.has(p.lbRuleUuid));
  for (const g of state.gslbRules) g.members = g.members.filter((m) => !lbUuids.has(m.lbRuleUuid));
  state.firewallRules = state.firewallRules.filter((r) => r.relatedRuleUuid === undefined || !lbUuids.has(r.relatedRuleUuid));
}
