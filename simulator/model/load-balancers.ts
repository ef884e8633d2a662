// Public load balancing rules and their members (LoadBalancingRulesManagerImpl
// createPublicLoadBalancerRule / assignToLoadBalancer / removeFromLoadBalancer /
// updateLoadBalancerRule / deleteLoadBalancerRule, CreateLoadBalancerRuleCmd), and the LB
// capabilities of the providers the simulator models: the virtual router and NetScaler.
import { ApiError, paramError, permissionError, ruleConflictError } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { isValidIp, parseCidr } from "./cidr";
import { now } from "./dates";
import type { FirewallRules } from "./firewall-rules";
import { newUuid, nextId } from "./ids";
import type { Networks } from "./networks";
import type { Capability } from "./offerings";
import { offeringHasService } from "./offerings";
import { openFirewallFor } from "./port-forwarding";
import {
  checkProtocolSupported,
  detectRulesConflict,
  ipText,
  isValidPort,
  loadBalancerFacts,
  networkServiceCapabilities,
  networkText,
  nextRuleId,
  removeLoadBalancerRules,
  rulesOnIp,
  validatePorts,
} from "./rule-conflicts";
import type { LbMemberRecord, LoadBalancerRuleRecord, NetworkRecord, PublicIpRecord, SimulatorState, VmRecord } from "./records";

const NETSCALER_STICKINESS_METHODS = JSON.stringify([
  {
    methodname: "LbCookie",
    paramlist: [{ paramname: "holdtime", required: false, isflag: false, description: "time period in minutes for which persistence is in effect." }],
    description: "This is cookie based sticky method, can be used only for http",
  },
  {
    methodname: "AppCookie",
    paramlist: [{ paramname: "name", required: true, isflag: false, description: "cookie name passed in http header by apllication to the client" }],
    description: "This is app session based sticky method, can be used only for http",
  },
  {
    methodname: "SourceBased",
    paramlist: [{ paramname: "holdtime", required: false, isflag: false, description: "time period for which persistence is in effect." }],
    description: "This is source based sticky method, can be used for any type of protocol.",
  },
]);

/** What NetscalerElement advertises for the Lb service (HealthCheckPolicy among them). */
export const NETSCALER_LB_CAPABILITIES: Capability[] = [
  { name: "SupportedLbAlgorithms", value: "roundrobin, leastconn, source" },
  { name: "SupportedLBIsolation", value: "dedicated, shared" },
  { name: "SupportedProtocols", value: "tcp,udp,http" },
  { name: "TrafficStatistics", value: "per public ip" },
  { name: "LoadBalancingSupportedIps", value: "additional" },
  { name: "LbSchemes", value: "Public" },
  { name: "InlineMode", value: "true" },
  { name: "VmAutoScaling", value: "true" },
  { name: "SupportedStickinessMethods", value: NETSCALER_STICKINESS_METHODS },
  { name: "ElasticLb", value: "true" },
  { name: "HealthCheckPolicy", value: "true" },
  { name: "SslTermination", value: "true" },
];

/** NetUtils.isValidAlgorithm. */
export const isValidLbAlgorithm = (algorithm: string): boolean => ["roundrobin", "leastconn", "source"].includes(algorithm.toLowerCase());

export interface LoadBalancerInput {
  name: string;
  description?: string;
  algorithm: string;
  publicport: number;
  privateport: number;
  ip: PublicIpRecord;
  /** The network named by networkid (a VPC tier for an IP of the VPC). */
  network?: NetworkRecord;
  openfirewall?: boolean;
  cidrlist?: string[];
  protocol?: string;
  fordisplay?: boolean;
}

export interface LoadBalancerUpdate {
  name?: string;
  description?: string;
  algorithm?: string;
  customid?: string;
  fordisplay?: boolean;
  protocol?: string;
  cidrlist?: string[];
}

/** Members to add or remove: instances by id (their NIC's IP) and instance/IP pairs (vmidipmap). */
export interface MemberRequest {
  vms?: VmRecord[];
  vmIpPairs: Array<{ vm: VmRecord; ip: string }>;
}

export class LoadBalancers {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
    private readonly firewall: FirewallRules,
  ) {}

  find(uuid: string): LoadBalancerRuleRecord | undefined {
    return this.state.loadBalancerRules.find((r) => r.uuid === uuid);
  }

  /** The Lb capabilities of the rule's network provider (getLBCapability); undefined when the network has no Lb. */
  /** The Lb service of the rule's network, with its providers. */
  lbService(rule: LoadBalancerRuleRecord): { providers: string[] } | undefined {
    const network = this.networks.find(rule.networkUuid);
    return network ? this.networks.services(network).find((s) => s.name === "Lb") : undefined;
  }

  capabilities(rule: LoadBalancerRuleRecord): Map<string, string> | undefined {
    const network = this.networks.find(rule.networkUuid);
    if (!network) return undefined;
    const svc = this.networks.services(network).find((s) => s.name === "Lb");
    return svc ? new Map(svc.capabilities.map((c) => [c.name, c.value])) : undefined;
  }

  /** createLoadBalancerRule's create step (synchronous): the rule in state Add, with its firewall rule when openfirewall. */
  create(caller: Caller, input: LoadBalancerInput): { rule: LoadBalancerRuleRecord; openFirewall: boolean } {
    const ip = input.ip;
    if (ip.state !== "Allocated") throw new ApiError(431, `Unable to create load balancer rule, invalid IP address ID ${ip.id}`, 9999);
    let network = input.network;
    if (!network) {
      const associated = ip.associatedNetworkUuid === undefined ? undefined : this.networks.find(ip.associatedNetworkUuid);
      if (!associated) throw new ApiError(431, `IP address ID=${ip.id} is not associated with any network`, 9999);
      network = associated;
    }
    const owner = this.accounts.accountOrThrow(ip.accountUuid ?? network.accountUuid);
    let openFirewall: boolean;
    try {
      openFirewall = openFirewallFor(ip, input.openfirewall);
    } catch (e) {
      throw e instanceof ApiError ? new ApiError(431, e.errortext, 9999) : e;
    }
    // CreateLoadBalancerRuleCmd.create maps both to ServerApiExceptions without a cause (cserrorcode 9999).
    try {
      return { rule: this.createPublic(caller, input, ip, network, owner.uuid, openFirewall), openFirewall };
    } catch (e) {
      if (e instanceof ApiError && (e.errorcode === 431 || e.errorcode === 537)) throw new ApiError(e.errorcode, e.errortext, 9999, e.uuidList);
      throw e;
    }
  }

  /** LoadBalancingRulesManagerImpl.createPublicLoadBalancerRule and createPublicLoadBalancer. */
  private createPublic(caller: Caller, input: LoadBalancerInput, ip: PublicIpRecord, network: NetworkRecord, ownerUuid: string, openFirewall: boolean): LoadBalancerRuleRecord {
    const offering = this.networks.offeringOf(network);
    if (input.publicport === 53 && ip.isSourceNat && offeringHasService(offering, "Dns")) {
      throw paramError("Error adding load balancer rule, cannot add port 53 with network service offering having DNS service and Source NAT.");
    }
    if (ip.staticNat) throw ruleConflictError(`Can't do load balance on ip address: ${ip.address}`);
    let cidrList: string | undefined;
    if (input.cidrlist !== undefined) {
      for (const cidr of input.cidrlist) {
        const c = cidr.trim();
        if (parseCidr(c) === undefined && !isValidIp(c) && !/^[0-9a-fA-F:]+(\/\d{1,3})?$/.test(c)) throw new ApiError(431, `CIDR [${c}] is invalid.`, 9999);
      }
      cidrList = input.cidrlist.map((c) => c.trim()).join(" ");
    }
    const joinsTier = ip.associatedNetworkUuid === undefined && network.vpcUuid !== undefined && ip.vpcUuid === network.vpcUuid;
    if (ip.associatedNetworkUuid === undefined && !joinsTier) {
      throw paramError(`Ip address ${ipText(this.state, ip)} is not assigned to the network ${networkText(this.state, network)}`);
    }
    if (!isValidPort(input.privateport)) throw paramError(`privatePort is an invalid value: ${input.privateport}`);
    if (!isValidLbAlgorithm(input.algorithm)) throw paramError(`Invalid algorithm: ${input.algorithm}`);
    if (ip.accountUuid !== undefined) this.accounts.checkAccess(caller, ip.accountUuid, ip.uuid);
    const ruleNetwork = joinsTier ? network : (this.networks.find(ip.associatedNetworkUuid as string) as NetworkRecord);
    if (!offeringHasService(this.networks.offeringOf(ruleNetwork), "Lb")) {
      throw new ApiError(431, "LB service is not supported in specified network id", 4350, [{ uuid: ruleNetwork.uuid, description: "networkId" }]);
    }
    validatePorts(input.publicport, input.publicport);
    const caps = networkServiceCapabilities(this.networks, ruleNetwork, "Lb");
    checkProtocolSupported("tcp", caps.get("SupportedProtocols") ?? "", "LoadBalancing", this.networks.zoneOf(ruleNetwork).id);

    const owner = this.accounts.accountOrThrow(ownerUuid);
    const rule: LoadBalancerRuleRecord = {
      uuid: newUuid(),
      id: nextRuleId(this.state),
      name: input.name,
      description: input.description,
      ipUuid: ip.uuid,
      networkUuid: ruleNetwork.uuid,
      accountUuid: owner.uuid,
      domainUuid: owner.domainUuid,
      publicPort: input.publicport,
      privatePort: input.privateport,
      algorithm: input.algorithm,
      lbProtocol: input.protocol?.trim().toLowerCase() ?? "tcp",
      cidrList,
      members: [],
      state: "Staged",
      display: input.fordisplay ?? true,
      created: now(),
    };
    if (joinsTier) ip.associatedNetworkUuid = ruleNetwork.uuid;
    this.state.loadBalancerRules.push(rule);
    try {
      if (openFirewall) this.firewall.createForAllCidrs(caller, ip, rule.publicPort, rule.publicPort, "tcp", rule.uuid);
      detectRulesConflict(loadBalancerFacts(rule), rulesOnIp(this.state, ip.uuid));
    } catch (e) {
      this.firewall.removeRelated(rule.uuid);
      this.state.loadBalancerRules = this.state.loadBalancerRules.filter((r) => r !== rule);
      if (joinsTier) delete ip.associatedNetworkUuid;
      throw e;
    }
    rule.state = "Add";
    return rule;
  }

  /** The create command's job: the IP's firewall rules are applied when one was opened; the LB rule waits for members. */
  applyCreate(rule: LoadBalancerRuleRecord, openFirewall: boolean): LoadBalancerRuleRecord {
    if (openFirewall) this.firewall.applyOnIp(rule.ipUuid);
    return rule;
  }

  private require(uuid: string, text: string): LoadBalancerRuleRecord {
    const rule = this.find(uuid);
    if (!rule) throw paramError(text);
    return rule;
  }

  /** assignToLoadBalancerRule (a job): new instance/IP pairs; the rule is applied (Active). */
  assign(caller: Caller, uuid: string, internalId: number, request: MemberRequest): void {
    const rule = this.require(uuid, `Failed to assign to load balancer ${internalId}, the load balancer was not found.`);
    if (request.vms === undefined && request.vmIpPairs.length === 0) throw paramError("Both instanceids and vmidipmap  can't be null");
    // vmid -> requested IPs (undefined: the NIC's IP), in CloudStack's HashMap merge order.
    const requested = new Map<VmRecord, string[] | undefined>();
    for (const { vm, ip } of request.vmIpPairs) requested.set(vm, [...(requested.get(vm) ?? []), ip]);
    for (const vm of request.vms ?? []) if (!requested.has(vm)) requested.set(vm, undefined);
    const additions: LbMemberRecord[] = [];
    for (const [vm, ips] of requested) {
      if (vm.removed || vm.state === "Destroyed" || vm.state === "Expunging") {
        throw new ApiError(431, "Invalid instance id specified", 4350, [{ uuid: vm.uuid, description: "instanceId" }]);
      }
      if (!this.accounts.canAccessOwner(caller, rule.accountUuid) || !this.accounts.canAccessOwner(caller, vm.accountUuid)) {
        throw permissionError(`Account ${caller.accountName} does not have permission to operate with resource ${vm.uuid}`);
      }
      const nic = this.state.nics.find((n) => n.vmUuid === vm.uuid && n.networkUuid === rule.networkUuid);
      if (!nic) {
        throw new ApiError(431, "VM with id specified cannot be added because it doesn't belong in the same network.", 4350, [
          { uuid: vm.uuid, description: "instanceId" },
        ]);
      }
      const primary = nic.ipAddress ?? "";
      const mapped = rule.members.filter((m) => m.vmUuid === vm.uuid).map((m) => m.vmIp);
      if (mapped.length > 0) {
        for (const ip of ips ?? [primary]) {
          if (mapped.includes(ip)) throw paramError(`VM ${vm.id} with ${ip} is already mapped to load balancer.`);
        }
      }
      const network = this.networks.find(rule.networkUuid);
      const vmIps = ips ? [...ips] : [primary];
      for (const ip of ips ?? []) {
        if (ip === primary) continue;
        if (!this.state.nicSecondaryIps.some((s) => s.nicUuid === nic.uuid && s.ipAddress === ip)) {
          throw paramError(`VM ip ${ip} specified does not belong to nic in network ${network?.id ?? 0}`);
        }
      }
      // An instance named in both lists gets its NIC's IP as well.
      if (ips && request.vms?.includes(vm)) vmIps.push(primary);
      for (const ip of new Set(vmIps)) additions.push({ vmUuid: vm.uuid, vmIp: ip });
    }
    rule.members.push(...additions);
    rule.state = "Active";
  }

  /**
   * removeFromLoadBalancerRule (a job). An instance given by id loses all its IPs (one that is not
   * a member is ignored, as CloudStack's empty lookup allows); a vmidipmap pair that is not mapped
   * fails, and RemoveFromLoadBalancerRuleCmd reports every refusal with its own text.
   */
  remove(caller: Caller, uuid: string, internalId: number, request: MemberRequest): void {
    const failed = (): ApiError => new ApiError(431, "Failed to remove instance from load balancer rule", 9999);
    const rule = this.find(uuid);
    if (!rule) throw failed();
    this.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
    if (request.vms === undefined && request.vmIpPairs.length === 0) throw failed();
    const byIp = new Map<VmRecord, string[]>();
    for (const { vm, ip } of request.vmIpPairs) byIp.set(vm, [...(byIp.get(vm) ?? []), ip]);
    const drop = new Set<LbMemberRecord>();
    for (const vm of request.vms ?? []) {
      if (!byIp.has(vm)) for (const m of rule.members) if (m.vmUuid === vm.uuid) drop.add(m);
    }
    for (const [vm, ips] of byIp) {
      for (const ip of ips) {
        const m = rule.members.find((x) => x.vmUuid === vm.uuid && x.vmIp === ip);
        if (!m) throw failed();
        drop.add(m);
      }
    }
    rule.members = rule.members.filter((m) => !drop.has(m));
    rule.state = "Active";
  }

  /** updateLoadBalancerRule (a job). CloudStack does not re-check the algorithm here: it is stored as given. */
  update(caller: Caller, uuid: string, internalId: number, input: LoadBalancerUpdate): LoadBalancerRuleRecord {
    const rule = this.require(uuid, `Unable to find lb rule by id=${internalId}`);
    this.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
    if (input.cidrlist !== undefined) {
      const joined = input.cidrlist.join(",");
      if (joined !== "" && !input.cidrlist.every((c) => parseCidr(c) !== undefined)) throw paramError(`Invalid CIDR list: ${joined}`);
    }
    if (input.name !== undefined) rule.name = input.name;
    if (input.description !== undefined) rule.description = input.description;
    if (input.algorithm !== undefined) rule.algorithm = input.algorithm;
    if (input.customid !== undefined) rule.uuid = input.customid;
    if (input.fordisplay !== undefined) rule.display = input.fordisplay;
    if (input.protocol !== undefined && input.protocol.trim() !== "") rule.lbProtocol = input.protocol;
    if (input.cidrlist !== undefined) rule.cidrList = input.cidrlist.join(",");
    rule.state = "Active";
    return rule;
  }

  /** deleteLoadBalancerRule (a job): the related firewall rule, members and policies go with it. */
  delete(caller: Caller, uuid: string, internalId: number): void {
    const rule = this.require(uuid, `Unable to find load balancer rule ${internalId}`);
    this.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
    this.firewall.removeRelated(rule.uuid);
    removeLoadBalancerRules(this.state, new Set([rule.uuid]));
  }

  /** Members whose instance was expunged are gone (removeVmFromLoadBalancers at expunge). */
  liveMembers(rule: LoadBalancerRuleRecord): LbMemberRecord[] {
    return rule.members.filter((m) => {
      const vm = this.state.vms.find((v) => v.uuid === m.vmUuid);
      return vm !== undefined && vm.removed === undefined;
    });
  }
}

export const NETSCALER_LB_OFFERING_NAME = "DefaultIsolatedNetworkOfferingWithNetscalerLB";

/**
 * An isolated offering like DefaultIsolatedNetworkOfferingWithSourceNatService whose Lb service is
 * provided by NetScaler (networks on it report NetScaler's Lb capabilities, health checks included).
 */
export function seedNetscalerLbOffering(state: SimulatorState): void {
  const base = state.networkOfferings.find((o) => o.name === "DefaultIsolatedNetworkOfferingWithSourceNatService");
  if (!base) throw new Error("the default isolated offering must be seeded first");
  state.networkOfferings.push({
    ...structuredClone(base),
    uuid: newUuid(),
    id: nextId(state, "networkOffering"),
    name: NETSCALER_LB_OFFERING_NAME,
    displaytext: "Offering for Isolated networks with Source Nat service enabled and load balancing by NetScaler",
    isDefault: false,
    availability: "Optional",
    services: base.services.map((s) => (s.name === "Lb" ? { name: "Lb", providers: ["Netscaler"] } : { ...s, providers: [...s.providers] })),
    serviceCapabilities: { Lb: NETSCALER_LB_CAPABILITIES },
    created: now(),
  });
}
