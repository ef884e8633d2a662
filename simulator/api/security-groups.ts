// listSecurityGroups and createSecurityGroup (groups without rules: basic-zone instances join them).
import type { SimulatorModel } from "../model";
import type { SecurityGroupRecord } from "../model/records";
import { uuidNotFound } from "../errors";
import type { Handler } from "../wire/types";
import { listScopeOf } from "./list-helpers";
import { ownerFields } from "./owner-fields";
import { keywordMatches, map, str } from "./params";

export function securityGroupView(model: SimulatorModel, g: SecurityGroupRecord): Record<string, unknown> {
  const members = model.securityGroups.members(g.uuid);
  return {
    id: g.uuid,
    name: g.name,
    description: g.description,
    ...ownerFields(model, g.accountUuid),
    ingressrule: [],
    egressrule: [],
    tags: [],
    virtualmachinecount: members.length,
    virtualmachineids: members,
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
