// createPortForwardingRule, updatePortForwardingRule, deletePortForwardingRule,
// listPortForwardingRules; the port forwarding rule object (FirewallRuleResponse).
import type { SimulatorModel } from "../model";
import type { PortForwardingRuleRecord } from "../model/records";
import { uuidNotFound } from "../errors";
import type { Handler, HandlerContext } from "../wire/types";
import { resolveVm } from "./instances";
import { objectJob, successJob } from "./jobs";
import { bool, int, list, str } from "./params";
import { checkRuleAccessBeforeJob, createdRuleJob, ipRuleFilter, ruleInternalId, ruleJob, ruleStateText } from "./rules-common";
import { withoutUndefined } from "./views";

export function portForwardingView(model: SimulatorModel, rule: PortForwardingRuleRecord): Record<string, unknown> {
  const ip = model.state.publicIps.find((x) => x.uuid === rule.ipUuid);
  const vm = model.state.vms.find((v) => v.uuid === rule.vmUuid);
  const view: Record<string, unknown> = {
    id: rule.uuid,
    privateport: String(rule.privateStartPort),
    privateendport: String(rule.privateEndPort),
    protocol: rule.protocol,
    publicport: String(rule.publicStartPort),
    publicendport: String(rule.publicEndPort),
    virtualmachineid: vm?.uuid,
    virtualmachinename: vm?.name,
    virtualmachinedisplayname: vm ? vm.displayName || vm.name : undefined,
    ipaddressid: ip?.uuid,
    ipaddress: ip?.address,
    state: ruleStateText(rule.state),
    cidrlist: rule.sourceCidrs.join(","),
    tags: [],
    vmguestip: rule.vmGuestIp,
    networkid: rule.networkUuid,
    fordisplay: rule.display,
  };
  return withoutUndefined(view);
}

function listPortForwardingRules(model: SimulatorModel): Handler {
  return (ctx: HandlerContext) => {
    const matches = ipRuleFilter(model, ctx, "port forwarding");
    const items = model.state.portForwardingRules
      .filter((r) => model.portForwarding.isLive(r) && matches(r))
      .sort((a, b) => b.id - a.id)
      .map((r) => portForwardingView(model, r));
    return { kind: "list", objectName: "portforwardingrule", items };
  };
}

export function portForwardingHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createPortForwardingRule: (ctx) => {
      const p = ctx.params;
      const ip = model.publicIps.resolve("ipaddressid", str(p, "ipaddressid") ?? "");
      const vm = resolveVm(model, "virtualmachineid", str(p, "virtualmachineid") ?? "");
      const networkid = str(p, "networkid");
      const network = networkid === undefined ? undefined : model.networks.find(networkid);
      if (networkid !== undefined && !network) throw uuidNotFound("networkid", networkid);
      const { rule, openFirewall } = model.portForwarding.create(ctx.caller, ip, {
        protocol: str(p, "protocol") ?? "",
        publicport: int(p, "publicport") ?? 0,
        publicendport: int(p, "publicendport"),
        privateport: int(p, "privateport") ?? 0,
        privateendport: int(p, "privateendport"),
        vm,
        cidrlist: list(p, "cidrlist"),
        openfirewall: bool(p, "openfirewall"),
        network,
        vmguestip: str(p, "vmguestip"),
        fordisplay: bool(p, "fordisplay"),
      });
      return objectJob(createdRuleJob(rule), "portforwardingrule", () => portForwardingView(model, model.portForwarding.apply(rule, openFirewall)));
    },
    updatePortForwardingRule: (ctx) => {
      const p = ctx.params;
      const id = str(p, "id") ?? "";
      const internalId = ruleInternalId(model, "id", id);
      const vmid = str(p, "virtualmachineid");
      const vm = vmid === undefined ? undefined : resolveVm(model, "virtualmachineid", vmid);
      const input = {
        privateport: int(p, "privateport"),
        privateendport: int(p, "privateendport"),
        vm,
        vmguestip: str(p, "vmguestip"),
        customid: str(p, "customid"),
        fordisplay: bool(p, "fordisplay"),
        cidrlist: list(p, "cidrlist"),
      };
      return objectJob(ruleJob(model.portForwarding.find(id), id), "portforwardingrule", () =>
        portForwardingView(model, model.portForwarding.update(ctx.caller, id, internalId, input)),
      );
    },
    deletePortForwardingRule: (ctx) => {
      const id = str(ctx.params, "id") ?? "";
      const internalId = ruleInternalId(model, "id", id);
      // DeletePortForwardingRuleCmd: id carries @ACL.
      checkRuleAccessBeforeJob(model, ctx.caller, id);
      return successJob(ruleJob(model.portForwarding.find(id), id), () => model.portForwarding.delete(ctx.caller, id, internalId));
    },
    listPortForwardingRules: listPortForwardingRules(model),
  };
}
