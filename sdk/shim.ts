// The provider object that pulumi.dynamic.Resource serializes into the state. The engine runs
// delete and refresh with the copy stored at the last create/update, so it holds nothing but
// the kind string: each method requires the installed package by name (resolved from the
// program's folder) and delegates. No schema, no client, no secret is captured.
import type * as pulumi from "@pulumi/pulumi";
import type { DynamicProvider } from "../provider";

type ProviderModule = { providers: Record<string, DynamicProvider> };
type ConfigureRequest = Parameters<DynamicProvider["configure"]>[0];

function makeShim(kind: string): pulumi.dynamic.ResourceProvider {
  return {
    configure: (req: ConfigureRequest) =>
      (require("pulumi-cloudstack/provider") as ProviderModule).providers[kind].configure(req),
    check: (olds: Record<string, unknown>, news: Record<string, unknown>) =>
      (require("pulumi-cloudstack/provider") as ProviderModule).providers[kind].check(olds, news),
    diff: (id: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
      (require("pulumi-cloudstack/provider") as ProviderModule).providers[kind].diff(id, olds, news),
    create: (props: Record<string, unknown>) =>
      (require("pulumi-cloudstack/provider") as ProviderModule).providers[kind].create(props),
    read: (id: string, props: Record<string, unknown>) =>
      (require("pulumi-cloudstack/provider") as ProviderModule).providers[kind].read(id, props),
    update: (id: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
      (require("pulumi-cloudstack/provider") as ProviderModule).providers[kind].update(id, olds, news),
    delete: (id: string, props: Record<string, unknown>) =>
      (require("pulumi-cloudstack/provider") as ProviderModule).providers[kind].delete(id, props),
  };
}

const shims = new Map<string, pulumi.dynamic.ResourceProvider>();

/** One shim object per kind, so the SDK serializes it once per process. */
export function shimFor(kind: string): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(kind);
  if (!shim) {
    shim = makeShim(kind);
    shims.set(kind, shim);
  }
  return shim;
}
