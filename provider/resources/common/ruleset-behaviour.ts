// What a ruleset kind does whatever its rules are: it owns every rule of one container (a
// security group, an ACL list), identified by the container's id; `rules` changes in place by
// reconciling only the rules that differ; a create over a container holding rules the program
// does not declare is refused (importId adopts them), while rules it does declare are an earlier,
// interrupted attempt of the same create, which goes on from there; a create that made some rules
// and then failed is recorded so the next `pulumi up` completes it; a delete removes every rule.
import type { CloudStackClient } from "../../client";
import { PartiallyCreatedError } from "../../adapter/lifecycle/errors";
import { ApiObjectWith, CheckFailure, EXTRA, PropertyMap } from "../../adapter/types";

/** A container as read, with its rules. */
export type Container<Row> = ApiObjectWith<{ readonly rows: readonly Row[] }>;

export interface RulesetParts<Row> {
  /** The kind, for messages (e.g. "SecurityGroupRuleset"). */
  readonly kind: string;
  /** What holds the rules, for messages (e.g. "security group"). */
  readonly container: string;
  /** The input holding the container's id (e.g. "securityGroupId"). */
  readonly idInput: string;
  read(client: CloudStackClient, id: string, olds: PropertyMap): Promise<Container<Row> | undefined>;
  /** Whether two `rules` values mean the same rules. */
  sameRules(a: unknown, b: unknown): boolean;
  /** One declared rule's failures, its properties named under `prefix` (e.g. "rules[2]."). */
  ruleFailures(rule: PropertyMap, prefix: string): CheckFailure[];
  /** How each existing rule the declared ones do not cover is named in messages. */
  undeclared(rows: readonly Row[], desired: readonly PropertyMap[]): string[];
  /** Brings the container's rules from `current` to `desired`. */
  reconcile(client: CloudStackClient, id: string, current: readonly Row[], desired: readonly PropertyMap[]): Promise<void>;
  remove(client: CloudStackClient, rows: readonly Row[]): Promise<void>;
}

const rulesOf = (inputs: PropertyMap): PropertyMap[] =>
  Array.isArray(inputs.rules) ? inputs.rules.filter((r): r is PropertyMap => r !== null && typeof r === "object") : [];

/** The spec members every ruleset shares: in-place rules, their comparison and checks, create, update, delete. */
export function rulesetBehaviour<Row>(parts: RulesetParts<Row>) {
  const readAgain = async (client: CloudStackClient, id: string, olds: PropertyMap, when: string): Promise<Container<Row>> => {
    const found = await parts.read(client, id, olds);
    if (!found) throw new Error(`${parts.kind} ${id}: the ${parts.container} disappeared ${when}`);
    return found;
  };
  return {
    inPlace: { rules: true as const },
    equal: { rules: (a: unknown, b: unknown) => parts.sameRules(a, b) },
    validate: (inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] =>
      known("rules") ? rulesOf(inputs).flatMap((rule, index) => parts.ruleFailures(rule, `rules[${index}].`)) : [],

    async create(client: CloudStackClient, inputs: PropertyMap): Promise<Container<Row>> {
      const id = String(inputs[parts.idInput]);
      const desired = rulesOf(inputs);
      const found = await parts.read(client, id, {});
      if (!found) throw new Error(`${parts.kind}: CloudStack has no ${parts.container} ${id}`);
      const foreign = parts.undeclared(found[EXTRA].rows, desired);
      if (foreign.length > 0) {
        throw new Error(
          `${parts.kind}: ${parts.container} ${id} already has ${foreign.length} rule(s) this ruleset does not declare (${foreign.join("; ")}); nothing was changed. ` +
            `A ruleset owns every rule of its ${parts.container}: set importId to the ${parts.container}'s id to adopt them.`,
        );
      }
      try {
        await parts.reconcile(client, id, found[EXTRA].rows, desired);
      } catch (err) {
        const current = await parts.read(client, id, {}).catch(() => undefined);
        if (current && current[EXTRA].rows.length > 0) throw new PartiallyCreatedError(current, err);
        throw err;
      }
      return readAgain(client, id, {}, "while its rules were made");
    },

    async update(client: CloudStackClient, id: string, olds: PropertyMap, news: PropertyMap): Promise<Container<Row>> {
      const current = await readAgain(client, id, olds, "before the update");
      await parts.reconcile(client, id, current[EXTRA].rows, rulesOf(news));
      return readAgain(client, id, olds, "during the update");
    },

    delete: (client: CloudStackClient, _id: string, object: Container<Row>): Promise<void> => parts.remove(client, object[EXTRA].rows),
  };
}
