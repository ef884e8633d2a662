// The base class of every sdk resource: a pulumi.dynamic.Resource whose provider is the shim,
// with the type token pulumi-nodejs:dynamic/cloudstack:<Kind>.
import * as pulumi from "@pulumi/pulumi";
// The keys alone: a program loads the sdk, and the provider only inside the provider host.
import { IDENTITY_KEY, TIMEOUTS_KEY } from "../provider/property-keys";
import { shimFor } from "./shim";

/** Who owns an object that `get` reads, when it is not the caller's own account. */
export interface OwnerScope {
  /** The id of the project that owns the object. */
  projectId?: pulumi.Input<string>;
  /** The account that owns the object (with `domainId`). */
  account?: pulumi.Input<string>;
  /** The id of the owning account's domain. */
  domainId?: pulumi.Input<string>;
}

/**
 * opts.customTimeouts as an input: the engine never passes deadlines to a dynamic provider, so
 * the class sends them along (diff ignores them). Values are durations such as "5m" or "1h30m".
 */
function timeoutsInput(timeouts: pulumi.CustomTimeouts | undefined): Record<string, string> | undefined {
  if (!timeouts) return undefined;
  const out: Record<string, string> = {};
  for (const key of ["create", "update", "delete"] as const) {
    const value = timeouts[key];
    if (typeof value === "string" && value !== "") out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export abstract class CloudStackResource extends pulumi.dynamic.Resource {
  /**
   * `outputNames` lists every output beyond the inputs: the SDK exposes only properties present
   * in the map it registers, so each is passed as undefined (which sends nothing).
   * `secretOutputs` are outputs that must be secret (additionalSecretOutputs); inputs of those names are sent as secrets.
   */
  protected constructor(
    kind: string,
    name: string,
    args: object | undefined,
    outputNames: readonly string[],
    opts: pulumi.CustomResourceOptions | undefined,
    secretOutputs: readonly string[] = [],
  ) {
    const props: Record<string, unknown> = {};
    for (const key of outputNames) props[key] = undefined;
    Object.assign(props, args ?? {});
    // A secret input (a password, a pre-shared key) is sent as a secret even when written in
    // clear, so that the state keeps it encrypted in the inputs as well as the outputs.
    for (const key of secretOutputs) {
      if (props[key] !== undefined) props[key] = pulumi.secret(props[key] as pulumi.Input<unknown>);
    }
    // A read (get) sends no deadlines: nothing is created, updated or deleted.
    const timeouts = opts?.id === undefined ? timeoutsInput(opts?.customTimeouts) : undefined;
    if (timeouts) props[TIMEOUTS_KEY] = timeouts;
    // Stable across runs (unlike anything random made in check), so that a create interrupted in
    // one run is recognised by the next instead of being made twice.
    if (opts?.id === undefined) props[IDENTITY_KEY] = `${pulumi.getProject()}/${pulumi.getStack()}/${kind}/${name}`;
    const merged: pulumi.CustomResourceOptions =
      secretOutputs.length > 0
        ? { ...opts, additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), ...secretOutputs])] }
        : { ...opts };
    super(shimFor(kind), name, props, merged, "cloudstack", kind);
  }
}
