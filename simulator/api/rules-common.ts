// What the firewall, egress, port forwarding and load balancer handlers share: resolving rule
// ids, which CloudStack looks up in the one firewall_rules table whatever the kind of rule; the
// state they show; the jobs on a rule, queued behind the other jobs of its network; and the
// filters of the lists of rules on public IPs.
import type { SimulatorModel } from "../model";
import type { PublicIpRecord } from "../model/records";
import { paramError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { HandlerContext } from "../wire/types";
import type { JobTarget } from "./jobs";
import { listScopeOf, rejectUnknownIds } from "./list-helpers";
import { bool, str } from "./params";

/** The internal id of a rule of any kind (FirewallRule entity resolution); 431 for an unknown uuid. */
export function ruleInternalId(model: SimulatorModel, param: string, uuid: string): number {
  const s = model.state;
  const rule = s.firewallRules.find((r) => r.uuid === uuid) ?? s.portForwardingRules.find((r) => r.uuid === uuid) ?? s.loadBalancerRules.find((r) => r.uuid === uuid);
  if (!rule) throw uuidNotFound(param, uuid);
  return rule.id;
}

/**
 * The @ACL(OperateEntry) check of a rule id (ParamProcessWorker.doAccessChecks), which runs while
 * the command is dispatched, before any job: another account's rule answers 531 at once.
 */
export function checkRuleAccessBeforeJob(model: SimulatorModel, caller: Caller, uuid: string): void {
  const s = model.state;
  const rule = s.firewallRules.find((r) => r.uuid === uuid) ?? s.portForwardingRules.find((r) => r.uuid === uuid) ?? s.loadBalancerRules.find((r) => r.uuid === uuid);
  if (rule) model.accounts.checkAccess(caller, rule.accountUuid, rule.uuid);
}

/** CloudStack shows a rule being revoked as "Deleting". */
export const ruleStateText = (state: string): string => (state === "Revoke" ? "Deleting" : state);

/** Resolves a public IP parameter; "not ready" unless it is allocated (listing rules by IP). */
export function readyIp(model: SimulatorModel, caller: Caller, param: string, uuid: string, kind: string): PublicIpRecord {
  const ip = model.publicIps.resolve(param, uuid);
  if (ip.state !== "Allocated") throw paramError(`Ip address id=${ip.id} not ready for ${kind} rules yet`);
  if (ip.accountUuid !== undefined) model.accounts.checkAccess(caller, ip.accountUuid, ip.uuid);
  return ip;
}

/** The job of a rule just created. */
export const createdRuleJob = (rule: { readonly uuid: string; readonly networkUuid: string }): JobTarget => ({
  queueKey: rule.networkUuid,
  instanceType: "FirewallRule",
  createdId: rule.uuid,
  instanceId: rule.uuid,
});

/** A job on the rule `uuid`; one of another kind, or gone, queues on its own id. */
export const ruleJob = (rule: { readonly networkUuid: string } | undefined, uuid: string): JobTarget => ({
  queueKey: rule?.networkUuid ?? uuid,
  instanceType: "FirewallRule",
  instanceId: uuid,
});

/** A rule as the lists of rules on public IPs filter it. */
export interface IpRuleFields {
  readonly uuid: string;
  readonly accountUuid: string;
  readonly ipUuid?: string;
  readonly networkUuid: string;
  readonly display: boolean;
}

/**
 * The filter of listFirewallRules, listEgressFirewallRules and listPortForwardingRules: id,
 * networkid, ipaddressid (an allocated IP, "not ready for `ruleKind` rules" otherwise) and
 * fordisplay, in the caller's owner scope.
 */
export function ipRuleFilter(model: SimulatorModel, ctx: HandlerContext, ruleKind: string): (rule: IpRuleFields) => boolean {
  const p = ctx.params;
  const id = str(p, "id");
  if (id !== undefined) ruleInternalId(model, "id", id);
  rejectUnknownIds(p, { networkid: (v) => model.networks.known(v) });
  const networkid = str(p, "networkid");
  const ipid = str(p, "ipaddressid");
  const ip = ipid === undefined ? undefined : readyIp(model, ctx.caller, "ipaddressid", ipid, ruleKind);
  const scope = listScopeOf(model, ctx, id !== undefined);
  const display = bool(p, "fordisplay");
  return (r) =>
    scope.ownerVisible(r.accountUuid) &&
    (id === undefined || r.uuid === id) &&
    (ip === undefined || r.ipUuid === ip.uuid) &&
    (networkid === undefined || r.networkUuid === networkid) &&
    (display === undefined || r.display === display);
}
