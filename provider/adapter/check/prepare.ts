// Validated inputs and resolved ids for create and update. The engine runs check first; this
// repeats the cheap checks so that a bad property map never reaches the API, and resolves any
// id that check could not (unknown during preview), lists of ids included.
import type { CloudStackClient } from "../../client";
import { fieldFailures } from "./check";
import { failuresMessage } from "./failures";
import { givenInputs, pickIdLists, pickIds } from "./inputs";
import { resolveList } from "./list-reference";
import { ownerScope } from "./owner-scope";
import { resolveReference } from "./reference";
import { ResourceSpec } from "../spec";
import { CheckFailure, PropertyMap } from "../types";
import { UNKNOWN } from "./unknown";

export interface Prepared {
  inputs: PropertyMap;
  ids: Record<string, string>;
  lists: Record<string, string[]>;
}

export async function prepare(spec: ResourceSpec, client: CloudStackClient, props: PropertyMap): Promise<Prepared> {
  const inputs = givenInputs(spec, props);
  const parsed = spec.inputs.safeParse(inputs);
  const failures: CheckFailure[] = parsed.success ? [] : fieldFailures(spec, parsed.error.issues, inputs);
  if (failures.length === 0 && spec.validate) failures.push(...spec.validate(inputs, () => true));
  if (failures.length > 0) throw new Error(failuresMessage(spec.kind, failures));

  const owner = ownerScope(inputs);
  const ids = pickIds(spec, props);
  const references = Object.entries(spec.references);
  // Those that prefer a place another reference names come after it.
  for (const [property, reference] of [...references.filter(([, r]) => !r.preferIn), ...references.filter(([, r]) => r.preferIn)]) {
    const value = inputs[property];
    if (typeof value !== "string" || (ids[reference.idProperty] && ids[reference.idProperty] !== UNKNOWN)) continue;
    const preferredId = reference.preferIn ? ids[reference.preferIn.idProperty] : undefined;
    const preferred = reference.preferIn && preferredId && preferredId !== UNKNOWN ? { [reference.preferIn.param]: preferredId } : {};
    const resolution = await resolveReference(client, property, value, reference.kind, owner, preferred);
    if ("failure" in resolution) throw new Error(failuresMessage(spec.kind, [resolution.failure]));
    ids[reference.idProperty] = resolution.id;
  }

  const lists = pickIdLists(spec, props);
  for (const [property, reference] of Object.entries(spec.listReferences ?? {})) {
    const value = inputs[property];
    const given = lists[reference.idProperty];
    if (!Array.isArray(value) || (given && given.length === value.length && !given.includes(UNKNOWN))) continue;
    const resolved = await resolveList(client, property, value, reference, owner);
    if (resolved.failures.length > 0) throw new Error(failuresMessage(spec.kind, resolved.failures));
    lists[reference.idProperty] = resolved.ids;
  }
  return { inputs, ids, lists };
}
