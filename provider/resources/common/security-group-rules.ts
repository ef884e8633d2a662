// One security group rule's fields, shared by SecurityGroupRule (what one authorize call makes)
// and SecurityGroupRuleset (every rule of a group): the inputs and their rules, the authorize
// parameters, and CloudStack's way of storing a rule (SecurityGroupManagerImpl
// .authorizeSecurityGroupRule): one row per CIDR and per allowed group, protocol lowercased with
// number 1 stored as icmp, other numbers without ports, icmp type and code in the port columns.
// A row's content key (direction, protocol, ports or ICMP type and code, CIDR or group) is what
// CloudStack itself compares to skip duplicates, so it identifies a row within its group.
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient, type Params } from "../../client";
import { isAbsent } from "../../adapter/diff/comparators";
import { failure } from "../../adapter/check/failures";
import { ApiObject, CheckFailure, PropertyMap } from "../../adapter/types";
import { caseInsensitiveEnum, nonEmpty } from "../../validation/fields";
import { canonicalCidr } from "../../../ip/ipv4";
import { aclProtocol, canonicalProtocol, isCidr } from "./acl-rules";
import { numberOrNull, textOrNull } from "./api-values";
import { icmpValue, port } from "./rules-common";

export type Direction = "ingress" | "egress";

const allowedGroup = z
  .object({
    account: nonEmpty().describe("The account that owns the allowed group (in the rule's group's domain)."),
    group: nonEmpty().describe("The name of the allowed group."),
  })
  .strict();

/** The fields of one rule; `noun` says what a change does (e.g. "replaces the rule"). */
export function securityGroupRuleShape(onChange: string) {
  return {
    trafficType: caseInsensitiveEnum(["Ingress", "Egress"]).optional().describe(`Ingress (the default) or Egress. Changing it ${onChange}.`),
    protocol: aclProtocol()
      .optional()
      .describe(`tcp, udp, icmp, all (the default), or a protocol number 0-255 written as a string ("1" is stored as icmp; other numbers match every port). Changing it ${onChange}.`),
    startPort: port().optional().describe(`First port of the range; required with tcp and udp. Changing it ${onChange}.`),
    endPort: port().optional().describe(`Last port of the range; \`startPort\` when omitted. Changing it ${onChange}.`),
    icmpType: icmpValue().optional().describe(`ICMP type (protocol icmp); -1, any, when omitted. Changing it ${onChange}.`),
    icmpCode: icmpValue().optional().describe(`ICMP code (protocol icmp); -1, any, when omitted. Changing it ${onChange}.`),
    cidrList: z
      .array(z.string().refine(isCidr, { message: "is not a CIDR (IPv4 a.b.c.d/n or IPv6)" }))
      .optional()
      .describe(`Source CIDRs (destination CIDRs for Egress), IPv4 or IPv6; CloudStack keeps one rule per CIDR. Changing it ${onChange}.`),
    allowedGroups: z
      .array(allowedGroup)
      .optional()
      .describe(`Security groups whose instances the rule allows, by account and group name (usersecuritygrouplist); CloudStack keeps one rule per group. Changing it ${onChange}.`),
  };
}

const lower = (value: unknown): string => String(value ?? "").trim().toLowerCase();

/** The direction a rule's trafficType names; Ingress when absent. */
export const directionOf = (rule: PropertyMap): Direction => (lower(rule.trafficType) === "egress" ? "egress" : "ingress");

/** The protocol as CloudStack stores it: all when absent, 1 as icmp, names lowercased. */
export const storedProtocol = (value: unknown): string => (isAbsent(value) ? "all" : canonicalProtocol(value));

const has = (rule: PropertyMap, key: string): boolean => !isAbsent(rule[key]);

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function groupsOf(value: unknown): Array<{ account: string; group: string }> {
  return list(value).flatMap((item) => {
    if (!item || typeof item !== "object") return [];
    const { account, group } = item as Record<string, unknown>;
    return typeof account === "string" && typeof group === "string" ? [{ account, group }] : [];
  });
}

/**
 * The rules across fields that authorizeSecurityGroupRule applies, said at check: a CIDR or a
 * group at least; tcp and udp need a start port; icmp, all and protocol numbers take no ports;
 * ICMP type and code only with icmp, and a code only with a type. `prefix` names the rule in a
 * ruleset (e.g. "rules[2].").
 */
export function securityGroupRuleFailures(rule: PropertyMap, known: (key: string) => boolean, prefix = ""): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const at = (key: string) => `${prefix}${key}`;
  if (known("cidrList") && known("allowedGroups") && list(rule.cidrList).length === 0 && list(rule.allowedGroups).length === 0) {
    failures.push(failure(at("cidrList"), rule.cidrList ?? null, "is empty and so is allowedGroups: a rule needs at least one CIDR or one allowed group (CloudStack: \"At least one cidr or at least one security group needs to be specified\")"));
  }
  if (known("startPort") && known("endPort")) {
    if (has(rule, "endPort") && !has(rule, "startPort")) failures.push(failure(at("endPort"), rule.endPort, "needs startPort as well"));
    const start = numberOrNull(rule.startPort);
    const end = numberOrNull(rule.endPort);
    if (start !== null && end !== null && end < start) failures.push(failure(at("endPort"), rule.endPort, `is below startPort ${start} (CloudStack: "Invalid port range ${start}:${end}")`));
  }
  if (!known("protocol") || (has(rule, "protocol") && typeof rule.protocol !== "string")) return failures;
  const protocol = storedProtocol(rule.protocol);
  const ported = protocol === "tcp" || protocol === "udp";
  if (ported && known("startPort") && !has(rule, "startPort")) {
    failures.push(failure(at("startPort"), undefined, `is required with protocol ${protocol} (CloudStack refuses a ${protocol} rule without ports)`));
  }
  for (const key of ["startPort", "endPort"]) {
    if (ported || !known(key) || !has(rule, key)) continue;
    const why = /^\d+$/.test(protocol) ? `CloudStack ignores ports for protocol number ${protocol} and stores the rule for every port` : `protocol ${protocol} has no ports`;
    failures.push(failure(at(key), rule[key], `cannot be set with protocol ${protocol}: ${why}`));
  }
  for (const key of ["icmpType", "icmpCode"]) {
    if (protocol !== "icmp" && known(key) && has(rule, key)) failures.push(failure(at(key), rule[key], "applies only to protocol icmp"));
  }
  if (protocol === "icmp" && known("icmpType") && known("icmpCode")) {
    const type = numberOrNull(rule.icmpType) ?? -1;
    const code = numberOrNull(rule.icmpCode) ?? -1;
    if (type === -1 && code !== -1) failures.push(failure(at("icmpCode"), rule.icmpCode, "needs icmpType as well: with any type (-1) the code must be any (-1) too (CloudStack: \"Invalid icmp code\")"));
  }
  return failures;
}

/** The numbers CloudStack stores for the rule: the port range, ICMP type and code, or 0/0. */
function storedNumbers(rule: PropertyMap): [number, number] {
  const protocol = storedProtocol(rule.protocol);
  if (protocol === "icmp") return [numberOrNull(rule.icmpType) ?? -1, numberOrNull(rule.icmpCode) ?? -1];
  if (protocol !== "tcp" && protocol !== "udp") return [0, 0];
  const start = numberOrNull(rule.startPort) ?? 0;
  return [start, numberOrNull(rule.endPort) ?? start];
}

const cidrKey = (cidr: string): string => `cidr ${canonicalCidr(cidr) ?? cidr.toLowerCase()}`;
const groupKey = (account: string, group: string): string => `group ${account}/${group}`;

/** The key of every row a declared rule stands for. */
export function declaredKeys(rule: PropertyMap): string[] {
  const [a, b] = storedNumbers(rule);
  const shape = `${directionOf(rule)} ${storedProtocol(rule.protocol)} ${a}:${b}`;
  const cidrs = list(rule.cidrList).filter((c): c is string => typeof c === "string").map((c) => `${shape} ${cidrKey(c)}`);
  const groups = groupsOf(rule.allowedGroups).map((g) => `${shape} ${groupKey(g.account, g.group)}`);
  return [...new Set([...groups, ...cidrs])];
}

/** A rule row as listSecurityGroups shows it, with its direction. */
export type RuleRow = ApiObject & { readonly direction: Direction };

/** One row's stored fields as the inputs of a rule of that one row. */
export function ruleOfRow(row: RuleRow): PropertyMap {
  const protocol = lower(row.protocol);
  const icmp = protocol === "icmp";
  const ported = protocol === "tcp" || protocol === "udp";
  const cidr = textOrNull(row.cidr);
  const group = textOrNull(row.securitygroupname);
  return {
    trafficType: row.direction === "egress" ? "Egress" : "Ingress",
    protocol,
    startPort: ported ? numberOrNull(row.startport) : null,
    endPort: ported ? numberOrNull(row.endport) : null,
    icmpType: icmp ? numberOrNull(row.icmptype) : null,
    icmpCode: icmp ? numberOrNull(row.icmpcode) : null,
    cidrList: cidr ? [cidr] : null,
    allowedGroups: group ? [{ account: String(row.account ?? ""), group }] : null,
  };
}

/** The row's content key, as declaredKeys spells it. */
export const rowKey = (row: RuleRow): string => declaredKeys(ruleOfRow(row))[0] ?? `${row.direction} ${String(row.ruleid)}`;

/** Rows of the same direction, protocol and numbers, merged into one rule with all their CIDRs and groups. */
export function rulesOfRows(rows: readonly RuleRow[]): PropertyMap[] {
  const merged = new Map<string, PropertyMap>();
  for (const row of rows) {
    const single = ruleOfRow(row);
    const shape = rowKey(row).split(" ").slice(0, 3).join(" ");
    const rule = merged.get(shape);
    if (!rule) {
      merged.set(shape, single);
      continue;
    }
    rule.cidrList = [...list(rule.cidrList), ...list(single.cidrList)];
    rule.allowedGroups = [...list(rule.allowedGroups), ...list(single.allowedGroups)];
  }
  return [...merged.values()].map((rule) => ({
    ...rule,
    cidrList: list(rule.cidrList).length > 0 ? rule.cidrList : null,
    allowedGroups: list(rule.allowedGroups).length > 0 ? rule.allowedGroups : null,
  }));
}

/** The same rows, whatever their order or spelling. */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((key, i) => key === right[i]);
}

/**
 * authorizeSecurityGroupIngress / Egress parameters for `rule`, limited to the CIDRs and groups
 * given (by default all the rule declares). endport is sent as startport when omitted, since
 * CloudStack needs both for tcp and udp.
 */
export function authorizeParams(groupId: string, rule: PropertyMap, only?: { cidrs: string[]; groups: Array<{ account: string; group: string }> }): Params {
  const protocol = isAbsent(rule.protocol) ? undefined : String(rule.protocol);
  const icmp = storedProtocol(rule.protocol) === "icmp";
  const cidrs = only ? only.cidrs : list(rule.cidrList).map(String);
  const groups = only ? only.groups : groupsOf(rule.allowedGroups);
  return {
    securitygroupid: groupId,
    protocol,
    startport: numberOrNull(rule.startPort) ?? undefined,
    endport: numberOrNull(rule.endPort) ?? numberOrNull(rule.startPort) ?? undefined,
    icmptype: icmp ? (numberOrNull(rule.icmpType) ?? -1) : undefined,
    icmpcode: icmp ? (numberOrNull(rule.icmpCode) ?? -1) : undefined,
    cidrlist: cidrs.length > 0 ? cidrs : undefined,
    usersecuritygrouplist: groups.length > 0 ? groups.map((g) => ({ account: g.account, group: g.group })) : undefined,
  };
}

const command = (verb: "authorize" | "revoke", direction: Direction): string =>
  `${verb}SecurityGroup${direction === "egress" ? "Egress" : "Ingress"}`;

/** Authorizes `rule` (or the part of it in `only`) and returns the rows CloudStack added. */
export async function authorizeRule(
  client: CloudStackClient,
  groupId: string,
  rule: PropertyMap,
  only?: { cidrs: string[]; groups: Array<{ account: string; group: string }> },
): Promise<RuleRow[]> {
  const direction = directionOf(rule);
  const result = await client.execute(command("authorize", direction), authorizeParams(groupId, rule, only));
  const group = result.securitygroup;
  const rows = group && typeof group === "object" ? (group as ApiObject)[`${direction}rule`] : undefined;
  return list(rows).flatMap((row) => (row && typeof row === "object" ? [{ ...(row as ApiObject), direction }] : []));
}

/** Revokes one row; a row someone else revoked already is what was wanted. */
export async function revokeRow(client: CloudStackClient, row: RuleRow): Promise<void> {
  try {
    await client.execute(command("revoke", row.direction), { id: String(row.ruleid) });
  } catch (err) {
    if (!(err instanceof CloudStackApiError && err.errorcode === 431)) throw err;
  }
}

/** Every rule row of a group as listSecurityGroups shows it, ingress then egress. */
export function rowsOf(group: ApiObject): RuleRow[] {
  const tagged = (key: string, direction: Direction): RuleRow[] =>
    list(group[key]).flatMap((row) => (row && typeof row === "object" ? [{ ...(row as ApiObject), direction }] : []));
  return [...tagged("ingressrule", "ingress"), ...tagged("egressrule", "egress")];
}

/** The parts of `rule` whose rows are not in `existing` (by content key). */
export function missingParts(rule: PropertyMap, existing: ReadonlySet<string>): { cidrs: string[]; groups: Array<{ account: string; group: string }> } {
  const [a, b] = storedNumbers(rule);
  const shape = `${directionOf(rule)} ${storedProtocol(rule.protocol)} ${a}:${b}`;
  return {
    cidrs: list(rule.cidrList).filter((c): c is string => typeof c === "string" && !existing.has(`${shape} ${cidrKey(c)}`)),
    groups: groupsOf(rule.allowedGroups).filter((g) => !existing.has(`${shape} ${groupKey(g.account, g.group)}`)),
  };
}
