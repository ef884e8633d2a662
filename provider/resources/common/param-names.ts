// Inputs sent under CloudStack's parameter names: one map per kind from input name to parameter
// name serves its create (every input given) and its update (the inputs that changed).
import type { Params, ParamValue } from "../../client";

/** The inputs named in `names` (only `keys` when given) under their parameter names. */
export function paramsOf(values: Readonly<Record<string, unknown>>, names: Readonly<Record<string, string>>, keys: readonly string[] = Object.keys(names)): Params {
  const params: Params = {};
  for (const key of keys) {
    const name = names[key];
    if (name !== undefined) params[name] = values[key] as ParamValue;
  }
  return params;
}

/** An update command's parameters: the object's id, then each changed input it takes. */
export function changedParams(id: string, changed: readonly string[], news: Readonly<Record<string, unknown>>, names: Readonly<Record<string, string>>): Params {
  return { id, ...paramsOf(news, names, changed) };
}
