// Global server load balancing (GlobalLoadBalancingRulesServiceImpl and its
// commands): rules of a region with the GSLB service and cloud.dns.name, unique domain names,
// member LB rules of the same account from distinct zones whose physical network has a GSLB
// provider, weights, and the rule's state (Staged until members are applied, then Active). The
// seed adds what GSLB needs: a second advanced zone, GSLB providers, a region without GSLB.
import { ApiError, paramError } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { configValue } from "./config";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { LoadBalancers } from "./load-balancers";
import type { Networks } from "./networks";
import { isValidDomainName } from "./networks";
import type { GslbRuleRecord, LoadBalancerRuleRecord, PhysicalNetworkRecord, SimulatorState, ZoneRecord } from "./records";
import { seedAdvancedZone } from "./seed-zones";
import { seedPublicRange } from "./vlan-ranges";

export const SECOND_ZONE_NAME = "Sandbox-simulator-2";
export const NO_GSLB_REGION_NAME = "Sandbox-region-2";
export const SEEDED_CLOUD_DNS_NAME = "example.com";

const ALGORITHMS = ["RoundRobin", "LeastConn", "Proximity"];
const SERVICE_TYPES = ["tcp", "udp", "http"];

export interface GslbInput {
  name: string;
  description?: string;
  regionid: number;
  account?: string;
  domainid?: string;
  gslblbmethod?: string;
  gslbstickysessionmethodname?: string;
  gslbdomainname: string;
  gslbservicetype: string;
}

/** CreateGlobalLoadBalancerRuleCmd.create turns every failure into a ServerApiException(PARAM_ERROR) without a cause. */
const createRefusal = (text: string): ApiError => new ApiError(431, text, 9999);

/**
 * The second advanced zone (own physical network, guest VLANs 500-600 and public range
 * 192.168.4.2-100), NetScaler with a GSLB provider on both advanced zones' physical networks,
 * GSLB enabled in region 1 with cloud.dns.name set, and region 2 without GSLB.
 */
export function seedGslbTopology(state: SimulatorState): void {
  const { zone } = seedAdvancedZone(state, { name: SECOND_ZONE_NAME, securityGroupsEnabled: false, physicalNetwork: "Sandbox-pnet-2", vnetRange: [500, 600] });
  seedPublicRange(state, zone.uuid, { gateway: "192.168.4.1", netmask: "255.255.255.0", startIp: "192.168.4.2", endIp: "192.168.4.100" });
  const advanced = new Set(state.zones.filter((z) => z.networkType === "Advanced").map((z) => z.uuid));
  for (const p of state.physicalNetworks.filter((x) => advanced.has(x.zoneUuid))) {
    p.providers = [...new Set([...(p.providers ?? []), "Netscaler"])];
    p.gslbProvider = true;
  }
  for (const r of state.regions) if (r.id === 1) r.gslbServiceEnabled = true;
  state.regions.push({ id: 2, name: NO_GSLB_REGION_NAME, endpoint: "http://127.0.0.1:8081/client/", gslbServiceEnabled: false, portableIpServiceEnabled: false });
  state.configValues.push({ name: "cloud.dns.name", scope: "Global", value: SEEDED_CLOUD_DNS_NAME });
}

export class GlobalLoadBalancers {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
    private readonly loadBalancers: LoadBalancers,
  ) {}

  find(uuid: string): GslbRuleRecord | undefined {
    return this.state.gslbRules.find((r) => r.uuid === uuid);
  }

  /** The name users resolve: the rule's domain name under cloud.dns.name. */
  fqdn(rule: GslbRuleRecord): string {
    return `${rule.domainName}.${configValue(this.state, "cloud.dns.name") ?? "null"}`;
  }

  /** createGlobalLoadBalancerRule's create step (synchronous): the rule in state Staged. */
  create(caller: Caller, input: GslbInput): GslbRuleRecord {
    const owner =
      input.account !== undefined || input.domainid !== undefined
        ? this.accounts.resolveOwner(caller, { account: input.account, domainid: input.domainid })
        : this.accounts.callerAccount(caller);
    const algorithm = input.gslblbmethod ?? "RoundRobin";
    const persistence = input.gslbstickysessionmethodname ?? "sourceip";
    if (!ALGORITHMS.some((a) => a.toLowerCase() === algorithm.toLowerCase())) throw createRefusal(`Invalid Algorithm: ${algorithm}`);
    if (persistence.toLowerCase() !== "sourceip") throw createRefusal(`Invalid persistence: ${persistence}`);
    if (!SERVICE_TYPES.includes(input.gslbservicetype.toLowerCase())) throw createRefusal(`Invalid service type: ${input.gslbservicetype}`);
    if (!isValidDomainName(input.gslbdomainname)) throw createRefusal(`Invalid domain name : ${input.gslbdomainname}`);
    // CloudStack's text has no space before "is in use".
    if (this.state.gslbRules.some((r) => r.domainName.toLowerCase() === input.gslbdomainname.toLowerCase())) {
      throw createRefusal(`Domain name ${input.gslbdomainname}is in use`);
    }
    const region = this.state.regions.find((r) => r.id === input.regionid);
    if (!region) throw createRefusal(`Invalid region ID: ${input.regionid}`);
    if (!region.gslbServiceEnabled || configValue(this.state, "cloud.dns.name") === undefined) {
      throw createRefusal(`GSLB service is not enabled in region : ${region.name}`);
    }
    const rule: GslbRuleRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "gslbRule"),
      name: input.name,
      description: input.description,
      domainName: input.gslbdomainname,
      algorithm,
      persistence,
      serviceType: input.gslbservicetype,
      regionId: region.id,
      accountUuid: owner.uuid,
      domainUuid: owner.domainUuid,
      state: "Staged",
      members: [],
      created: now(),
    };
    this.state.gslbRules.push(rule);
    return rule;
  }

  private zoneOf(lb: LoadBalancerRuleRecord): ZoneRecord | undefined {
    const network = this.networks.find(lb.networkUuid);
    return network ? this.networks.zoneOf(network) : undefined;
  }

  private memberRule(caller: Caller, uuid: string): LoadBalancerRuleRecord {
    const lb = this.loadBalancers.find(uuid);
    if (!lb) throw paramError("Specified load balancer rule ID does not exist.");
    this.accounts.checkAccess(caller, lb.accountUuid, lb.uuid);
    return lb;
  }

  /**
   * assignToGlobalLoadBalancerRule (a job): every check of GlobalLoadBalancingRulesServiceImpl in
   * its order, then the weights (1 to 100, default 1); the rule becomes Active.
   */
  assign(caller: Caller, rule: GslbRuleRecord, lbRuleUuids: string[], weights: Array<{ loadbalancerid?: string; weight?: string }>): void {
    this.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
    if (rule.state === "Revoke") throw paramError(`global load balancer rule id: ${rule.uuid} is in revoked state`);
    const oldZones = rule.members.map((m) => this.loadBalancers.find(m.lbRuleUuid)).map((lb) => (lb ? this.zoneOf(lb)?.uuid : undefined));
    const newZones: string[] = [];
    const providerChecks: Array<{ zone: ZoneRecord; pnet: PhysicalNetworkRecord }> = [];
    for (const uuid of lbRuleUuids) {
      const lb = this.memberRule(caller, uuid);
      if (lb.accountUuid !== rule.accountUuid) throw paramError("GSLB rule and load balancer rule does not belong to same account");
      if (lb.state === "Revoke") throw paramError(`Load balancer ID ${lb.uuid} is in revoke state`);
      if (rule.members.some((m) => m.lbRuleUuid === lb.uuid)) throw paramError(`Load balancer ID ${lb.uuid} is already assigned`);
      const network = this.networks.find(lb.networkUuid);
      if (!network) throw paramError("Specified load balancer rule ID does not exist.");
      const zone = this.networks.zoneOf(network);
      if (oldZones.includes(zone.uuid) || newZones.includes(zone.uuid)) throw paramError("Load balancer rule specified should be in unique zone");
      newZones.push(zone.uuid);
      providerChecks.push({ zone, pnet: this.networks.physicalNetworkOf(network) });
    }
    for (const { zone, pnet } of providerChecks) {
      if (!pnet.gslbProvider) throw paramError(`GSLB service is not enabled in the Zone:${zone.id} and physical network ${pnet.id}`);
    }
    const weightOf = new Map<string, number>();
    for (const w of weights) {
      const lb = w.loadbalancerid === undefined ? undefined : this.loadBalancers.find(w.loadbalancerid);
      if (!lb) throw paramError(`Unable to find load balancer rule with ID: ${w.loadbalancerid ?? "null"}`);
      const weight = w.weight !== undefined && /^[+-]?\d+$/.test(w.weight.trim()) ? Number(w.weight.trim()) : Number.NaN;
      if (Number.isNaN(weight)) throw paramError(`Unable to translate weight given for the LB rule id: ${w.loadbalancerid ?? "null"}`);
      if (weight < 1 || weight > 100) throw paramError(`Invalid weight ${weight} given for the LB rule id: ${w.loadbalancerid ?? "null"}`);
      weightOf.set(lb.uuid, weight);
    }
    for (const uuid of lbRuleUuids) rule.members.push({ lbRuleUuid: uuid, weight: weightOf.get(uuid) ?? 1 });
    rule.state = "Active";
  }

  /** removeFromGlobalLoadBalancerRule (a job): every LB rule must be a member; the rule stays Active. */
  remove(caller: Caller, rule: GslbRuleRecord, lbRuleUuids: string[]): void {
    this.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
    if (rule.state === "Revoke") throw paramError(`global load balancer rule id: ${rule.id} is already in revoked state`);
    const lbs = lbRuleUuids.map((uuid) => this.memberRule(caller, uuid));
    for (const lb of lbs) {
      if (!rule.members.some((m) => m.lbRuleUuid === lb.uuid)) {
        throw paramError(`Load balancer ID ${lb.uuid} is not assigned to global load balancer rule: ${rule.uuid}`);
      }
    }
    const gone = new Set(lbs.map((lb) => lb.uuid));
    rule.members = rule.members.filter((m) => !gone.has(m.lbRuleUuid));
    rule.state = "Active";
  }

  /** updateGlobalLoadBalancerRule (a job): method, sticky method and description; no weights. */
  update(caller: Caller, rule: GslbRuleRecord, input: { description?: string; gslblbmethod?: string; gslbstickysessionmethodname?: string }): GslbRuleRecord {
    this.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
    const { gslblbmethod: algorithm, gslbstickysessionmethodname: sticky } = input;
    if (algorithm !== undefined && !ALGORITHMS.some((a) => a.toLowerCase() === algorithm.toLowerCase())) throw paramError(`Invalid Algorithm: ${algorithm}`);
    if (sticky !== undefined && sticky.toLowerCase() !== "sourceip") throw paramError(`Invalid persistence: ${sticky}`);
    if (algorithm !== undefined) rule.algorithm = algorithm;
    if (sticky !== undefined) rule.persistence = sticky;
    if (input.description !== undefined) rule.description = input.description;
    rule.state = "Active";
    return rule;
  }

  /** deleteGlobalLoadBalancerRule (a job): a Staged rule goes at once, others after their members are revoked. */
  delete(caller: Caller, rule: GslbRuleRecord): void {
    this.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
    this.state.gslbRules = this.state.gslbRules.filter((r) => r !== rule);
  }

  /** listGlobalLoadBalancerRules: by id (with an access check), or with regionid every rule of the caller's account. */
  list(caller: Caller, id: GslbRuleRecord | undefined, regionid: number | undefined): GslbRuleRecord[] {
    if (id === undefined && regionid === undefined) throw paramError("Invalid arguments. At least one of region id, rule id must be specified");
    if (id !== undefined && regionid !== undefined) throw paramError("Invalid arguments. Only one of region id, rule id must be specified");
    if (id !== undefined) {
      this.accounts.checkAccess(caller, id.accountUuid, id.uuid);
      return [id];
    }
    return this.state.gslbRules.filter((r) => r.accountUuid === caller.accountId).sort((a, b) => a.id - b.id);
  }
}
