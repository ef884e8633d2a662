// The base class of every sdk resource: a pulumi.dynamic.Resource whose provider is the shim,
// with the type token pulumi-nodejs:dynamic/cloudstack:<Kind>.
import * as pulumi from "@pulumi/pulumi";
import { shimFor } from "./shim";

export abstract class CloudStackResource extends pulumi.dynamic.Resource {
  /**
   * `outputNames` lists every output beyond the inputs: the SDK exposes only properties present
   * in the map it registers, so each is passed as undefined (which sends nothing).
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
    const merged: pulumi.CustomResourceOptions =
      secretOutputs.length > 0
        ? { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secretOutputs] }
        : { ...opts };
    super(shimFor(kind), name, props, merged, "cloudstack", kind);
  }
}
