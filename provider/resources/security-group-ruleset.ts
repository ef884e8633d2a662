// SecurityGroupRuleset: every rule of one security group, each CloudStack rule (one per CIDR and
// per allowed group) identified by its content: direction, protocol, ports or ICMP type and code,
// and the CIDR or group. A change authorizes only the rules not there yet and revokes only those
// no longer declared; reordering or regrouping the declared rules is no change. The resource's id
// is the group's id; importId adopts a group's existing rules.
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { defineSpec } from "../adapter/spec";
import { EXTRA, PropertyMap } from "../adapter/types";
import { textOrNull } from "./common/api-values";
import { Container, rulesetBehaviour } from "./common/ruleset-behaviour";
import { groupWithRules } from "./common/security-group-lookup";
import { declaredKeys, keysOfRules, missingParts, sameKeys, sameRuleLists, securityGroupIdInput, securityGroupRuleFailures, securityGroupRuleShape } from "./common/security-group-rule-inputs";
import { authorizeRule, revokeRows, rowKey, RuleRow, rulesOfRows } from "./common/security-group-rule-rows";
import { inputObject } from "./common/inputs";

const rule = z.object(securityGroupRuleShape("authorizes or revokes only the CloudStack rules that differ")).strict();

export const securityGroupRulesetInputs = inputObject({
  securityGroupId: securityGroupIdInput("ruleset", " The ruleset owns every rule of the group; a group that already has rules is adopted with importId set to the same id."),
  rules: z
    .array(rule)
    .describe(
      "Every rule of the group. Each CloudStack rule (one per CIDR and per allowed group) is identified by its content, so adding or removing one touches only that one, and the order or grouping of the declared rules does not matter. Updated in place: only the rules that differ are authorized or revoked.",
    ),
});

export const securityGroupRulesetAttributes = z.object({
  ruleIds: z
    .record(z.string(), z.string())
    .describe("CloudStack's id of each rule, by its content (e.g. \"ingress tcp 22:22 cidr 10.0.0.0/8\")."),
  securityGroupName: z.string().nullable().describe("The name of the group."),
});

async function readRuleset(client: CloudStackClient, id: string, olds: PropertyMap): Promise<Container<RuleRow> | undefined> {
  const found = await groupWithRules(client, id, olds);
  return found && { ...found.group, [EXTRA]: { rows: found.rows } };
}

/** Revokes the rules no longer declared, then authorizes, per declared rule, the CIDRs and groups missing. */
async function reconcile(client: CloudStackClient, groupId: string, current: readonly RuleRow[], desired: readonly PropertyMap[]): Promise<void> {
  const wanted = new Set(desired.flatMap(declaredKeys));
  const present = new Set(current.map(rowKey).filter((key) => wanted.has(key)));
  await revokeRows(client, current.filter((row) => !present.has(rowKey(row))));
  for (const declared of desired) {
    const missing = missingParts(declared, present);
    if (missing.cidrs.length === 0 && missing.groups.length === 0) continue;
    const added = await authorizeRule(client, groupId, declared, missing);
    // Two declared rules may name the same CloudStack rule: it is authorized once.
    for (const key of declaredKeys({ ...declared, cidrList: missing.cidrs, allowedGroups: missing.groups })) present.add(key);
    for (const row of added) present.add(rowKey(row));
  }
}

export const securityGroupRulesetSpec = defineSpec({
  kind: "SecurityGroupRuleset",
  description:
    "Every rule of one security group, each identified by its content: adding or removing a rule authorizes or revokes only that rule, and reordering is no change. Adopt a group's existing rules with importId set to the group's id.",
  inputs: securityGroupRulesetInputs,
  attributes: securityGroupRulesetAttributes,
  ...rulesetBehaviour<RuleRow>({
    kind: "SecurityGroupRuleset",
    container: "security group",
    idInput: "securityGroupId",
    read: readRuleset,
    sameRules: sameRuleLists,
    ruleFailures: (declared, prefix) => securityGroupRuleFailures(declared, () => true, prefix),
    // Rules this ruleset declares were made by an earlier, interrupted attempt of its create.
    undeclared: (rows, desired) => {
      const wanted = new Set(desired.flatMap(declaredKeys));
      return rows.map(rowKey).filter((key) => !wanted.has(key));
    },
    reconcile,
    remove: revokeRows,
  }),

  read: (client, id, olds) => readRuleset(client, id, olds),

  inputsOf(ruleset, olds) {
    const rows = ruleset[EXTRA].rows;
    // The rules as the program wrote them while they still mean these CloudStack rules; else as
    // read, without the fields a rule of that protocol leaves out (null fails check, and an
    // import checks what this returns).
    const read = () => rulesOfRows(rows).map((rule) => Object.fromEntries(Object.entries(rule).filter(([, value]) => value !== null)));
    const declared = sameKeys(keysOfRules(olds.rules), rows.map(rowKey)) ? olds.rules : read();
    return { securityGroupId: textOrNull(ruleset.id), rules: declared };
  },

  attributesOf(ruleset) {
    return {
      ruleIds: Object.fromEntries(ruleset[EXTRA].rows.map((row) => [rowKey(row), String(row.ruleid)])),
      securityGroupName: textOrNull(ruleset.name),
    };
  },

  errors: [
    { text: "Can't add security group id=<id> as it belongs to different domain", why: "An allowed group must be in the rule's domain." },
  ],
});
