// Reading one object by id and deciding from CloudStack's own signals whether it is gone
// (docs/cloudstack-rules.md, "Gone"): soft-deleted kinds answer the empty list, hard-deleted kinds fail the
// UUID lookup with 431. Never from English error text.
import { CloudStackApiError, type CloudStackClient, type Params } from "../../client";
import { ApiObject } from "../types";

export interface LookupOptions {
  /** An object in such a state counts as gone (e.g. a network in state Destroy). */
  readonly goneWhen?: (object: ApiObject) => boolean;
}

export async function findById(
  client: CloudStackClient,
  listCommand: string,
  id: string,
  scope: Params,
  options: LookupOptions = {},
): Promise<ApiObject | undefined> {
  let items: ApiObject[];
  try {
    items = await client.list<ApiObject>(listCommand, { ...scope, id });
  } catch (err) {
    if (err instanceof CloudStackApiError && err.errorcode === 431) return undefined;
    throw err;
  }
  const object = items.find((item) => String(item.id).toLowerCase() === id.toLowerCase());
  if (!object || options.goneWhen?.(object)) return undefined;
  return object;
}
