// Stickiness and health check policies of load balancing rules (LoadBalancingRulesManagerImpl.
// createLBStickinessPolicy / genericValidator /
// createLBHealthCheckPolicy / validateHealthCheck): the methods and parameters the rule's LB
// provider advertises, at most two stickiness policies, one health check, and health checks only
// where the provider offers them (NetScaler, not the virtual router).
import { paramError } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { newUuid, nextId } from "./ids";
import type { LoadBalancers } from "./load-balancers";
import { loadBalancerText } from "./rule-conflicts";
import type { LbHealthCheckPolicyRecord, LbStickinessPolicyRecord, LoadBalancerRuleRecord, SimulatorState } from "./records";

export interface StickinessInput {
  name: string;
  description?: string;
  methodname: string;
  params: Array<{ name: string; value?: string }>;
  fordisplay?: boolean;
}

export interface HealthCheckInput {
  description?: string;
  pingpath?: string;
  responsetimeout?: number;
  intervaltime?: number;
  healthythreshold?: number;
  unhealthythreshold?: number;
  fordisplay?: boolean;
}

interface StickinessMethod {
  methodname: string;
  paramlist: Array<{ paramname: string; required: boolean; isflag: boolean }>;
}

function parseMethods(json: string | undefined): StickinessMethod[] | undefined {
  if (json === undefined) return undefined;
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return undefined;
  return parsed.filter((m): m is StickinessMethod => typeof m === "object" && m !== null && typeof (m as StickinessMethod).methodname === "string");
}

/**
 * NetworkHelperImpl.containsOnlyNumbers: with unit letters, at least two characters whose last is
 * one of them; what is left must parse as a Java int (Integer.parseInt: optional sign, 32-bit).
 */
function haproxyNumber(text: string, units?: string): boolean {
  let digits = text;
  if (units !== undefined) {
    if (text.length < 2 || !units.includes(text[text.length - 1])) return false;
    digits = text.slice(0, -1);
  }
  if (!/^[+-]?\d+$/.test(digits)) return false;
  const n = Number(digits);
  return n >= -2147483648 && n <= 2147483647;
}

export class LbPolicies {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly loadBalancers: LoadBalancers,
  ) {}

  /** The LB rule of a create command: "not present" for an id of another kind of rule. */
  private ruleFor(caller: Caller, uuid: string, internalId: number): LoadBalancerRuleRecord {
    const rule = this.loadBalancers.find(uuid);
    if (!rule) throw paramError(`Failed: LB rule id: ${internalId} not present `);
    this.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
    if (rule.state === "Revoke") throw paramError(`Failed: LB rule: ${loadBalancerText(rule)} is in deleting state: `);
    return rule;
  }

  stickinessOf(lbRuleUuid: string): LbStickinessPolicyRecord[] {
    return this.state.lbStickinessPolicies.filter((p) => p.lbRuleUuid === lbRuleUuid);
  }

  healthChecksOf(lbRuleUuid: string): LbHealthCheckPolicyRecord[] {
    return this.state.lbHealthCheckPolicies.filter((p) => p.lbRuleUuid === lbRuleUuid);
  }

  /** createLBStickinessPolicy's create step (synchronous). */
  createStickiness(caller: Caller, lbRuleUuid: string, internalId: number, input: StickinessInput): LbStickinessPolicyRecord {
    const rule = this.ruleFor(caller, lbRuleUuid, internalId);
    const methods = parseMethods(this.loadBalancers.capabilities(rule)?.get("SupportedStickinessMethods"));
    if (!methods) throw paramError(`Failed:  No Stickiness method available for LB rule:${internalId}`);
    const method = methods.find((m) => m.methodname.toLowerCase() === input.methodname.toLowerCase());
    if (!method) throw paramError(`Failed to match Stickiness method name for LB rule:${internalId}`);
    const given = new Map<string, string | undefined>();
    for (const p of input.params) {
      given.set(p.name, p.value);
      const known = method.paramlist.find((m) => m.paramname.toLowerCase() === p.name.toLowerCase());
      if (!known) throw paramError(`Failed : Stickiness policy does not support param name :${p.name}`);
      if (!known.isflag && p.value === undefined) throw paramError(`Failed : Value expected for the Param :${known.paramname}`);
    }
    for (const m of method.paramlist) {
      if (m.required && given.get(m.paramname) === undefined) throw paramError(`Failed : Missing Manadatory Param :${m.paramname}`);
    }
    // genericValidator refuses only once two policies exist (size > 1).
    if (this.stickinessOf(rule.uuid).length > 1) {
      throw paramError(`Failed to create Stickiness policy: Already two policies attached ${internalId}`);
    }
    this.validateHaproxyValues(rule, input);
    const policy: LbStickinessPolicyRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "lbStickinessPolicy"),
      lbRuleUuid: rule.uuid,
      name: input.name,
      description: input.description,
      methodName: input.methodname,
      params: input.params,
      display: input.fordisplay ?? true,
    };
    this.state.lbStickinessPolicies.push(policy);
    return policy;
  }

  /**
   * NetworkHelperImpl.validateHAProxyLBRule, which VirtualRouterElement.validateLBRule runs for
   * createLBStickinessPolicy once the network has a virtual router (an Implemented network with Lb
   * by the VirtualRouter): SourceBased expire (a number ending in d, h, m or s) and tablesize (a
   * number ending in k, m or g), AppCookie length (a number) and holdtime (a number, with or
   * without d/h/m/s). LbCookie takes anything. The texts print the rule as LoadBalancerVO.toString.
   */
  private validateHaproxyValues(rule: LoadBalancerRuleRecord, input: StickinessInput): void {
    const network = this.state.networks.find((n) => n.uuid === rule.networkUuid);
    if (!network || network.state !== "Implemented") return;
    const lb = this.loadBalancers.lbService(rule);
    // VpcVirtualRouterElement inherits validateLBRule from VirtualRouterElement.
    if (!lb || !lb.providers.some((p) => p === "VirtualRouter" || p === "VpcVirtualRouter")) return;
    const value = (name: string): string | undefined => {
      let found: string | undefined;
      // The last pair with the name wins, as the Java loop overwrites.
      for (const p of input.params) if (p.name.toLowerCase() === name && p.value !== undefined) found = p.value;
      return found;
    };
    const lbText = loadBalancerText(rule);
    const method = input.methodname.toLowerCase();
    if (method === "sourcebased") {
      const expire = value("expire") ?? "30m";
      const tablesize = value("tablesize") ?? "200k";
      if (!haproxyNumber(expire, "dhms")) throw paramError(`Failed LB in validation rule: ${lbText} Cause: expire is not in timeformat: ${expire}`);
      if (!haproxyNumber(tablesize, "kmg")) throw paramError(`Failed LB in validation rule: ${lbText} Cause: tablesize is not in size format: ${tablesize}`);
    } else if (method === "appcookie") {
      const length = value("length");
      const holdtime = value("holdtime");
      if (length !== undefined && !haproxyNumber(length)) throw paramError(`Failed LB in validation rule id: ${lbText} Cause: length is not a number: ${length}`);
      if (holdtime !== undefined && !haproxyNumber(holdtime, "dhms") && !haproxyNumber(holdtime)) {
        throw paramError(`Failed LB in validation rule id: ${lbText} Cause: holdtime is not in timeformat: ${holdtime}`);
      }
    }
  }

  /** createLBHealthCheckPolicy's create step (synchronous); 0 or absent values take CloudStack's defaults. */
  createHealthCheck(caller: Caller, lbRuleUuid: string, internalId: number, input: HealthCheckInput): LbHealthCheckPolicyRecord {
    // Checked only when both are given, and refused only when the timeout is longer.
    if (input.responsetimeout !== undefined && input.intervaltime !== undefined && input.responsetimeout > input.intervaltime) {
      throw paramError("Failed to create HealthCheck policy : Monitor interval must be greater than response timeout");
    }
    const rule = this.ruleFor(caller, lbRuleUuid, internalId);
    if (this.loadBalancers.capabilities(rule)?.get("HealthCheckPolicy") === undefined) {
      throw paramError(
        `Failed to create HealthCheck policy: Validation Failed (HealthCheck Policy is not supported by LB Provider for the LB rule:${loadBalancerText(rule)})`,
      );
    }
    if (this.healthChecksOf(rule.uuid).length > 0) {
      throw paramError(`Failed to create HealthCheck policy: Already policy attached  for the LB Rule:${loadBalancerText(rule)}`);
    }
    const orDefault = (v: number | undefined, d: number): number => (v === undefined || v === 0 ? d : v);
    const policy: LbHealthCheckPolicyRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "lbHealthCheckPolicy"),
      lbRuleUuid: rule.uuid,
      pingPath: input.pingpath === undefined || input.pingpath === "" ? "/" : input.pingpath,
      description: input.description,
      responseTime: orDefault(input.responsetimeout, 2),
      interval: orDefault(input.intervaltime, 5),
      healthyThreshold: orDefault(input.healthythreshold, 2),
      unhealthyThreshold: orDefault(input.unhealthythreshold, 1),
      display: input.fordisplay ?? true,
    };
    this.state.lbHealthCheckPolicies.push(policy);
    return policy;
  }

  findStickiness(uuid: string): LbStickinessPolicyRecord | undefined {
    return this.state.lbStickinessPolicies.find((p) => p.uuid === uuid);
  }

  findHealthCheck(uuid: string): LbHealthCheckPolicyRecord | undefined {
    return this.state.lbHealthCheckPolicies.find((p) => p.uuid === uuid);
  }

  private ownerCheck(caller: Caller, lbRuleUuid: string): void {
    const rule = this.loadBalancers.find(lbRuleUuid);
    if (rule) this.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
  }

  /** updateLBStickinessPolicy / updateLBHealthCheckPolicy (jobs): custom id and display flag. */
  update<T extends { uuid: string; lbRuleUuid: string; display: boolean }>(caller: Caller, policy: T, input: { customid?: string; fordisplay?: boolean }): T {
    this.ownerCheck(caller, policy.lbRuleUuid);
    if (input.customid !== undefined) policy.uuid = input.customid;
    if (input.fordisplay !== undefined) policy.display = input.fordisplay;
    return policy;
  }

  /** deleteLBStickinessPolicy (a job): removed from the table. */
  deleteStickiness(caller: Caller, policy: LbStickinessPolicyRecord): void {
    this.ownerCheck(caller, policy.lbRuleUuid);
    this.state.lbStickinessPolicies = this.state.lbStickinessPolicies.filter((p) => p !== policy);
  }

  /** deleteLBHealthCheckPolicy (a job): removed from the table. */
  deleteHealthCheck(caller: Caller, policy: LbHealthCheckPolicyRecord): void {
    this.ownerCheck(caller, policy.lbRuleUuid);
    this.state.lbHealthCheckPolicies = this.state.lbHealthCheckPolicies.filter((p) => p !== policy);
  }
}
