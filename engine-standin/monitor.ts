// The engine's side of the language-host protocol: a ResourceMonitor and an Engine gRPC service
// (pulumi/pulumi proto/pulumi/resource.proto and engine.proto) that a real Pulumi program, run by
// the SDK's own cmd/run, connects to. Each RegisterResourceRequest is decoded whole (options and
// dependencies included) and handed to the deployment.
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import { PropertyMap } from "./property-values";
import { CustomTimeouts } from "./stack-files";

export interface Registration {
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  object: PropertyMap;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  additionalSecretOutputs: string[];
  replaceOnChanges: string[];
  customTimeouts?: CustomTimeouts;
  protect: boolean;
  retainOnDelete: boolean;
  importId: string;
  provider: string;
}

export interface ReadRegistration {
  type: string;
  name: string;
  parent: string;
  id: string;
  properties: PropertyMap;
  dependencies: string[];
  additionalSecretOutputs: string[];
}

export interface LogEntry {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn: string;
}

export interface MonitorHandler {
  register(reg: Registration): Promise<{ urn: string; id: string; outputs: PropertyMap }>;
  read(req: ReadRegistration): Promise<{ urn: string; outputs: PropertyMap }>;
  registerOutputs(urn: string, outputs: PropertyMap): void;
  log(entry: LogEntry): void;
}

export interface RunningMonitor {
  /** The address given to the program as both --monitor and --engine. */
  address: string;
  close(): Promise<void>;
}

/** Features this stand-in implements (SupportsFeature; the engine's resmon.SupportsFeature). */
const supportedFeatures = new Set(["secrets"]);

const fromStruct = (value: structproto.Struct | undefined): PropertyMap =>
  (value ? value.toJavaScript() : {}) as PropertyMap;
const toStruct = (value: PropertyMap): structproto.Struct =>
  structproto.Struct.fromJavaScript(value as Parameters<typeof structproto.Struct.fromJavaScript>[0]);

function timeouts(req: resproto.RegisterResourceRequest): CustomTimeouts | undefined {
  const t = req.getCustomtimeouts();
  if (!t) return undefined;
  const out: CustomTimeouts = {};
  if (t.getCreate()) out.create = t.getCreate();
  if (t.getUpdate()) out.update = t.getUpdate();
  if (t.getDelete()) out.delete = t.getDelete();
  return Object.keys(out).length ? out : undefined;
}

export function decodeRegistration(req: resproto.RegisterResourceRequest): Registration {
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    propertyDependencies[key] = deps.getUrnsList();
  });
  return {
    type: req.getType(),
    name: req.getName(),
    parent: req.getParent(),
    custom: req.getCustom(),
    object: fromStruct(req.getObject()),
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    deleteBeforeReplace: req.getDeletebeforereplace(),
    ignoreChanges: req.getIgnorechangesList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    replaceOnChanges: req.getReplaceonchangesList(),
    customTimeouts: timeouts(req),
    protect: Boolean(req.getProtect()),
    retainOnDelete: Boolean(req.getRetainondelete()),
    importId: req.getImportid(),
    provider: req.getProvider(),
  };
}

const severities: Record<number, LogEntry["severity"]> = { 0: "debug", 1: "info", 2: "warning", 3: "error" };

function fail(cb: (err: grpc.ServiceError | null) => void, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  cb({ name: "Error", message, details: message, code: grpc.status.UNKNOWN, metadata: new grpc.Metadata() });
}

function unimplemented(name: string) {
  return (_call: unknown, cb: (err: grpc.ServiceError | null) => void): void =>
    cb({
      name: "Error",
      message: `${name} is not implemented by the engine stand-in`,
      details: `${name} is not implemented by the engine stand-in`,
      code: grpc.status.UNIMPLEMENTED,
      metadata: new grpc.Metadata(),
    });
}

export async function startMonitor(handler: MonitorHandler): Promise<RunningMonitor> {
  const server = new grpc.Server();
  let rootUrn = "";

  const monitor: resrpc.IResourceMonitorServer = {
    supportsFeature(call, cb) {
      const res = new resproto.SupportsFeatureResponse();
      res.setHassupport(supportedFeatures.has(call.request.getId()));
      cb(null, res);
    },
    registerResource(call, cb) {
      handler.register(decodeRegistration(call.request)).then(
        ({ urn, id, outputs }) => {
          const res = new resproto.RegisterResourceResponse();
          res.setUrn(urn);
          res.setId(id);
          res.setObject(toStruct(outputs));
          cb(null, res);
        },
        (err) => fail(cb, err),
      );
    },
    readResource(call, cb) {
      const r = call.request;
      handler
        .read({
          type: r.getType(),
          name: r.getName(),
          parent: r.getParent(),
          id: r.getId(),
          properties: fromStruct(r.getProperties()),
          dependencies: r.getDependenciesList(),
          additionalSecretOutputs: r.getAdditionalsecretoutputsList(),
        })
        .then(
          ({ urn, outputs }) => {
            const res = new resproto.ReadResourceResponse();
            res.setUrn(urn);
            res.setProperties(toStruct(outputs));
            cb(null, res);
          },
          (err) => fail(cb, err),
        );
    },
    registerResourceOutputs(call, cb) {
      try {
        handler.registerOutputs(call.request.getUrn(), fromStruct(call.request.getOutputs()));
        cb(null, new emptyproto.Empty());
      } catch (err) {
        fail(cb, err);
      }
    },
    signalAndWaitForShutdown(_call, cb) {
      cb(null, new emptyproto.Empty());
    },
    getDeploymentInfo: unimplemented("GetDeploymentInfo"),
    invoke: unimplemented("Invoke"),
    call: unimplemented("Call"),
    registerStackTransform: unimplemented("RegisterStackTransform"),
    registerStackInvokeTransform: unimplemented("RegisterStackInvokeTransform"),
    registerResourceHook: unimplemented("RegisterResourceHook"),
    registerErrorHook: unimplemented("RegisterErrorHook"),
    registerPackage: unimplemented("RegisterPackage"),
  };

  const engine: engrpc.IEngineServer = {
    log(call, cb) {
      const r = call.request;
      handler.log({ severity: severities[r.getSeverity()] ?? "info", message: r.getMessage(), urn: r.getUrn() });
      cb(null, new emptyproto.Empty());
    },
    getRootResource(_call, cb) {
      const res = new engproto.GetRootResourceResponse();
      res.setUrn(rootUrn);
      cb(null, res);
    },
    setRootResource(call, cb) {
      rootUrn = call.request.getUrn();
      cb(null, new engproto.SetRootResourceResponse());
    },
    startDebugging: unimplemented("StartDebugging"),
    requirePulumiVersion(_call, cb) {
      cb(null, new engproto.RequirePulumiVersionResponse());
    },
  };

  server.addService(resrpc.ResourceMonitorService, monitor);
  server.addService(engrpc.EngineService, engine);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // tryShutdown waits for open calls; a program that died mid-call must not hang the run.
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2000).unref();
      }),
  };
}
