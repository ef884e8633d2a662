// createLoadBalancerRule, updateLoadBalancerRule, deleteLoadBalancerRule, listLoadBalancerRules,
// assignToLoadBalancerRule, removeFromLoadBalancerRule, listLoadBalancerRuleInstances, and the
// stickiness and health check policy commands; the load balancer and policy objects.
import type { SimulatorModel } from "../model";
import { isValidIp } from "../model/cidr";
import type { MemberRequest } from "../model/load-balancers";
import type { LbHealthCheckPolicyRecord, LbStickinessPolicyRecord, LoadBalancerRuleRecord, NetworkRecord } from "../model/state";
import { ApiError, paramError, uuidNotFound, type Caller, type Handler, type HandlerContext, type HandlerResult } from "../wire/types";
import { ruleInternalId, ruleStateText } from "./firewall";
import { vmView } from "./instances";
import { ownerFields } from "./owner-fields";
import { bool, int, keywordMatches, list, map, str } from "./params";
import { resolveVm } from "./port-forwarding";

export function loadBalancerView(model: SimulatorModel, rule: LoadBalancerRuleRecord): Record<string, unknown> {
  const ip = model.state.publicIps.find((x) => x.uuid === rule.ipUuid);
  const zone = model.state.zones.find((z) => z.uuid === ip?.zoneUuid);
  const view: Record<string, unknown> = {
    id: rule.uuid,
    name: rule.name,
    description: rule.description,
    publicipid: ip?.uuid,
    publicip: ip?.address,
    publicport: String(rule.publicPort),
    privateport: String(rule.privatePort),
    algorithm: rule.algorithm,
    networkid: rule.networkUuid,
    cidrlist: rule.cidrList ?? "",
    ...ownerFields(model, rule.accountUuid),
    state: ruleStateText(rule.state),
    zoneid: zone?.uuid,
    zonename: zone?.name,
    protocol: rule.lbProtocol,
    tags: [],
    fordisplay: rule.display,
  };
  for (const k of Object.keys(view)) if (view[k] === undefined) delete view[k];
  return view;
}

function ownerOf(model: SimulatorModel, rule: LoadBalancerRuleRecord): Record<string, unknown> {
  const account = model.accounts.accountOrThrow(rule.accountUuid);
  const domain = model.accounts.domainOrThrow(account.domainUuid);
  return { lbruleid: rule.uuid, account: account.name, domainid: domain.uuid, domain: domain.name };
}

/** LBStickinessPolicyResponse.params: a param given several times shows its values joined by ":" (latest first). */
function stickinessParams(policy: LbStickinessPolicyRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of policy.params) {
    const v = value ?? "null";
    out[name] = out[name] === undefined ? v : `${v}:${out[name]}`;
  }
  return out;
}

export function stickinessView(model: SimulatorModel, rule: LoadBalancerRuleRecord, policies: LbStickinessPolicyRecord[]): Record<string, unknown> {
  return {
    ...ownerOf(model, rule),
    stickinesspolicy: policies.map((p) => {
      const v: Record<string, unknown> = { id: p.uuid, name: p.name, methodname: p.methodName, description: p.description, params: stickinessParams(p), fordisplay: p.display };
      if (v.description === undefined) delete v.description;
      return v;
    }),
  };
}

export function healthCheckView(model: SimulatorModel, rule: LoadBalancerRuleRecord, policies: LbHealthCheckPolicyRecord[]): Record<string, unknown> {
  return {
    ...ownerOf(model, rule),
    healthcheckpolicy: policies.map((p) => {
      const v: Record<string, unknown> = {
        id: p.uuid,
        pingpath: p.pingPath,
        description: p.description,
        responsetime: p.responseTime,
        healthcheckinterval: p.interval,
        healthcheckthresshold: p.healthyThreshold,
        unhealthcheckthresshold: p.unhealthyThreshold,
        fordisplay: p.display,
      };
      if (v.description === undefined) delete v.description;
      return v;
    }),
  };
}

/** The LB rule of an LB command's id: an id of another kind of rule resolves, then fails in the model. */
function lbRuleId(model: SimulatorModel, param: string, uuid: string): { uuid: string; internalId: number; rule?: LoadBalancerRuleRecord } {
  const internalId = ruleInternalId(model, param, uuid);
  return { uuid, internalId, rule: model.loadBalancers.find(uuid) };
}

/** virtualmachineids (resolved at once) and vmidipmap (read in the job, as the command does). */
function memberRequest(model: SimulatorModel, ctx: HandlerContext): () => MemberRequest {
  const ids = list(ctx.params, "virtualmachineids");
  const vms = ids?.map((id) => resolveVm(model, "virtualmachineids", id));
  const entries = map(ctx.params, "vmidipmap");
  return () => ({
    vms,
    vmIpPairs: entries.map((e) => {
      const vm = model.state.vms.find((v) => v.uuid === e.vmid && v.removed === undefined);
      if (!vm) throw paramError(`Unable to find virtual machine ID: ${e.vmid ?? "null"}`);
      if (e.vmip === undefined || !isValidIp(e.vmip)) {
        throw paramError(`Invalid ip address ${e.vmip ?? "null"} passed in vmidipmap for vmid ${e.vmid ?? "null"}`);
      }
      return { vm, ip: e.vmip };
    }),
  });
}

function lbJob(rule: LoadBalancerRuleRecord | undefined, uuid: string, run: () => ReturnType<Extract<HandlerResult, { kind: "job" }>["run"]>): HandlerResult {
  return { kind: "job", queueKey: rule?.networkUuid ?? uuid, instanceType: "FirewallRule", instanceId: uuid, run };
}

function createLoadBalancerRule(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    const publicipid = str(p, "publicipid");
    const networkid = str(p, "networkid");
    const zoneid = str(p, "zoneid");
    let network: NetworkRecord | undefined;
    if (networkid !== undefined) {
      network = model.networks.find(networkid);
      if (!network) throw uuidNotFound("networkid", networkid);
    }
    if (zoneid !== undefined && !model.state.zones.some((z) => z.uuid === zoneid)) throw uuidNotFound("zoneid", zoneid);
    if (publicipid === undefined) {
      // Without an IP the owner must be named, and only an elastic LB offering could allocate one.
      if (str(p, "account") === undefined || str(p, "domainid") === undefined) {
        throw paramError("Can't define IP owner. Either specify account/domainId or publicIpId");
      }
      if (networkid === undefined && zoneid === undefined) throw paramError("Either networkId or zoneId or publicIpId has to be specified");
      throw new ApiError(431, "Unable to create load balance rule; can't find/allocate source IP", 9999);
    }
    const ip = model.publicIps.resolve("publicipid", publicipid);
    const { rule, openFirewall } = model.loadBalancers.create(ctx.caller, {
      name: str(p, "name") ?? "",
      description: str(p, "description"),
      algorithm: str(p, "algorithm") ?? "",
      publicport: int(p, "publicport") ?? 0,
      privateport: int(p, "privateport") ?? 0,
      ip,
      network,
      openfirewall: bool(p, "openfirewall"),
      cidrlist: list(p, "cidrlist"),
      protocol: str(p, "protocol"),
      fordisplay: bool(p, "fordisplay"),
    });
    return {
      kind: "job",
      queueKey: rule.networkUuid,
      instanceType: "FirewallRule",
      createdId: rule.uuid,
      instanceId: rule.uuid,
      run: () => ({ objectName: "loadbalancer", object: loadBalancerView(model, model.loadBalancers.applyCreate(rule, openFirewall)) }),
    };
  };
}

function listLoadBalancerRules(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    const id = str(p, "id");
    if (id !== undefined) ruleInternalId(model, "id", id);
    const publicipid = str(p, "publicipid");
    if (publicipid !== undefined) model.publicIps.resolve("publicipid", publicipid);
    const vmid = str(p, "virtualmachineid");
    if (vmid !== undefined) resolveVm(model, "virtualmachineid", vmid);
    const zoneid = str(p, "zoneid");
    if (zoneid !== undefined && !model.state.zones.some((z) => z.uuid === zoneid)) throw uuidNotFound("zoneid", zoneid);
    const networkid = str(p, "networkid");
    if (networkid !== undefined && !model.networks.known(networkid)) throw uuidNotFound("networkid", networkid);
    const scope = model.accounts.listScope(ctx.caller, {
      account: str(p, "account"),
      domainid: str(p, "domainid"),
      projectid: str(p, "projectid"),
      listall: bool(p, "listall"),
      isrecursive: bool(p, "isrecursive"),
      byId: id !== undefined,
    });
    const name = str(p, "name");
    const keyword = str(p, "keyword");
    const display = bool(p, "fordisplay");
    const zoneOf = (r: LoadBalancerRuleRecord): string | undefined => model.state.publicIps.find((x) => x.uuid === r.ipUuid)?.zoneUuid;
    const items = model.state.loadBalancerRules
      .filter((r) => scope.ownerVisible(r.accountUuid) && model.networks.find(r.networkUuid) !== undefined)
      .filter((r) => (id === undefined || r.uuid === id) && (name === undefined || r.name === name) && keywordMatches(keyword, r.name))
      .filter((r) => (publicipid === undefined || r.ipUuid === publicipid) && (networkid === undefined || r.networkUuid === networkid))
      .filter((r) => (zoneid === undefined || zoneOf(r) === zoneid) && (display === undefined || r.display === display))
      .filter((r) => vmid === undefined || model.loadBalancers.liveMembers(r).some((m) => m.vmUuid === vmid))
      .sort((a, b) => a.id - b.id)
      .map((r) => loadBalancerView(model, r));
    return { kind: "list", objectName: "loadbalancerrule", items };
  };
}

/** listLoadBalancerRuleInstances: members (applied, the default) or the network's other instances of the owner. */
function listLoadBalancerRuleInstances(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    const { rule } = lbRuleId(model, "id", str(p, "id") ?? "");
    if (!rule) return { kind: "list", objectName: "loadbalancerruleinstance", items: [] };
    model.accounts.checkAccess(ctx.caller, rule.accountUuid, rule.uuid);
    const applied = bool(p, "applied") ?? true;
    const members = model.loadBalancers.liveMembers(rule);
    const memberVms = new Set(members.map((m) => m.vmUuid));
    const vms = model.state.vms
      .filter((v) => v.removed === undefined && model.state.nics.some((n) => n.vmUuid === v.uuid && n.networkUuid === rule.networkUuid))
      .filter((v) => (applied ? memberVms.has(v.uuid) : !memberVms.has(v.uuid) && v.accountUuid === rule.accountUuid))
      .sort((a, b) => a.id - b.id);
    if (!bool(p, "lbvmips")) return { kind: "list", objectName: "loadbalancerruleinstance", items: vms.map((v) => vmView(model, v, ctx.caller)) };
    const items = vms.map((v) => ({
      loadbalancerruleinstance: vmView(model, v, ctx.caller),
      lbvmipaddresses: members.filter((m) => m.vmUuid === v.uuid).map((m) => m.vmIp),
    }));
    return { kind: "list", objectName: "lbrulevmidip", items };
  };
}

function resolvePolicy<T extends { uuid: string }>(all: T[], param: string, uuid: string): T {
  const found = all.find((x) => x.uuid === uuid);
  if (!found) throw uuidNotFound(param, uuid);
  return found;
}

function policyHandlers(model: SimulatorModel): Record<string, Handler> {
  const ruleOfPolicy = (lbRuleUuid: string): LoadBalancerRuleRecord | undefined => model.loadBalancers.find(lbRuleUuid);
  return {
    createLBStickinessPolicy: (ctx) => {
      const p = ctx.params;
      const { uuid, internalId } = lbRuleId(model, "lbruleid", str(p, "lbruleid") ?? "");
      const policy = model.lbPolicies.createStickiness(ctx.caller, uuid, internalId, {
        name: str(p, "name") ?? "",
        description: str(p, "description"),
        methodname: str(p, "methodname") ?? "",
        params: map(p, "param").map((e) => ({ name: e.name ?? "", value: e.value })),
        fordisplay: bool(p, "fordisplay"),
      });
      const rule = ruleOfPolicy(policy.lbRuleUuid) as LoadBalancerRuleRecord;
      return {
        kind: "job",
        queueKey: rule.networkUuid,
        createdId: policy.uuid,
        instanceId: policy.uuid,
        run: () => ({ objectName: "stickinesspolicies", object: stickinessView(model, rule, [policy]) }),
      };
    },
    updateLBStickinessPolicy: (ctx) => {
      const policy = resolvePolicy(model.state.lbStickinessPolicies, "id", str(ctx.params, "id") ?? "");
      const input = { customid: str(ctx.params, "customid"), fordisplay: bool(ctx.params, "fordisplay") };
      const rule = ruleOfPolicy(policy.lbRuleUuid);
      return lbJob(rule, policy.uuid, () => {
        const updated = model.lbPolicies.update(ctx.caller, policy, input);
        const current = ruleOfPolicy(updated.lbRuleUuid);
        if (!current) throw paramError(`Invalid Stickiness policy id value: ${updated.id}`);
        return { objectName: "stickinesspolicies", object: stickinessView(model, current, [updated]) };
      });
    },
    deleteLBStickinessPolicy: (ctx) => {
      const policy = resolvePolicy(model.state.lbStickinessPolicies, "id", str(ctx.params, "id") ?? "");
      return lbJob(ruleOfPolicy(policy.lbRuleUuid), policy.uuid, () => {
        model.lbPolicies.deleteStickiness(ctx.caller, policy);
        return { success: true };
      });
    },
    listLBStickinessPolicies: (ctx) => {
      const p = ctx.params;
      const lbruleid = str(p, "lbruleid");
      const id = str(p, "id");
      const lbRef = lbruleid === undefined ? undefined : lbRuleId(model, "lbruleid", lbruleid);
      const policy = id === undefined ? undefined : resolvePolicy(model.state.lbStickinessPolicies, "id", id);
      if (lbRef === undefined && policy === undefined) throw paramError("load balancer rule ID and stickiness policy ID can't be null");
      let rule = lbRef?.rule;
      if (policy) {
        rule = ruleOfPolicy(policy.lbRuleUuid);
        if (!rule) throw paramError("stickiness policy ID doesn't exist");
        if (lbRef !== undefined && lbRef.uuid !== rule.uuid) throw paramError(`stickiness policy ID doesn't belong to lbId${lbRef.internalId}`);
      }
      if (!rule) return { kind: "list", objectName: "stickinesspolicies", items: [] };
      model.accounts.checkAccess(ctx.caller, rule.accountUuid, rule.uuid);
      const display = bool(p, "fordisplay");
      const policies = model.lbPolicies
        .stickinessOf(rule.uuid)
        .filter((x) => (policy === undefined || x === policy) && (display === undefined || x.display === display));
      return { kind: "list", objectName: "stickinesspolicies", items: [stickinessView(model, rule, policies)] };
    },
    createLBHealthCheckPolicy: (ctx) => {
      const p = ctx.params;
      const { uuid, internalId } = lbRuleId(model, "lbruleid", str(p, "lbruleid") ?? "");
      const policy = model.lbPolicies.createHealthCheck(ctx.caller, uuid, internalId, {
        description: str(p, "description"),
        pingpath: str(p, "pingpath"),
        responsetimeout: int(p, "responsetimeout"),
        intervaltime: int(p, "intervaltime"),
        healthythreshold: int(p, "healthythreshold"),
        unhealthythreshold: int(p, "unhealthythreshold"),
        fordisplay: bool(p, "fordisplay"),
      });
      const rule = ruleOfPolicy(policy.lbRuleUuid) as LoadBalancerRuleRecord;
      return {
        kind: "job",
        queueKey: rule.networkUuid,
        createdId: policy.uuid,
        instanceId: policy.uuid,
        run: () => ({ objectName: "healthcheckpolicies", object: healthCheckView(model, rule, [policy]) }),
      };
    },
    updateLBHealthCheckPolicy: (ctx) => {
      const policy = resolvePolicy(model.state.lbHealthCheckPolicies, "id", str(ctx.params, "id") ?? "");
      const input = { customid: str(ctx.params, "customid"), fordisplay: bool(ctx.params, "fordisplay") };
      return lbJob(ruleOfPolicy(policy.lbRuleUuid), policy.uuid, () => {
        const updated = model.lbPolicies.update(ctx.caller, policy, input);
        const current = ruleOfPolicy(updated.lbRuleUuid);
        if (!current) throw paramError(`Invalid HealthCheck policy id value: ${updated.id}`);
        return { objectName: "healthcheckpolicies", object: healthCheckView(model, current, [updated]) };
      });
    },
    deleteLBHealthCheckPolicy: (ctx) => {
      const policy = resolvePolicy(model.state.lbHealthCheckPolicies, "id", str(ctx.params, "id") ?? "");
      return lbJob(ruleOfPolicy(policy.lbRuleUuid), policy.uuid, () => {
        model.lbPolicies.deleteHealthCheck(ctx.caller, policy);
        return { success: true };
      });
    },
    listLBHealthCheckPolicies: (ctx) => {
      const p = ctx.params;
      const lbruleid = str(p, "lbruleid");
      const id = str(p, "id");
      const lbRef = lbruleid === undefined ? undefined : lbRuleId(model, "lbruleid", lbruleid);
      const policy = id === undefined ? undefined : resolvePolicy(model.state.lbHealthCheckPolicies, "id", id);
      if (lbRef === undefined && policy === undefined) throw paramError("Either load balancer rule ID or health check policy ID should be specified");
      const rule = lbRef !== undefined ? lbRef.rule : ruleOfPolicy((policy as LbHealthCheckPolicyRecord).lbRuleUuid);
      if (!rule) return { kind: "list", objectName: "healthcheckpolicies", items: [] };
      const display = bool(p, "fordisplay");
      const policies = model.lbPolicies
        .healthChecksOf(rule.uuid)
        .filter((x) => (policy === undefined || x === policy) && (display === undefined || x.display === display));
      return { kind: "list", objectName: "healthcheckpolicies", items: [healthCheckView(model, rule, policies)] };
    },
  };
}

export function loadBalancerHandlers(model: SimulatorModel): Record<string, Handler> {
  const memberJob = (ctx: HandlerContext, apply: (caller: Caller, uuid: string, internalId: number, request: MemberRequest) => void): HandlerResult => {
    const { uuid, internalId, rule } = lbRuleId(model, "id", str(ctx.params, "id") ?? "");
    const request = memberRequest(model, ctx);
    return lbJob(rule, uuid, () => {
      apply(ctx.caller, uuid, internalId, request());
      return { success: true };
    });
  };
  return {
    createLoadBalancerRule: createLoadBalancerRule(model),
    updateLoadBalancerRule: (ctx) => {
      const p = ctx.params;
      const { uuid, internalId, rule } = lbRuleId(model, "id", str(p, "id") ?? "");
      const input = {
        name: str(p, "name"),
        description: str(p, "description"),
        algorithm: str(p, "algorithm"),
        customid: str(p, "customid"),
        fordisplay: bool(p, "fordisplay"),
        protocol: str(p, "protocol"),
        cidrlist: list(p, "cidrlist"),
      };
      return lbJob(rule, uuid, () => ({
        objectName: "loadbalancer",
        object: loadBalancerView(model, model.loadBalancers.update(ctx.caller, uuid, internalId, input)),
      }));
    },
    deleteLoadBalancerRule: (ctx) => {
      const { uuid, internalId, rule } = lbRuleId(model, "id", str(ctx.params, "id") ?? "");
      return lbJob(rule, uuid, () => {
        model.loadBalancers.delete(ctx.caller, uuid, internalId);
        return { success: true };
      });
    },
    listLoadBalancerRules: listLoadBalancerRules(model),
    assignToLoadBalancerRule: (ctx) => memberJob(ctx, (c, u, i, r) => model.loadBalancers.assign(c, u, i, r)),
    removeFromLoadBalancerRule: (ctx) => memberJob(ctx, (c, u, i, r) => model.loadBalancers.remove(c, u, i, r)),
    listLoadBalancerRuleInstances: listLoadBalancerRuleInstances(model),
    ...policyHandlers(model),
  };
}
