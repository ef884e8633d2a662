// listConfigurations and updateConfiguration, with the zone / account / domain scopes.
import type { SimulatorModel } from "../model";
import { CONFIG_DEFINITIONS, configValue, findConfigDefinition, setConfigValue, type ConfigDefinition, type ConfigScopeRef } from "../model/config";
import { paramError, uuidNotFound } from "../errors";
import type { Handler, HandlerContext, RawParams } from "../wire/types";
import { zoneExists } from "./list-helpers";
import { keywordMatches, rawStr, requireRootAdmin, str } from "./params";
import { withoutUndefined } from "./views";

const UI_TYPES: Record<ConfigDefinition["type"], string> = { Integer: "Number", Boolean: "Boolean", String: "String" };

/** The scope named by zoneid / accountid / domainid (only one may be given). */
function scopeOf(model: SimulatorModel, params: RawParams): ConfigScopeRef {
  const given: ConfigScopeRef[] = [];
  const zoneid = str(params, "zoneid");
  if (zoneid !== undefined) {
    if (!zoneExists(model, zoneid)) throw uuidNotFound("zoneid", zoneid);
    given.push({ scope: "Zone", scopeUuid: zoneid });
  }
  const accountid = str(params, "accountid");
  if (accountid !== undefined) {
    if (!model.accounts.account(accountid)) throw uuidNotFound("accountid", accountid);
    given.push({ scope: "Account", scopeUuid: accountid });
  }
  const domainid = str(params, "domainid");
  if (domainid !== undefined) {
    if (!model.accounts.domain(domainid)) throw uuidNotFound("domainid", domainid);
    given.push({ scope: "Domain", scopeUuid: domainid });
  }
  for (const unmodelled of ["clusterid", "storageid", "imagestoreuuid"]) {
    const v = str(params, unmodelled);
    if (v !== undefined) throw uuidNotFound(unmodelled, v);
  }
  if (given.length > 1) throw paramError("cannot handle multiple IDs, provide only one ID corresponding to the scope");
  return given[0] ?? { scope: "Global" };
}

function configView(model: SimulatorModel, def: ConfigDefinition, ref: ConfigScopeRef): Record<string, unknown> {
  const view: Record<string, unknown> = {
    category: def.category,
    name: def.name,
    value: configValue(model.state, def.name, ref),
    defaultvalue: def.defaultValue,
    description: def.description,
    isdynamic: def.isDynamic,
    scope: ref.scope === "Global" ? def.scopes[def.scopes.length - 1].toLowerCase() : ref.scope.toLowerCase(),
    component: def.component,
    group: def.group,
    subgroup: def.subgroup,
    displaytext: def.displaytext,
    type: UI_TYPES[def.type],
  };
  return withoutUndefined(view);
}

export function configurationHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    listConfigurations: (ctx: HandlerContext) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const ref = scopeOf(model, p);
      const name = str(p, "name");
      const category = str(p, "category");
      const keyword = str(p, "keyword");
      const items = CONFIG_DEFINITIONS.filter((d) => ref.scope === "Global" || d.scopes.includes(ref.scope))
        .filter((d) => name === undefined || d.name.includes(name))
        .filter((d) => category === undefined || d.category.toLowerCase() === category.toLowerCase())
        .filter((d) => keywordMatches(keyword, d.name, d.description))
        .map((d) => configView(model, d, ref));
      return { kind: "list", objectName: "configuration", items };
    },
    updateConfiguration: (ctx: HandlerContext) => {
      requireRootAdmin(ctx);
      const name = str(ctx.params, "name") ?? "";
      const ref = scopeOf(model, ctx.params);
      setConfigValue(model.state, name, rawStr(ctx.params, "value"), ref);
      const def = findConfigDefinition(name) as ConfigDefinition;
      return { kind: "object", objectName: "configuration", object: configView(model, def, ref) };
    },
  };
}
