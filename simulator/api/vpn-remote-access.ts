// createRemoteAccessVpn, updateRemoteAccessVpn, deleteRemoteAccessVpn, listRemoteAccessVpns,
// addVpnUser, removeVpnUser, listVpnUsers; the remote-access VPN and VPN user objects.
import type { SimulatorModel } from "../model";
import { uuidNotFound } from "../errors";
import { clientRange } from "../model/vpn-remote-access";
import type { RemoteAccessVpnRecord, VpnUserRecord } from "../model/vpn-records";
import type { Handler } from "../wire/types";
import { objectJob, successJob } from "./jobs";
import { listScopeOf } from "./list-helpers";
import { ownerFields } from "./owner-fields";
import { bool, str } from "./params";
import { withoutUndefined } from "./views";
import { displayUpdateHandler, ownerInput } from "./vpn-params";

export function remoteAccessVpnView(model: SimulatorModel, vpn: RemoteAccessVpnRecord): Record<string, unknown> {
  const ip = model.state.publicIps.find((r) => r.uuid === vpn.ipUuid);
  return withoutUndefined({
    id: vpn.uuid,
    publicipid: ip?.uuid,
    publicip: ip?.address,
    iprange: clientRange(vpn.ipRange),
    presharedkey: vpn.presharedKey,
    ...ownerFields(model, vpn.accountUuid),
    state: vpn.state,
    fordisplay: vpn.display,
  });
}

export function vpnUserView(model: SimulatorModel, user: VpnUserRecord): Record<string, unknown> {
  return withoutUndefined({ id: user.uuid, username: user.username, ...ownerFields(model, user.accountUuid), state: user.state });
}

function listRemoteAccessVpns(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    const id = str(p, "id");
    if (id !== undefined && !model.remoteAccessVpns.find(id)) throw uuidNotFound("id", id);
    const publicipid = str(p, "publicipid");
    if (publicipid !== undefined && !model.state.publicIps.some((ip) => ip.uuid === publicipid)) throw uuidNotFound("publicipid", publicipid);
    const networkid = str(p, "networkid");
    if (networkid !== undefined && !model.networks.known(networkid)) throw uuidNotFound("networkid", networkid);
    const fordisplay = bool(p, "fordisplay");
    const scope = listScopeOf(model, ctx, id !== undefined);
    const items = model.state.remoteAccessVpns
      .filter((v) => scope.ownerVisible(v.accountUuid))
      .filter((v) => id === undefined || v.uuid === id)
      .filter((v) => publicipid === undefined || v.ipUuid === publicipid)
      .filter((v) => networkid === undefined || v.networkUuid === networkid)
      .filter((v) => fordisplay === undefined || v.display === fordisplay)
      .map((v) => remoteAccessVpnView(model, v));
    return { kind: "list", objectName: "remoteaccessvpn", items };
  };
}

function listVpnUsers(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    const id = str(p, "id");
    if (id !== undefined && !model.vpnUsers.find(id)) throw uuidNotFound("id", id);
    const username = str(p, "username");
    const scope = listScopeOf(model, ctx, id !== undefined);
    const items = model.state.vpnUsers
      // Users being revoked are not listed (VpnUserDao lists the other states).
      .filter((u) => u.state !== "Revoke" && scope.ownerVisible(u.accountUuid))
      .filter((u) => id === undefined || u.uuid === id)
      .filter((u) => username === undefined || u.username === username)
      .map((u) => vpnUserView(model, u));
    return { kind: "list", objectName: "vpnuser", items };
  };
}

export function remoteAccessVpnHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createRemoteAccessVpn: (ctx) => {
      const p = ctx.params;
      const { account, domainid } = ownerInput(p);
      const vpn = model.remoteAccessVpns.create(ctx.caller, {
        publicipid: str(p, "publicipid") ?? "",
        iprange: str(p, "iprange"),
        account,
        domainid,
        openfirewall: bool(p, "openfirewall"),
        fordisplay: bool(p, "fordisplay"),
      });
      return objectJob({ queueKey: vpn.ipUuid, instanceType: "RemoteAccessVpn", createdId: vpn.uuid }, "remoteaccessvpn", () =>
        remoteAccessVpnView(model, model.remoteAccessVpns.start(vpn)),
      );
    },
    updateRemoteAccessVpn: displayUpdateHandler({
      resolve: (id) => {
        const vpn = model.remoteAccessVpns.find(id);
        if (!vpn) throw uuidNotFound("id", id);
        return vpn;
      },
      target: (vpn) => ({ queueKey: vpn.ipUuid, instanceType: "RemoteAccessVpn", instanceId: vpn.uuid }),
      objectName: "remoteaccessvpn",
      update: (caller, vpn, input) => model.remoteAccessVpns.update(caller, vpn, input),
      view: (vpn) => remoteAccessVpnView(model, vpn),
    }),
    deleteRemoteAccessVpn: (ctx) => {
      const publicipid = str(ctx.params, "publicipid") ?? "";
      const ip = model.state.publicIps.find((r) => r.uuid === publicipid);
      if (!ip) throw uuidNotFound("publicipid", publicipid);
      return successJob({ queueKey: ip.uuid, instanceType: "RemoteAccessVpn" }, () => model.remoteAccessVpns.delete(ctx.caller, ip));
    },
    listRemoteAccessVpns: listRemoteAccessVpns(model),
    addVpnUser: (ctx) => {
      const p = ctx.params;
      const user = model.vpnUsers.add(ctx.caller, { username: str(p, "username") ?? "", password: str(p, "password") ?? "", ...ownerInput(p) });
      return objectJob({ queueKey: user.accountUuid, instanceType: "VpnUser", createdId: user.uuid }, "vpnuser", () =>
        vpnUserView(model, model.vpnUsers.apply(user)),
      );
    },
    removeVpnUser: (ctx) => {
      const input = { username: str(ctx.params, "username") ?? "", ...ownerInput(ctx.params) };
      return successJob({ queueKey: `vpnusers:${ctx.caller.accountId}`, instanceType: "VpnUser" }, () => model.vpnUsers.remove(ctx.caller, input));
    },
    listVpnUsers: listVpnUsers(model),
  };
}
