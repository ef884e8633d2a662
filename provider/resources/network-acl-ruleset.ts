// NetworkAclRuleset: every rule of one network ACL list, keyed by rule number. A change touches
// only the rules that differ: a new number is created (createNetworkACL), a changed rule is
// updated in place (updateNetworkACLItem), a number no longer declared is deleted
// (deleteNetworkACL). The resource's id is the list's id; importId adopts a list's existing rules.
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient } from "../client";
import { PartiallyCreatedError } from "../adapter/lifecycle/errors";
import { failure } from "../adapter/check/failures";
import { defineSpec } from "../adapter/spec";
import { ApiObject, ApiObjectWith, CheckFailure, EXTRA, PropertyMap } from "../adapter/types";
import { uuid } from "../validation/fields";
import { aclRuleFailures, aclRuleFromApi, aclRuleParams, aclRuleShape, sameAclRule } from "./common/acl-rules";
import { numberOrNull, textOrNull } from "./common/api-values";
import { findScoped } from "./common/scoped-lookup";
import { text } from "./common/attributes";
import { inputObject } from "./common/inputs";

const aclRule = z.object(aclRuleShape(true)).strict();

export const networkAclRulesetInputs = inputObject({
  aclId: uuid().describe(
    "The id of the ACL list whose rules this resource owns (e.g. a NetworkAclList's `id`). Changing it replaces the ruleset. A list that already has rules is adopted with importId set to the same id.",
  ),
  rules: z
    .array(aclRule)
    .describe(
      "Every rule of the list, each identified by its number. Adding a number creates that rule only, changing a rule updates it in place, and a number left out is deleted.",
    ),
});

type Rule = z.infer<typeof aclRule>;

/** Where read puts the list's rules in the object it returns. */
/** A list as read, with its rules in number order. */
type Ruleset = ApiObjectWith<{ readonly rules: ApiObject[] }>;

function rulesOf(object: Ruleset): ApiObject[] {
  return object[EXTRA].rules;
}

/** The list (hard-deleted: 431 once gone, ParamProcessWorker) with its rules. */
async function readRuleset(client: CloudStackClient, id: string, olds: PropertyMap): Promise<Ruleset | undefined> {
  const list = await findScoped(client, "listNetworkACLLists", id, olds);
  if (!list) return undefined;
  let rules: ApiObject[];
  try {
    rules = await client.list<ApiObject>("listNetworkACLs", { aclid: id });
  } catch (err) {
    if (err instanceof CloudStackApiError && err.errorcode === 431) return undefined;
    throw err;
  }
  return { ...list, [EXTRA]: { rules: rules.sort((a, b) => (numberOrNull(a.number) ?? 0) - (numberOrNull(b.number) ?? 0)) } };
}

/** A rule's inputs without the fields CloudStack left empty. */
function declaredForm(item: ApiObject): PropertyMap {
  return Object.fromEntries(Object.entries(aclRuleFromApi(item)).filter(([, value]) => value !== null));
}

function asRules(value: unknown): PropertyMap[] {
  return Array.isArray(value) ? value.filter((r): r is PropertyMap => r !== null && typeof r === "object") : [];
}

/** Two rulesets equal rule by rule, keyed by number, whatever their order. */
function sameRules(a: unknown, b: unknown): boolean {
  const left = asRules(a);
  const right = asRules(b);
  if (left.length !== right.length) return false;
  const byNumber = new Map(right.map((rule) => [numberOrNull(rule.number), rule]));
  return left.every((rule) => {
    const other = byNumber.get(numberOrNull(rule.number));
    return other !== undefined && sameAclRule(rule, other);
  });
}

function rulesetFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  if (!known("rules")) return [];
  const failures: CheckFailure[] = [];
  const seen = new Map<number, number>();
  asRules(inputs.rules).forEach((rule, index) => {
    failures.push(...aclRuleFailures(rule, () => true, `rules[${index}].`));
    const number = numberOrNull(rule.number);
    if (number === null) return;
    const first = seen.get(number);
    if (first !== undefined) {
      failures.push(failure(`rules[${index}].number`, number, `is used by rules[${first}] too; rule numbers are unique in a list`));
    } else {
      seen.set(number, index);
    }
  });
  return failures;
}

async function createRule(client: CloudStackClient, aclId: string, rule: PropertyMap): Promise<void> {
  await client.execute("createNetworkACL", { aclid: aclId, ...aclRuleParams(rule) });
}

/** Deleting a rule someone else deleted already is what was wanted. */
async function deleteRule(client: CloudStackClient, id: string): Promise<void> {
  try {
    await client.execute("deleteNetworkACL", { id });
  } catch (err) {
    if (!(err instanceof CloudStackApiError && err.errorcode === 431)) throw err;
  }
}

/** Brings the list's rules to `desired`, touching only the numbers that differ. */
async function reconcile(client: CloudStackClient, aclId: string, current: readonly ApiObject[], desired: readonly Rule[]): Promise<void> {
  const wanted = new Map(desired.map((rule) => [numberOrNull(rule.number), rule]));
  const existing = new Map(current.map((item) => [numberOrNull(item.number), item]));
  for (const [number, item] of existing) {
    if (number === null || !wanted.has(number)) await deleteRule(client, String(item.id));
  }
  for (const rule of desired) {
    const item = existing.get(numberOrNull(rule.number));
    if (!item) continue;
    if (sameAclRule(declaredForm(item), rule)) continue;
    await client.execute("updateNetworkACLItem", { id: String(item.id), ...aclRuleParams(rule, { whole: true }), partialupgrade: false });
  }
  for (const rule of desired) {
    if (!existing.has(numberOrNull(rule.number))) await createRule(client, aclId, rule);
  }
}

export const networkAclRulesetSpec = defineSpec({
  kind: "NetworkAclRuleset",
  description:
    "Every rule of one network ACL list, keyed by rule number: inserting a rule creates only that rule, a changed rule is updated in place, and a rule left out is deleted. Adopt a list's existing rules with importId set to the list's id.",
  inputs: networkAclRulesetInputs,
  attributes: z.object({
    ruleIds: z.record(z.string(), z.string()).describe("The id of each rule, by rule number."),
    aclName: text("The name of the ACL list."),
    vpcId: text("The id of the list's VPC."),
  }),
  inPlace: { rules: true },
  equal: { rules: sameRules },
  validate: rulesetFailures,

  async create(client, inputs) {
    const found = await readRuleset(client, inputs.aclId, {});
    if (!found) throw new Error(`NetworkAclRuleset: CloudStack has no ACL list ${inputs.aclId}`);
    const existing = rulesOf(found);
    // Rules that are exactly ones this ruleset declares were made by an earlier, interrupted
    // attempt of this create (the list's rule numbers are unique): it goes on from there.
    const wanted = new Map(inputs.rules.map((rule) => [numberOrNull(rule.number), rule]));
    const earlierAttempt = existing.every((item) => {
      const rule = wanted.get(numberOrNull(item.number));
      return rule !== undefined && sameAclRule(declaredForm(item), rule);
    });
    if (!earlierAttempt) {
      const numbers = existing.map((item) => String(item.number)).join(", ");
      throw new Error(
        `NetworkAclRuleset: ACL list ${inputs.aclId} already has ${existing.length} rule(s) (numbers ${numbers}); nothing was changed. ` +
          "A ruleset owns every rule of its list: set importId to the list's id to adopt them.",
      );
    }
    try {
      await reconcile(client, inputs.aclId, existing, inputs.rules);
    } catch (err) {
      // Some rules exist: recorded, the next `pulumi up` completes the ruleset.
      const current = await readRuleset(client, inputs.aclId, {}).catch(() => undefined);
      if (current && rulesOf(current).length > 0) throw new PartiallyCreatedError(current, err);
      throw err;
    }
    const created = await readRuleset(client, inputs.aclId, {});
    if (!created) throw new Error(`NetworkAclRuleset: ACL list ${inputs.aclId} disappeared while its rules were created`);
    return created;
  },

  read: (client, id, olds) => readRuleset(client, id, olds),

  async update(client, id, olds, news) {
    const current = await readRuleset(client, id, olds);
    if (!current) throw new Error(`NetworkAclRuleset ${id}: the ACL list is gone`);
    await reconcile(client, id, rulesOf(current), news.rules);
    const fresh = await readRuleset(client, id, olds);
    if (!fresh) throw new Error(`NetworkAclRuleset ${id}: the ACL list disappeared during the update`);
    return fresh;
  },

  async delete(client, _id, object) {
    for (const item of rulesOf(object)) await deleteRule(client, String(item.id));
  },

  inputsOf(object) {
    return { aclId: textOrNull(object.id), rules: rulesOf(object).map(declaredForm) };
  },

  attributesOf(object) {
    return {
      ruleIds: Object.fromEntries(rulesOf(object).map((item) => [String(item.number), String(item.id)])),
      aclName: textOrNull(object.name),
    };
  },

  errors: [
    { text: "Default ACL cannot be modified", why: "Rules go in a list of your own (NetworkAclList), not in default_allow or default_deny." },
  ],
});
