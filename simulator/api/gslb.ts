// createGlobalLoadBalancerRule, updateGlobalLoadBalancerRule, deleteGlobalLoadBalancerRule,
// listGlobalLoadBalancerRules, assignToGlobalLoadBalancerRule, removeFromGlobalLoadBalancerRule;
// the global load balancer object (GlobalLoadBalancerResponse, which shows neither the rule's
// state nor the members' weights).
import type { SimulatorModel } from "../model";
import type { GslbRuleRecord, LoadBalancerRuleRecord } from "../model/records";
import { uuidNotFound } from "../errors";
import type { Handler } from "../wire/types";
import { objectJob, successJob, type JobTarget } from "./jobs";
import { loadBalancerView } from "./load-balancers";
import { ownerFields } from "./owner-fields";
import { int, list, map, str } from "./params";
import { ruleInternalId } from "./rules-common";

export function gslbView(model: SimulatorModel, rule: GslbRuleRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: rule.uuid,
    name: rule.name,
    description: rule.description,
    gslbdomainname: model.gslb.fqdn(rule),
    gslblbmethod: rule.algorithm,
    gslbstickysessionmethodname: rule.persistence,
    gslbservicetype: rule.serviceType,
    regionid: rule.regionId,
    ...ownerFields(model, rule.accountUuid),
    loadbalancerrule: rule.members
      .map((m) => model.loadBalancers.find(m.lbRuleUuid))
      .filter((lb): lb is LoadBalancerRuleRecord => lb !== undefined)
      .map((lb) => loadBalancerView(model, lb)),
  };
  if (view.description === undefined) delete view.description;
  return view;
}

function resolveGslb(model: SimulatorModel, param: string, uuid: string): GslbRuleRecord {
  const rule = model.gslb.find(uuid);
  if (!rule) throw uuidNotFound(param, uuid);
  return rule;
}

/** LB rule ids of loadbalancerrulelist, each resolved like any FirewallRule uuid. */
function lbRuleList(model: SimulatorModel, value: string[] | undefined): string[] {
  const ids = value ?? [];
  for (const id of ids) ruleInternalId(model, "loadbalancerrulelist", id);
  return ids;
}

const gslbJob = (rule: GslbRuleRecord): JobTarget => ({ queueKey: rule.uuid, instanceType: "GlobalLoadBalancerRule", instanceId: rule.uuid });

export function gslbHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createGlobalLoadBalancerRule: (ctx) => {
      const p = ctx.params;
      const rule = model.gslb.create(ctx.caller, {
        name: str(p, "name") ?? "",
        description: str(p, "description"),
        regionid: int(p, "regionid") ?? 0,
        account: str(p, "account"),
        domainid: str(p, "domainid"),
        gslblbmethod: str(p, "gslblbmethod"),
        gslbstickysessionmethodname: str(p, "gslbstickysessionmethodname"),
        gslbdomainname: str(p, "gslbdomainname") ?? "",
        gslbservicetype: str(p, "gslbservicetype") ?? "",
      });
      return objectJob({ ...gslbJob(rule), createdId: rule.uuid }, "globalloadbalancer", () => gslbView(model, rule));
    },
    updateGlobalLoadBalancerRule: (ctx) => {
      const p = ctx.params;
      const rule = resolveGslb(model, "id", str(p, "id") ?? "");
      const input = { description: str(p, "description"), gslblbmethod: str(p, "gslblbmethod"), gslbstickysessionmethodname: str(p, "gslbstickysessionmethodname") };
      return objectJob(gslbJob(rule), "globalloadbalancer", () => gslbView(model, model.gslb.update(ctx.caller, rule, input)));
    },
    deleteGlobalLoadBalancerRule: (ctx) => {
      const rule = resolveGslb(model, "id", str(ctx.params, "id") ?? "");
      return successJob(gslbJob(rule), () => model.gslb.delete(ctx.caller, rule));
    },
    listGlobalLoadBalancerRules: (ctx) => {
      const p = ctx.params;
      const id = str(p, "id");
      const rule = id === undefined ? undefined : resolveGslb(model, "id", id);
      const items = model.gslb.list(ctx.caller, rule, int(p, "regionid")).map((r) => gslbView(model, r));
      return { kind: "list", objectName: "globalloadbalancerrule", items };
    },
    assignToGlobalLoadBalancerRule: (ctx) => {
      const p = ctx.params;
      const rule = resolveGslb(model, "id", str(p, "id") ?? "");
      const lbs = lbRuleList(model, list(p, "loadbalancerrulelist"));
      const weights = map(p, "gslblbruleweightsmap");
      return successJob(gslbJob(rule), () => model.gslb.assign(ctx.caller, rule, lbs, weights));
    },
    removeFromGlobalLoadBalancerRule: (ctx) => {
      const p = ctx.params;
      const rule = resolveGslb(model, "id", str(p, "id") ?? "");
      const lbs = lbRuleList(model, list(p, "loadbalancerrulelist"));
      return successJob(gslbJob(rule), () => model.gslb.remove(ctx.caller, rule, lbs));
    },
  };
}
