// createStaticRoute, deleteStaticRoute, listStaticRoutes; the static route object.
import type { SimulatorModel } from "../model";
import type { StaticRouteRecord } from "../model/records";
import { uuidNotFound } from "../errors";
import type { Handler } from "../wire/types";
import { objectJob, successJob } from "./jobs";
import { listScopeOf } from "./list-helpers";
import { ownerFields } from "./owner-fields";
import { map, str } from "./params";
import { withoutUndefined } from "./views";

export function staticRouteView(model: SimulatorModel, route: StaticRouteRecord): Record<string, unknown> {
  const vpc = model.state.vpcs.find((v) => v.uuid === route.vpcUuid);
  const gateway = route.gatewayUuid === undefined ? undefined : model.state.privateGateways.find((g) => g.uuid === route.gatewayUuid);
  const view: Record<string, unknown> = {
    id: route.uuid,
    // Rules being revoked are reported as Deleting.
    state: route.state === "Revoke" ? "Deleting" : route.state,
    vpcid: vpc?.uuid,
    vpcgatewayid: gateway?.uuid,
    vpcgatewayip: gateway?.ipAddress,
    nexthop: route.nextHop,
    cidr: route.cidr,
    ...ownerFields(model, route.accountUuid),
    tags: [],
  };
  return withoutUndefined(view);
}

function listStaticRoutes(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    const id = str(p, "id");
    if (id !== undefined) model.staticRoutes.resolve("id", id);
    const vpcid = str(p, "vpcid");
    if (vpcid !== undefined && !model.vpcs.known(vpcid)) throw uuidNotFound("vpcid", vpcid);
    const gatewayid = str(p, "gatewayid");
    if (gatewayid !== undefined) model.privateGateways.resolveIncludingRemoved("gatewayid", gatewayid);
    const scope = listScopeOf(model, ctx, id !== undefined);
    const state = str(p, "state");
    // Static routes carry no tags in this model: a tag filter matches none.
    const tagFilter = map(p, "tags");
    const items = model.state.staticRoutes
      .filter((r) => scope.ownerVisible(r.accountUuid))
      .filter((r) => id === undefined || r.uuid === id)
      .filter((r) => vpcid === undefined || r.vpcUuid === vpcid)
      .filter((r) => gatewayid === undefined || r.gatewayUuid === gatewayid)
      .filter((r) => state === undefined || r.state.toLowerCase() === state.toLowerCase())
      .filter(() => tagFilter.length === 0)
      // Newest first (Filter(StaticRouteVO.class, "created", false)).
      .sort((a, b) => b.id - a.id)
      .map((r) => staticRouteView(model, r));
    return { kind: "list", objectName: "staticroute", items };
  };
}

export function staticRouteHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createStaticRoute: (ctx) => {
      const p = ctx.params;
      const gatewayid = str(p, "gatewayid");
      if (gatewayid !== undefined) model.privateGateways.resolveIncludingRemoved("gatewayid", gatewayid);
      const vpcid = str(p, "vpcid");
      if (vpcid !== undefined) model.vpcs.resolveIncludingRemoved("vpcid", vpcid);
      const route = model.staticRoutes.create(ctx.caller, { cidr: str(p, "cidr") ?? "", gatewayid, vpcid, nexthop: str(p, "nexthop") });
      return objectJob({ queueKey: route.vpcUuid, instanceType: "StaticRoute", createdId: route.uuid }, "staticroute", () => {
        model.staticRoutes.apply(route);
        return staticRouteView(model, route);
      });
    },
    deleteStaticRoute: (ctx) => {
      const route = model.staticRoutes.resolve("id", str(ctx.params, "id") ?? "");
      // DeleteStaticRouteCmd: id carries @ACL, checked before the job.
      model.accounts.checkAccess(ctx.caller, route.accountUuid, route.uuid);
      return successJob({ queueKey: route.vpcUuid, instanceType: "StaticRoute", instanceId: route.uuid }, () => model.staticRoutes.delete(ctx.caller, route));
    },
    listStaticRoutes: listStaticRoutes(model),
  };
}
