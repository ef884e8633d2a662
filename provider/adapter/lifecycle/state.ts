// The versioned layout of a kind's outputs, and how outputs are composed from a CloudStack object.
import { deepEqual, isAbsent } from "../diff/comparators";
import { StateVersionError } from "./errors";
import { idProperties, inputKeys, pickInputs } from "../check/inputs";
import { protobufSafeMap } from "./protobuf-safe";
import { STATE_VERSION_KEY } from "../reserved";
import { sameByIds } from "../check/list-reference";
import { ResolvedIdLists, ResolvedIds, ResourceSpec } from "../spec";
import { ApiObject, PropertyMap } from "../types";

/** Brings outputs written by an older version of the package to the current layout. */
export function migrate(spec: ResourceSpec, props: PropertyMap): PropertyMap {
  const found = typeof props[STATE_VERSION_KEY] === "number" ? (props[STATE_VERSION_KEY] as number) : 1;
  if (found > spec.stateVersion) throw new StateVersionError(spec.kind, found, spec.stateVersion);
  let current = props;
  for (let version = found; version < spec.stateVersion; version++) {
    const step = spec.migrations?.[version];
    if (step) current = step(current);
  }
  return { ...current, [STATE_VERSION_KEY]: spec.stateVersion };
}

/**
 * The inputs as the object has them. Where the prior value means the same thing (same id for a
 * reference, equal by the spec's comparison otherwise) the prior form is kept: a name stays a
 * name, "account" stays "account".
 */
export function currentState(
  spec: ResourceSpec,
  object: ApiObject,
  prior: PropertyMap,
): { inputs: PropertyMap; ids: Record<string, string>; lists: Record<string, string[]> } {
  const fromApi = spec.inputsOf(object, prior);
  const ids = spec.idsOf(object);
  const lists = spec.idListsOf?.(object) ?? {};
  const inputs: PropertyMap = {};
  for (const key of inputKeys(spec)) {
    const api = fromApi[key];
    const previous = prior[key];
    const reference = spec.references[key];
    const list = spec.listReferences?.[key];
    let keepPrior: boolean;
    if (isAbsent(previous)) keepPrior = false;
    else if (reference) keepPrior = typeof prior[reference.idProperty] === "string" &&
      String(prior[reference.idProperty]).toLowerCase() === String(ids[reference.idProperty] ?? "").toLowerCase();
    else {
      const byIds = list ? sameByIds(list, previous, prior[list.idProperty], api, lists[list.idProperty]) : undefined;
      keepPrior = byIds ?? (spec.equal?.[key] ?? deepEqual)(previous, api);
    }
    const value = keepPrior ? previous : api;
    if (!isAbsent(value)) inputs[key] = value;
  }
  return { inputs, ids, lists };
}

/**
 * Every input and resolved id the outputs lack, as null: an absent output reads the same
 * whichever way it came about (an input not given, a value CloudStack does not return), as
 * absent attributes already do.
 */
function absentAsNull(spec: ResourceSpec, outputs: PropertyMap): PropertyMap {
  const out = { ...outputs };
  for (const key of [...inputKeys(spec), ...idProperties(spec)]) if (out[key] === undefined) out[key] = null;
  return out;
}

function stamp(spec: ResourceSpec, outputs: PropertyMap): PropertyMap {
  return protobufSafeMap({ ...absentAsNull(spec, outputs), [STATE_VERSION_KEY]: spec.stateVersion });
}

/** Outputs after a successful create or update: the inputs as applied, in the user's form. */
export function appliedOutputs(spec: ResourceSpec, object: ApiObject, inputs: PropertyMap, ids: ResolvedIds, lists: ResolvedIdLists): PropertyMap {
  const applied = pickInputs(spec, inputs);
  const state = currentState(spec, object, { ...applied, ...ids, ...lists });
  return stamp(spec, { ...spec.attributesOf(object), ...state.inputs, ...applied, ...state.ids, ...state.lists, ...ids, ...lists });
}

/** Outputs that describe the object as CloudStack has it (refresh, or a create cut short). */
export function observedOutputs(spec: ResourceSpec, object: ApiObject, prior: PropertyMap): { outputs: PropertyMap; inputs: PropertyMap } {
  const state = currentState(spec, object, prior);
  return {
    outputs: stamp(spec, { ...spec.attributesOf(object), ...state.inputs, ...state.ids, ...state.lists }),
    inputs: protobufSafeMap(state.inputs),
  };
}

/** Outputs for an object CloudStack is still creating and does not list yet: the inputs as given. */
export function plannedOutputs(spec: ResourceSpec, inputs: PropertyMap, ids: ResolvedIds, lists: ResolvedIdLists): PropertyMap {
  return stamp(spec, { ...pickInputs(spec, inputs), ...ids, ...lists });
}
