// Splitting a property map into a spec's inputs and the ids check resolved for it.
import { PROVIDER_KEY, withoutReserved } from "../reserved";
import { ResourceSpec } from "../spec";
import { PropertyMap } from "../types";

export function inputKeys(spec: ResourceSpec): string[] {
  return Object.keys(spec.inputs.shape);
}

export function idProperties(spec: ResourceSpec): string[] {
  return [...Object.values(spec.references), ...Object.values(spec.listReferences ?? {})].map((ref) => ref.idProperty);
}

/** The spec's inputs present in `props` (outputs carry them too, under the same names). */
export function pickInputs(spec: ResourceSpec, props: PropertyMap): PropertyMap {
  const out: PropertyMap = {};
  for (const key of inputKeys(spec)) {
    if (props[key] !== undefined && props[key] !== null) out[key] = props[key];
  }
  return out;
}

export function pickIds(spec: ResourceSpec, props: PropertyMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { idProperty } of Object.values(spec.references)) {
    if (typeof props[idProperty] === "string") out[idProperty] = props[idProperty] as string;
  }
  return out;
}

export function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((id) => typeof id === "string");
}

export function pickIdLists(spec: ResourceSpec, props: PropertyMap): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { idProperty } of Object.values(spec.listReferences ?? {})) {
    const value = props[idProperty];
    if (isIdList(value)) out[idProperty] = [...value];
  }
  return out;
}

/** The user's inputs as given, without the host's and adapter's own keys. */
export function givenInputs(spec: ResourceSpec, props: PropertyMap): PropertyMap {
  const ids = new Set(idProperties(spec));
  return Object.fromEntries(Object.entries(withoutReserved(props)).filter(([k]) => !ids.has(k)));
}

/** The host's shim entry of `props`, to carry into outputs the host does not complete itself. */
export function providerEntry(props: PropertyMap): PropertyMap {
  return props[PROVIDER_KEY] === undefined ? {} : { [PROVIDER_KEY]: props[PROVIDER_KEY] };
}

