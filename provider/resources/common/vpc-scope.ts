// Reads of VPC objects. ACL lists, ACL rules, private gateways and static routes take no owner
// parameters of their own (they belong to their VPC's owner), so a read without a recorded
// owner looks in the caller's scope, then everything it may see, then every project.
import type { CloudStackClient } from "../../client";
import { findById, LookupOptions } from "../../adapter/lookup";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { ownerScope } from "./owner";

const SCOPES = [{}, { listall: true }, { listall: true, projectid: "-1" }] as const;

export async function findInVpcScope(
  client: CloudStackClient,
  listCommand: string,
  id: string,
  olds: PropertyMap,
  options: LookupOptions = {},
): Promise<ApiObject | undefined> {
  const scope = ownerScope(olds);
  if (Object.keys(scope).length > 0) return findById(client, listCommand, id, scope, options);
  for (const tried of SCOPES) {
    const found = await findById(client, listCommand, id, { ...tried }, options);
    if (found) return found;
  }
  return undefined;
}

/** The object of an async create's or update's job result, e.g. result.vpc. */
export function resultObject(result: Record<string, unknown>, key: string, command: string): ApiObject {
  const object = result[key];
  if (!object || typeof object !== "object") throw new Error(`CloudStack ${command} returned no ${key} object`);
  return object as ApiObject;
}
