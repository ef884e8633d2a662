// Check failures that name the property, the value and the rule it breaks.
import { CheckFailure } from "../types";

export function renderValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `<property>: <value> <rule>`, e.g. `cidr: "10.1.1.0/33" is not a valid IPv4 CIDR (...)`. */
export function failure(property: string, value: unknown, rule: string): CheckFailure {
  const reason = value === undefined ? `${property} ${rule}` : `${property}: ${renderValue(value)} ${rule}`;
  return { property, reason };
}

/** What a failure shows instead of a secret's value. */
export const SECRET_SHOWN = "[secret]";

/** A failure about a secret input: the value is never shown. */
export function secretFailure(property: string, rule: string): CheckFailure {
  return { property, reason: `${property}: ${SECRET_SHOWN} ${rule}` };
}

/** Several failures as one error text, for calls (create, update) that cannot return failures. */
export function failuresMessage(kind: string, failures: readonly CheckFailure[]): string {
  return `invalid ${kind} inputs:\n${failures.map((f) => `  - ${f.reason}`).join("\n")}`;
}
