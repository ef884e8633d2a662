// The parameters of an update command for the inputs that changed: each changed input under the
// command's parameter name, after the object's id. Inputs the command does not take are left out.
import type { Params, ParamValue } from "../../client";

export function changedParams(
  id: string,
  changed: readonly string[],
  news: Readonly<Record<string, unknown>>,
  paramNames: Readonly<Record<string, string>>,
): Params {
  const params: Params = { id };
  for (const key of changed) {
    const name = paramNames[key];
    if (name !== undefined) params[name] = news[key] as ParamValue;
  }
  return params;
}
