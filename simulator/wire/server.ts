// The simulator's HTTP front: /client/api on 127.0.0.1, GET query or POST form, signature check,
// parameter checks, dispatch to a handler, CloudStack envelopes, async jobs, request log and
// state file. Everything about state and rules lives behind the Backend.
import { createServer, IncomingMessage, ServerResponse } from "http";
import { AddressInfo } from "net";
import { ApiError, Backend, Caller, Handler, HandlerResult, RawParams } from "./types";
import { COMMAND_FACTS, CommandFact } from "./command-facts";
import { authenticate } from "./authenticate";
import { checkParams, handlerParams } from "./param-check";
import { applyWindow, pageWindow, PageWindow } from "./paging";
import {
  errorEnvelope,
  flatEnvelope,
  JsonObject,
  jobEnvelope,
  listEnvelope,
  objectEnvelope,
  successEnvelope,
} from "./envelopes";
import { AsyncJobRecord, JobQueue } from "./jobs";
import { buildWireHandlers } from "./builtin-commands";
import { RequestLog } from "./request-log";
import { StateFile } from "./state-file";

export interface WireOptions {
  /** default 0: a free port */
  port?: number;
  /** Atomic state file (model snapshot + jobs), rewritten after changes. */
  statePath?: string;
  /** JSON line per request; default process.env.CLOUDSTACK_SIM_LOG. */
  logPath?: string;
  /** Async job duration in ms; default 300. */
  jobMs?: number;
  /** Per-job duration; wins over jobMs. */
  jobDurationMs?: (command: string, params: RawParams) => number;
  /** default true: a parameter the command does not declare is a 431. */
  strictParams?: boolean;
  /** Jobs read back from a state file. */
  restoredJobs?: ReadonlyArray<AsyncJobRecord>;
}

export interface WireServer {
  endpoint: string;
  port: number;
  jobs: JobQueue;
  /** Resolves once every change so far is in the state file (no-op without one). */
  flushState(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_JOB_MS = 300;
const API_PATH = "/client/api";
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const SIGNATURE_ERROR = "unable to verify user credentials and/or request signature";
const JSON_TYPE = "application/json; charset=UTF-8";

interface Reply {
  status: number;
  body: JsonObject;
}

/** Commands that only read; anything else may change state and triggers a state-file write. */
const isReadOnly = (fact: CommandFact): boolean => fact.isList || /^(list|query|get)/.test(fact.name);

/** First value wins for a repeated name, as the servlet's parameter map is used by CloudStack. */
function addParams(into: Record<string, string>, text: string): void {
  if (text === "") return;
  for (const [name, value] of new URLSearchParams(text)) {
    if (!(name in into)) into[name] = value;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startWireServer(backend: Backend, options: WireOptions = {}): Promise<WireServer> {
  const strict = options.strictParams ?? true;
  const jobMs = options.jobMs ?? DEFAULT_JOB_MS;
  const log = new RequestLog(options.logPath ?? process.env.CLOUDSTACK_SIM_LOG);

  let stateFile: StateFile | undefined;
  const jobs = new JobQueue(() => stateFile?.markDirty());
  if (options.restoredJobs) jobs.restore(options.restoredJobs);
  if (options.statePath) {
    stateFile = new StateFile(options.statePath, () => ({ model: backend.snapshot(), jobs: jobs.all() }));
    // Written at once so that a fresh seed (with its random keys) survives a crash too.
    stateFile.markDirty();
    await stateFile.flush();
  }

  const available = (): CommandFact[] =>
    [...COMMAND_FACTS.values()].filter((f) => f.name in wireHandlers || f.name in backend.handlers);
  const wireHandlers: Record<string, Handler> = buildWireHandlers(jobs, available);

  function shape(fact: CommandFact, caller: Caller, params: RawParams, result: HandlerResult, window: PageWindow | undefined): JsonObject {
    const responseName = fact.responseName;
    switch (result.kind) {
      case "object":
        return objectEnvelope(responseName, result.objectName, result.object);
      case "list": {
        const total = result.items.length;
        if (params.retrieveonlyresourcecount?.toLowerCase() === "true") {
          return listEnvelope(responseName, result.objectName, [], total);
        }
        const page = window ? applyWindow(result.items, window) : result.items;
        return listEnvelope(responseName, result.objectName, page, total);
      }
      case "success":
        return successEnvelope(responseName, result.displaytext);
      case "flat":
        return flatEnvelope(responseName, result.fields);
      case "job": {
        const durationMs = options.jobDurationMs?.(fact.name, params) ?? jobMs;
        const job = jobs.submit({ command: fact.name, className: fact.className, caller, spec: result, durationMs });
        return jobEnvelope(responseName, job.jobid, result.createdId);
      }
    }
  }

  function dispatch(params: RawParams): Reply {
    const command = params.command;
    if (command === undefined || command === "") {
      return { status: 432, body: errorEnvelope("errorresponse", new ApiError(432, "Invalid request, no command sent", 9999)) };
    }
    const fact = COMMAND_FACTS.get(command);
    const handler = wireHandlers[command] ?? backend.handlers[command];
    if (!fact || !handler) {
      return { status: 432, body: errorEnvelope("errorresponse", new ApiError(432, `Unknown API command: ${command}`, 9999)) };
    }
    const caller = authenticate(params, backend);
    if (!caller) {
      return { status: 401, body: errorEnvelope(fact.responseName, new ApiError(401, SIGNATURE_ERROR)) };
    }
    try {
      checkParams(fact, params, caller, strict);
      const window = fact.isList ? pageWindow(fact.name, params) : undefined;
      const ctxParams = handlerParams(fact, params, caller);
      let result: HandlerResult;
      try {
        result = handler({ command: fact.name, params: ctxParams, caller });
      } finally {
        if (!isReadOnly(fact)) stateFile?.markDirty();
      }
      return { status: 200, body: shape(fact, caller, ctxParams, result, window) };
    } catch (err) {
      const error =
        err instanceof ApiError ? err : new ApiError(530, err instanceof Error ? err.message : String(err), 9999);
      const name = error.errorcode === 432 ? "errorresponse" : fact.responseName;
      return { status: error.errorcode, body: errorEnvelope(name, error) };
    }
  }

  function send(res: ServerResponse, status: number, body: JsonObject): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { "Content-Type": JSON_TYPE, "Content-Length": Buffer.byteLength(text) });
    res.end(text);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    if (path !== API_PATH) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=UTF-8" });
      res.end("Not Found");
      return;
    }
    if (req.method !== "GET" && req.method !== "POST") {
      res.writeHead(405, { "Content-Type": "text/plain; charset=UTF-8", Allow: "GET, POST" });
      res.end("Method Not Allowed");
      return;
    }
    const params: Record<string, string> = {};
    if (q >= 0) addParams(params, url.slice(q + 1));
    if (req.method === "POST") {
      const body = await readBody(req);
      const type = req.headers["content-type"] ?? "";
      if (type.toLowerCase().startsWith("application/x-www-form-urlencoded")) addParams(params, body);
    }
    const reply = dispatch(params);
    log.record(params, reply.status);
    send(res, reply.status, reply.body);
  }

  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const text = err instanceof Error ? err.message : String(err);
      send(res, 400, errorEnvelope("errorresponse", new ApiError(400, text, 9999)));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      jobs.close();
      if (stateFile) await stateFile.flush();
      await log.close();
    })();
    return closing;
  };

  return {
    endpoint: `http://127.0.0.1:${port}${API_PATH}`,
    port,
    jobs,
    flushState: () => stateFile?.flush() ?? Promise.resolve(),
    close,
  };
}
