// Inputs and resolved ids as CloudStack's parameters, which mostly carry the same name in lower
// case (displayText is displaytext, zoneId is zoneid). Absent values are left for the client to
// drop.
import type { Params } from "../../client";

type Values = Readonly<Record<string, unknown>>;

/** The named inputs, each as the parameter of its name in lower case. */
export function inputParams<Inputs extends object>(inputs: Inputs, ...keys: ReadonlyArray<keyof Inputs & string>): Params {
  return Object.fromEntries(keys.map((key) => [key.toLowerCase(), (inputs as Values)[key]])) as Params;
}

/** Every resolved id (zoneId, networkId...) as the parameter of its name in lower case. */
export function idParams(ids: Readonly<Record<string, string>>): Params {
  return Object.fromEntries(Object.entries(ids).map(([idProperty, id]) => [idProperty.toLowerCase(), id]));
}
