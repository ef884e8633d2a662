// The object a create or update leaves: the one its (async job's) result holds, e.g.
// result.firewallrule, or the one read again after it.
import type { CloudStackClient, Params } from "../../client";
import { ApiObject } from "../../adapter/types";

export function objectOf(result: Record<string, unknown>, key: string, command: string): ApiObject {
  const object = result[key];
  if (!object || typeof object !== "object") throw new Error(`CloudStack ${command} returned no ${key} object`);
  return object as ApiObject;
}

/** Runs `command` (to its job's end when async) and returns the object its result holds under `key`. */
export async function executeForObject(client: CloudStackClient, command: string, params: Params, key: string): Promise<ApiObject> {
  return objectOf(await client.execute(command, params), key, command);
}

/** The object read again after an update; gone by then is an error, not a deletion. */
export function stillPresent(found: ApiObject | undefined, kind: string, id: string): ApiObject {
  if (!found) throw new Error(`${kind} ${id} disappeared during its update`);
  return found;
}

/** Runs an update command, then reads the object again: what the update left, or an error if it went. */
export async function updateThenRead(
  client: CloudStackClient,
  command: string,
  params: Params,
  read: () => Promise<ApiObject | undefined>,
  kind: string,
): Promise<ApiObject> {
  await client.execute(command, params);
  return stillPresent(await read(), kind, String(params.id));
}
