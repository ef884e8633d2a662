// Reading one object by id and deciding from CloudStack's own signals whether it is gone
// (docs/cloudstack-rules.md, "Gone"): soft-deleted kinds answer the empty list, hard-deleted kinds fail the
// UUID lookup with 431. Never from English error text.
//
// Reads that arrive together are first looked for in one list of their scope (read-batch.ts); an
// object that list does not show, or shows in a state that counts as gone, is read by id here,
// so that "gone" is always decided by the read by id.
import { CloudStackApiError, type CloudStackClient, type Params } from "../../client";
import { forgetId } from "../check/lookup-cache";
import { ApiObject } from "../types";
import { listedObject } from "./read-batch";

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
  const listed = await listedObject(client, listCommand, id, scope);
  if (listed && !options.goneWhen?.(listed)) return listed;
  const found = await findByIdAlone(client, listCommand, id, scope, options);
  // A name resolved to this id earlier must be resolved again.
  if (!found) forgetId(client, id);
  return found;
}

async function findByIdAlone(client: CloudStackClient, listCommand: string, id: string, scope: Params, options: LookupOptions): Promise<ApiObject | undefined> {
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
