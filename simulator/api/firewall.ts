// createFirewallRule, updateFirewallRule, deleteFirewallRule, listFirewallRules and their egress
// counterparts; the firewall rule object; resolving rule ids, which CloudStack looks up in the one
// firewall_rules table whatever the kind of rule.
import type { SimulatorModel } from "../model";
import type { FirewallRuleRecord, PublicIpRecord } from "../model/state";
import { paramError, uuidNotFound, type Caller, type Handler, type HandlerContext } from "../wire/types";
import { bool, int, list, str } from "./params";

/** The internal id of a rule of any kind (FirewallRule entity resolution); 431 for an unknown uuid. */
export function ruleInternalId(model: SimulatorModel, param: string, uuid: string): number {
  const s = model.state;
  const rule = s.firewallRules.find((r) => r.uuid === uuid) ?? s.portForwardingRules.find((r) => r.uuid === uuid) ?? s.loadBalancerRules.find((r) => r.uuid === uuid);
  if (!rule) throw uuidNotFound(param, uuid);
  return rule.id;
}

/** CloudStack shows a rule being revoked as "Deleting". */
export const ruleStateText = (state: string): string => (state === "Revoke" ? "Deleting" : state);

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
  for (const k of Object.keys(view)) if (view[k] === undefined) delete view[k];
  return view;
}

/** Resolves a public IP parameter; "not ready" unless it is allocated (listing rules by IP). */
export function readyIp(model: SimulatorModel, caller: Caller, param: string, uuid: string, kind: string): PublicIpRecord {
  const ip = model.publicIps.resolve(param, uuid);
  if (ip.state !== "Allocated") throw paramError(`Ip address id=${ip.id} not ready for ${kind} rules yet`);
  if (ip.accountUuid !== undefined) model.accounts.checkAccess(caller, ip.accountUuid, ip.uuid);
  return ip;
}

function listRules(model: SimulatorModel, trafficType: "Ingress" | "Egress"): Handler {
  return (ctx: HandlerContext) => {
    const p = ctx.params;
    const id = str(p, "id");
    if (id !== undefined) ruleInternalId(model, "id", id);
    const networkid = str(p, "networkid");
    if (networkid !== undefined && !model.networks.known(networkid)) throw uuidNotFound("networkid", networkid);
    const ipid = str(p, "ipaddressid");
    const ip = ipid === undefined ? undefined : readyIp(model, ctx.caller, "ipaddressid", ipid, "firewall");
    const scope = model.accounts.listScope(ctx.caller, {
      account: str(p, "account"),
      domainid: str(p, "domainid"),
      projectid: str(p, "projectid"),
      listall: bool(p, "listall"),
      isrecursive: bool(p, "isrecursive"),
      byId: id !== undefined,
    });
    const display = bool(p, "fordisplay");
    const items = model.state.firewallRules
      .filter((r) => r.trafficType === trafficType && model.firewallRules.isLive(r) && scope.ownerVisible(r.accountUuid))
      .filter((r) => (id === undefined || r.uuid === id) && (ip === undefined || r.ipUuid === ip.uuid))
      .filter((r) => (networkid === undefined || r.networkUuid === networkid) && (display === undefined || r.display === display))
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
    const rule = model.firewallRules.find(id);
    const input = { customid: str(p, "customid"), fordisplay: bool(p, "fordisplay") };
    return {
      kind: "job",
      queueKey: rule?.networkUuid ?? id,
      instanceType: "FirewallRule",
      instanceId: id,
      run: () => ({ objectName: "firewallrule", object: firewallView(model, model.firewallRules.update(ctx.caller, id, internalId, input)) }),
    };
  };
}

function deleteRule(model: SimulatorModel): Handler {
  return (ctx) => {
    const id = str(ctx.params, "id") ?? "";
    const internalId = ruleInternalId(model, "id", id);
    const rule = model.firewallRules.find(id);
    return {
      kind: "job",
      queueKey: rule?.networkUuid ?? id,
      instanceType: "FirewallRule",
      instanceId: id,
      run: () => {
        model.firewallRules.delete(ctx.caller, id, internalId);
        return { success: true };
      },
    };
  };
}

export function firewallHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createFirewallRule: (ctx) => {
      const p = ctx.params;
      const ip = model.publicIps.resolve("ipaddressid", str(p, "ipaddressid") ?? "");
      const rule = model.firewallRules.createIngress(ctx.caller, ip, {
        protocol: str(p, "protocol") ?? "",
        startport: int(p, "startport"),
        endport: int(p, "endport"),
        cidrlist: list(p, "cidrlist"),
        icmptype: int(p, "icmptype"),
        icmpcode: int(p, "icmpcode"),
        fordisplay: bool(p, "fordisplay"),
      });
      return {
        kind: "job",
        queueKey: rule.networkUuid,
        instanceType: "FirewallRule",
        createdId: rule.uuid,
        instanceId: rule.uuid,
        run: () => ({ objectName: "firewallrule", object: firewallView(model, model.firewallRules.apply(rule)) }),
      };
    },
    createEgressFirewallRule: (ctx) => {
      const p = ctx.params;
      const networkid = str(p, "networkid") ?? "";
      const network = model.networks.find(networkid);
      if (!network) throw uuidNotFound("networkid", networkid);
      const rule = model.firewallRules.createEgress(ctx.caller, network, {
        protocol: str(p, "protocol") ?? "",
        startport: int(p, "startport"),
        endport: int(p, "endport"),
        cidrlist: list(p, "cidrlist"),
        destcidrlist: list(p, "destcidrlist"),
        icmptype: int(p, "icmptype"),
        icmpcode: int(p, "icmpcode"),
        fordisplay: bool(p, "fordisplay"),
      });
      return {
        kind: "job",
        queueKey: rule.networkUuid,
        instanceType: "FirewallRule",
        createdId: rule.uuid,
        instanceId: rule.uuid,
        run: () => ({ objectName: "firewallrule", object: firewallView(model, model.firewallRules.apply(rule)) }),
      };
    },
    updateFirewallRule: updateRule(model),
    updateEgressFirewallRule: updateRule(model),
    deleteFirewallRule: deleteRule(model),
    deleteEgressFirewallRule: deleteRule(model),
    listFirewallRules: listRules(model, "Ingress"),
    listEgressFirewallRules: listRules(model, "Egress"),
  };
}
