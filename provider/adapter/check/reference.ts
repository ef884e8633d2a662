// Inputs that name another object (a zone, an offering...) by name or by id. A value that looks
// like a UUID is looked up by id; anything else by name. Zero or several matches is a check
// failure listing the candidates, since names are not unique (disabled offerings are listed too).
//
// Objects with an owner (networks, VPCs, instances, public IPs) are looked up first in the owner
// scope of the resource that names them: CloudStack lists a project's objects only when asked
// with the project's id, so a project's network named from a project's resource is found there.
// A resource without owner inputs (a rule, whose owner is its IP's) looks in the caller's view,
// then in every project the caller may use.
//
// A match to one object is kept for the life of the process (lookup-cache.ts): the second
// resource that names the same zone costs no request.
import { CloudStackApiError, type CloudStackClient, type Params } from "../../client";
import { looksLikeUuid } from "../../validation/fields";
import { failure } from "./failures";
import { cachedMatch, Match } from "./lookup-cache";
import { ApiObject, CheckFailure } from "../types";

export interface ReferenceKind {
  /** What the object is called in messages, e.g. "zone", "network offering". */
  readonly noun: string;
  readonly listCommand: string;
  /** Extra list parameters, e.g. to include objects of every owner. */
  readonly listParams?: Params;
  /**
   * The object has an owner (account or project): lookups try the referring resource's owner
   * scope first, then the caller's view; without an owner scope, the caller's view, then every
   * project the caller may use. Zones and offerings have none.
   */
  readonly owned?: boolean;
}

export type Resolution = { readonly id: string } | { readonly failure: CheckFailure };

const MAX_CANDIDATES = 10;

function describeItem(item: ApiObject): string {
  const details = [`id ${String(item.id)}`];
  if (typeof item.state === "string") details.push(`state ${item.state}`);
  if (typeof item.project === "string" && item.project !== "") details.push(`project ${item.project}`);
  return `${JSON.stringify(String(item.name ?? ""))} (${details.join(", ")})`;
}

function candidateList(items: readonly ApiObject[]): string {
  if (items.length === 0) return "there are none";
  const shown = items.slice(0, MAX_CANDIDATES).map(describeItem).join(", ");
  const more = items.length > MAX_CANDIDATES ? `, and ${items.length - MAX_CANDIDATES} more` : "";
  return shown + more;
}

/**
 * A list by id answers 431 for a UUID that does not exist (PROTOCOL.md §7): that is no match.
 * In an owner scope, any API error (a project the caller may not use, say) is no match there
 * either: the lookup goes on without the scope, and create reports the owner problem itself.
 */
async function listMatching(client: CloudStackClient, kind: ReferenceKind, scope: Params, params: Params): Promise<ApiObject[]> {
  try {
    return await client.list<ApiObject>(kind.listCommand, { ...kind.listParams, ...scope, ...params });
  } catch (err) {
    if (err instanceof CloudStackApiError && (Object.keys(scope).length > 0 || (err.errorcode === 431 && "id" in params))) return [];
    throw err;
  }
}

/** listall with projectid -1: the objects of every project the caller may use. */
const EVERY_PROJECT: Params = { listall: true, projectid: "-1" };

/**
 * One item per object: CloudStack lists some objects once per place they are in (a template
 * once per zone), and those are one object, not several candidates.
 */
function distinctById(items: readonly ApiObject[]): ApiObject[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = String(item.id).toLowerCase();
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

async function matchIn(client: CloudStackClient, kind: ReferenceKind, scope: Params, value: string): Promise<Match> {
  if (looksLikeUuid(value)) {
    const byId = await listMatching(client, kind, scope, { id: value });
    const match = byId.find((item) => String(item.id).toLowerCase() === value.toLowerCase());
    return match ? { id: String(match.id), object: match } : undefined;
  }
  const byName = distinctById((await listMatching(client, kind, scope, { name: value })).filter((item) => item.name === value));
  if (byName.length === 1) return { id: String(byName[0].id), object: byName[0] };
  return byName.length > 1 ? { several: byName } : undefined;
}

/** The match in the first scope that has one: the owner's before the caller's, the preferred place first in each. */
async function firstMatch(client: CloudStackClient, kind: ReferenceKind, ownerScopes: readonly Params[], preferred: Params, value: string): Promise<Match> {
  const narrowed = Object.keys(preferred).length > 0;
  const scopes = ownerScopes.flatMap((scope) => (narrowed ? [{ ...scope, ...preferred }, scope] : [scope]));
  for (const scope of scopes) {
    const match = await matchIn(client, kind, scope, value);
    if (match) return match;
  }
  return undefined;
}

/**
 * Resolves `value` to an id. `owner` is the owner scope of the resource whose input names the
 * object (projectid, or account + domainid; see ownerScope); it applies to owned kinds only.
 * `preferred` narrows a list to where the resource wants the object (e.g. { zoneid } for a
 * template): tried first in each owner scope, so a match there wins over namesakes elsewhere.
 */
export async function resolveReference(
  client: CloudStackClient,
  property: string,
  value: string,
  kind: ReferenceKind,
  owner: Params = {},
  preferred: Params = {},
): Promise<Resolution> {
  const ownerScopes: Params[] = !kind.owned ? [{}] : Object.keys(owner).length > 0 ? [owner, {}] : [{}, EVERY_PROJECT];
  const key = [kind.listCommand, kind.listParams ?? {}, ownerScopes, preferred, value];
  const match = await cachedMatch(client, key, value, () => firstMatch(client, kind, ownerScopes, preferred, value));
  if (match && "id" in match) return { id: match.id };
  if (match) {
    return {
      failure: failure(property, value, `matches ${match.several.length} ${kind.noun}s; write the id of the one you mean: ${candidateList(match.several)}`),
    };
  }
  const seen = new Set<string>();
  const all: ApiObject[] = [];
  for (const scope of ownerScopes) {
    for (const item of await listMatching(client, kind, scope, {})) {
      const id = String(item.id).toLowerCase();
      if (!seen.has(id)) all.push(item);
      seen.add(id);
    }
  }
  const by = looksLikeUuid(value) ? "id" : "name";
  const where = Object.keys(owner).length > 0 && kind.owned ? ` in ${describeScope(owner)} or elsewhere` : "";
  return { failure: failure(property, value, `matches no ${kind.noun} by ${by}${where}; candidates: ${candidateList(all)}`) };
}

function describeScope(owner: Params): string {
  if (typeof owner.projectid === "string") return `project ${owner.projectid}`;
  return `account ${String(owner.account)} (domain ${String(owner.domainid)})`;
}
