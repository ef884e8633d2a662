// The registry of resource kinds. The sdk's serialized shims require this module by package
// name ("pulumi-cloudstack/provider") and delegate to providers[kind].
import { ClientRuntime } from "./adapter/runtime";
import { makeProvider } from "./adapter/operations";
import { ResourceSpec } from "./adapter/spec";
import { DynamicProvider } from "./adapter/types";
import { networkSpec } from "./resources/network";

export const specs = {
  Network: networkSpec,
} as const satisfies Record<string, ResourceSpec>;

export type ResourceKind = keyof typeof specs;

/** The process-wide client holder shared by every kind (configured by the host's configure). */
export const runtime = new ClientRuntime();

export const providers: Record<ResourceKind, DynamicProvider> = {
  Network: makeProvider(specs.Network, runtime),
};

export { ClientRuntime, makeProvider };
export type { DynamicProvider, ResourceSpec };
export { UNKNOWN } from "./adapter/unknown";
export { ResourceInitError, PartiallyCreatedError, StateVersionError } from "./adapter/errors";
