// createLoadBalancerRule, updateLoadBalancerRule, deleteLoadBalancerRule, listLoadBalancerRules,
// assignToLoadBalancerRule, removeFromLoadBalancerRule, listLoadBalancerRuleInstances, and the
// stickiness and health check policy commands; the load balancer and policy objects.
import type { SimulatorModel } from "../model";
import { isValidIp } from "../model/cidr";
import type { MemberRequest } from "../model/load-balancers";
import type { LbHealthCheckPolicyRecord, LbStickinessPolicyRecord, LoadBalancerRuleRecord, NetworkRecord } from "../model/records";
import { ApiError, paramError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Handler, HandlerContext, HandlerResult } from "../wire/types";
import { resolveVm, vmView } from "./instances";
import { objectJob, successJob } from "./jobs";
import { listScopeOf, rejectUnknownIds, zoneExists } from "./list-helpers";
import { ownerFields } from "./owner-fields";
import { bool, int, keywordMatches, list, map, str } from "./params";
import { createdRuleJob, ruleInternalId, ruleJob, ruleStateText } from "./rules-common";
import { withoutUndefined } from "./views";

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
  return withoutUndefined(view);
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
    if (zoneid !== undefined && !zoneExists(model, zoneid)) throw uuidNotFound("zoneid", zoneid);
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
    return objectJob(createdRuleJob(rule), "loadbalancer", () => loadBalancerView(model, model.loadBalancers.applyCreate(rule, openFirewall)));
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
    rejectUnknownIds(p, { zoneid: (v) => zoneExists(model, v), networkid: (v) => model.networks.known(v) });
    const zoneid = str(p, "zoneid");
    const networkid = str(p, "networkid");
    const scope = listScopeOf(model, ctx, id !== undefined);
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

/** What the stickiness and health check policy commands differ in. */
interface PolicyKind<T extends LbPolicyRecord> {
  readonly all: (model: SimulatorModel) => T[];
  readonly ofRule: (model: SimulatorModel, lbRuleUuid: string) => T[];
  /** The response's object name, e.g. stickinesspolicies. */
  readonly objectName: string;
  /** The kind as CloudStack names it in "Invalid <label> policy id value". */
  readonly label: string;
  readonly view: (model: SimulatorModel, rule: LoadBalancerRuleRecord, policies: T[]) => Record<string, unknown>;
  readonly remove: (model: SimulatorModel, caller: Caller, policy: T) => void;
}

type LbPolicyRecord = LbStickinessPolicyRecord | LbHealthCheckPolicyRecord;

const stickinessKind: PolicyKind<LbStickinessPolicyRecord> = {
  all: (model) => model.state.lbStickinessPolicies,
  ofRule: (model, lbRuleUuid) => model.lbPolicies.stickinessOf(lbRuleUuid),
  objectName: "stickinesspolicies",
  label: "Stickiness",
  view: stickinessView,
  remove: (model, caller, policy) => model.lbPolicies.deleteStickiness(caller, policy),
};

const healthCheckKind: PolicyKind<LbHealthCheckPolicyRecord> = {
  all: (model) => model.state.lbHealthCheckPolicies,
  ofRule: (model, lbRuleUuid) => model.lbPolicies.healthChecksOf(lbRuleUuid),
  objectName: "healthcheckpolicies",
  label: "HealthCheck",
  view: healthCheckView,
  remove: (model, caller, policy) => model.lbPolicies.deleteHealthCheck(caller, policy),
};

function resolvePolicy<T extends { uuid: string }>(all: T[], param: string, uuid: string): T {
  const found = all.find((x) => x.uuid === uuid);
  if (!found) throw uuidNotFound(param, uuid);
  return found;
}

/** The job of a policy just created, queued behind the other jobs of its rule's network. */
function createdPolicy<T extends LbPolicyRecord>(model: SimulatorModel, kind: PolicyKind<T>, policy: T): HandlerResult {
  const rule = model.loadBalancers.find(policy.lbRuleUuid) as LoadBalancerRuleRecord;
  return objectJob({ queueKey: rule.networkUuid, createdId: policy.uuid, instanceId: policy.uuid }, kind.objectName, () => kind.view(model, rule, [policy]));
}

function updatePolicy<T extends LbPolicyRecord>(model: SimulatorModel, kind: PolicyKind<T>): Handler {
  return (ctx) => {
    const policy = resolvePolicy(kind.all(model), "id", str(ctx.params, "id") ?? "");
    const input = { customid: str(ctx.params, "customid"), fordisplay: bool(ctx.params, "fordisplay") };
    return objectJob(ruleJob(model.loadBalancers.find(policy.lbRuleUuid), policy.uuid), kind.objectName, () => {
      const updated = model.lbPolicies.update(ctx.caller, policy, input);
      const current = model.loadBalancers.find(updated.lbRuleUuid);
      if (!current) throw paramError(`Invalid ${kind.label} policy id value: ${updated.id}`);
      return kind.view(model, current, [updated]);
    });
  };
}

function deletePolicy<T extends LbPolicyRecord>(model: SimulatorModel, kind: PolicyKind<T>): Handler {
  return (ctx) => {
    const policy = resolvePolicy(kind.all(model), "id", str(ctx.params, "id") ?? "");
    return successJob(ruleJob(model.loadBalancers.find(policy.lbRuleUuid), policy.uuid), () => kind.remove(model, ctx.caller, policy));
  };
}

/** A policy list's lbruleid and id, resolved (431 for an unknown one), and the fordisplay filter. */
function policyListRequest<T extends LbPolicyRecord>(model: SimulatorModel, kind: PolicyKind<T>, ctx: HandlerContext) {
  const p = ctx.params;
  const lbruleid = str(p, "lbruleid");
  const id = str(p, "id");
  return {
    lbRef: lbruleid === undefined ? undefined : lbRuleId(model, "lbruleid", lbruleid),
    policy: id === undefined ? undefined : resolvePolicy(kind.all(model), "id", id),
    display: bool(p, "fordisplay"),
  };
}

/** The rule's policies of the kind, narrowed to one policy and to the display flag when given. */
function policyList<T extends LbPolicyRecord>(
  model: SimulatorModel,
  kind: PolicyKind<T>,
  rule: LoadBalancerRuleRecord,
  policy: T | undefined,
  display: boolean | undefined,
): HandlerResult {
  const policies = kind.ofRule(model, rule.uuid).filter((x) => (policy === undefined || x === policy) && (display === undefined || x.display === display));
  return { kind: "list", objectName: kind.objectName, items: [kind.view(model, rule, policies)] };
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
      return createdPolicy(model, stickinessKind, policy);
    },
    updateLBStickinessPolicy: updatePolicy(model, stickinessKind),
    deleteLBStickinessPolicy: deletePolicy(model, stickinessKind),
    listLBStickinessPolicies: (ctx) => {
      const { lbRef, policy, display } = policyListRequest(model, stickinessKind, ctx);
      if (lbRef === undefined && policy === undefined) throw paramError("load balancer rule ID and stickiness policy ID can't be null");
      let rule = lbRef?.rule;
      if (policy) {
        rule = ruleOfPolicy(policy.lbRuleUuid);
        if (!rule) throw paramError("stickiness policy ID doesn't exist");
        if (lbRef !== undefined && lbRef.uuid !== rule.uuid) throw paramError(`stickiness policy ID doesn't belong to lbId${lbRef.internalId}`);
      }
      if (!rule) return { kind: "list", objectName: stickinessKind.objectName, items: [] };
      model.accounts.checkAccess(ctx.caller, rule.accountUuid, rule.uuid);
      return policyList(model, stickinessKind, rule, policy, display);
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
      return createdPolicy(model, healthCheckKind, policy);
    },
    updateLBHealthCheckPolicy: updatePolicy(model, healthCheckKind),
    deleteLBHealthCheckPolicy: deletePolicy(model, healthCheckKind),
    listLBHealthCheckPolicies: (ctx) => {
      const { lbRef, policy, display } = policyListRequest(model, healthCheckKind, ctx);
      if (lbRef === undefined && policy === undefined) throw paramError("Either load balancer rule ID or health check policy ID should be specified");
      const rule = lbRef !== undefined ? lbRef.rule : ruleOfPolicy((policy as LbHealthCheckPolicyRecord).lbRuleUuid);
      if (!rule) return { kind: "list", objectName: healthCheckKind.objectName, items: [] };
      return policyList(model, healthCheckKind, rule, policy, display);
    },
  };
}

export function loadBalancerHandlers(model: SimulatorModel): Record<string, Handler> {
  const memberJob = (ctx: HandlerContext, apply: (caller: Caller, uuid: string, internalId: number, request: MemberRequest) => void): HandlerResult => {
    const { uuid, internalId, rule } = lbRuleId(model, "id", str(ctx.params, "id") ?? "");
    const request = memberRequest(model, ctx);
    return successJob(ruleJob(rule, uuid), () => apply(ctx.caller, uuid, internalId, request()));
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
      return objectJob(ruleJob(rule, uuid), "loadbalancer", () => loadBalancerView(model, model.loadBalancers.update(ctx.caller, uuid, internalId, input)));
    },
    deleteLoadBalancerRule: (ctx) => {
      const { uuid, internalId, rule } = lbRuleId(model, "id", str(ctx.params, "id") ?? "");
      return successJob(ruleJob(rule, uuid), () => model.loadBalancers.delete(ctx.caller, uuid, internalId));
    },
    listLoadBalancerRules: listLoadBalancerRules(model),
    assignToLoadBalancerRule: (ctx) => memberJob(ctx, (c, u, i, r) => model.loadBalancers.assign(c, u, i, r)),
    removeFromLoadBalancerRule: (ctx) => memberJob(ctx, (c, u, i, r) => model.loadBalancers.remove(c, u, i, r)),
    listLoadBalancerRuleInstances: listLoadBalancerRuleInstances(model),
    ...policyHandlers(model),
  };
}
