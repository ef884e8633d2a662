// The shapes exchanged with the SDK's dynamic-provider host (structurally those of
// @pulumi/pulumi's dynamic.ResourceProvider), kept here so the CRUD core needs no Pulumi import.

export type PropertyMap = Record<string, unknown>;
/** An object as the CloudStack API returns it (lowercase field names). */
export type ApiObject = Record<string, unknown>;

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
