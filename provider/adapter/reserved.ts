// Property names the adapter and the host own, never part of a spec's inputs.
import { PropertyMap } from "./types";

/** The serialized shim, added by pulumi.dynamic.Resource and the host. */
export const PROVIDER_KEY = "__provider";
/** The version of the output layout, written into every output map. */
export const STATE_VERSION_KEY = "stateVersion";

const reserved = new Set([PROVIDER_KEY, STATE_VERSION_KEY]);

export function isReserved(key: string): boolean {
  return reserved.has(key);
}

export function withoutReserved(props: PropertyMap): PropertyMap {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !reserved.has(k)));
}
