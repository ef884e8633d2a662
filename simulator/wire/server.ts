// The simulator's HTTP front: /client/api on 127.0.0.1, GET query or POST form, signature check,
// parameter checks, dispatch to a handler, CloudStack envelopes, async jobs, request log and
// state file (a mutating request is answered only once its change is on disk), and injected
// faults. Everything about state and rules lives behind the Backend.
import { createServer, IncomingMessage, ServerResponse } from "http";
import { AddressInfo } from "net";
import { ApiError } from "../errors";
import type { Caller } from "../caller";
import { Backend, Handler, HandlerResult, RawParams } from "./types";
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
import { AsyncJobRecord, checkCustomJobId, CUSTOM_JOB_ID, JobQueue } from "./jobs";
import { FaultControl, FaultDecision, FaultInjector, FaultSpec } from "./faults";
import { buildWireHandlers } from "./builtin-commands";
import { RequestLog } from "./request-log";
import { StateFile } from "./state-file";
import { ApiThrottle, throttlingSettings, type ThrottlingOptions, type ThrottlingSettings } from "./throttling";

export interface WireOptions {
  /** default 0: a free port */
  port?: number;
  /**
   * Persist state here (model snapshot + jobs), loaded at start if present. A mutating request is
   * answered only once its change is on disk (temp file, fsync, rename, fsync of the folder; group
   * commit); mode 0600.
   */
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
  /** Injected faults from the start (see README "Fault injection"); change them later with `faults.set`. */
  faults?: FaultSpec;
  /**
   * CloudStack's API rate limit (api.throttling.*); each field given here wins over the stored
   * global setting, which is read once at start.
   */
  throttling?: ThrottlingOptions;
}

export interface WireServer {
  endpoint: string;
  port: number;
  jobs: JobQueue;
  /** Fault injection at run time: set/get the spec, read the counts per kind. */
  faults: FaultControl;
  /** The API rate limit in force. */
  throttling: ThrottlingSettings;
  /** Completed state-file writes (0 without one). */
  stateWrites(): number;
  /** Resolves once every change so far is in the state file (no-op without one). */
  flushState(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_JOB_MS = 300;
const API_PATH = "/client/api";
/** CloudStack's form size limit: ServerDaemon DEFAULT_REQUEST_CONTENT_SIZE (request.content.size). */
export const MAX_BODY_BYTES = 1_048_576;
const BODY_TOO_LARGE = `Request body larger than ${MAX_BODY_BYTES} bytes (the limit of request.content.size) refused`;
/** ApiServer.queueCommand, when async jobs are disabled for maintenance or shutdown. */
export const MAINTENANCE_TEXT = "Maintenance or Shutdown has been initiated on this management server. Can not accept new jobs";
/** ApiRateLimitServiceImpl.checkAccess's RequestLimitException text. */
export const rateLimitText = (ms: number): string =>
  `The given user has reached his/her account api limit, please retry after [${ms}] ms.`;
/** What a proxy or a failing servlet container answers: not a CloudStack envelope. */
const PROXY_500_BODY =
  "<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>\n";
const SIGNATURE_ERROR = "unable to verify user credentials and/or request signature";
const JSON_TYPE = "application/json; charset=UTF-8";

interface Reply {
  status: number;
  body: JsonObject;
  /** The command may have changed state: the answer waits for the state file. */
  mutated?: boolean;
}

class BodyTooLargeError extends Error {}
/** How far past the limit a body is still read to its end before the connection is cut. */
const DRAIN_FACTOR = 64;

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
      // Past the limit the rest is read and dropped, so that the client finishes sending and
      // reads the error answer instead of meeting a reset; far past it the connection is cut.
      if (size > MAX_BODY_BYTES * DRAIN_FACTOR) {
        req.destroy();
        reject(new Error("request body far too large"));
        return;
      }
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) reject(new BodyTooLargeError(BODY_TOO_LARGE));
      else resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}

export async function startWireServer(backend: Backend, options: WireOptions = {}): Promise<WireServer> {
  const strict = options.strictParams ?? true;
  const jobMs = options.jobMs ?? DEFAULT_JOB_MS;
  const log = new RequestLog(options.logPath ?? process.env.CLOUDSTACK_SIM_LOG);

  let stateFile: StateFile | undefined;
  // A finished job changed state: it is reported done only once that is on disk.
  const jobs = new JobQueue(() => stateFile?.commit());
  const faults = new FaultInjector(options.faults);
  const heldAnswers = new Set<NodeJS.Timeout>();
  const throttle = new ApiThrottle(throttlingSettings(options.throttling, (name) => backend.configValue?.(name)));
  if (options.restoredJobs) jobs.restore(options.restoredJobs);
  if (options.statePath) {
    // The model goes in as text: one JSON.stringify per write instead of a copy and two.
    const modelJson = backend.snapshotJson ? () => backend.snapshotJson!() : () => JSON.stringify(backend.snapshot());
    stateFile = new StateFile(options.statePath, () => ({ modelJson: modelJson(), jobs: jobs.all() }));
    // Written at once so that a fresh seed (with its random keys) survives a crash too.
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
        // ApiServer.queueCommand checks customjobid after dispatching the command, which for an
        // async-create command has already created its entity: that entity stays.
        const refused = checkCustomJobId(jobs, params[CUSTOM_JOB_ID]);
        if (refused) throw refused;
        const durationMs = options.jobDurationMs?.(fact.name, params) ?? jobMs;
        const job = jobs.submit({ jobid: params[CUSTOM_JOB_ID], command: fact.name, className: fact.className, caller, spec: result, durationMs });
        return jobEnvelope(responseName, job.jobid, result.createdId);
      }
    }
  }

  function dispatch(params: RawParams): Reply {
    let mutated = false;
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
    // ApiServer.verifyRequest asks the rate limit before the command runs: a refused one did not run.
    const throttledForMs = throttle.refusal(caller);
    if (throttledForMs !== undefined) {
      return { status: 429, body: errorEnvelope(fact.responseName, new ApiError(429, rateLimitText(throttledForMs), 9999)) };
    }
    try {
      checkParams(fact, params, caller, strict);
      const window = fact.isList ? pageWindow(fact.name, params) : undefined;
      const ctxParams = handlerParams(fact, params, caller);
      // From here on the command may change state, even when it fails part-way.
      mutated = !isReadOnly(fact);
      const result = handler({ command: fact.name, params: ctxParams, caller });
      return { status: 200, body: shape(fact, caller, ctxParams, result, window), mutated };
    } catch (err) {
      const error =
        err instanceof ApiError ? err : new ApiError(530, err instanceof Error ? err.message : String(err), 9999);
      const name = error.errorcode === 432 ? "errorresponse" : fact.responseName;
      return { status: error.errorcode, body: errorEnvelope(name, error), mutated };
    }
  }

  /** The error answer of an injected 503 or 429, under the command's response name. */
  function faultReply(command: string, decision: FaultDecision): Reply {
    const name = COMMAND_FACTS.get(command)?.responseName ?? "errorresponse";
    // ServerApiException built directly: cserrorcode 9999.
    const error =
      decision.kind === "503" ? new ApiError(503, MAINTENANCE_TEXT, 9999) : new ApiError(429, rateLimitText(decision.retryAfterMs), 9999);
    return { status: error.errorcode, body: errorEnvelope(name, error) };
  }

  /** Runs the command and, if it may have changed state, waits until that is on disk. */
  async function execute(params: RawParams): Promise<Reply> {
    const reply = dispatch(params);
    if (reply.mutated && stateFile) {
      try {
        await stateFile.commit();
      } catch (err) {
        const text = `The simulator could not save its state file: ${err instanceof Error ? err.message : String(err)}`;
        const name = COMMAND_FACTS.get(params.command ?? "")?.responseName ?? "errorresponse";
        return { status: 530, body: errorEnvelope(name, new ApiError(530, text, 9999)) };
      }
    }
    return reply;
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
      let body: string;
      try {
        body = await readBody(req);
      } catch (err) {
        if (!(err instanceof BodyTooLargeError)) throw err;
        // Jetty refuses such a form before ApiServlet runs; the simulator answers in
        // CloudStack's error form instead, and closes the connection as the body was not read.
        res.setHeader("Connection", "close");
        send(res, 413, errorEnvelope("errorresponse", new ApiError(413, err.message, 9999)));
        return;
      }
      const type = req.headers["content-type"] ?? "";
      if (type.toLowerCase().startsWith("application/x-www-form-urlencoded")) addParams(params, body);
    }

    const fault = faults.decide(params.command);
    if (fault === undefined) {
      const reply = await execute(params);
      log.record(params, reply.status);
      send(res, reply.status, reply.body);
      return;
    }
    switch (fault.kind) {
      case "reset":
        // Before the command runs: nothing changes, the client sees the connection die.
        req.socket.destroy();
        return;
      case "503":
      case "429": {
        const reply = faultReply(params.command!, fault);
        log.record(params, reply.status);
        if (fault.kind === "429") res.setHeader("Retry-After", String(Math.ceil(fault.retryAfterMs / 1000)));
        send(res, reply.status, reply.body);
        return;
      }
      case "500": {
        if (fault.afterRun) log.record(params, (await execute(params)).status);
        res.writeHead(500, { "Content-Type": "text/html; charset=UTF-8", "Content-Length": Buffer.byteLength(PROXY_500_BODY) });
        res.end(PROXY_500_BODY);
        return;
      }
      case "delay": {
        const reply = await execute(params);
        log.record(params, reply.status);
        // Closing the server ends held answers at once rather than keeping the process alive.
        await new Promise<void>((r) => {
          const timer = setTimeout(() => {
            heldAnswers.delete(timer);
            r();
          }, fault.delayMs);
          heldAnswers.add(timer);
        });
        if (!res.destroyed) send(res, reply.status, reply.body);
        return;
      }
      case "drop": {
        // The command ran and its change is on disk; only the answer is lost.
        const reply = await execute(params);
        log.record(params, reply.status);
        req.socket.destroy();
        return;
      }
    }
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
      for (const timer of heldAnswers) clearTimeout(timer);
      heldAnswers.clear();
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
    faults,
    throttling: throttle.settings,
    stateWrites: () => stateFile?.writes ?? 0,
    flushState: () => stateFile?.flush() ?? Promise.resolve(),
    close,
  };
}
