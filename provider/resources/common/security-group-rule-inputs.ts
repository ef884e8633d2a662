// One security group rule as a program declares it, shared by SecurityGroupRule (what one
// authorize call makes) and SecurityGroupRuleset (every rule of a group): the inputs and their
// rules, how inputs compare, and the content key of each CloudStack rule the declaration stands
// for. CloudStack stores one rule per CIDR and per allowed group, with the protocol lowercased,
// number 1 as icmp, other numbers without ports (SecurityGroupManagerImpl
// .authorizeSecurityGroupRule); it skips a rule whose direction, protocol, ports (or ICMP type and
// code) and CIDR or group exist already, so that content identifies a rule within its group.
import { z } from "zod";
import { isAbsent } from "../../adapter/diff/comparators";
import { failure } from "../../adapter/check/failures";
import { CheckFailure, PropertyMap } from "../../adapter/types";
import { caseInsensitiveEnum, nonEmpty, uuid } from "../../validation/fields";
import { canonicalCidr } from "../../../ip/ipv4";
import { aclProtocol, canonicalProtocol, isCidr, sameWithDefault } from "./acl-rules";
import { numberOrNull } from "./api-values";
import { icmpValue, port, sameNumberOr } from "./rules-common";

export type Direction = "ingress" | "egress";

const allowedGroup = z
  .object({
    account: nonEmpty().describe("The account that owns the allowed group (in the rule's group's domain)."),
    group: nonEmpty().describe("The name of the allowed group."),
  })
  .strict();

/** The group input of a rule or ruleset: `noun` is what it replaces, `more` says what else it does. */
export const securityGroupIdInput = (noun: string, more = "") =>
  uuid().describe(`The id of the security group (e.g. a SecurityGroup's \`id\`). Changing it replaces the ${noun}.${more}`);

/** The fields of one rule; `onChange` says what a change does (e.g. "replaces the rule"). */
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

export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** An allowed group as the API names it. */
export type AllowedGroup = { account: string; group: string };

/** The CIDRs and allowed groups of a rule, or a part of them. */
export interface Targets {
  readonly cidrs: string[];
  readonly groups: AllowedGroup[];
}

export function groupsOf(value: unknown): AllowedGroup[] {
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
    if (type !== -1 && code === -1) failures.push(failure(at("icmpCode"), rule.icmpCode ?? null, `is required with icmpType ${type}: a given type needs its code (0-255; CloudStack: "Invalid icmp code: need non-negative icmp code")`));
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


/** The same rows, whatever their order or spelling. */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((key, i) => key === right[i]);
}

/** How one rule's inputs compare: CloudStack's defaults and spellings, CIDRs and groups as sets. */
export const ruleComparators: Readonly<Record<string, (a: unknown, b: unknown) => boolean>> = {
  trafficType: sameWithDefault("Ingress"),
  protocol: (a, b) => storedProtocol(a) === storedProtocol(b),
  icmpType: sameNumberOr(-1),
  icmpCode: sameNumberOr(-1),
  cidrList: (a, b) => sameKeys(declaredKeys({ cidrList: a }), declaredKeys({ cidrList: b })),
  allowedGroups: (a, b) => sameKeys(declaredKeys({ allowedGroups: a }), declaredKeys({ allowedGroups: b })),
};

const asRules = (value: unknown): PropertyMap[] => list(value).filter((r): r is PropertyMap => r !== null && typeof r === "object");

/** The keys of every CloudStack rule a list of declared rules stands for. */
export const keysOfRules = (rules: unknown): string[] => asRules(rules).flatMap(declaredKeys);

/** Two lists of declared rules that stand for the same CloudStack rules, however ordered or grouped. */
export const sameRuleLists = (a: unknown, b: unknown): boolean => sameKeys(keysOfRules(a), keysOfRules(b));

/** The CIDRs and groups of `rule` whose CloudStack rules are not among `existing` keys. */
export function missingParts(rule: PropertyMap, existing: ReadonlySet<string>): Targets {
  const [a, b] = storedNumbers(rule);
  const shape = `${directionOf(rule)} ${storedProtocol(rule.protocol)} ${a}:${b}`;
  return {
    cidrs: list(rule.cidrList).filter((c): c is string => typeof c === "string" && !existing.has(`${shape} ${cidrKey(c)}`)),
    groups: groupsOf(rule.allowedGroups).filter((g) => !existing.has(`${shape} ${groupKey(g.account, g.group)}`)),
  };
}
