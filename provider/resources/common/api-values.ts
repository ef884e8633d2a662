// Reading fields of a CloudStack API object into output values: absent or empty fields become
// null, so outputs keep a stable shape and survive protobuf conversion.
import { looksLikeUuid } from "../../validation/fields";

export const textOrNull = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

export const booleanOrNull = (value: unknown): boolean | null => (typeof value === "boolean" ? value : null);

export const numberOrNull = (value: unknown): number | null => {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return null;
};

/** A list CloudStack answers as an array or as one comma-separated string ("" when empty). */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v !== "");
  if (typeof value !== "string") return [];
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/**
 * A field that should hold a uuid. Some responses carry an internal numeric id instead (e.g.
 * GuestVlanRangeResponse's physicalnetworkid): then the caller's own value is kept.
 */
export const uuidOr = (value: unknown, fallback: unknown): string | null =>
  typeof value === "string" && looksLikeUuid(value) ? value : textOrNull(fallback);

/** Resolved ids read from an object's fields, by idProperty (e.g. { zoneId: "zoneid" }); absent ones left out. */
export function presentIds(object: Record<string, unknown>, fields: Readonly<Record<string, string>>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [idProperty, field] of Object.entries(fields)) {
    const value = textOrNull(object[field]);
    if (value) ids[idProperty] = value;
  }
  return ids;
}

export type TagMap = Record<string, string>;

/** The tags of an API object (`tags: [{key, value, ...}]`) as a map. */
export function tagsOf(object: Record<string, unknown>): TagMap {
  const out: TagMap = {};
  if (!Array.isArray(object.tags)) return out;
  for (const tag of object.tags as unknown[]) {
    if (tag && typeof tag === "object") {
      const { key, value } = tag as { key?: unknown; value?: unknown };
      if (typeof key === "string") out[key] = typeof value === "string" ? value : String(value ?? "");
    }
  }
  return out;
}
