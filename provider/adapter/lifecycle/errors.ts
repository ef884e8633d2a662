// Errors the adapter raises toward the host.
import { ApiObject, PropertyMap } from "../types";

/**
 * Thrown by a spec's create when the object exists but a later step failed (tags, a job past
 * its deadline...). The adapter turns it into a ResourceInitError.
 */
export class PartiallyCreatedError extends Error {
  constructor(
    readonly object: ApiObject,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "PartiallyCreatedError";
  }
}

/**
 * A create that failed after the object came to exist. The host turns an error carrying `id`
 * into pulumirpc.ErrorResourceInitFailed, so the engine records the object (with these
 * outputs) and the next run updates it instead of creating a duplicate.
 */
export class ResourceInitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: PropertyMap,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "ResourceInitError";
  }
}

/** Outputs written by a newer version of the package than the one running. */
export class StateVersionError extends Error {
  constructor(kind: string, found: number, supported: number) {
    super(
      `${kind} state has stateVersion ${found}, but this pulumi-cloudstack understands up to ${supported}: ` +
        `upgrade the pulumi-cloudstack package used by the program.`,
    );
    this.name = "StateVersionError";
  }
}
