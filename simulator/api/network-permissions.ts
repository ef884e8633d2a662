// createNetworkPermissions, removeNetworkPermissions, resetNetworkPermissions and
// listNetworkPermissions (all sync, since 4.17); the permission object of ApiResponseHelper.createNetworkPermissionsResponse.
import type { SimulatorModel } from "../model";
import type { PermissionTargets } from "../model/network-permissions";
import type { NetworkPermissionRecord } from "../model/records";
import type { Handler, RawParams } from "../wire/types";
import { list, str } from "./params";
import { withoutUndefined } from "./views";

function permissionView(model: SimulatorModel, permission: NetworkPermissionRecord): Record<string, unknown> {
  const network = model.networks.resolveIncludingRemoved("networkid", permission.networkUuid);
  // The domain shown is the network owner's.
  const owner = model.accounts.account(network.accountUuid);
  const domain = owner && model.accounts.domain(owner.domainUuid);
  const account = model.accounts.accountOrThrow(permission.accountUuid);
  const project = account.type === 5 ? model.accounts.projectOfAccount(account.uuid) : undefined;
  return withoutUndefined({
    networkid: network.uuid,
    domainid: domain?.uuid,
    domain: domain?.name,
    account: account.name,
    accountid: account.uuid,
    projectid: project?.uuid,
    project: project?.name,
  });
}

const targets = (params: RawParams): PermissionTargets => ({
  accountids: list(params, "accountids"),
  accounts: list(params, "accounts"),
  projectids: list(params, "projectids"),
});

export function networkPermissionHandlers(model: SimulatorModel): Record<string, Handler> {
  const networkId = (params: RawParams): string => str(params, "networkid") ?? "";
  return {
    createNetworkPermissions: (ctx) => {
      model.networkPermissions.create(ctx.caller, networkId(ctx.params), targets(ctx.params));
      return { kind: "success" };
    },
    removeNetworkPermissions: (ctx) => {
      model.networkPermissions.remove(ctx.caller, networkId(ctx.params), targets(ctx.params));
      return { kind: "success" };
    },
    resetNetworkPermissions: (ctx) => {
      model.networkPermissions.reset(ctx.caller, networkId(ctx.params));
      return { kind: "success" };
    },
    listNetworkPermissions: (ctx) => {
      const items = model.networkPermissions.list(ctx.caller, networkId(ctx.params)).map((p) => permissionView(model, p));
      return { kind: "list", objectName: "networkpermission", items };
    },
  };
}
