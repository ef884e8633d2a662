// List references: a list input whose items each name another object in one field (Instance
// `networks[i].network`). Each item is resolved like a single reference, in the owner scope of
// the resource, and the ids, in list order, decide whether the list changed.
import type { CloudStackClient, Params } from "../../client";
import { deepEqual } from "../diff/comparators";
import { isIdList } from "./inputs";
import { resolveReference } from "./reference";
import { ListReferenceInput } from "../spec";
import { CheckFailure } from "../types";
import { UNKNOWN } from "./unknown";

function itemsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function nameIn(item: unknown, field: string): unknown {
  return item !== null && typeof item === "object" ? (item as Record<string, unknown>)[field] : undefined;
}

/**
 * The ids of the objects the items name, in order (UNKNOWN for an item whose name is unknown
 * during preview), and a failure per item that names no object or several. The items must have
 * passed the field rules.
 */
export async function resolveList(
  client: CloudStackClient,
  property: string,
  value: unknown,
  reference: ListReferenceInput,
  owner: Params,
): Promise<{ ids: string[]; failures: CheckFailure[] }> {
  const resolved = await Promise.all(
    itemsOf(value).map(async (item, i): Promise<{ id: string; failure?: CheckFailure }> => {
      const name = nameIn(item, reference.field);
      if (typeof name !== "string" || name === UNKNOWN) return { id: UNKNOWN };
      const resolution = await resolveReference(client, `${property}.${i}.${reference.field}`, name, reference.kind, owner);
      return "id" in resolution ? resolution : { id: UNKNOWN, failure: resolution.failure };
    }),
  );
  return {
    ids: resolved.map((r) => r.id),
    failures: resolved.flatMap((r) => (r.failure ? [r.failure] : [])),
  };
}

/** Same ids in the same order (ids compare without case). */
export function sameIdList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id.toLowerCase() === b[i].toLowerCase());
}

/** The items without the field that names the object: what is left to compare once ids decide. */
function withoutField(value: unknown, field: string): unknown[] {
  return itemsOf(value).map((item) => {
    if (item === null || typeof item !== "object") return item;
    const { [field]: _named, ...rest } = item as Record<string, unknown>;
    return rest;
  });
}

/**
 * Whether two lists mean the same objects with the same other fields, judged by their resolved
 * ids; undefined when either side has no usable ids (then the spec's own comparison decides).
 */
export function sameByIds(
  reference: ListReferenceInput,
  oldValue: unknown,
  oldIds: unknown,
  newValue: unknown,
  newIds: unknown,
): boolean | undefined {
  if (!isIdList(oldIds) || !isIdList(newIds) || newIds.includes(UNKNOWN)) return undefined;
  if (oldIds.length !== itemsOf(oldValue).length || newIds.length !== itemsOf(newValue).length) return undefined;
  return sameIdList(oldIds, newIds) && deepEqual(withoutField(oldValue, reference.field), withoutField(newValue, reference.field));
}
