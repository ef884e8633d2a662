// What the traffic-rule kinds (firewall, egress, port forwarding, load balancing, GSLB) share:
// port and CIDR-list inputs, CloudStack's normalisation of them (FirewallManagerImpl.validateFirewallRule), the
// objects rules hang on and the project they inherit, and the firewall rule openFirewall makes
// (docs/cloudstack-rules.md, "Gone").
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient, type Params } from "../../client";
import { isAbsent, sameText } from "../../adapter/diff/comparators";
import { failure } from "../../adapter/check/failures";
import { ApiObject, CheckFailure, PropertyMap } from "../../adapter/types";
import { UNKNOWN } from "../../adapter/check/unknown";
import { canonicalCidr } from "../../../ip/ipv4";
import { ipv4Cidr } from "../../validation/fields";
import { listOf, numberOrNull, textOrNull } from "./api-values";
import { given } from "./inputs";
import { findScoped } from "./scoped-lookup";
import { matchedObject } from "../../adapter/check/lookup-cache";

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
export const cidrsOf = listOf;

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
  return (a, b) => (numberOrNull(a) ?? fallback) === (numberOrNull(b) ?? fallback);
}

/** Descriptions equal where absent is empty, as CloudStack reports no description. */
export const sameDescription = (a: unknown, b: unknown): boolean => (textOrNull(a) ?? "") === (textOrNull(b) ?? "");

/** openFirewall: absent is false, since the provider always sends false then. */
export const sameFlag = (a: unknown, b: unknown): boolean => (a === true) === (b === true);

/** startPort..endPort as CloudStack checks it: end needs start, start <= end. */
export function portRangeFailures(
  inputs: PropertyMap,
  known: (key: string) => boolean,
  start: string,
  end: string,
): CheckFailure[] {
  if (!known(start) || !known(end)) return [];
  if (given(inputs, end) && !given(inputs, start)) return [failure(end, inputs[end], `needs ${start} as well`)];
  const from = numberOrNull(inputs[start]);
  const to = numberOrNull(inputs[end]);
  if (from !== null && to !== null && to < from) {
    return [failure(end, inputs[end], `is below ${start} ${from} (CloudStack: "Start port can't be bigger than end port")`)];
  }
  return [];
}

/**
 * Protocol rules of firewall and egress rules: ports only with tcp or udp, icmpType and
 * icmpCode only with icmp (FirewallManagerImpl.validateFirewallRule).
 */
export function protocolFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  if (!known("protocol") || typeof inputs.protocol !== "string") return [];
  const protocol = inputs.protocol.toLowerCase();
  const failures: CheckFailure[] = [];
  const portless = protocol === "icmp" || protocol === "all";
  for (const key of ["startPort", "endPort"]) {
    if (portless && given(inputs, key) && known(key)) failures.push(failure(key, inputs[key], `cannot be set with protocol ${protocol}: it has no ports`));
  }
  for (const key of ["icmpType", "icmpCode"]) {
    if (protocol !== "icmp" && given(inputs, key) && known(key)) failures.push(failure(key, inputs[key], "applies only to protocol icmp"));
  }
  return failures;
}

/** Port ranges [a1, a2] and [b1, b2] overlap; a missing range is every port. */
export function portsOverlap(a: readonly [unknown, unknown], b: readonly [unknown, unknown]): boolean {
  const from = (range: readonly [unknown, unknown]) => numberOrNull(range[0]) ?? 1;
  const to = (range: readonly [unknown, unknown]) => numberOrNull(range[1]) ?? (numberOrNull(range[0]) ?? 65535);
  return from(a) <= to(b) && from(b) <= to(a);
}

/**
 * CloudStack refuses a rule whose ports overlap another's of the same protocol on the same target
 * (public IP or network): the replacement may go in only once the old rule is deleted.
 */
export function portsCollide(target: string, start: string, end: string): (olds: PropertyMap, news: PropertyMap) => boolean {
  return (olds, news) =>
    news[target] === UNKNOWN ||
    news.protocol === UNKNOWN ||
    (sameText(olds[target], news[target]) &&
      sameText(olds.protocol, news.protocol) &&
      portsOverlap([olds[start], olds[end]], [news[start], news[end]]));
}

/** The public IP a rule is on, whoever owns it, for the project that rules without owner inputs inherit. */
export function findPublicIp(client: CloudStackClient, id: string): Promise<ApiObject | undefined> {
  return findScoped(client, "listPublicIpAddresses", id, {});
}

/**
 * The network a rule is on, for its project: as check found it when it resolved the rule's
 * network input (a network's project never changes), or read now.
 */
export async function findNetwork(client: CloudStackClient, id: string): Promise<ApiObject | undefined> {
  return matchedObject(client, id) ?? findScoped(client, "listNetworks", id, {});
}

/** A rule's project, taken from the object it hangs on (rules report no owner of their own). */
export const projectOf = (owner: ApiObject | undefined): string | null => (owner ? textOrNull(owner.projectid) : null);

/** A rule as read or updated, with the project recorded at creation where CloudStack reports none. */
export const withRecordedProject = (rule: ApiObject, olds: PropertyMap): ApiObject => ({ ...rule, projectid: rule.projectid ?? olds.projectId ?? null });

/** Rules being revoked are on their way out: for the provider they are gone. */
export const revoked = (rule: ApiObject): boolean => rule.state === "Revoke";

/** The public side of a port forwarding or LB rule: what an openFirewall rule opens. */
export interface PublicPorts {
  readonly ipAddressId: string;
  readonly protocol: string;
  readonly startPort: number | null;
  readonly endPort: number | null;
}

/**
 * The firewall rule CloudStack made for a port forwarding or LB rule created with
 * openFirewall=true: the rule naming it as relatedruleid when CloudStack reports that field,
 * otherwise the one on the same IP, protocol and public ports (CloudStack refuses a second
 * firewall rule overlapping those, so there is at most one).
 */
export async function relatedFirewallRule(client: CloudStackClient, ruleId: string, ports: PublicPorts, scope: Params): Promise<ApiObject | undefined> {
  const live = await liveFirewallRulesOn(client, ports.ipAddressId, scope);
  const linked = live.find((rule) => typeof rule.relatedruleid === "string" && rule.relatedruleid.toLowerCase() === ruleId.toLowerCase());
  if (linked) return linked;
  // A CloudStack that reports the link and links none to this rule made none for it.
  if (live.some((rule) => typeof rule.relatedruleid === "string")) return undefined;
  return live.find(opensPorts(ports));
}

/**
 * Before a create with openFirewall=true: the live firewall rule on the same IP, protocol and
 * public ports, which CloudStack reuses instead of making one (FirewallManagerImpl
 * .createRuleForAllCidrs). Such a rule is the user's own: it is not linked to the new rule and
 * CloudStack does not delete it with that rule, so the provider does not report it.
 */
export async function reusableFirewallRule(client: CloudStackClient, ports: PublicPorts, scope: Params): Promise<ApiObject | undefined> {
  return (await liveFirewallRulesOn(client, ports.ipAddressId, scope)).find(opensPorts(ports));
}

/** The IP's firewall rules not being revoked; none once the IP is gone (431). */
async function liveFirewallRulesOn(client: CloudStackClient, ipAddressId: string, scope: Params): Promise<ApiObject[]> {
  try {
    const rules = await client.list<ApiObject>("listFirewallRules", { ...scope, ipaddressid: ipAddressId });
    return rules.filter((rule) => !revoked(rule));
  } catch (err) {
    if (err instanceof CloudStackApiError && err.errorcode === 431) return [];
    throw err;
  }
}

/** A firewall rule of this protocol opening exactly these public ports. */
function opensPorts({ protocol, startPort, endPort }: PublicPorts): (rule: ApiObject) => boolean {
  return (rule) =>
    String(rule.protocol ?? "").toLowerCase() === protocol.toLowerCase() &&
    numberOrNull(rule.startport) === startPort &&
    numberOrNull(rule.endport) === (endPort ?? startPort);
}

/**
 * The firewall rule id a rule reports: found by its ports right after a create that made it
 * (`madeByCreate`), otherwise the id recorded then, while that rule still exists. Never a rule
 * CloudStack reused: that one was there before and outlives the rule.
 */
export async function ownFirewallRuleId(
  client: CloudStackClient,
  rule: PublicPorts & { readonly id: string },
  olds: PropertyMap,
  scope: Params,
  madeByCreate?: boolean,
): Promise<string | null> {
  if (olds.openFirewall !== true) return null;
  if (madeByCreate === false) return null;
  if (madeByCreate === true) {
    const made = await relatedFirewallRule(client, rule.id, rule, scope);
    return made ? String(made.id) : null;
  }
  const recorded = olds.firewallRuleId;
  if (typeof recorded !== "string") return null;
  const live = await liveFirewallRulesOn(client, rule.ipAddressId, scope);
  return live.some((r) => String(r.id).toLowerCase() === recorded.toLowerCase()) ? recorded : null;
}
