// Names and ids that inputs give, resolved once per provider process and caller: a stack names
// the same zone and offering from every network, and create resolves what check resolved.
//
// Only a resolution to one object is kept: a name that matched nothing or several may match one
// later (an object created by this very run), so it is looked up again each time. Lookups of the
// same name that overlap share one request. A kept entry goes when something says its object is
// gone or changed: a read that finds the id gone, this process deleting or updating the object,
// a create refused with 431 for one of the ids it was given, or a new object taking the name.
import { CloudStackApiError, type CloudStackClient } from "../../client";
import { perCaller } from "../process-state";

/** What a lookup found: one object (as it was listed then), several (a name that is not unique), or none. */
export type Match =
  | { readonly id: string; readonly object: Record<string, unknown> }
  | { readonly several: readonly Record<string, unknown>[] }
  | undefined;

interface Entry {
  readonly match: Promise<Match>;
  readonly value: string;
  /** Set once the lookup found one object. */
  id?: string;
  object?: Record<string, unknown>;
}

class Lookups {
  readonly entries = new Map<string, Entry>();
}

const LOOKUPS = { make: () => new Lookups() };

/**
 * The match for `key` (what was looked up, where and how), from an earlier lookup of this
 * process or from `lookup`. `value` is the name or id looked up.
 */
export function cachedMatch(client: CloudStackClient, key: readonly unknown[], value: string, lookup: () => Promise<Match>): Promise<Match> {
  const { entries } = perCaller(client, LOOKUPS);
  const text = JSON.stringify(key);
  const known = entries.get(text);
  if (known) return known.match;
  const entry: Entry = { value, match: lookup() };
  entries.set(text, entry);
  entry.match.then(
    (match) => {
      if (match && "id" in match) {
        entry.id = match.id.toLowerCase();
        entry.object = match.object;
      }
      else if (entries.get(text) === entry) entries.delete(text);
    },
    () => {
      if (entries.get(text) === entry) entries.delete(text);
    },
  );
  return entry.match;
}

/**
 * The object a lookup of this process found by this id, as it was listed then: for what does
 * not change after creation (the project a network belongs to), without asking again.
 */
export function matchedObject(client: CloudStackClient, id: string): Record<string, unknown> | undefined {
  const wanted = id.toLowerCase();
  for (const entry of perCaller(client, LOOKUPS).entries.values()) if (entry.id === wanted && entry.object) return entry.object;
  return undefined;
}

function forget(client: CloudStackClient, drop: (entry: Entry) => boolean): void {
  const { entries } = perCaller(client, LOOKUPS);
  for (const [text, entry] of entries) if (drop(entry)) entries.delete(text);
}

/** The object with this id is gone or changed: names that resolved to it are looked up again. */
export function forgetId(client: CloudStackClient, id: string): void {
  const wanted = id.toLowerCase();
  forget(client, (entry) => entry.id === wanted);
}

/** A new object took this name: a name that meant one object may now mean two. */
export function forgetName(client: CloudStackClient, name: string): void {
  forget(client, (entry) => entry.value === name);
}

/**
 * A command given these resolved ids was refused with 431, CloudStack's answer for an id that
 * does not exist (or no longer does): they are looked up again next time.
 */
export function forgetOnRefusal(client: CloudStackClient, err: unknown, ids: Iterable<string>): void {
  if (!(err instanceof CloudStackApiError) || err.errorcode !== 431) return;
  for (const id of ids) forgetId(client, id);
}
