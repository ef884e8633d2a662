// createVpnGateway, updateVpnGateway, deleteVpnGateway, listVpnGateways; the customer gateway
// commands; createVpnConnection, updateVpnConnection, resetVpnConnection, deleteVpnConnection,
// listVpnConnections; their objects.
import type { SimulatorModel } from "../model";
import { uuidNotFound } from "../errors";
import type { CustomerGatewayInput } from "../model/vpn-site-to-site";
import type { VpnConnectionRecord, VpnCustomerGatewayRecord, VpnGatewayRecord } from "../model/vpn-records";
import type { Handler, RawParams } from "../wire/types";
import { objectJob, successJob } from "./jobs";
import { listScopeOf } from "./list-helpers";
import { ownerFields } from "./owner-fields";
import { bool, int, str } from "./params";
import { withoutUndefined } from "./views";
import { displayUpdateHandler, ownerInput } from "./vpn-params";

const ipAddressOf = (model: SimulatorModel, uuid: string): string | undefined => model.state.publicIps.find((ip) => ip.uuid === uuid)?.address;

export function vpnGatewayView(model: SimulatorModel, g: VpnGatewayRecord): Record<string, unknown> {
  const vpc = model.vpcs.find(g.vpcUuid);
  return withoutUndefined({
    id: g.uuid,
    publicip: ipAddressOf(model, g.ipUuid),
    vpcid: g.vpcUuid,
    vpcname: vpc?.name,
    ...ownerFields(model, g.accountUuid),
    fordisplay: g.display,
  });
}

/** The IPsec fields a customer gateway and its connections show alike. */
function ipsecFields(g: VpnCustomerGatewayRecord): Record<string, unknown> {
  return {
    gateway: g.gateway,
    cidrlist: g.cidrList,
    ipsecpsk: g.ipsecPsk,
    ikepolicy: g.ikePolicy,
    esppolicy: g.espPolicy,
    ikelifetime: g.ikeLifetime,
    esplifetime: g.espLifetime,
    dpd: g.dpd,
    forceencap: g.forceEncap,
    splitconnections: g.splitConnections,
    ikeversion: g.ikeVersion,
  };
}

export function vpnCustomerGatewayView(model: SimulatorModel, g: VpnCustomerGatewayRecord): Record<string, unknown> {
  // ipaddress is the gateway's address; a gateway given by name shows no resolution here.
  const ipaddress = /^\d+\.\d+\.\d+\.\d+$/.test(g.gateway) ? g.gateway : undefined;
  return withoutUndefined({ id: g.uuid, name: g.name, ipaddress, ...ipsecFields(g), ...ownerFields(model, g.accountUuid), hasannotations: false });
}

export function vpnConnectionView(model: SimulatorModel, c: VpnConnectionRecord): Record<string, unknown> {
  const gateway = model.state.vpnGateways.find((g) => g.uuid === c.vpnGatewayUuid);
  const customer = model.state.vpnCustomerGateways.find((g) => g.uuid === c.customerGatewayUuid);
  return withoutUndefined({
    id: c.uuid,
    s2svpngatewayid: c.vpnGatewayUuid,
    publicip: gateway && ipAddressOf(model, gateway.ipUuid),
    s2scustomergatewayid: c.customerGatewayUuid,
    ...(customer ? ipsecFields(customer) : {}),
    state: c.state,
    passive: c.passive,
    ...ownerFields(model, c.accountUuid),
    created: c.created,
    fordisplay: c.display,
  });
}

function customerGatewayInput(p: RawParams): CustomerGatewayInput {
  return {
    name: str(p, "name"),
    gateway: str(p, "gateway") ?? "",
    cidrlist: str(p, "cidrlist") ?? "",
    ipsecpsk: str(p, "ipsecpsk") ?? "",
    ikepolicy: str(p, "ikepolicy") ?? "",
    esppolicy: str(p, "esppolicy") ?? "",
    ikelifetime: int(p, "ikelifetime"),
    esplifetime: int(p, "esplifetime"),
    dpd: bool(p, "dpd"),
    forceencap: bool(p, "forceencap"),
    splitconnections: bool(p, "splitconnections"),
    ikeversion: str(p, "ikeversion"),
    ...ownerInput(p),
  };
}

function listHandler<R extends { uuid: string; accountUuid: string }>(
  model: SimulatorModel,
  objectName: string,
  rows: () => R[],
  known: (uuid: string) => boolean,
  view: (row: R) => Record<string, unknown>,
  vpcOf?: (row: R) => string | undefined,
): Handler {
  return (ctx) => {
    const p = ctx.params;
    const id = str(p, "id");
    if (id !== undefined && !known(id)) throw uuidNotFound("id", id);
    const vpcid = vpcOf ? str(p, "vpcid") : undefined;
    if (vpcid !== undefined && !model.vpcs.known(vpcid)) throw uuidNotFound("vpcid", vpcid);
    const scope = listScopeOf(model, ctx, id !== undefined);
    const items = rows()
      .filter((r) => scope.ownerVisible(r.accountUuid))
      .filter((r) => id === undefined || r.uuid === id)
      .filter((r) => vpcid === undefined || vpcOf?.(r) === vpcid)
      .map(view);
    return { kind: "list", objectName, items };
  };
}

export function siteToSiteVpnHandlers(model: SimulatorModel): Record<string, Handler> {
  const { vpnGateways, vpnCustomerGateways, vpnConnections } = model;
  const restart = (c: VpnConnectionRecord): void => void vpnConnections.start(c);
  return {
    createVpnGateway: (ctx) => {
      const p = ctx.params;
      const gateway = vpnGateways.create(ctx.caller, { vpcid: str(p, "vpcid") ?? "", ipaddressid: str(p, "ipaddressid"), fordisplay: bool(p, "fordisplay") });
      return objectJob({ queueKey: gateway.vpcUuid, instanceType: "Site2SiteVpnGateway", createdId: gateway.uuid }, "vpngateway", () =>
        vpnGatewayView(model, gateway),
      );
    },
    updateVpnGateway: displayUpdateHandler({
      resolve: (id) => vpnGateways.resolveIncludingRemoved("id", id),
      target: (g) => ({ queueKey: g.vpcUuid, instanceType: "Site2SiteVpnGateway", instanceId: g.uuid }),
      objectName: "vpngateway",
      update: (caller, g, input) => vpnGateways.update(caller, g, input),
      view: (g) => vpnGatewayView(model, g),
    }),
    deleteVpnGateway: (ctx) => {
      const gateway = vpnGateways.resolveIncludingRemoved("id", str(ctx.params, "id") ?? "");
      return successJob({ queueKey: gateway.vpcUuid, instanceType: "Site2SiteVpnGateway", instanceId: gateway.uuid }, () =>
        vpnGateways.delete(ctx.caller, gateway),
      );
    },
    listVpnGateways: listHandler(model, "vpngateway", () => vpnGateways.live(), (u) => vpnGateways.known(u), (g) => vpnGatewayView(model, g), (g) => g.vpcUuid),

    createVpnCustomerGateway: (ctx) => {
      const gateway = vpnCustomerGateways.create(ctx.caller, customerGatewayInput(ctx.params));
      return objectJob({ queueKey: gateway.uuid, instanceType: "Site2SiteCustomerGateway", createdId: gateway.uuid }, "vpncustomergateway", () =>
        vpnCustomerGatewayView(model, gateway),
      );
    },
    updateVpnCustomerGateway: (ctx) => {
      const gateway = vpnCustomerGateways.resolveIncludingRemoved("id", str(ctx.params, "id") ?? "");
      const input = customerGatewayInput(ctx.params);
      return objectJob({ queueKey: gateway.uuid, instanceType: "Site2SiteCustomerGateway", instanceId: gateway.uuid }, "vpncustomergateway", () =>
        vpnCustomerGatewayView(model, vpnCustomerGateways.update(ctx.caller, gateway, input, restart)),
      );
    },
    deleteVpnCustomerGateway: (ctx) => {
      const gateway = vpnCustomerGateways.resolveIncludingRemoved("id", str(ctx.params, "id") ?? "");
      return successJob({ queueKey: gateway.uuid, instanceType: "Site2SiteCustomerGateway", instanceId: gateway.uuid }, () =>
        vpnCustomerGateways.delete(ctx.caller, gateway),
      );
    },
    listVpnCustomerGateways: listHandler(
      model,
      "vpncustomergateway",
      () => vpnCustomerGateways.live(),
      (u) => vpnCustomerGateways.known(u),
      (g) => vpnCustomerGatewayView(model, g),
    ),

    createVpnConnection: (ctx) => {
      const p = ctx.params;
      const connection = vpnConnections.create(ctx.caller, {
        s2svpngatewayid: str(p, "s2svpngatewayid") ?? "",
        s2scustomergatewayid: str(p, "s2scustomergatewayid") ?? "",
        passive: bool(p, "passive"),
        fordisplay: bool(p, "fordisplay"),
      });
      return objectJob({ queueKey: connection.uuid, instanceType: "Site2SiteVpnConnection", createdId: connection.uuid }, "vpnconnection", () =>
        vpnConnectionView(model, vpnConnections.start(connection)),
      );
    },
    updateVpnConnection: displayUpdateHandler({
      resolve: (id) => vpnConnections.resolve("id", id),
      target: (c) => ({ queueKey: c.uuid, instanceType: "Site2SiteVpnConnection", instanceId: c.uuid }),
      objectName: "vpnconnection",
      update: (caller, c, input) => vpnConnections.update(caller, c, input),
      view: (c) => vpnConnectionView(model, c),
    }),
    resetVpnConnection: (ctx) => {
      const connection = vpnConnections.resolve("id", str(ctx.params, "id") ?? "");
      return objectJob({ queueKey: connection.uuid, instanceType: "Site2SiteVpnConnection", instanceId: connection.uuid }, "vpnconnection", () =>
        vpnConnectionView(model, vpnConnections.reset(ctx.caller, connection)),
      );
    },
    deleteVpnConnection: (ctx) => {
      const connection = vpnConnections.resolve("id", str(ctx.params, "id") ?? "");
      return successJob({ queueKey: connection.uuid, instanceType: "Site2SiteVpnConnection", instanceId: connection.uuid }, () =>
        vpnConnections.delete(ctx.caller, connection),
      );
    },
    listVpnConnections: listHandler(
      model,
      "vpnconnection",
      () => model.state.vpnConnections,
      (u) => vpnConnections.find(u) !== undefined,
      (c) => vpnConnectionView(model, c),
      (c) => vpnConnections.vpcOf(c)?.uuid,
    ),
  };
}
