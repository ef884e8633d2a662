// Starts the SDK's own dynamic-provider host (@pulumi/pulumi/cmd/dynamic-provider) as a child
// process and talks to it over gRPC exactly as the Pulumi engine does. Used by the engine
// stand-in and by the engine-protocol tests.
import { spawn, ChildProcess } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";

export type PropertyMap = Record<string, unknown>;

export interface CheckFailure {
  property: string;
  reason: string;
}
export interface CheckResult {
  inputs: PropertyMap;
  failures: CheckFailure[];
}
export interface DiffResult {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}
export interface ReadResult {
  id: string;
  properties: PropertyMap;
  inputs?: PropertyMap;
}

/**
 * A create or update that failed after the object came to exist: the host reports it as
 * pulumirpc.ErrorResourceInitFailed, and the engine records the resource from it.
 */
export class ResourceInitFailedError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: PropertyMap,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "ResourceInitFailedError";
  }
}

export interface ProviderHost {
  readonly port: number;
  /** Everything the host wrote to stderr so far (errors it logged). */
  stderr(): string;
  /** False once the host process has exited. */
  alive(): boolean;
  configure(config: Record<string, string>): Promise<void>;
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult>;
  diff(urn: string, id: string, olds: PropertyMap, news: PropertyMap): Promise<DiffResult>;
  create(urn: string, properties: PropertyMap, options?: { preview?: boolean; timeoutSeconds?: number }): Promise<{ id: string; properties: PropertyMap }>;
  read(urn: string, id: string, properties: PropertyMap, inputs?: PropertyMap): Promise<ReadResult>;
  update(urn: string, id: string, olds: PropertyMap, news: PropertyMap, options?: { preview?: boolean; timeoutSeconds?: number }): Promise<PropertyMap>;
  delete(urn: string, id: string, properties: PropertyMap, options?: { timeoutSeconds?: number }): Promise<void>;
  close(): Promise<void>;
}

const hostScript = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");

export const toStruct = (value: PropertyMap): structproto.Struct =>
  structproto.Struct.fromJavaScript(value as Parameters<typeof structproto.Struct.fromJavaScript>[0]);
export const fromStruct = (value: structproto.Struct | undefined): PropertyMap =>
  (value ? value.toJavaScript() : {}) as PropertyMap;

/** Decodes ErrorResourceInitFailed from a gRPC error's status details, if present. */
function initFailure(err: grpc.ServiceError): ResourceInitFailedError | undefined {
  const raw = err.metadata?.get("grpc-status-details-bin")?.[0];
  if (!raw) return undefined;
  const status = statusproto.Status.deserializeBinary(new Uint8Array(raw as Buffer));
  for (const detail of status.getDetailsList()) {
    if (!detail.getTypeUrl().endsWith("pulumirpc.ErrorResourceInitFailed")) continue;
    const failed = provproto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
    return new ResourceInitFailedError(
      err.details || err.message,
      failed.getId(),
      fromStruct(failed.getProperties()),
      failed.getReasonsList(),
    );
  }
  return undefined;
}

export function unary<Res>(start: (cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown): Promise<Res> {
  return new Promise((resolve, reject) => {
    start((err, res) => {
      if (err) {
        reject(initFailure(err) ?? new Error(err.details || err.message));
      } else {
        resolve(res);
      }
    });
  });
}

/** A provider process started and its handshake read: the port it printed first on stdout. */
export interface SpawnedProvider {
  readonly child: ChildProcess;
  readonly port: number;
  stderr(): string;
}

/** Starts `command args` and waits for the port it prints, as the CLI does for every plugin. */
export async function spawnProvider(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<SpawnedProvider> {
  const child: ChildProcess = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && /^\d+$/.test(line.trim())) {
        child.stdout!.off("data", onData);
        resolve(Number(line.trim()));
      }
    };
    child.stdout!.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}: ${stderr}`)));
  });
  return { child, port, stderr: () => stderr };
}

/** Ends a spawned provider and waits for its exit. */
export async function stopProvider(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

/** Spawns the dynamic-provider host with `cwd` as its working directory (the program folder). */
export async function startProviderHost(options: { cwd: string; env?: NodeJS.ProcessEnv; project?: string }): Promise<ProviderHost> {
  const { child, port, stderr } = await spawnProvider(process.execPath, [hostScript, "127.0.0.1:0"], {
    cwd: options.cwd,
    env: { ...process.env, PULUMI_NODEJS_PROJECT: options.project ?? "test", ...options.env },
  });
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    port,
    stderr,
    alive: () => child.exitCode === null && child.signalCode === null,
    async configure(config) {
      const req = new provproto.ConfigureRequest();
      req.setArgs(toStruct(config));
      for (const [k, v] of Object.entries(config)) req.getVariablesMap().set(k, v);
      req.setAcceptsecrets(false);
      await unary<provproto.ConfigureResponse>((cb) => client.configure(req, cb));
    },
    ...resourceCalls(client),
    async close() {
      client.close();
      await stopProvider(child);
    },
  };
}

/** The resource calls of pulumirpc.ResourceProvider, as the engine makes them. */
export function resourceCalls(client: provrpc.ResourceProviderClient): Pick<ProviderHost, "check" | "diff" | "create" | "read" | "update" | "delete"> {
  return {
    async check(urn, olds, news) {
      const req = new provproto.CheckRequest();
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await unary<provproto.CheckResponse>((cb) => client.check(req, cb));
      return {
        inputs: fromStruct(res.getInputs()),
        failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async diff(urn, id, olds, news) {
      const req = new provproto.DiffRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await unary<provproto.DiffResponse>((cb) => client.diff(req, cb));
      const kind = res.getChanges();
      const D = provproto.DiffResponse.DiffChanges;
      return {
        changes: kind === D.DIFF_SOME ? "some" : kind === D.DIFF_NONE ? "none" : "unknown",
        replaces: res.getReplacesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
      };
    },
    async create(urn, properties, opts = {}) {
      const req = new provproto.CreateRequest();
      req.setUrn(urn);
      req.setProperties(toStruct(properties));
      req.setPreview(Boolean(opts.preview));
      if (opts.timeoutSeconds) req.setTimeout(opts.timeoutSeconds);
      const res = await unary<provproto.CreateResponse>((cb) => client.create(req, cb));
      return { id: res.getId(), properties: fromStruct(res.getProperties()) };
    },
    async read(urn, id, properties, inputs) {
      const req = new provproto.ReadRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setProperties(toStruct(properties));
      if (inputs) req.setInputs(toStruct(inputs));
      const res = await unary<provproto.ReadResponse>((cb) => client.read(req, cb));
      return {
        id: res.getId(),
        properties: fromStruct(res.getProperties()),
        inputs: res.hasInputs() ? fromStruct(res.getInputs()) : undefined,
      };
    },
    async update(urn, id, olds, news, opts = {}) {
      const req = new provproto.UpdateRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      req.setPreview(Boolean(opts.preview));
      if (opts.timeoutSeconds) req.setTimeout(opts.timeoutSeconds);
      const res = await unary<provproto.UpdateResponse>((cb) => client.update(req, cb));
      return fromStruct(res.getProperties());
    },
    async delete(urn, id, properties, opts = {}) {
      const req = new provproto.DeleteRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setProperties(toStruct(properties));
      if (opts.timeoutSeconds) req.setTimeout(opts.timeoutSeconds);
      await unary<unknown>((cb) => client.delete(req, cb));
    },
  };
}
