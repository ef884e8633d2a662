// The root admin's view of the simulator through the raw client, for asserting what a stack
// made and that nothing of it is left afterwards.
import { RunningSimulator } from "../../simulator";
import { rawCall } from "../simulator/raw-client";

export type Item = Record<string, unknown>;

/** The items under `key` of a list call, every page, as the root admin sees them. */
export async function adminList(sim: RunningSimulator, command: string, key: string, params: Record<string, string> = {}): Promise<Item[]> {
  const res = await rawCall(sim.endpoint, sim.admin, command, params);
  if (res.status !== 200) throw new Error(`${command}: ${JSON.stringify(res.body)}`);
  const body = res.body[`${command.toLowerCase()}response`] as Record<string, Item[] | undefined> | undefined;
  return body?.[key] ?? [];
}

/** A list by id across accounts; [] once the object is gone (CloudStack answers 431 for a hard-deleted id). */
export async function adminListById(sim: RunningSimulator, command: string, key: string, id: string): Promise<Item[]> {
  try {
    return await adminList(sim, command, key, { id, listall: "true" });
  } catch (err) {
    if (/"errorcode":431/.test(String((err as Error).message))) return [];
    throw err;
  }
}

/** Every network the simulator holds, across accounts and projects, as the admin sees them. */
export async function listAllNetworks(sim: RunningSimulator): Promise<Item[]> {
  const scopes: Array<Record<string, string>> = [{ listall: "true" }, { listall: "true", projectid: "-1" }];
  const seen: Item[] = [];
  for (const scope of scopes) seen.push(...(await adminList(sim, "listNetworks", "network", scope)));
  return seen;
}
