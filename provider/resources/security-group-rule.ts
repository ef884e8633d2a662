// SecurityGroupRule: what one authorize call makes (authorizeSecurityGroupIngress / Egress,
// revokeSecurityGroupIngress / Egress, listSecurityGroups). CloudStack keeps one rule per CIDR
// and per allowed group, so one resource is that set of rules, all of one direction, protocol
// and port range (or ICMP type and code). Its id is their rule ids joined by commas; importId
// and get() take such a list, or one rule id. No command updates a rule: every input replaces.
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient } from "../client";
import { defineSpec } from "../adapter/spec";
import { ApiObject, ApiObjectWith, EXTRA, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { textOrNull } from "./common/api-values";
import { findSecurityGroup, groupOfRules, groupWithRules } from "./common/security-group-lookup";
import { declaredKeys, ruleComparators, securityGroupIdInput, securityGroupRuleFailures, securityGroupRuleShape, sameKeys } from "./common/security-group-rule-inputs";
import { authorizeRule, revokeRows, rowKey, RuleRow, rulesOfRows, rowsOf } from "./common/security-group-rule-rows";
import { inputObject } from "./common/inputs";

export const securityGroupRuleInputs = inputObject({
  securityGroupId: securityGroupIdInput("rule"),
  ...securityGroupRuleShape("replaces the rule"),
});

export const securityGroupRuleAttributes = z.object({
  ruleIds: z.array(z.string()).describe("CloudStack's rule ids, one per allowed group and per CIDR (allowed groups first, as CloudStack makes them)."),
  securityGroupName: z.string().nullable().describe("The name of the rule's group."),
});

type Rule = ApiObjectWith<{ readonly ids: readonly string[]; readonly rows: readonly RuleRow[] }>;

const splitIds = (id: string): string[] =>
  id
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");

/** The rules of `ids` in their group: gone when the group or every one of them is (revoke hard-deletes). */
async function readRule(client: CloudStackClient, id: string, olds: PropertyMap): Promise<Rule | undefined> {
  const ids = splitIds(id);
  const groupId = typeof olds.securityGroupId === "string" ? olds.securityGroupId : undefined;
  const found = groupId ? await groupWithRules(client, groupId, olds) : await groupOfRules(client, ids);
  if (!found) return undefined;
  const wanted = new Set(ids.map((i) => i.toLowerCase()));
  const rows = found.rows.filter((row) => wanted.has(String(row.ruleid).toLowerCase()));
  if (rows.length === 0) return undefined;
  if (rulesOfRows(rows).length > 1) {
    throw new Error(
      `SecurityGroupRule ${id}: these rules differ in direction, protocol or ports; one SecurityGroupRule holds rules of one kind. Adopt them as separate resources, or the whole group as a SecurityGroupRuleset.`,
    );
  }
  return { ...found.group, [EXTRA]: { ids, rows } };
}

/** The group's rules with the same content as `inputs` (CloudStack would skip them as duplicates). */
function sameContent(group: ApiObject, inputs: PropertyMap): RuleRow[] {
  const keys = new Set(declaredKeys(inputs));
  return rowsOf(group).filter((row) => keys.has(rowKey(row)));
}

/** Why nothing was made: every declared rule was there already, or some were and the new ones were taken back. */
function alreadyThere(groupId: string, rows: readonly RuleRow[]): Error {
  const ids = rows.map((row) => String(row.ruleid)).join(",");
  return new Error(
    `SecurityGroupRule: group ${groupId} already has ${rows.length} rule(s) with this content (${ids}); nothing was created. ` +
      `Adopt them with importId "${ids}", or remove them first.`,
  );
}

/**
 * The replacement would repeat a rule the old resource holds in the same group: CloudStack would
 * skip it as a duplicate, and deleting the old resource would then take it away. So the old rules
 * go first wherever the contents overlap (or are not known yet).
 */
function collides(olds: PropertyMap, news: PropertyMap): boolean {
  if (JSON.stringify(news).includes(UNKNOWN)) return true;
  if (String(olds.securityGroupId).toLowerCase() !== String(news.securityGroupId).toLowerCase()) return false;
  const before = new Set(declaredKeys(olds));
  return declaredKeys(news).some((key) => before.has(key));
}

export const securityGroupRuleSpec = defineSpec({
  kind: "SecurityGroupRule",
  description:
    "The rules one authorize call makes in a security group: one direction, protocol and port range (or ICMP type and code), for each CIDR and allowed group. Its id is CloudStack's rule ids joined by commas. Every change replaces it (revoke, then authorize).",
  inputs: securityGroupRuleInputs,
  attributes: securityGroupRuleAttributes,
  defaultedByCloudStack: ["endPort"],
  equal: ruleComparators,
  validate: (inputs, known) => securityGroupRuleFailures(inputs, known),
  deleteBeforeReplace: collides,

  async create(client, inputs) {
    let rows: RuleRow[];
    try {
      rows = await authorizeRule(client, inputs.securityGroupId, inputs);
    } catch (err) {
      // Every rule a duplicate: AuthorizeSecurityGroupIngressCmd fails with 530 and adds nothing.
      if (!(err instanceof CloudStackApiError && err.errorcode === 530)) throw err;
      const group = await findSecurityGroup(client, inputs.securityGroupId, {});
      const existing = group ? sameContent(group, inputs) : [];
      if (existing.length === 0) throw err;
      throw alreadyThere(inputs.securityGroupId, existing);
    }
    const group = await findSecurityGroup(client, inputs.securityGroupId, {});
    if (!group) throw new Error(`SecurityGroupRule: group ${inputs.securityGroupId} disappeared while its rules were authorized`);
    const made = new Set(rows.map((row) => String(row.ruleid).toLowerCase()));
    if (!sameKeys(rows.map(rowKey), declaredKeys(inputs))) {
      // Some declared rules existed before this call: CloudStack skipped them. They are not this
      // resource's to own, so the rules just made are taken back and nothing is left changed.
      await revokeRows(client, rows);
      throw alreadyThere(inputs.securityGroupId, sameContent(group, inputs).filter((row) => !made.has(String(row.ruleid).toLowerCase())));
    }
    return { ...group, [EXTRA]: { ids: rows.map((row) => String(row.ruleid)), rows } };
  },

  read: (client, id, olds) => readRule(client, id, olds),

  delete: (client, _id, rule) => revokeRows(client, rule[EXTRA].rows),

  idOf: (rule) => rule[EXTRA].ids.join(","),

  inputsOf(rule) {
    const [declared] = rulesOfRows(rule[EXTRA].rows);
    return { securityGroupId: textOrNull(rule.id), ...declared };
  },

  attributesOf(rule) {
    return { ruleIds: rule[EXTRA].rows.map((row) => String(row.ruleid)), securityGroupName: textOrNull(rule.name) };
  },

  errors: [
    { text: "Can't add security group id=<id> as it belongs to different domain", why: "An allowed group must be in the rule's domain." },
  ],
});
