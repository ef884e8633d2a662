// The shapes exchanged with the SDK's dynamic-provider host (structurally those of
// @pulumi/pulumi's dynamic.ResourceProvider), kept here so the CRUD core needs no Pulumi import.

export type PropertyMap = Record<string, unknown>;
/** An object as the CloudStack API returns it (lowercase field names). */
export type ApiObject = Record<string, unknown>;

/**
 * Where a spec keeps what its read learned beside the API object (a rule's members, a network's
 * source NAT IP): typed, and under a symbol, so never mistaken for a CloudStack field.
 */
export const EXTRA: unique symbol = Symbol("cloudstack-provider.extra");

/** An API object with the typed extra part its spec's read adds. */
export type ApiObjectWith<Extra> = ApiObject & { readonly [EXTRA]: Extra };

export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

export interface CheckResult {
  inputs: PropertyMap;
  failures: CheckFailure[];
}

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface CreateResult {
  id: string;
  outs: PropertyMap;
}

export interface ReadResult {
  /** "" when the object is gone: the engine then drops it from the state. */
  id: string;
  props: PropertyMap;
  inputs?: PropertyMap;
}

export interface UpdateResult {
  outs: PropertyMap;
}

/** What the host passes to configure: stack config values by "<namespace>:<key>". */
export interface ConfigureRequest {
  config: { get(key: string): string | undefined };
}

export interface DynamicProvider {
  configure(req: ConfigureRequest): Promise<void>;
  check(olds: PropertyMap, news: PropertyMap): Promise<CheckResult>;
  diff(id: string, olds: PropertyMap, news: PropertyMap): Promise<DiffResult>;
  create(props: PropertyMap): Promise<CreateResult>;
  read(id: string, props: PropertyMap): Promise<ReadResult>;
  update(id: string, olds: PropertyMap, news: PropertyMap): Promise<UpdateResult>;
  delete(id: string, props: PropertyMap): Promise<void>;
}
