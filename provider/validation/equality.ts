// Comparisons that treat two spellings of one value as equal.
import { isAbsent } from "../adapter/equality";
import { canonicalCidr } from "./ipv4";

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
