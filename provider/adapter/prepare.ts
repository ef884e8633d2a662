// Validated inputs and resolved ids for create and update. The engine runs check first; this
// repeats the cheap checks so that a bad property map never reaches the API, and resolves any
// id that check could not (unknown during preview).
import type { CloudStackClient } from "../client";
import { fieldFailures } from "./check";
import { failuresMessage } from "./failures";
import { givenInputs, pickIds } from "./inputs";
import { ownerScope } from "./owner-scope";
import { resolveReference } from "./reference";
import { ResourceSpec } from "./spec";
import { CheckFailure, PropertyMap } from "./types";
import { UNKNOWN } from "./unknown";

export async function prepare(
  spec: ResourceSpec,
  client: CloudStackClient,
  props: PropertyMap,
): Promise<{ inputs: PropertyMap; ids: Record<string, string> }> {
  const inputs = givenInputs(spec, props);
  const parsed = spec.inputs.safeParse(inputs);
  const failures: CheckFailure[] = parsed.success ? [] : fieldFailures(spec, parsed.error.issues, inputs);
  if (failures.length === 0 && spec.validate) failures.push(...spec.validate(inputs, () => true));
  if (failures.length > 0) throw new Error(failuresMessage(spec.kind, failures));

  const ids = pickIds(spec, props);
  for (const [property, reference] of Object.entries(spec.references)) {
    const value = inputs[property];
    if (typeof value !== "string" || (ids[reference.idProperty] && ids[reference.idProperty] !== UNKNOWN)) continue;
    const resolution = await resolveReference(client, property, value, reference.kind, ownerScope(inputs));
    if ("failure" in resolution) throw new Error(failuresMessage(spec.kind, [resolution.failure]));
    ids[reference.idProperty] = resolution.id;
  }
  return { inputs, ids };
}
