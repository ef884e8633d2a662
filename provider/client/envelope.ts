// Reading CloudStack's JSON envelopes (PROTOCOL.md §2 and §4).
import { CloudStackApiError } from "./errors";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `createNetwork` -> `createnetworkresponse`. */
export function responseKey(command: string): string {
  return `${command.toLowerCase()}response`;
}

function toInt(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function readUuidList(value: unknown): Array<{ uuid: string; description?: string }> {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((entry) => {
    if (typeof entry.uuid !== "string") return [];
    return [typeof entry.description === "string" ? { uuid: entry.uuid, description: entry.description } : { uuid: entry.uuid }];
  });
}

/**
 * Turns one HTTP answer into the object under "<command>response", or throws CloudStackApiError.
 * `clean` scrubs text that came back from the server before it reaches an error message.
 */
export function unwrapEnvelope(
  command: string,
  status: number,
  bodyText: string,
  clean: (text: string) => string,
  retryAfterMs?: number,
): Record<string, unknown> {
  const wait = retryAfterMs === undefined ? {} : { retryAfterMs };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    const excerpt = bodyText.replace(/\s+/g, " ").trim().slice(0, 200);
    throw new CloudStackApiError({
      status,
      errorcode: status,
      command,
      errortext: clean(`HTTP ${status} with a body that is not JSON${excerpt ? `: ${excerpt}` : ""}`),
      ...wait,
    });
  }

  const inner = pickEnvelope(command, parsed);
  if (inner === undefined) {
    throw new CloudStackApiError({
      status,
      errorcode: status >= 400 ? status : 530,
      command,
      errortext: clean(`HTTP ${status} without a "${responseKey(command)}" envelope: ${bodyText.slice(0, 200)}`),
      ...wait,
    });
  }

  const errorcode = toInt(inner.errorcode);
  if (status >= 400 || (errorcode !== undefined && typeof inner.errortext === "string")) {
    const cserrorcode = toInt(inner.cserrorcode);
    return throwApiError(command, status, errorcode ?? status, cserrorcode, inner, clean, retryAfterMs);
  }
  return inner;
}

function throwApiError(
  command: string,
  status: number,
  errorcode: number,
  cserrorcode: number | undefined,
  inner: Record<string, unknown>,
  clean: (text: string) => string,
  retryAfterMs: number | undefined,
): never {
  const errortext = typeof inner.errortext === "string" ? inner.errortext : `HTTP ${status}`;
  throw new CloudStackApiError({
    status,
    errorcode,
    ...(cserrorcode === undefined ? {} : { cserrorcode }),
    command,
    errortext: clean(errortext),
    uuidList: readUuidList(inner.uuidList),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

// The envelope is named after the command; unknown commands answer under "errorresponse".
function pickEnvelope(command: string, parsed: unknown): Record<string, unknown> | undefined {
  if (!isRecord(parsed)) return undefined;
  const exact = parsed[responseKey(command)];
  if (isRecord(exact)) return exact;
  const keys = Object.keys(parsed).filter((key) => key.endsWith("response") && isRecord(parsed[key]));
  if (keys.length === 1) return parsed[keys[0]!] as Record<string, unknown>;
  return undefined;
}

/** A list envelope's items and its count; `{}` is the empty list. */
export function readListPage(inner: Record<string, unknown>): { items: Record<string, unknown>[]; count?: number } {
  const count = toInt(inner.count);
  for (const [key, value] of Object.entries(inner)) {
    if (key === "count" || !Array.isArray(value)) continue;
    return { items: value.filter(isRecord), ...(count === undefined ? {} : { count }) };
  }
  return { items: [], ...(count === undefined ? {} : { count }) };
}
