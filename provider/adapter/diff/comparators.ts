// How the adapter and the specs compare property values: structurally, where an absent value
// (undefined) and null are one, and per field where CloudStack spells one value several ways.
import { canonicalCidr } from "../../../ip/ipv4";

export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (isAbsent(a) || isAbsent(b)) return isAbsent(a) && isAbsent(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const key of keys) if (!deepEqual(ao[key], bo[key])) return false;
    return true;
  }
  return a === b;
}

// Comparisons that treat two spellings of one value as equal.

/** Case-insensitive text, e.g. acltype "account" and "Account". */
export function sameText(a: unknown, b: unknown): boolean {
  if (isAbsent(a) || isAbsent(b)) return isAbsent(a) && isAbsent(b);
  return String(a).toLowerCase() === String(b).toLowerCase();
}

/** Same CIDR once written canonically. */
export function sameCidr(a: unknown, b: unknown): boolean {
  if (isAbsent(a) || isAbsent(b)) return isAbsent(a) && isAbsent(b);
  return (canonicalCidr(String(a)) ?? String(a)) === (canonicalCidr(String(b)) ?? String(b));
}

/** A VLAN written "100", "vlan://100" or as a number. */
export function normalizeVlan(value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  return String(value).trim().replace(/^vlan:\/\//i, "").toLowerCase();
}

export function sameVlan(a: unknown, b: unknown): boolean {
  return normalizeVlan(a) === normalizeVlan(b);
}
