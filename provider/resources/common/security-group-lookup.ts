// Finding a security group with its rules: by the group's id, or, for a rule adopted by its own
// id (importId, get), by scanning the groups the caller may see for the group holding it.
// listSecurityGroups shows each group with its ingress and egress rule rows.
import type { CloudStackClient, Params } from "../../client";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { findScoped } from "./scoped-lookup";
import { rowsOf } from "./security-group-rules";

/** The group (hard-deleted: 431 once gone, ParamProcessWorker), or undefined. */
export function findSecurityGroup(client: CloudStackClient, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  return findScoped(client, "listSecurityGroups", id, olds);
}

/** The caller's groups, then every group it may see, then those of every project it may use. */
const SCOPES: readonly Params[] = [{}, { listall: true }, { listall: true, projectid: "-1" }];

/** The group holding a rule row of one of `ruleIds`, wherever the caller may see it. */
export async function findGroupOfRules(client: CloudStackClient, ruleIds: readonly string[]): Promise<ApiObject | undefined> {
  const wanted = new Set(ruleIds.map((id) => id.toLowerCase()));
  for (const scope of SCOPES) {
    const groups = await client.list<ApiObject>("listSecurityGroups", scope);
    const found = groups.find((group) => rowsOf(group).some((row) => wanted.has(String(row.ruleid).toLowerCase())));
    if (found) return found;
  }
  return undefined;
}
