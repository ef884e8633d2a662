// The native provider plugin, started and driven as the CLI drives it: launched one of the two
// ways the CLI launches a plugin written in Node, its port read from stdout (the handshake), then
// Configure with the provider's inputs, then the resource calls. The engine address it is given
// is a small Engine service that keeps the plugin's log messages.
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import { findRepoRoot } from "./package-link";
import { CheckResult, fromStruct, PropertyMap, ProviderHost, resourceCalls, spawnProvider, stopProvider, toStruct, unary } from "./provider-host";
import { makeSecret } from "./property-values";

/**
 * How the CLI starts the plugin: `exec` runs the `pulumi-resource-cloudstack` executable (found on
 * PATH, or in `plugins.providers[].path`); `run-plugin` is what the Node.js language host's
 * RunPlugin does with a folder holding PulumiPlugin.yaml (runtime: nodejs):
 * `node <@pulumi/pulumi>/cmd/run-plugin <folder> <engine address>`.
 */
export type PluginLaunch = "exec" | "run-plugin";

export const PLUGIN_LAUNCHES: readonly PluginLaunch[] = ["exec", "run-plugin"];

export interface EngineLogEntry {
  severity: "debug" | "info" | "warning" | "error";
  urn: string;
  message: string;
  ephemeral: boolean;
}

/** The Engine service a plugin reports to: it keeps every Log request. */
export interface EngineStandIn {
  readonly address: string;
  readonly logs: EngineLogEntry[];
  close(): Promise<void>;
}

const SEVERITIES: Record<number, EngineLogEntry["severity"]> = {
  [engineproto.LogSeverity.DEBUG]: "debug",
  [engineproto.LogSeverity.INFO]: "info",
  [engineproto.LogSeverity.WARNING]: "warning",
  [engineproto.LogSeverity.ERROR]: "error",
};

export async function startEngineService(): Promise<EngineStandIn> {
  const logs: EngineLogEntry[] = [];
  const server = new grpc.Server();
  const unimplemented = <Req, Res>(name: string): grpc.handleUnaryCall<Req, Res> => (_call, cb) => cb({ code: grpc.status.UNIMPLEMENTED, details: name }, null);
  const service: enginerpc.IEngineServer = {
    log: (call, cb) => {
      const req = call.request;
      logs.push({ severity: SEVERITIES[req.getSeverity()] ?? "info", urn: req.getUrn(), message: req.getMessage(), ephemeral: req.getEphemeral() });
      cb(null, new emptyproto.Empty());
    },
    getRootResource: (_call, cb) => cb(null, new engineproto.GetRootResourceResponse()),
    setRootResource: (_call, cb) => cb(null, new engineproto.SetRootResourceResponse()),
    startDebugging: unimplemented("StartDebugging"),
    requirePulumiVersion: (_call, cb) => cb(null, new engineproto.RequirePulumiVersionResponse()),
  };
  server.addService(enginerpc.EngineService, service);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
  );
  return {
    address: `127.0.0.1:${port}`,
    logs,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

export interface ConfigDiff {
  changes: "none" | "some" | "unknown";
  diffs: string[];
  replaces: string[];
}

/** The plugin's calls beyond those the dynamic-provider host also serves. */
export interface PluginHost extends ProviderHost {
  readonly launch: PluginLaunch;
  getPluginInfo(): Promise<{ version: string }>;
  getSchema(): Promise<string>;
  checkConfig(olds: PropertyMap, news: PropertyMap): Promise<CheckResult>;
  diffConfig(olds: PropertyMap, news: PropertyMap): Promise<ConfigDiff>;
  /** Configure as the engine sends a provider's inputs: as `args` (secretKey a secret) and as `variables`. */
  configureProvider(inputs: PropertyMap): Promise<void>;
  invoke(token: string, args: PropertyMap): Promise<{ result: PropertyMap; failures: CheckResult["failures"] }>;
}

/** The provider settings that are secrets, sent marked as such (the engine keeps them so in Configure). */
const SECRET_SETTINGS = new Set(["secretKey"]);

export async function startPluginHost(options: { launch: PluginLaunch; engine: string; env?: NodeJS.ProcessEnv; cwd?: string }): Promise<PluginHost> {
  const root = findRepoRoot();
  const [command, args] =
    options.launch === "exec"
      ? [path.join(root, "bin", "pulumi-resource-cloudstack"), [options.engine]]
      : [process.execPath, [path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [path.join(root, "plugin")] })), "cmd", "run-plugin"), path.join(root, "plugin"), options.engine]];
  const { child, port, stderr } = await spawnProvider(command, args, { cwd: options.cwd ?? root, env: { ...process.env, ...options.env } });
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());

  const configureProvider = async (inputs: PropertyMap): Promise<void> => {
    const req = new provproto.ConfigureRequest();
    const marked: PropertyMap = {};
    for (const [key, value] of Object.entries(inputs)) {
      marked[key] = SECRET_SETTINGS.has(key) ? makeSecret(value) : value;
      req.getVariablesMap().set(`cloudstack:${key}`, typeof value === "string" ? value : JSON.stringify(value));
    }
    req.setArgs(toStruct(marked));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    await unary<provproto.ConfigureResponse>((cb) => client.configure(req, cb));
  };

  return {
    launch: options.launch,
    port,
    stderr,
    alive: () => child.exitCode === null && child.signalCode === null,
    // The stand-in's config keys are "cloudstack:<key>"; a provider's inputs are the bare keys.
    configure: (config) =>
      configureProvider(Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith("cloudstack:")).map(([k, v]) => [k.slice("cloudstack:".length), v]))),
    configureProvider,
    async getPluginInfo() {
      const info = await unary<plugproto.PluginInfo>((cb) => client.getPluginInfo(new emptyproto.Empty(), cb));
      return { version: info.getVersion() };
    },
    async getSchema() {
      const res = await unary<provproto.GetSchemaResponse>((cb) => client.getSchema(new provproto.GetSchemaRequest(), cb));
      return res.getSchema();
    },
    async checkConfig(olds, news) {
      const req = new provproto.CheckRequest();
      req.setUrn("urn:pulumi:test::test::pulumi:providers:cloudstack::default");
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await unary<provproto.CheckResponse>((cb) => client.checkConfig(req, cb));
      return { inputs: fromStruct(res.getInputs()), failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
    },
    async diffConfig(olds, news) {
      const req = new provproto.DiffRequest();
      req.setUrn("urn:pulumi:test::test::pulumi:providers:cloudstack::default");
      req.setOlds(toStruct(olds));
      req.setOldInputs(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await unary<provproto.DiffResponse>((cb) => client.diffConfig(req, cb));
      const D = provproto.DiffResponse.DiffChanges;
      const kind = res.getChanges();
      return { changes: kind === D.DIFF_SOME ? "some" : kind === D.DIFF_NONE ? "none" : "unknown", diffs: res.getDiffsList(), replaces: res.getReplacesList() };
    },
    async invoke(token, invokeArgs) {
      const req = new provproto.InvokeRequest();
      req.setTok(token);
      req.setArgs(toStruct(invokeArgs));
      const res = await unary<provproto.InvokeResponse>((cb) => client.invoke(req, cb));
      return { result: fromStruct(res.getReturn()), failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
    },
    ...resourceCalls(client),
    async close() {
      client.close();
      await stopProvider(child);
    },
  };
}
