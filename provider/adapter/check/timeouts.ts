// Deadlines for create, update and delete. The engine never passes customTimeouts to a dynamic
// provider, so the sdk base class forwards them as the input __timeouts (durations as Pulumi
// writes them: "30s", "5m", "1h30m"); whatever is not given gets the default.
import { failure } from "./failures";
import { TIMEOUTS_KEY } from "../reserved";
import { CheckFailure, PropertyMap } from "../types";
import { isUnknown } from "./unknown";

export type Operation = "create" | "update" | "delete";

export const OPERATIONS: readonly Operation[] = ["create", "update", "delete"];

/** Long enough for a slow network implementation or VPC router, short enough to notice a stuck job. */
export const DEFAULT_TIMEOUT_MS: Readonly<Record<Operation, number>> = {
  create: 20 * 60_000,
  update: 20 * 60_000,
  delete: 20 * 60_000,
};

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("90s", "1h30m", "2.5m") in milliseconds; undefined when malformed or not positive. */
export function parseDuration(text: string): number | undefined {
  const part = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < text.length) {
    part.lastIndex = at;
    const match = part.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]];
    at = part.lastIndex;
  }
  return at > 0 && total >= 1 ? Math.round(total) : undefined;
}

function timeoutsOf(props: PropertyMap): Record<string, unknown> {
  const value = props[TIMEOUTS_KEY];
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Check failures for a malformed __timeouts, named after the option the user wrote. */
export function timeoutFailures(props: PropertyMap): CheckFailure[] {
  const value = props[TIMEOUTS_KEY];
  if (value === undefined || value === null || isUnknown(value)) return [];
  if (typeof value !== "object" || Array.isArray(value)) return [failure("customTimeouts", value, "must be an object with create, update and delete durations")];
  const failures: CheckFailure[] = [];
  for (const [key, duration] of Object.entries(value as Record<string, unknown>)) {
    if (!(OPERATIONS as readonly string[]).includes(key)) {
      failures.push(failure(`customTimeouts.${key}`, duration, "is not one of create, update, delete"));
    } else if (typeof duration !== "string" || parseDuration(duration) === undefined) {
      failures.push(failure(`customTimeouts.${key}`, duration, 'is not a duration such as "30s", "10m" or "1h30m"'));
    }
  }
  return failures;
}

/** The deadline of `operation` in milliseconds: the resource's customTimeouts, else the default. */
export function timeoutMs(props: PropertyMap, operation: Operation): number {
  const given = timeoutsOf(props)[operation];
  const parsed = typeof given === "string" ? parseDuration(given) : undefined;
  return parsed ?? DEFAULT_TIMEOUT_MS[operation];
}

/** The __timeouts entry of `props`, carried into outputs so that delete finds its deadline there. */
export function timeoutsEntry(props: PropertyMap): PropertyMap {
  const value = props[TIMEOUTS_KEY];
  return value !== null && typeof value === "object" && !Array.isArray(value) ? { [TIMEOUTS_KEY]: value } : {};
}

/** "300 ms", "45 s", "20 min" for messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 6000) / 10} min`;
}
