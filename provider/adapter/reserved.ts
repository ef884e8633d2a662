// Property names the adapter and the host own, never part of a spec's inputs.
import { PropertyMap } from "./types";

/** The serialized shim, added by pulumi.dynamic.Resource and the host. */
export const PROVIDER_KEY = "__provider";
/** The version of the output layout, written into every output map. */
export const STATE_VERSION_KEY = "stateVersion";
/** The resource's customTimeouts, forwarded by the sdk base class (the engine keeps them). */
export const TIMEOUTS_KEY = "__timeouts";
/** An output: the CloudStack job still running when a create or update reached its deadline. */
export const PENDING_JOB_KEY = "__pendingJob";
/**
 * An input the sdk class adds: "<project>/<stack>/<kind>/<name>", the resource's identity across
 * runs, from which a create derives the ids that let it recognise an earlier attempt's object.
 */
export const IDENTITY_KEY = "__identity";
/** An output: a hash of the API key that created the object, to tell a delete run with other credentials. */
export const CALLER_KEY = "__caller";
/** An input every kind has: the id of an existing object to adopt instead of creating one. */
export const IMPORT_ID_KEY = "importId";

const reserved = new Set([PROVIDER_KEY, STATE_VERSION_KEY, TIMEOUTS_KEY, PENDING_JOB_KEY, IMPORT_ID_KEY, IDENTITY_KEY, CALLER_KEY]);

export function isReserved(key: string): boolean {
  return reserved.has(key);
}

export function withoutReserved(props: PropertyMap): PropertyMap {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !reserved.has(k)));
}
