// Which inputs differ between the old outputs and the new checked inputs, and which of those
// force a replacement. Shared by diff (to report) and update (to apply).
import { deepEqual, isAbsent } from "./comparators";
import { inputKeys } from "../check/inputs";
import { sameByIds } from "../check/list-reference";
import { ResourceSpec } from "../spec";
import { PropertyMap } from "../types";
import { containsUnknown, UNKNOWN } from "../check/unknown";

function sameId(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}

export function inputChanged(spec: ResourceSpec, key: string, olds: PropertyMap, news: PropertyMap): boolean {
  const next = news[key];
  if (containsUnknown(next)) return true;
  const reference = spec.references[key];
  if (reference) {
    const newId = news[reference.idProperty];
    const oldId = olds[reference.idProperty];
    if (newId === UNKNOWN) return true;
    // Ids decide: a zone written as its uuid instead of its name is the same zone.
    if (typeof newId === "string" && typeof oldId === "string") return !sameId(newId, oldId);
  }
  if (isAbsent(next) && spec.defaultedByCloudStack.includes(key)) return false;
  const list = spec.listReferences?.[key];
  if (list) {
    if (Array.isArray(news[list.idProperty]) && containsUnknown(news[list.idProperty])) return true;
    // Ids decide here too: a network written as its id instead of its name is the same network.
    const same = sameByIds(list, olds[key], olds[list.idProperty], next, news[list.idProperty]);
    if (same !== undefined) return !same;
  }
  const equal = spec.equal?.[key];
  if (isAbsent(next) && isAbsent(olds[key])) return false;
  return equal ? !equal(olds[key], next) : !deepEqual(olds[key], next);
}

/** Changed inputs, in the order the spec declares them. */
export function changedInputs(spec: ResourceSpec, olds: PropertyMap, news: PropertyMap): string[] {
  return inputKeys(spec).filter((key) => inputChanged(spec, key, olds, news));
}

export function changesInPlace(spec: ResourceSpec, key: string, olds: PropertyMap): boolean {
  const rule = spec.inPlace[key];
  return rule === true || (typeof rule === "function" && rule(olds));
}
