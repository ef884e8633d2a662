// What the handlers share in reading a call's scope: the owner scope a list call asks for, and
// the rule that a uuid parameter must name an existing object (ParamProcessWorker resolves it,
// 431 otherwise).
import type { SimulatorModel } from "../model";
import type { ListScope } from "../model/accounts";
import { uuidNotFound } from "../errors";
import type { HandlerContext, RawParams } from "../wire/types";
import { bool, str } from "./params";

/** The owner scope of a list call (account, domainid, projectid, listall, isrecursive); `byId` when an id was given. */
export function listScopeOf(model: SimulatorModel, ctx: HandlerContext, byId = false): ListScope {
  const p = ctx.params;
  return model.accounts.listScope(ctx.caller, {
    account: str(p, "account"),
    domainid: str(p, "domainid"),
    projectid: str(p, "projectid"),
    listall: bool(p, "listall"),
    isrecursive: bool(p, "isrecursive"),
    byId,
  });
}

/** Fails with 431 on the first given parameter, in the order listed, that names nothing. */
export function rejectUnknownIds(params: RawParams, exists: Readonly<Record<string, (uuid: string) => boolean>>): void {
  for (const [param, known] of Object.entries(exists)) {
    const value = str(params, param);
    if (value !== undefined && !known(value)) throw uuidNotFound(param, value);
  }
}

/** Whether a zone of that uuid exists. */
export const zoneExists = (model: SimulatorModel, uuid: string): boolean => model.state.zones.some((z) => z.uuid === uuid);
