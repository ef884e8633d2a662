// Inputs that name another object (a zone, an offering...) by name or by id. A value that looks
// like a UUID is looked up by id; anything else by name. Zero or several matches is a check
// failure listing the candidates, since names are not unique (disabled offerings are listed too).
import { CloudStackApiError, type CloudStackClient, type Params } from "../client";
import { looksLikeUuid } from "../validation/fields";
import { failure } from "./failures";
import { ApiObject, CheckFailure } from "./types";

export interface ReferenceKind {
  /** What the object is called in messages, e.g. "zone", "network offering". */
  readonly noun: string;
  readonly listCommand: string;
  /** Extra list parameters, e.g. to include objects of every owner. */
  readonly listParams?: Params;
}

export type Resolution = { readonly id: string } | { readonly failure: CheckFailure };

const MAX_CANDIDATES = 10;

function describeItem(item: ApiObject): string {
  const details = [`id ${String(item.id)}`];
  if (typeof item.state === "string") details.push(`state ${item.state}`);
  return `${JSON.stringify(String(item.name ?? ""))} (${details.join(", ")})`;
}

function candidateList(items: readonly ApiObject[]): string {
  if (items.length === 0) return "there are none";
  const shown = items.slice(0, MAX_CANDIDATES).map(describeItem).join(", ");
  const more = items.length > MAX_CANDIDATES ? `, and ${items.length - MAX_CANDIDATES} more` : "";
  return shown + more;
}

/** A list by id answers 431 for a UUID that does not exist (PROTOCOL.md §7): that is no match. */
async function listMatching(client: CloudStackClient, kind: ReferenceKind, params: Params): Promise<ApiObject[]> {
  try {
    return await client.list<ApiObject>(kind.listCommand, { ...kind.listParams, ...params });
  } catch (err) {
    if (err instanceof CloudStackApiError && err.errorcode === 431 && "id" in params) return [];
    throw err;
  }
}

export async function resolveReference(
  client: CloudStackClient,
  property: string,
  value: string,
  kind: ReferenceKind,
): Promise<Resolution> {
  if (looksLikeUuid(value)) {
    const byId = await listMatching(client, kind, { id: value });
    const match = byId.find((item) => String(item.id).toLowerCase() === value.toLowerCase());
    if (match) return { id: String(match.id) };
  } else {
    const byName = (await listMatching(client, kind, { name: value })).filter((item) => item.name === value);
    if (byName.length === 1) return { id: String(byName[0].id) };
    if (byName.length > 1) {
      return {
        failure: failure(
          property,
          value,
          `matches ${byName.length} ${kind.noun}s; write the id of the one you mean: ${candidateList(byName)}`,
        ),
      };
    }
  }
  const all = await listMatching(client, kind, {});
  const by = looksLikeUuid(value) ? "id" : "name";
  return { failure: failure(property, value, `matches no ${kind.noun} by ${by}; candidates: ${candidateList(all)}`) };
}
