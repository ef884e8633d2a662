// Resource tags: a plain map for users (read with tagsOf, api-values.ts), createTags / deleteTags
// (both async) for CloudStack.
import type { CloudStackClient } from "../../client";
import { isAbsent } from "../../adapter/diff/comparators";
import type { TagMap } from "./api-values";


function asMap(value: unknown): TagMap {
  return isAbsent(value) || typeof value !== "object" ? {} : (value as TagMap);
}

/** Absent tags are no tags. */
export function tagsEqual(a: unknown, b: unknown): boolean {
  const left = asMap(a);
  const right = asMap(b);
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => left[key] === right[key]);
}

const asParam = (tags: TagMap) => Object.entries(tags).map(([key, value]) => ({ key, value }));

/** Makes the object's tags `after`: removes dropped or changed keys, then adds new values. */
export async function syncTags(
  client: CloudStackClient,
  resourceType: string,
  id: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  const old = asMap(before);
  const next = asMap(after);
  const stale: TagMap = {};
  const fresh: TagMap = {};
  for (const [key, value] of Object.entries(old)) if (next[key] !== value) stale[key] = value;
  for (const [key, value] of Object.entries(next)) if (old[key] !== value) fresh[key] = value;
  if (Object.keys(stale).length > 0) {
    await client.execute("deleteTags", { resourcetype: resourceType, resourceids: [id], tags: asParam(stale) });
  }
  if (Object.keys(fresh).length > 0) {
    await client.execute("createTags", { resourcetype: resourceType, resourceids: [id], tags: asParam(fresh) });
  }
}
