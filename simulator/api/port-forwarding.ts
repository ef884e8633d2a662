// createPortForwardingRule, updatePortForwardingRule, deletePortForwardingRule,
// listPortForwardingRules; the port forwarding rule object (FirewallRuleResponse).
import type { SimulatorModel } from "../model";
import type { PortForwardingRuleRecord, VmRecord } from "../model/state";
import { uuidNotFound, type Handler, type HandlerContext } from "../wire/types";
import { readyIp, ruleInternalId, ruleStateText } from "./firewall";
import { bool, int, list, str } from "./params";

export function resolveVm(model: SimulatorModel, param: string, uuid: string): VmRecord {
  const vm = model.state.vms.find((v) => v.uuid === uuid);
  if (!vm) throw uuidNotFound(param, uuid);
  return vm;
}

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
  for (const k of Object.keys(view)) if (view[k] === undefined) delete view[k];
  return view;
}

function listPortForwardingRules(model: SimulatorModel): Handler {
  return (ctx: HandlerContext) => {
    const p = ctx.params;
    const id = str(p, "id");
    if (id !== undefined) ruleInternalId(model, "id", id);
    const networkid = str(p, "networkid");
    if (networkid !== undefined && !model.networks.known(networkid)) throw uuidNotFound("networkid", networkid);
    const ipid = str(p, "ipaddressid");
    const ip = ipid === undefined ? undefined : readyIp(model, ctx.caller, "ipaddressid", ipid, "port forwarding");
    const scope = model.accounts.listScope(ctx.caller, {
      account: str(p, "account"),
      domainid: str(p, "domainid"),
      projectid: str(p, "projectid"),
      listall: bool(p, "listall"),
      isrecursive: bool(p, "isrecursive"),
      byId: id !== undefined,
    });
    const display = bool(p, "fordisplay");
    const items = model.state.portForwardingRules
      .filter((r) => model.portForwarding.isLive(r) && scope.ownerVisible(r.accountUuid))
      .filter((r) => (id === undefined || r.uuid === id) && (ip === undefined || r.ipUuid === ip.uuid))
      .filter((r) => (networkid === undefined || r.networkUuid === networkid) && (display === undefined || r.display === display))
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
      return {
        kind: "job",
        queueKey: rule.networkUuid,
        instanceType: "FirewallRule",
        createdId: rule.uuid,
        instanceId: rule.uuid,
        run: () => ({ objectName: "portforwardingrule", object: portForwardingView(model, model.portForwarding.apply(rule, openFirewall)) }),
      };
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
      return {
        kind: "job",
        queueKey: model.portForwarding.find(id)?.networkUuid ?? id,
        instanceType: "FirewallRule",
        instanceId: id,
        run: () => ({
          objectName: "portforwardingrule",
          object: portForwardingView(model, model.portForwarding.update(ctx.caller, id, internalId, input)),
        }),
      };
    },
    deletePortForwardingRule: (ctx) => {
      const id = str(ctx.params, "id") ?? "";
      const internalId = ruleInternalId(model, "id", id);
      return {
        kind: "job",
        queueKey: model.portForwarding.find(id)?.networkUuid ?? id,
        instanceType: "FirewallRule",
        instanceId: id,
        run: () => {
          model.portForwarding.delete(ctx.caller, id, internalId);
          return { success: true };
        },
      };
    },
    listPortForwardingRules: listPortForwardingRules(model),
  };
}
