// createFirewallRule, updateFirewallRule, deleteFirewallRule, listFirewallRules and their egress
// counterparts; the firewall rule object.
import type { SimulatorModel } from "../model";
import type { FirewallRuleInput } from "../model/firewall-rules";
import type { FirewallRuleRecord } from "../model/records";
import { uuidNotFound } from "../errors";
import type { Handler, HandlerContext, HandlerResult, RawParams } from "../wire/types";
import { objectJob, successJob } from "./jobs";
import { bool, int, list, str } from "./params";
import { checkRuleAccessBeforeJob, createdRuleJob, ipRuleFilter, ruleInternalId, ruleJob, ruleStateText } from "./rules-common";
import { withoutUndefined } from "./views";

export function firewallView(model: SimulatorModel, rule: FirewallRuleRecord): Record<string, unknown> {
  const ip = rule.ipUuid === undefined ? undefined : model.state.publicIps.find((x) => x.uuid === rule.ipUuid);
  const view: Record<string, unknown> = {
    id: rule.uuid,
    protocol: rule.protocol,
    startport: rule.startPort,
    endport: rule.endPort,
    ipaddressid: rule.trafficType === "Ingress" ? ip?.uuid : undefined,
    ipaddress: rule.trafficType === "Ingress" ? ip?.address : undefined,
    networkid: rule.networkUuid,
    state: ruleStateText(rule.state),
    cidrlist: rule.sourceCidrs.join(","),
    destcidrlist: rule.destCidrs.join(","),
    icmptype: rule.icmpType,
    icmpcode: rule.icmpCode,
    traffictype: rule.trafficType,
    tags: [],
    fordisplay: rule.display,
  };
  return withoutUndefined(view);
}

function listRules(model: SimulatorModel, trafficType: "Ingress" | "Egress"): Handler {
  return (ctx: HandlerContext) => {
    const matches = ipRuleFilter(model, ctx, "firewall");
    const items = model.state.firewallRules
      .filter((r) => r.trafficType === trafficType && model.firewallRules.isLive(r) && matches(r))
      .sort((a, b) => b.id - a.id)
      .map((r) => firewallView(model, r));
    return { kind: "list", objectName: "firewallrule", items };
  };
}

function updateRule(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    const id = str(p, "id") ?? "";
    const internalId = ruleInternalId(model, "id", id);
    const input = { customid: str(p, "customid"), fordisplay: bool(p, "fordisplay") };
    return objectJob(ruleJob(model.firewallRules.find(id), id), "firewallrule", () =>
      firewallView(model, model.firewallRules.update(ctx.caller, id, internalId, input)),
    );
  };
}

function deleteRule(model: SimulatorModel): Handler {
  return (ctx) => {
    const id = str(ctx.params, "id") ?? "";
    const internalId = ruleInternalId(model, "id", id);
    // DeleteFirewallRuleCmd / DeleteEgressFirewallRuleCmd: id carries @ACL.
    checkRuleAccessBeforeJob(model, ctx.caller, id);
    return successJob(ruleJob(model.firewallRules.find(id), id), () => model.firewallRules.delete(ctx.caller, id, internalId));
  };
}

/** The protocol, port, source CIDR, ICMP and display parameters both directions take. */
function ruleParams(p: RawParams): FirewallRuleInput {
  return {
    protocol: str(p, "protocol") ?? "",
    startport: int(p, "startport"),
    endport: int(p, "endport"),
    cidrlist: list(p, "cidrlist"),
    icmptype: int(p, "icmptype"),
    icmpcode: int(p, "icmpcode"),
    fordisplay: bool(p, "fordisplay"),
  };
}

function createdRule(model: SimulatorModel, rule: FirewallRuleRecord): HandlerResult {
  return objectJob(createdRuleJob(rule), "firewallrule", () => firewallView(model, model.firewallRules.apply(rule)));
}

export function firewallHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createFirewallRule: (ctx) => {
      const p = ctx.params;
      const ip = model.publicIps.resolve("ipaddressid", str(p, "ipaddressid") ?? "");
      return createdRule(model, model.firewallRules.createIngress(ctx.caller, ip, ruleParams(p)));
    },
    createEgressFirewallRule: (ctx) => {
      const p = ctx.params;
      const networkid = str(p, "networkid") ?? "";
      const network = model.networks.find(networkid);
      if (!network) throw uuidNotFound("networkid", networkid);
      return createdRule(model, model.firewallRules.createEgress(ctx.caller, network, { ...ruleParams(p), destcidrlist: list(p, "destcidrlist") }));
    },
    updateFirewallRule: updateRule(model),
    updateEgressFirewallRule: updateRule(model),
    deleteFirewallRule: deleteRule(model),
    deleteEgressFirewallRule: deleteRule(model),
    listFirewallRules: listRules(model, "Ingress"),
    listEgressFirewallRules: listRules(model, "Egress"),
  };
}
