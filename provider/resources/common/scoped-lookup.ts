// Reading one object by id in the owner scope it was created with. Objects read without a
// recorded owner (get, importId), and kinds that take no owner parameters of their own (traffic
// rules, VPC ACL lists, ACL rules, private gateways, static routes, which belong to the owner of
// what they hang on), are looked for in the caller's own scope, then all it may see, then every
// project.
import type { CloudStackClient, Params } from "../../client";
import { findById, LookupOptions } from "../../adapter/lifecycle/lookup";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { ownerScope } from "./ownership";

const SCOPES_WITHOUT_OWNER: readonly Params[] = [{}, { listall: true }, { listall: true, projectid: "-1" }];

export async function findScoped(
  client: CloudStackClient,
  listCommand: string,
  id: string,
  olds: PropertyMap,
  options: LookupOptions = {},
): Promise<ApiObject | undefined> {
  const scope = ownerScope(olds);
  if (Object.keys(scope).length > 0) return findById(client, listCommand, id, scope, options);
  for (const tried of SCOPES_WITHOUT_OWNER) {
    const found = await findById(client, listCommand, id, tried, options);
    if (found) return found;
  }
  return undefined;
}

/** A kind's read: its object by id through `listCommand`, in the scope recorded in `olds`. */
export function scopedReader(listCommand: string, options: LookupOptions = {}) {
  return (client: CloudStackClient, id: string, olds: PropertyMap): Promise<ApiObject | undefined> => findScoped(client, listCommand, id, olds, options);
}
