// Security group rules as CloudStack keeps them: the rows listSecurityGroups shows under
// `ingressrule` and `egressrule`, read back into declared form and keyed by content, and the
// authorize and revoke commands that make and remove them (SecurityGroupManagerImpl
// .authorizeSecurityGroupRule: icmp rules keep their type and code in the port columns, rules of
// other protocols than tcp and udp have ports 0/0).
import { CloudStackApiError, type CloudStackClient, type Params } from "../../client";
import { isAbsent } from "../../adapter/diff/comparators";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { numberOrNull, textOrNull } from "./api-values";
import { declaredKeys, Direction, directionOf, groupsOf, list, storedProtocol, Targets } from "./security-group-rule-inputs";

const lower = (value: unknown): string => String(value ?? "").trim().toLowerCase();

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

/**
 * authorizeSecurityGroupIngress / Egress parameters for `rule`, limited to the CIDRs and groups
 * given (by default all the rule declares). endport is sent as startport when omitted, since
 * CloudStack needs both for tcp and udp.
 */
export function authorizeParams(groupId: string, rule: PropertyMap, only?: Targets): Params {
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
  only?: Targets,
): Promise<RuleRow[]> {
  const direction = directionOf(rule);
  const result = await client.execute(command("authorize", direction), authorizeParams(groupId, rule, only));
  const group = result.securitygroup;
  const rows = group && typeof group === "object" ? (group as ApiObject)[`${direction}rule`] : undefined;
  return list(rows).flatMap((row) => (row && typeof row === "object" ? [{ ...(row as ApiObject), direction }] : []));
}

/** Revokes the rows one by one; a row someone else revoked already is what was wanted. */
export async function revokeRows(client: CloudStackClient, rows: readonly RuleRow[]): Promise<void> {
  for (const row of rows) {
    try {
      await client.execute(command("revoke", row.direction), { id: String(row.ruleid) });
    } catch (err) {
      if (!(err instanceof CloudStackApiError && err.errorcode === 431)) throw err;
    }
  }
}

/** Every rule row of a group as listSecurityGroups shows it, ingress then egress. */
export function rowsOf(group: ApiObject): RuleRow[] {
  const tagged = (key: string, direction: Direction): RuleRow[] =>
    list(group[key]).flatMap((row) => (row && typeof row === "object" ? [{ ...(row as ApiObject), direction }] : []));
  return [...tagged("ingressrule", "ingress"), ...tagged("egressrule", "egress")];
}
