// Property names the adapter and the host own, never part of a spec's inputs.
import { IDENTITY_KEY, TIMEOUTS_KEY } from "../property-keys";
import { PropertyMap } from "./types";

export { IDENTITY_KEY, TIMEOUTS_KEY };

/** The serialized shim, added by pulumi.dynamic.Resource and the host. */
export const PROVIDER_KEY = "__provider";
/** The version of the output layout, written into every output map. */
export const STATE_VERSION_KEY = "stateVersion";
/** An output: the CloudStack job still running when a create or update reached its deadline. */
export const PENDING_JOB_KEY = "__pendingJob";
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
