// SecurityGroupRuleset: every rule of one security group, each CloudStack rule (one per CIDR and
// per allowed group) identified by its content: direction, protocol, ports or ICMP type and code,
// and the CIDR or group. A change authorizes only the rules not there yet and revokes only those
// no longer declared; reordering or regrouping the declared rules is no change. The resource's id
// is the group's id; importId adopts a group's existing rules.
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { PartiallyCreatedError } from "../adapter/lifecycle/errors";
import { defineSpec } from "../adapter/spec";
import { ApiObjectWith, CheckFailure, EXTRA, PropertyMap } from "../adapter/types";
import { uuid } from "../validation/fields";
import { textOrNull } from "./common/api-values";
import { findSecurityGroup } from "./common/security-group-lookup";
import {
  authorizeRule,
  declaredKeys,
  missingParts,
  revokeRow,
  rowKey,
  rowsOf,
  RuleRow,
  rulesOfRows,
  sameKeys,
  securityGroupRuleFailures,
  securityGroupRuleShape,
} from "./common/security-group-rules";

const rule = z.object(securityGroupRuleShape("authorizes or revokes only the CloudStack rules that differ")).strict();

export const securityGroupRulesetInputs = z
  .object({
    securityGroupId: uuid().describe(
      "The id of the group whose rules this resource owns (e.g. a SecurityGroup's `id`). Changing it replaces the ruleset. A group that already has rules is adopted with importId set to the same id.",
    ),
    rules: z
      .array(rule)
      .describe(
        "Every rule of the group. Each CloudStack rule (one per CIDR and per allowed group) is identified by its content, so adding or removing one touches only that one, and the order or grouping of the declared rules does not matter.",
      ),
  })
  .strict();

export const securityGroupRulesetAttributes = z.object({
  ruleIds: z
    .record(z.string(), z.string())
    .describe("CloudStack's id of each rule, by its content (e.g. \"ingress tcp 22:22 cidr 10.0.0.0/8\")."),
  securityGroupName: z.string().nullable().describe("The name of the group."),
});

type Ruleset = ApiObjectWith<{ readonly rows: readonly RuleRow[] }>;

const asRules = (value: unknown): PropertyMap[] =>
  Array.isArray(value) ? value.filter((r): r is PropertyMap => r !== null && typeof r === "object") : [];

const keysOf = (rules: unknown): string[] => asRules(rules).flatMap(declaredKeys);

async function readRuleset(client: CloudStackClient, id: string, olds: PropertyMap): Promise<Ruleset | undefined> {
  const group = await findSecurityGroup(client, id, olds);
  return group && { ...group, [EXTRA]: { rows: rowsOf(group) } };
}

function rulesetFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  if (!known("rules")) return [];
  return asRules(inputs.rules).flatMap((r, index) => securityGroupRuleFailures(r, () => true, `rules[${index}].`));
}

/** Brings the group's rules to `desired`: revokes rules no longer declared, authorizes the missing ones. */
async function reconcile(client: CloudStackClient, groupId: string, current: readonly RuleRow[], desired: readonly PropertyMap[]): Promise<void> {
  const wanted = new Set(desired.flatMap(declaredKeys));
  const present = new Set<string>();
  for (const row of current) {
    if (wanted.has(rowKey(row))) present.add(rowKey(row));
    else await revokeRow(client, row);
  }
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
  stateVersion: 1,
  inputs: securityGroupRulesetInputs,
  attributes: securityGroupRulesetAttributes,
  inPlace: { rules: true },
  equal: { rules: (a, b) => sameKeys(keysOf(a), keysOf(b)) },
  validate: rulesetFailures,

  async create(client, inputs) {
    const found = await readRuleset(client, inputs.securityGroupId, {});
    if (!found) throw new Error(`SecurityGroupRuleset: CloudStack has no security group ${inputs.securityGroupId}`);
    const wanted = new Set(keysOf(inputs.rules));
    // Rules that this ruleset declares were made by an earlier, interrupted attempt of this
    // create: it goes on from there. Any other rule belongs to someone else.
    const foreign = found[EXTRA].rows.filter((row) => !wanted.has(rowKey(row)));
    if (foreign.length > 0) {
      throw new Error(
        `SecurityGroupRuleset: group ${inputs.securityGroupId} already has ${foreign.length} rule(s) this ruleset does not declare (${foreign.map(rowKey).join("; ")}); nothing was changed. ` +
          "A ruleset owns every rule of its group: set importId to the group's id to adopt them.",
      );
    }
    try {
      await reconcile(client, inputs.securityGroupId, found[EXTRA].rows, inputs.rules);
    } catch (err) {
      // Some rules exist: recorded, the next `pulumi up` completes the ruleset.
      const current = await readRuleset(client, inputs.securityGroupId, {}).catch(() => undefined);
      if (current && current[EXTRA].rows.length > 0) throw new PartiallyCreatedError(current, err);
      throw err;
    }
    const created = await readRuleset(client, inputs.securityGroupId, {});
    if (!created) throw new Error(`SecurityGroupRuleset: group ${inputs.securityGroupId} disappeared while its rules were authorized`);
    return created;
  },

  read: (client, id, olds) => readRuleset(client, id, olds),

  async update(client, id, olds, news) {
    const current = await readRuleset(client, id, olds);
    if (!current) throw new Error(`SecurityGroupRuleset ${id}: the group is gone`);
    await reconcile(client, id, current[EXTRA].rows, news.rules);
    const fresh = await readRuleset(client, id, olds);
    if (!fresh) throw new Error(`SecurityGroupRuleset ${id}: the group disappeared during the update`);
    return fresh;
  },

  async delete(client, _id, ruleset) {
    for (const row of ruleset[EXTRA].rows) await revokeRow(client, row);
  },

  inputsOf(ruleset, olds) {
    const rows = ruleset[EXTRA].rows;
    // The rules as the program wrote them while they still mean these CloudStack rules.
    const declared = sameKeys(keysOf(olds.rules), rows.map(rowKey)) ? asRules(olds.rules) : rulesOfRows(rows);
    return { securityGroupId: textOrNull(ruleset.id), rules: declared };
  },

  attributesOf(ruleset) {
    return {
      ruleIds: Object.fromEntries(ruleset[EXTRA].rows.map((row) => [rowKey(row), String(row.ruleid)])),
      securityGroupName: textOrNull(ruleset.name),
    };
  },
});
