// How caller-facing parameter values become the flat string fields CloudStack reads.

export type ParamValue =
  | string
  | number
  | boolean
  | ReadonlyArray<string>
  | ReadonlyArray<Record<string, string>>
  | undefined
  | null;

export type Params = Record<string, ParamValue>;

/** Names the client sets itself; a caller passing one would break the signature or the envelope. */
export const RESERVED_PARAMS: ReadonlySet<string> = new Set([
  "apiKey",
  "command",
  "response",
  "signature",
  "signatureVersion",
  "expires",
]);

/**
 * Flattens Params into CloudStack's form fields:
 * - arrays of strings (CommandType.LIST) are comma-separated;
 * - arrays of records (CommandType.MAP) become `name[i].key=value` fields;
 * - an empty array, undefined and null are omitted;
 * - booleans become "true"/"false", numbers String(n).
 */
export function flattenParams(params: Params | undefined): Record<string, string> {
  const flat: Record<string, string> = {};
  if (!params) return flat;
  for (const [name, value] of Object.entries(params)) {
    if (RESERVED_PARAMS.has(name)) {
      throw new Error(`Parameter "${name}" is set by the CloudStack client itself and cannot be passed`);
    }
    if (value === undefined || value === null) continue;
    if (typeof value === "string") {
      flat[name] = value;
    } else if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new Error(`Parameter "${name}" must be a finite number, got ${value}`);
      flat[name] = String(value);
    } else if (typeof value === "boolean") {
      flat[name] = value ? "true" : "false";
    } else {
      flattenArray(name, value, flat);
    }
  }
  return flat;
}

function flattenArray(
  name: string,
  items: ReadonlyArray<string> | ReadonlyArray<Record<string, string>>,
  flat: Record<string, string>,
): void {
  if (items.length === 0) return;
  if (items.every((item): item is string => typeof item === "string")) {
    flat[name] = items.join(",");
    return;
  }
  items.forEach((item, index) => {
    if (typeof item !== "object" || item === null) {
      throw new Error(`Parameter "${name}" mixes strings and records`);
    }
    for (const [key, fieldValue] of Object.entries(item)) {
      if (fieldValue === undefined || fieldValue === null) continue;
      flat[`${name}[${index}].${key}`] = String(fieldValue);
    }
  });
}
