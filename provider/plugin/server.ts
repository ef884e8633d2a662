// The native provider plugin: the pulumirpc.ResourceProvider service over the same adapter and
// specs as the dynamic resources. Each served provider has its own ClientRuntime, so that several
// in one process (tests, or a future multiplexing engine) keep their endpoints, keys and what they
// learned apart (process-state.ts keys that per caller).
//
// Not @pulumi/pulumi/provider's main(): its server answers CheckConfig and DiffConfig with
// UNIMPLEMENTED and drops the Configure request, so the provider's configuration never arrives.
import { AsyncLocalStorage } from "node:async_hooks";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { specs, type ResourceKind } from "../index";
import { ClientRuntime } from "../adapter/runtime";
import { CloudStackClient, describeProgress } from "../client";
import { makeProvider } from "../adapter/lifecycle/operations";
import { ResourceInitError } from "../adapter/lifecycle/errors";
import { IDENTITY_KEY, TIMEOUTS_KEY } from "../adapter/reserved";
import type { CheckFailure, DynamicProvider, PropertyMap, ReadResult } from "../adapter/types";
import type { Operation } from "../adapter/check/timeouts";
import { functions } from "../functions";
import { failure } from "../adapter/check/failures";
import { configFailures, configurationOf, CONFIG_KEYS } from "./config";
import { EngineLog } from "./engine-log";
import { fromStruct, toStruct } from "./values";
import { readFromIdAlone } from "./import-read";

/** The package name: tokens are `cloudstack:index:<Kind>`, the provider type `pulumi:providers:cloudstack`. */
export const PACKAGE = "cloudstack";
const TOKEN_PREFIX = `${PACKAGE}:index:`;

/** The folder holding package.json and schema.json, from dist/provider/plugin or provider/plugin. */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "schema.json")) || !fs.existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`schema.json not found above ${__dirname}`);
    dir = up;
  }
  return dir;
}

/** An error with a gRPC status code, as grpc-js sends it. */
class RpcError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
  }
}

/** What a failed call sends: ResourceInitError as pulumirpc.ErrorResourceInitFailed, so the engine records the object. */
function errorResponse(err: unknown): Partial<grpc.StatusObject> {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RpcError) return { code: err.code, details: message };
  const metadata = new grpc.Metadata();
  if (err instanceof ResourceInitError) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(err.id);
    detail.setProperties(toStruct(err.properties));
    detail.setReasonsList(err.reasons);
    const packed = new anyproto.Any();
    packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(packed);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}

/** A unary handler from an async function. */
function unary<Req, Res>(handle: (req: Req) => Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    handle(call.request).then(
      (res) => callback(null, res),
      (err: unknown) => callback(errorResponse(err), null),
    );
  };
}

function unimplemented<Req, Res>(name: string): grpc.handleUnaryCall<Req, Res> {
  return (_call, callback) => callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented by the cloudstack provider` }, null);
}

/** The kind a URN's type names (`cloudstack:index:Network`), or an error naming the type. */
function kindOf(urn: string): { kind: ResourceKind; name: string } {
  const parts = urn.split("::");
  const type = (parts[2] ?? "").split("$").pop() ?? "";
  const kind = type.startsWith(TOKEN_PREFIX) ? type.slice(TOKEN_PREFIX.length) : "";
  if (!(kind in specs)) throw new RpcError(grpc.status.INVALID_ARGUMENT, `unknown resource type ${JSON.stringify(type)} in ${urn}: the cloudstack provider has ${Object.keys(specs).map((k) => TOKEN_PREFIX + k).join(", ")}`);
  return { kind: kind as ResourceKind, name: parts.slice(3).join("::") };
}

/**
 * The identity a create derives its recognition ids from, as the sdk class writes it for the
 * dynamic path: project, stack, kind and name, all of which the URN carries.
 */
function identityOf(urn: string, kind: string, name: string): string {
  // urn:pulumi:<stack>::<project>::<type>::<name>
  const [head = "", project = ""] = urn.split("::");
  const stack = head.split(":").slice(2).join(":");
  return `${project}/${stack}/${kind}/${name}`;
}

/** The engine's per-resource deadline (customTimeouts), as the adapter reads it. */
function withTimeout(props: PropertyMap, operation: Operation, seconds: number): PropertyMap {
  if (!(seconds > 0)) return props;
  const given = props[TIMEOUTS_KEY];
  const timeouts = given !== null && typeof given === "object" && !Array.isArray(given) ? (given as Record<string, unknown>) : {};
  return { ...props, [TIMEOUTS_KEY]: { ...timeouts, [operation]: `${seconds}s` } };
}

function checkResponse(inputs: PropertyMap, failures: readonly CheckFailure[]): provproto.CheckResponse {
  const resp = new provproto.CheckResponse();
  resp.setInputs(toStruct(inputs));
  resp.setFailuresList(
    failures.map((f) => {
      const item = new provproto.CheckFailure();
      item.setProperty(f.property);
      item.setReason(f.reason);
      return item;
    }),
  );
  return resp;
}

function readResponse(result: ReadResult): provproto.ReadResponse {
  const resp = new provproto.ReadResponse();
  resp.setId(result.id);
  resp.setProperties(toStruct(result.props));
  if (result.inputs) resp.setInputs(toStruct(result.inputs));
  return resp;
}

/** One provider instance: its own client runtime and one adapter provider per kind. */
export class CloudStackProviderService {
  /** The resource whose create, update or delete is running: a long job's progress is logged under it. */
  private readonly operationUrn = new AsyncLocalStorage<string>();
  readonly runtime = new ClientRuntime(
    (options) =>
      new CloudStackClient({
        ...options,
        progress: (progress) => {
          const urn = this.operationUrn.getStore();
          if (urn !== undefined) this.log.status(urn, describeProgress(progress));
        },
      }),
  );
  private readonly providers = new Map<ResourceKind, DynamicProvider>();
  private readonly root = packageRoot();

  constructor(private readonly log: EngineLog) {}

  private provider(kind: ResourceKind): DynamicProvider {
    let provider = this.providers.get(kind);
    if (!provider) this.providers.set(kind, (provider = makeProvider(specs[kind], this.runtime)));
    return provider;
  }

  /** The handlers grpc-js calls, by method name of pulumirpc.ResourceProvider. */
  implementation(): provrpc.IResourceProviderServer {
    return {
      handshake: unary(async () => {
        const resp = new provproto.ProviderHandshakeResponse();
        resp.setAcceptSecrets(false);
        resp.setAcceptResources(false);
        resp.setAcceptOutputs(false);
        return resp;
      }),
      parameterize: unimplemented("Parameterize"),
      getPluginInfo: unary(async () => {
        const info = new plugproto.PluginInfo();
        info.setVersion(this.version());
        return info;
      }),
      getSchema: unary(async () => {
        const resp = new provproto.GetSchemaResponse();
        resp.setSchema(fs.readFileSync(path.join(this.root, "schema.json"), "utf8"));
        return resp;
      }),
      checkConfig: unary(async (req: provproto.CheckRequest) => {
        const news = fromStruct(req.getNews());
        // The inputs go back as the engine sent them, secrets still marked.
        const resp = checkResponse({}, configFailures(news));
        resp.setInputs(req.getNews());
        return resp;
      }),
      diffConfig: unary(async (req: provproto.DiffRequest) => {
        const olds = fromStruct(req.getOldInputs() ?? req.getOlds());
        const news = fromStruct(req.getNews());
        const changed = CONFIG_KEYS.filter((key) => JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null));
        const resp = new provproto.DiffResponse();
        // Another endpoint or account applies to the provider's resources from then on; none is replaced for it.
        resp.setChanges(changed.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
        resp.setDiffsList(changed);
        return resp;
      }),
      configure: unary(async (req: provproto.ConfigureRequest) => {
        this.runtime.configure(configurationOf(req));
        const resp = new provproto.ConfigureResponse();
        // Secrets are unwrapped by the engine and the outputs of secret inputs marked again by it
        // (provider_plugin.go); outputs secret of their own are marked by the schema (`secret`).
        resp.setAcceptsecrets(false);
        resp.setAcceptresources(false);
        resp.setSupportspreview(false);
        resp.setAcceptoutputs(false);
        return resp;
      }),
      invoke: unary((req: provproto.InvokeRequest) => this.invoke(req)),
      call: unimplemented("Call"),
      check: unary(async (req: provproto.CheckRequest) => {
        const { kind } = kindOf(req.getUrn());
        const result = await this.provider(kind).check(fromStruct(req.getOlds()), fromStruct(req.getNews()));
        return checkResponse(result.inputs, result.failures);
      }),
      diff: unary(async (req: provproto.DiffRequest) => {
        const { kind } = kindOf(req.getUrn());
        const result = await this.provider(kind).diff(req.getId(), fromStruct(req.getOlds()), fromStruct(req.getNews()));
        const resp = new provproto.DiffResponse();
        resp.setChanges(result.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
        resp.setReplacesList(result.replaces);
        resp.setDeletebeforereplace(result.deleteBeforeReplace);
        return resp;
      }),
      create: unary(async (req: provproto.CreateRequest) => {
        const urn = req.getUrn();
        const { kind, name } = kindOf(urn);
        const given = fromStruct(req.getProperties());
        const resp = new provproto.CreateResponse();
        if (req.getPreview()) {
          resp.setProperties(toStruct(given));
          return resp;
        }
        const props = withTimeout({ [IDENTITY_KEY]: identityOf(urn, kind, name), ...given }, "create", req.getTimeout());
        this.log.status(urn, `creating ${kind} ${name}`);
        const result = await this.operationUrn.run(urn, () => this.provider(kind).create(props));
        resp.setId(result.id);
        resp.setProperties(toStruct(result.outs));
        return resp;
      }),
      read: unary(async (req: provproto.ReadRequest) => {
        const { kind } = kindOf(req.getUrn());
        const props = fromStruct(req.getProperties());
        const provider = this.provider(kind);
        // `pulumi import` (and a `get` from another language) sends the id alone.
        const result = Object.keys(props).length === 0 ? await readFromIdAlone(specs[kind], provider, this.runtime, req.getId()) : await provider.read(req.getId(), props);
        return readResponse(result);
      }),
      list: (call) => call.emit("error", { code: grpc.status.UNIMPLEMENTED, details: "List is not implemented by the cloudstack provider" }),
      update: unary(async (req: provproto.UpdateRequest) => {
        const urn = req.getUrn();
        const { kind, name } = kindOf(urn);
        const resp = new provproto.UpdateResponse();
        const news = fromStruct(req.getNews());
        if (req.getPreview()) {
          resp.setProperties(toStruct(news));
          return resp;
        }
        this.log.status(urn, `updating ${kind} ${name}`);
        const result = await this.operationUrn.run(urn, () => this.provider(kind).update(req.getId(), fromStruct(req.getOlds()), withTimeout(news, "update", req.getTimeout())));
        resp.setProperties(toStruct(result.outs));
        return resp;
      }),
      delete: unary(async (req: provproto.DeleteRequest) => {
        const urn = req.getUrn();
        const { kind, name } = kindOf(urn);
        this.log.status(urn, `deleting ${kind} ${name}`);
        await this.operationUrn.run(urn, () => this.provider(kind).delete(req.getId(), withTimeout(fromStruct(req.getProperties()), "delete", req.getTimeout())));
        return new emptyproto.Empty();
      }),
      construct: unimplemented("Construct"),
      cancel: unary(async () => new emptyproto.Empty()),
      attach: unimplemented("Attach"),
      getMapping: unary(async () => new provproto.GetMappingResponse()),
      getMappings: unary(async () => new provproto.GetMappingsResponse()),
    };
  }

  private version(): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(this.root, "package.json"), "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "0.0.0";
  }

  /** A lookup function by token: its arguments checked against its declaration, then called. */
  private async invoke(req: provproto.InvokeRequest): Promise<provproto.InvokeResponse> {
    const token = req.getTok();
    const name = token.startsWith(TOKEN_PREFIX) ? token.slice(TOKEN_PREFIX.length) : "";
    const fn = Object.prototype.hasOwnProperty.call(functions, name) ? functions[name] : undefined;
    if (!fn) {
      const known = Object.keys(functions).map((n) => TOKEN_PREFIX + n);
      throw new RpcError(grpc.status.INVALID_ARGUMENT, `unknown function ${JSON.stringify(token)}: the cloudstack provider has ${known.length > 0 ? known.join(", ") : "no functions"}`);
    }
    const args = fromStruct(req.getArgs());
    const resp = new provproto.InvokeResponse();
    const parsed = fn.args.safeParse(args);
    if (!parsed.success) {
      resp.setFailuresList(
        parsed.error.issues.map((issue) => {
          const property = issue.path.map(String).join(".") || "(arguments)";
          const value = issue.path.reduce<unknown>((at, key) => (at !== null && typeof at === "object" ? (at as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined), args);
          const checked = failure(property, value, issue.message);
          const item = new provproto.CheckFailure();
          item.setProperty(checked.property);
          item.setReason(checked.reason);
          return item;
        }),
      );
      return resp;
    }
    const result = await fn.call(await this.runtime.client(), parsed.data);
    resp.setReturn(toStruct(result));
    return resp;
  }
}

export interface RunningPlugin {
  readonly port: number;
  readonly service: CloudStackProviderService;
  close(): Promise<void>;
}

/** Serves one provider instance on 127.0.0.1 at a free port; `engine` receives its progress messages. */
export async function servePlugin(engine: string | undefined): Promise<RunningPlugin> {
  const log = new EngineLog(engine);
  const service = new CloudStackProviderService(log);
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, service.implementation());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
  );
  return {
    port,
    service,
    async close() {
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      log.close();
      await service.runtime.close();
    },
  };
}
