// Parameter checks of ParamProcessWorker (missing required, values that do not parse as their
// CommandType) plus the simulator's strict mode: a parameter the command does not declare is an
// error instead of being ignored, so a client typo fails loudly.
import { ApiError } from "../errors";
import type { Caller } from "../caller";
import { RawParams } from "./types";
import { CommandFact, ParamFact } from "./command-facts";

/** Parameters of the transport, never parameters of a command (compared case-insensitively). */
const TRANSPORT_PARAMS: ReadonlySet<string> = new Set([
  "apikey",
  "signature",
  "signatureversion",
  "expires",
  "response",
  "command",
  "sessionkey",
  "_",
]);

export const isTransportParam = (name: string): boolean => TRANSPORT_PARAMS.has(name.toLowerCase());

/** ServerApiException built directly (not from a cause) carries cserrorcode 9999. */
const serverParamError = (text: string): ApiError => new ApiError(431, text, 9999);

const MAP_ENTRY = /^([^[\]]+)\[\d+\]\.[^[\]]+$/;

const INTEGER = /^[+-]?\d+$/;

function inRange(text: string, bits: number): boolean {
  if (!INTEGER.test(text)) return false;
  const v = BigInt(text);
  const limit = 1n << BigInt(bits - 1);
  return v >= -limit && v < limit;
}

const DATE_FORMS = [
  /^\d{4}-\d{2}-\d{2}$/,
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})?$/,
];

function valueIsValid(type: string, value: string): boolean {
  switch (type) {
    case "INTEGER":
      // ParamProcessWorker skips a blank INTEGER and lets the command use its default.
      return value.trim() === "" || inRange(value, 32);
    case "LONG":
      return inRange(value, 64);
    case "SHORT":
      return inRange(value, 16);
    case "BOOLEAN":
      return /^(true|false)$/i.test(value);
    case "DATE":
      return DATE_FORMS.some((re) => re.test(value)) && !Number.isNaN(Date.parse(value.replace(" ", "T")));
    default:
      return true;
  }
}

/** The parameters a caller may send to a command: user params, plus admin params for root admins. */
export function allowedParams(fact: CommandFact, caller: Caller): ReadonlyArray<ParamFact> {
  return caller.isRootAdmin ? [...fact.params, ...fact.adminParams] : fact.params;
}

function mapBaseName(name: string): string | undefined {
  return MAP_ENTRY.exec(name)?.[1];
}

/**
 * Throws ApiError 431 for the first problem found, in CloudStack's order (declared parameters
 * first: missing, then unparsable), then for parameters the command does not declare when strict.
 */
export function checkParams(fact: CommandFact, params: RawParams, caller: Caller, strict: boolean): void {
  const cmd = fact.name.toLowerCase();
  const allowed = allowedParams(fact, caller);
  const sentMapBases = new Set<string>();
  for (const name of Object.keys(params)) {
    const base = mapBaseName(name);
    if (base !== undefined) sentMapBases.add(base);
  }
  for (const p of allowed) {
    const value = params[p.name];
    if (value === undefined) {
      if (p.required && !(p.type === "MAP" && sentMapBases.has(p.name))) {
        throw serverParamError(`Unable to execute API command ${cmd} due to missing parameter ${p.name}`);
      }
      continue;
    }
    if (!valueIsValid(p.type, value)) {
      throw serverParamError(`Unable to execute API command ${cmd} due to invalid value ${value} for parameter ${p.name}`);
    }
  }
  if (!strict) return;
  const known = new Set(allowed.map((p) => p.name));
  for (const name of Object.keys(params)) {
    if (known.has(name) || isTransportParam(name)) continue;
    const base = mapBaseName(name);
    if (base !== undefined && fact.mapParams.has(base) && known.has(base)) continue;
    throw serverParamError(`Unable to execute API command ${cmd} due to unknown parameter ${name}`);
  }
}

/**
 * What a handler sees: transport parameters removed, and admin-only parameters removed for
 * other callers (CloudStack's user command class has no field for them, so they are ignored).
 */
export function handlerParams(fact: CommandFact, params: RawParams, caller: Caller): RawParams {
  const userNames = new Set(fact.params.map((p) => p.name));
  const adminOnly = caller.isRootAdmin
    ? undefined
    : new Set(fact.adminParams.map((p) => p.name).filter((n) => !userNames.has(n)));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (isTransportParam(name)) continue;
    if (adminOnly && (adminOnly.has(name) || adminOnly.has(mapBaseName(name) ?? ""))) continue;
    out[name] = value;
  }
  return out;
}
