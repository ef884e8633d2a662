// Finding a security group with its rules: by the group's id, or, for a rule adopted by its own
// id (importId, get), by scanning the groups the caller may see for the group holding it.
// listSecurityGroups shows each group with its ingress and egress rule rows.
import type { CloudStackClient, Params } from "../../client";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { findScoped } from "./scoped-lookup";
import { RuleRow, rowsOf } from "./security-group-rule-rows";

/** A group as listSecurityGroups shows it, and its rule rows. */
export interface GroupWithRules {
  readonly group: ApiObject;
  readonly rows: RuleRow[];
}

const withRules = (group: ApiObject): GroupWithRules => ({ group, rows: rowsOf(group) });

/** The group (hard-deleted: 431 once gone, ParamProcessWorker), or undefined. */
export function findSecurityGroup(client: CloudStackClient, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  return findScoped(client, "listSecurityGroups", id, olds);
}

/** The group of that id with its rules, or undefined once it is gone. */
export async function groupWithRules(client: CloudStackClient, id: string, olds: PropertyMap): Promise<GroupWithRules | undefined> {
  const group = await findSecurityGroup(client, id, olds);
  return group && withRules(group);
}

/** The caller's groups, then every group it may see, then those of every project it may use. */
const SCOPES: readonly Params[] = [{}, { listall: true }, { listall: true, projectid: "-1" }];

/** The group holding a rule of one of `ruleIds`, wherever the caller may see it, with its rules. */
export async function groupOfRules(client: CloudStackClient, ruleIds: readonly string[]): Promise<GroupWithRules | undefined> {
  const wanted = new Set(ruleIds.map((id) => id.toLowerCase()));
  for (const scope of SCOPES) {
    const groups = (await client.list<ApiObject>("listSecurityGroups", scope)).map(withRules);
    const found = groups.find(({ rows }) => rows.some((row) => wanted.has(String(row.ruleid).toLowerCase())));
    if (found) return found;
  }
  return undefined;
}
