// One network ACL rule's fields, shared by NetworkAclRule (one rule) and NetworkAclRuleset (every
// rule of a list): the inputs, their rules, the API parameters, and CloudStack's normalisation of
// what it stores (NetworkACLServiceImpl.createNetworkACLItem; the simulator README "ACL rules"): cidrlist comma-joined
// (default 0.0.0.0/0,::/0), ports as strings, endport defaulting to startport, protocol as
// given except 1 -> icmp, icmp type and code -1 when not given, Ingress and Allow by default.
import { Address6 } from "ip-address";
import { z } from "zod";
import type { Params } from "../../client";
import { isAbsent } from "../../adapter/diff/comparators";
import { failure } from "../../adapter/check/failures";
import { ApiObject, CheckFailure, PropertyMap } from "../../adapter/types";
import { caseInsensitiveEnum } from "../../validation/fields";
import { canonicalCidr, parseCidr } from "../../../ip/ipv4";
import { numberOrNull, textOrNull } from "./api-values";

/** What CloudStack applies when a rule has no cidrlist. */
export const ACL_DEFAULT_CIDRS: readonly string[] = ["0.0.0.0/0", "::/0"];

const PROTOCOL_NAMES = ["tcp", "udp", "icmp", "all"];

export const isCidr = (value: string): boolean => parseCidr(value) !== undefined || (value.includes("/") && Address6.isValid(value));

const port = () =>
  z
    .number()
    .int({ message: "must be a whole number" })
    .min(1, { message: "is not a port (1-65535)" })
    .max(65535, { message: "is not a port (1-65535)" });

const icmpValue = () =>
  z
    .number()
    .int({ message: "must be a whole number" })
    .min(-1, { message: "is not an ICMP type or code (-1 for any, or 0-255)" })
    .max(255, { message: "is not an ICMP type or code (-1 for any, or 0-255)" });

export const aclProtocol = () =>
  z.string().refine((v) => PROTOCOL_NAMES.includes(v.trim().toLowerCase()) || (/^\d+$/.test(v.trim()) && Number(v) <= 255), {
    message: "is not a protocol: tcp, udp, icmp, all, or a protocol number 0-255 (e.g. \"6\")",
  });

/** The fields of one rule; `number` is required in a ruleset, optional for a single rule. */
export function aclRuleShape(numberRequired: boolean) {
  const number = z
    .number()
    .int({ message: "must be a whole number" })
    .min(1, { message: "must be 1 or more" });
  return {
    number: (numberRequired ? number : number.optional()).describe(
      numberRequired
        ? "The rule number: rules are evaluated in ascending order, and the number identifies the rule in the ruleset. Changing it moves the rule (the old number is deleted, the new one created)."
        : "The rule number, unique in the list; rules are evaluated in ascending order. CloudStack takes the highest number plus one when omitted. Updated in place.",
    ),
    protocol: aclProtocol().describe(
      "tcp, udp, icmp, all, or a protocol number 0-255 written as a string (\"1\" is stored as icmp). Updated in place.",
    ),
    startPort: port().optional().describe("First port of the range (tcp, udp). Updated in place."),
    endPort: port().optional().describe("Last port of the range; `startPort` when omitted. Updated in place."),
    cidrList: z
      .array(z.string().refine(isCidr, { message: "is not a CIDR (IPv4 a.b.c.d/n or IPv6)" }))
      .optional()
      .describe("Source CIDRs (destination CIDRs for Egress); 0.0.0.0/0 and ::/0 when omitted. Updated in place."),
    icmpType: icmpValue().optional().describe("ICMP type (protocol icmp); -1, any, when omitted. Updated in place."),
    icmpCode: icmpValue().optional().describe("ICMP code (protocol icmp); -1, any, when omitted. Updated in place."),
    trafficType: caseInsensitiveEnum(["Ingress", "Egress"]).optional().describe("Ingress (the default) or Egress. Updated in place."),
    action: caseInsensitiveEnum(["Allow", "Deny"]).optional().describe("Allow (the default) or Deny. Updated in place."),
    reason: z.string().optional().describe("Why the rule exists, kept with the rule. Updated in place."),
  };
}

const lower = (value: unknown): string => String(value ?? "").trim().toLowerCase();

/** CreateNetworkACLCmd.getProtocol: protocol number 1 is icmp; names compare without case. */
export function canonicalProtocol(value: unknown): string {
  const p = lower(value);
  return /^\d+$/.test(p) ? (Number(p) === 1 ? "icmp" : String(Number(p))) : p;
}

export const sameProtocol = (a: unknown, b: unknown): boolean => canonicalProtocol(a) === canonicalProtocol(b);

function cidrSet(value: unknown): string[] {
  const list = Array.isArray(value) ? value.map(String) : typeof value === "string" ? value.split(",") : [];
  const given = list.map((c) => c.trim()).filter((c) => c !== "");
  const cidrs = given.length === 0 ? ACL_DEFAULT_CIDRS : given;
  return [...new Set(cidrs.map((c) => canonicalCidr(c) ?? c.toLowerCase()))].sort();
}

/** CIDR lists as sets, where none means CloudStack's default 0.0.0.0/0,::/0. */
export function sameAclCidrs(a: unknown, b: unknown): boolean {
  const left = cidrSet(a);
  const right = cidrSet(b);
  return left.length === right.length && left.every((c, i) => c === right[i]);
}

/** An optional value with a default that absence stands for. */
export const sameWithDefault =
  (fallback: string) =>
  (a: unknown, b: unknown): boolean =>
    lower(isAbsent(a) ? fallback : a) === lower(isAbsent(b) ? fallback : b);

/** ICMP type or code: absent is -1 (any). */
export const sameIcmp = (a: unknown, b: unknown): boolean => (numberOrNull(a) ?? -1) === (numberOrNull(b) ?? -1);

export const sameReason = (a: unknown, b: unknown): boolean => (textOrNull(a) ?? "") === (textOrNull(b) ?? "");

/** How each field of a rule compares, CloudStack's defaults and spellings applied. */
export const aclRuleEquality = {
  protocol: sameProtocol,
  cidrList: sameAclCidrs,
  icmpType: sameIcmp,
  icmpCode: sameIcmp,
  trafficType: sameWithDefault("Ingress"),
  action: sameWithDefault("Allow"),
  reason: sameReason,
};

/** The port range as CloudStack keeps it: endport is startport when not given. */
function ports(rule: PropertyMap): [number | null, number | null] {
  const start = numberOrNull(rule.startPort);
  return [start, numberOrNull(rule.endPort) ?? start];
}

/** Two rules mean the same once CloudStack's defaults and spellings are applied. */
export function sameAclRule(a: PropertyMap, b: PropertyMap): boolean {
  const [aStart, aEnd] = ports(a);
  const [bStart, bEnd] = ports(b);
  return (
    numberOrNull(a.number) === numberOrNull(b.number) &&
    sameProtocol(a.protocol, b.protocol) &&
    aStart === bStart &&
    aEnd === bEnd &&
    sameAclCidrs(a.cidrList, b.cidrList) &&
    (canonicalProtocol(a.protocol) !== "icmp" || (sameIcmp(a.icmpType, b.icmpType) && sameIcmp(a.icmpCode, b.icmpCode))) &&
    sameWithDefault("Ingress")(a.trafficType, b.trafficType) &&
    sameWithDefault("Allow")(a.action, b.action) &&
    sameReason(a.reason, b.reason)
  );
}

const has = (rule: PropertyMap, key: string): boolean => !isAbsent(rule[key]);

/**
 * The rules across fields that NetworkACLServiceImpl.validateNetworkACLItem applies: no ports
 * with icmp or all, ICMP type and code only with icmp, start port not above the end port.
 * `prefix` names the rule in a ruleset (e.g. "rules[2].").
 */
export function aclRuleFailures(rule: PropertyMap, known: (key: string) => boolean, prefix = ""): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const at = (key: string) => `${prefix}${key}`;
  if (known("startPort") && known("endPort")) {
    if (has(rule, "endPort") && !has(rule, "startPort")) failures.push(failure(at("endPort"), rule.endPort, "needs startPort as well"));
    const [start, end] = ports(rule);
    if (start !== null && end !== null && end < start) {
      failures.push(failure(at("endPort"), rule.endPort, `is below startPort ${start} (CloudStack: "Start port can't be bigger than end port")`));
    }
  }
  if (!known("protocol") || typeof rule.protocol !== "string") return failures;
  const protocol = canonicalProtocol(rule.protocol);
  for (const key of ["startPort", "endPort"]) {
    if (!known(key) || !has(rule, key)) continue;
    if (protocol === "icmp") failures.push(failure(at(key), rule[key], "cannot be set with protocol icmp (CloudStack: \"Can't specify start/end port when protocol is ICMP\")"));
    if (protocol === "all") failures.push(failure(at(key), rule[key], "cannot be set with protocol all: it has no ports"));
  }
  for (const key of ["icmpType", "icmpCode"]) {
    if (known(key) && has(rule, key) && protocol !== "icmp") {
      failures.push(failure(at(key), rule[key], "applies only to protocol icmp (CloudStack: \"Can specify icmpCode and icmpType for ICMP protocol only\")"));
    }
  }
  return failures;
}

/**
 * createNetworkACL / updateNetworkACLItem parameters for the whole rule. An update replaces the
 * whole rule (partialupgrade=false), so it spells out the CIDR default a create would apply.
 */
export function aclRuleParams(rule: PropertyMap, options: { whole?: boolean } = {}): Params {
  const given = Array.isArray(rule.cidrList) ? rule.cidrList.map(String) : [];
  const list = given.length > 0 ? given : options.whole ? [...ACL_DEFAULT_CIDRS] : undefined;
  return {
    number: numberOrNull(rule.number) ?? undefined,
    protocol: String(rule.protocol),
    startport: numberOrNull(rule.startPort) ?? undefined,
    // updateNetworkACLItem, unlike createNetworkACL, does not default endport to startport.
    endport: numberOrNull(rule.endPort) ?? numberOrNull(rule.startPort) ?? undefined,
    cidrlist: list,
    icmptype: numberOrNull(rule.icmpType) ?? undefined,
    icmpcode: numberOrNull(rule.icmpCode) ?? undefined,
    traffictype: textOrNull(rule.trafficType) ?? undefined,
    action: textOrNull(rule.action) ?? undefined,
    reason: textOrNull(rule.reason) ?? undefined,
  };
}

/** A rule's inputs as CloudStack has them (ports as numbers, the cidr list as an array). */
export function aclRuleFromApi(item: ApiObject): PropertyMap {
  const protocol = textOrNull(item.protocol);
  const icmp = canonicalProtocol(protocol) === "icmp";
  const cidrs = typeof item.cidrlist === "string" ? item.cidrlist.split(",").map((c) => c.trim()).filter((c) => c !== "") : [];
  return {
    number: numberOrNull(item.number),
    protocol,
    startPort: numberOrNull(item.startport),
    endPort: numberOrNull(item.endport),
    cidrList: cidrs.length > 0 ? cidrs : null,
    icmpType: icmp ? numberOrNull(item.icmptype) : null,
    icmpCode: icmp ? numberOrNull(item.icmpcode) : null,
    trafficType: textOrNull(item.traffictype),
    action: textOrNull(item.action),
    reason: textOrNull(item.reason),
  };
}
