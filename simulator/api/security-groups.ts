// createSecurityGroup, updateSecurityGroup, deleteSecurityGroup, listSecurityGroups,
// authorize/revokeSecurityGroupIngress and Egress; the security group and rule objects.
import type { SimulatorModel } from "../model";
import type { RuleType } from "../model/security-groups";
import type { SecurityGroupRecord, SecurityGroupRuleRecord } from "../model/records";
import { paramError, uuidNotFound } from "../errors";
import type { Handler, HandlerContext } from "../wire/types";
import { objectJob, successJob, type JobTarget } from "./jobs";
import { listScopeOf } from "./list-helpers";
import { ownerFields } from "./owner-fields";
import { int, keywordMatches, list, map, requireRootAdmin, str } from "./params";
import { withoutUndefined } from "./views";

/**
 * One rule (SecurityGroupRuleResponse): icmp rules show their stored numbers as icmptype and
 * icmpcode, others as ports; a rule allowing a group names it and its account instead of a cidr.
 */
export function securityGroupRuleView(model: SimulatorModel, rule: SecurityGroupRuleRecord): Record<string, unknown> {
  const allowed = rule.allowedGroupUuid === undefined ? undefined : model.securityGroups.find(rule.allowedGroupUuid);
  const icmp = rule.protocol === "icmp";
  return withoutUndefined({
    ruleid: rule.uuid,
    protocol: rule.protocol,
    icmptype: icmp ? rule.startPortOrType : undefined,
    icmpcode: icmp ? rule.endPortOrCode : undefined,
    startport: icmp ? undefined : rule.startPortOrType,
    endport: icmp ? undefined : rule.endPortOrCode,
    cidr: rule.cidr,
    securitygroupname: allowed?.name,
    account: allowed === undefined ? undefined : model.accounts.accountOrThrow(allowed.accountUuid).name,
    tags: [],
  });
}

const rulesView = (model: SimulatorModel, rules: readonly SecurityGroupRuleRecord[]) =>
  [...rules].sort((a, b) => a.id - b.id).map((r) => securityGroupRuleView(model, r));

export function securityGroupView(model: SimulatorModel, g: SecurityGroupRecord): Record<string, unknown> {
  const members = model.securityGroups.members(g.uuid);
  return {
    id: g.uuid,
    name: g.name,
    description: g.description,
    ...ownerFields(model, g.accountUuid),
    ingressrule: rulesView(model, model.securityGroups.rulesOf(g.uuid, "ingress")),
    egressrule: rulesView(model, model.securityGroups.rulesOf(g.uuid, "egress")),
    tags: [],
    virtualmachinecount: members.length,
    virtualmachineids: members,
  };
}

function resolveGroup(model: SimulatorModel, param: string, uuid: string): SecurityGroupRecord {
  const group = model.securityGroups.find(uuid);
  if (!group) throw uuidNotFound(param, uuid);
  return group;
}

const groupJob = (group: SecurityGroupRecord): JobTarget => ({ queueKey: group.uuid, instanceType: "SecurityGroup", instanceId: group.uuid });

/** authorizeSecurityGroupIngress / Egress: the group with only the rules this call added. */
function authorize(model: SimulatorModel, command: string, type: RuleType): Handler {
  return (ctx) => {
    const p = ctx.params;
    const id = str(p, "securitygroupid");
    if (id !== undefined) resolveGroup(model, "securitygroupid", id);
    const owner = { account: str(p, "account"), domainid: str(p, "domainid"), projectid: str(p, "projectid") };
    const group = model.securityGroups.resolveForRule(ctx.caller, command, owner, id, str(p, "securitygroupname"));
    const input = {
      protocol: str(p, "protocol"),
      startport: int(p, "startport"),
      endport: int(p, "endport"),
      icmptype: int(p, "icmptype"),
      icmpcode: int(p, "icmpcode"),
      cidrlist: list(p, "cidrlist"),
      usersecuritygrouplist: hasMap(ctx) ? map(p, "usersecuritygrouplist") : undefined,
    };
    return objectJob(groupJob(group), "securitygroup", () => {
      const added = model.securityGroups.authorize(ctx.caller, group, type, input);
      return {
        id: group.uuid,
        name: group.name,
        description: group.description,
        ...ownerFields(model, group.accountUuid),
        [`${type}rule`]: rulesView(model, added),
        tags: [],
      };
    });
  };
}

/** Whether any usersecuritygrouplist entry was sent (entries may start at any index). */
const hasMap = (ctx: HandlerContext): boolean => Object.keys(ctx.params).some((k) => k.toLowerCase().startsWith("usersecuritygrouplist["));

function revoke(model: SimulatorModel, type: RuleType): Handler {
  return (ctx) => {
    const id = str(ctx.params, "id") ?? "";
    const rule = model.securityGroups.findRule(id);
    if (!rule) throw uuidNotFound("id", id);
    const group = resolveGroup(model, "id", rule.groupUuid);
    return successJob(groupJob(group), () => model.securityGroups.revoke(ctx.caller, rule, type));
  };
}

export function securityGroupHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createSecurityGroup: (ctx) => {
      const p = ctx.params;
      const group = model.securityGroups.create(
        ctx.caller,
        { account: str(p, "account"), domainid: str(p, "domainid"), projectid: str(p, "projectid") },
        str(p, "name") ?? "",
        str(p, "description"),
      );
      return { kind: "object", objectName: "securitygroup", object: securityGroupView(model, group) };
    },
    updateSecurityGroup: (ctx) => {
      // UpdateSecurityGroupCmd is authorized for Admin only: other callers do not see the command.
      requireRootAdmin(ctx);
      const group = resolveGroup(model, "id", str(ctx.params, "id") ?? "");
      return { kind: "object", objectName: "securitygroup", object: securityGroupView(model, model.securityGroups.update(ctx.caller, group, str(ctx.params, "name"))) };
    },
    deleteSecurityGroup: (ctx) => {
      const p = ctx.params;
      const id = str(p, "id");
      const name = str(p, "name");
      if (id !== undefined && name !== undefined) throw paramError("name and id parameters are mutually exclusive");
      let group: SecurityGroupRecord | undefined;
      if (id !== undefined) group = resolveGroup(model, "id", id);
      else if (name !== undefined) {
        const owner = { account: str(p, "account"), domainid: str(p, "domainid"), projectid: str(p, "projectid") };
        const account =
          owner.account !== undefined || owner.domainid !== undefined || owner.projectid !== undefined
            ? model.accounts.resolveOwner(ctx.caller, owner)
            : model.accounts.callerAccount(ctx.caller);
        group = model.securityGroups.byName(account.uuid, name);
        if (!group) throw paramError(`Unable to find security group by name ${name} for the account id=${account.id}`);
      }
      if (!group) throw paramError("Either id or name parameter is required by deleteSecurityGroup command");
      model.securityGroups.delete(ctx.caller, group);
      return { kind: "success" };
    },
    authorizeSecurityGroupIngress: authorize(model, "authorizeSecurityGroupIngress", "ingress"),
    authorizeSecurityGroupEgress: authorize(model, "authorizeSecurityGroupEgress", "egress"),
    revokeSecurityGroupIngress: revoke(model, "ingress"),
    revokeSecurityGroupEgress: revoke(model, "egress"),
    listSecurityGroups: (ctx) => {
      const p = ctx.params;
      const id = str(p, "id");
      if (id !== undefined && !model.securityGroups.find(id)) throw uuidNotFound("id", id);
      const vmId = str(p, "virtualmachineid");
      const vm = vmId === undefined ? undefined : model.instances.resolveIncludingRemoved("virtualmachineid", vmId);
      const scope = listScopeOf(model, ctx, id !== undefined);
      const name = str(p, "securitygroupname");
      const keyword = str(p, "keyword");
      // Security groups carry no tags in this model, so a tag filter matches none.
      const tagFilter = map(p, "tags");
      const items = model.state.securityGroups
        .filter((g) => scope.ownerVisible(g.accountUuid))
        .filter((g) => (id === undefined || g.uuid === id) && (name === undefined || g.name === name))
        .filter((g) => keywordMatches(keyword, g.name))
        .filter((g) => vm === undefined || vm.securityGroupUuids.includes(g.uuid))
        .filter(() => tagFilter.length === 0)
        .map((g) => securityGroupView(model, g));
      return { kind: "list", objectName: "securitygroup", items };
    },
  };
}
