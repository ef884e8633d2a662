// What the traffic-rule kinds (firewall, egress, port forwarding, load balancing, GSLB) share:
// port and CIDR-list inputs, CloudStack's normalisation of them (SEMANTICS.md §10-11), reads
// that keep the owner scope, and the firewall rule openFirewall makes (SEMANTICS.md §16).
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient, type Params } from "../../client";
import { isAbsent } from "../../adapter/equality";
import { failure } from "../../adapter/failures";
import { findById, LookupOptions } from "../../adapter/lookup";
import { ApiObject, CheckFailure, PropertyMap } from "../../adapter/types";
import { canonicalCidr } from "../../validation/ipv4";
import { ipv4Cidr } from "../../validation/fields";
import { num, str } from "./api-values";
import { ownerScope } from "./owner";

export const ALL_IPV4 = "0.0.0.0/0";

export const port = () =>
  z
    .number()
    .int({ message: "must be a whole number" })
    .min(1, { message: "is not a port (1-65535)" })
    .max(65535, { message: "is not a port (1-65535)" });

/** ICMP type or code; -1 means any, which CloudStack stores when none is given. */
export const icmpValue = () =>
  z
    .number()
    .int({ message: "must be a whole number" })
    .min(-1, { message: "is not an ICMP type or code (-1 for any, or 0-255)" })
    .max(255, { message: "is not an ICMP type or code (-1 for any, or 0-255)" });

export const cidrList = () => z.array(ipv4Cidr());

/** CloudStack answers a CIDR list as one comma-separated string ("" when empty). */
export function cidrsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v !== "");
  if (typeof value !== "string") return [];
  return value
    .split(",")
    .map((cidr) => cidr.trim())
    .filter((cidr) => cidr !== "");
}

function cidrSet(value: unknown, whenEmpty: readonly string[]): string[] {
  const list = isAbsent(value) ? [] : cidrsOf(value);
  const canonical = (list.length === 0 ? whenEmpty : list).map((cidr) => canonicalCidr(cidr) ?? cidr);
  return [...new Set(canonical)].sort();
}

/**
 * CIDR lists equal as sets of canonical CIDRs (CloudStack may reorder them), where an absent or
 * empty list means `whenEmpty` (e.g. 0.0.0.0/0, what CloudStack applies when none is given).
 */
export function sameCidrList(whenEmpty: readonly string[]): (a: unknown, b: unknown) => boolean {
  return (a, b) => {
    const left = cidrSet(a, whenEmpty);
    const right = cidrSet(b, whenEmpty);
    return left.length === right.length && left.every((cidr, i) => cidr === right[i]);
  };
}

/** An optional number where absence means `fallback` (e.g. icmp -1, a weight of 1). */
export function sameNumberOr(fallback: number): (a: unknown, b: unknown) => boolean {
  return (a, b) => (num(a) ?? fallback) === (num(b) ?? fallback);
}

/** openFirewall: absent is false, since the provider always sends false then. */
export const sameFlag = (a: unknown, b: unknown): boolean => (a === true) === (b === true);

const has = (inputs: PropertyMap, key: string): boolean => !isAbsent(inputs[key]);

/** startPort..endPort as CloudStack checks it: end needs start, start <= end. */
export function portRangeFailures(
  inputs: PropertyMap,
  known: (key: string) => boolean,
  start: string,
  end: string,
): CheckFailure[] {
  if (!known(start) || !known(end)) return [];
  if (has(inputs, end) && !has(inputs, start)) return [failure(end, inputs[end], `needs ${start} as well`)];
  const from = num(inputs[start]);
  const to = num(inputs[end]);
  if (from !== null && to !== null && to < from) {
    return [failure(end, inputs[end], `is below ${start} ${from} (CloudStack: "Start port can't be bigger than end port")`)];
  }
  return [];
}

/**
 * Protocol rules of firewall and egress rules: ports only with tcp or udp, icmpType and
 * icmpCode only with icmp (SEMANTICS.md §10).
 */
export function protocolFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  if (!known("protocol") || typeof inputs.protocol !== "string") return [];
  const protocol = inputs.protocol.toLowerCase();
  const failures: CheckFailure[] = [];
  const portless = protocol === "icmp" || protocol === "all";
  for (const key of ["startPort", "endPort"]) {
    if (portless && has(inputs, key) && known(key)) failures.push(failure(key, inputs[key], `cannot be set with protocol ${protocol}: it has no ports`));
  }
  for (const key of ["icmpType", "icmpCode"]) {
    if (protocol !== "icmp" && has(inputs, key) && known(key)) failures.push(failure(key, inputs[key], "applies only to protocol icmp"));
  }
  return failures;
}

/** Port ranges [a1, a2] and [b1, b2] overlap; a missing range is every port. */
export function portsOverlap(a: readonly [unknown, unknown], b: readonly [unknown, unknown]): boolean {
  const from = (range: readonly [unknown, unknown]) => num(range[0]) ?? 1;
  const to = (range: readonly [unknown, unknown]) => num(range[1]) ?? (num(range[0]) ?? 65535);
  return from(a) <= to(b) && from(b) <= to(a);
}

const SCOPES_WITHOUT_OWNER: readonly Params[] = [{}, { listall: true }, { listall: true, projectid: "-1" }];

/**
 * One object by id with the owner scope recorded in `olds`; with none recorded (get, importId)
 * the caller's own objects, then all it may see, then those of every project.
 */
export async function findScoped(
  client: CloudStackClient,
  listCommand: string,
  id: string,
  olds: PropertyMap,
  options: LookupOptions = {},
): Promise<ApiObject | undefined> {
  const scope = ownerScope(olds);
  if (Object.keys(scope).length > 0) return findById(client, listCommand, id, scope, options);
  for (const tried of SCOPES_WITHOUT_OWNER) {
    const found = await findById(client, listCommand, id, tried, options);
    if (found) return found;
  }
  return undefined;
}

/** The public IP a rule is on, whoever owns it, for the project that rules without owner inputs inherit. */
export function findPublicIp(client: CloudStackClient, id: string): Promise<ApiObject | undefined> {
  return findScoped(client, "listPublicIpAddresses", id, {});
}

export function findNetwork(client: CloudStackClient, id: string): Promise<ApiObject | undefined> {
  return findScoped(client, "listNetworks", id, {});
}

/** A rule's project, taken from the object it hangs on (rules report no owner of their own). */
export const projectOf = (owner: ApiObject | undefined): string | null => (owner ? str(owner.projectid) : null);

/** Rules being revoked are on their way out: for the provider they are gone. */
export const revoked = (rule: ApiObject): boolean => rule.state === "Revoke";

/** The object of an async create's job result, e.g. result.firewallrule. */
export function objectOf(result: Record<string, unknown>, key: string, command: string): ApiObject {
  const object = result[key];
  if (!object || typeof object !== "object") throw new Error(`CloudStack ${command} returned no ${key} object`);
  return object as ApiObject;
}

/**
 * The firewall rule CloudStack made for a port forwarding or LB rule created with
 * openFirewall=true: the rule naming it as relatedruleid when CloudStack reports that field,
 * otherwise the one on the same IP, protocol and public ports (CloudStack refuses a second
 * firewall rule overlapping those, so there is at most one).
 */
export async function relatedFirewallRule(
  client: CloudStackClient,
  ruleId: string,
  ipAddressId: string,
  protocol: string,
  startPort: number | null,
  endPort: number | null,
  scope: Params,
): Promise<ApiObject | undefined> {
  let rules: ApiObject[];
  try {
    rules = await client.list<ApiObject>("listFirewallRules", { ...scope, ipaddressid: ipAddressId });
  } catch (err) {
    if (err instanceof CloudStackApiError && err.errorcode === 431) return undefined;
    throw err;
  }
  const live = rules.filter((rule) => !revoked(rule));
  const linked = live.find((rule) => typeof rule.relatedruleid === "string" && rule.relatedruleid.toLowerCase() === ruleId.toLowerCase());
  if (linked) return linked;
  // A CloudStack that reports the link and links none to this rule made none for it.
  if (live.some((rule) => typeof rule.relatedruleid === "string")) return undefined;
  return live.find(
    (rule) =>
      String(rule.protocol ?? "").toLowerCase() === protocol.toLowerCase() &&
      num(rule.startport) === startPort &&
      num(rule.endport) === (endPort ?? startPort),
  );
}
