// createPrivateGateway, deletePrivateGateway, listPrivateGateways; the private gateway object.
import type { SimulatorModel } from "../model";
import type { PrivateGatewayRecord } from "../model/records";
import { uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Handler } from "../wire/types";
import { objectJob, successJob } from "./jobs";
import { listScopeOf } from "./list-helpers";
import { ownerFields } from "./owner-fields";
import { bool, str } from "./params";
import { withoutUndefined } from "./views";

export function privateGatewayView(model: SimulatorModel, g: PrivateGatewayRecord, caller: Caller): Record<string, unknown> {
  const zone = model.state.zones.find((z) => z.uuid === g.zoneUuid);
  const vpc = model.state.vpcs.find((v) => v.uuid === g.vpcUuid);
  const associated = g.associatedNetworkUuid === undefined ? undefined : model.state.networks.find((n) => n.uuid === g.associatedNetworkUuid);
  const acl = model.networkAcls.findList(g.aclUuid);
  const view: Record<string, unknown> = {
    id: g.uuid,
    gateway: g.gateway,
    netmask: g.netmask,
    ipaddress: g.ipAddress,
    zoneid: zone?.uuid,
    zonename: zone?.name,
    // The private network's implementation URI, as the admin view (ResponseView.Full) shows it.
    vlan: caller.isRootAdmin ? g.broadcastUri : undefined,
    associatednetworkid: associated?.uuid,
    associatednetwork: associated?.name,
    vpcid: vpc?.uuid,
    vpcname: vpc?.name,
    physicalnetworkid: g.physicalNetworkUuid,
    ...ownerFields(model, g.accountUuid),
    state: g.state,
    sourcenatsupported: g.sourceNat,
    aclid: acl?.uuid,
    aclname: acl?.name,
    hasannotations: false,
  };
  return withoutUndefined(view);
}

function listPrivateGateways(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    const id = str(p, "id");
    // A deleted gateway's row stays: its id resolves and the answer is the empty list.
    if (id !== undefined) model.privateGateways.resolveIncludingRemoved("id", id);
    const vpcid = str(p, "vpcid");
    if (vpcid !== undefined && !model.vpcs.known(vpcid)) throw uuidNotFound("vpcid", vpcid);
    const scope = listScopeOf(model, ctx, id !== undefined);
    const ipaddress = str(p, "ipaddress");
    const vlan = str(p, "vlan");
    const vlanUri = vlan === undefined ? undefined : `vlan://${vlan.replace(/^vlan:\/\//i, "")}`;
    const state = str(p, "state");
    const items = model.privateGateways
      .live()
      .filter((g) => scope.ownerVisible(g.accountUuid))
      .filter((g) => id === undefined || g.uuid === id)
      .filter((g) => vpcid === undefined || g.vpcUuid === vpcid)
      .filter((g) => ipaddress === undefined || g.ipAddress === ipaddress)
      .filter((g) => vlanUri === undefined || g.broadcastUri === vlanUri)
      .filter((g) => state === undefined || g.state.toLowerCase() === state.toLowerCase())
      .sort((a, b) => b.id - a.id)
      .map((g) => privateGatewayView(model, g, ctx.caller));
    return { kind: "list", objectName: "privategateway", items };
  };
}

export function privateGatewayHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createPrivateGateway: (ctx) => {
      const p = ctx.params;
      const aclid = str(p, "aclid");
      if (aclid !== undefined) model.networkAcls.resolveList("aclid", aclid);
      const gateway = model.privateGateways.create(ctx.caller, {
        vpcid: str(p, "vpcid") ?? "",
        ipaddress: str(p, "ipaddress") ?? "",
        gateway: str(p, "gateway") ?? "",
        netmask: str(p, "netmask") ?? "",
        networkofferingid: str(p, "networkofferingid"),
        sourcenatsupported: bool(p, "sourcenatsupported"),
        aclid,
        associatednetworkid: str(p, "associatednetworkid"),
        physicalnetworkid: str(p, "physicalnetworkid"),
        vlan: str(p, "vlan"),
        bypassvlanoverlapcheck: bool(p, "bypassvlanoverlapcheck"),
      });
      return objectJob({ queueKey: gateway.uuid, instanceType: "PrivateGateway", createdId: gateway.uuid }, "privategateway", () => {
        model.privateGateways.apply(gateway);
        return privateGatewayView(model, gateway, ctx.caller);
      });
    },
    deletePrivateGateway: (ctx) => {
      const gateway = model.privateGateways.resolveIncludingRemoved("id", str(ctx.params, "id") ?? "");
      return successJob({ queueKey: gateway.uuid, instanceType: "PrivateGateway", instanceId: gateway.uuid }, () =>
        model.privateGateways.delete(ctx.caller, gateway),
      );
    },
    listPrivateGateways: listPrivateGateways(model),
  };
}
