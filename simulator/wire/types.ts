// The contract between the wire layer (HTTP, signatures, envelopes, jobs, paging) and the
// handlers in simulator/api/. Handlers see parsed parameters and a caller; they return plain
// objects or throw ApiError. The wire layer turns either into CloudStack's JSON envelopes.
import type { Caller } from "../caller";

/** Parameter values as the wire received them (first value of a repeated name). */
export type RawParams = Readonly<Record<string, string>>;

/** What an async job produces when it finishes successfully. */
export type JobOutcome =
  | { objectName: string; object: Record<string, unknown> }
  | { success: true; details?: string };

/** What a handler returns; the wire layer builds the envelope from it. */
export type HandlerResult =
  /** sync, one object: {"<cmd>response":{"<objectName>":{...}}} */
  | { kind: "object"; objectName: string; object: Record<string, unknown> }
  /** sync list: the wire layer applies page/pagesize and sets count to the total. */
  | { kind: "list"; objectName: string; items: ReadonlyArray<Record<string, unknown>> }
  /** sync SuccessResponse: {"<cmd>response":{"success":true,"displaytext"?:...}} */
  | { kind: "success"; displaytext?: string }
  /** flat fields directly under the envelope (queryAsyncJobResult). */
  | { kind: "flat"; fields: Record<string, unknown> }
  /**
   * async: the wire layer answers {"jobid"} (plus {"id"} when createdId is set, for async-create
   * commands), queues the job behind other jobs with the same queueKey, waits the configured
   * job time, then calls run(). run() may throw ApiError: the job then fails with its code/text.
   */
  | {
      kind: "job";
      queueKey: string;
      instanceType?: string;
      instanceId?: string;
      createdId?: string;
      run: () => JobOutcome;
    };

export interface HandlerContext {
  command: string;
  params: RawParams;
  caller: Caller;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;

/** The state side of the simulator as the wire layer needs it. */
export interface Backend {
  /** Handlers by exact command name. */
  readonly handlers: Readonly<Record<string, Handler>>;
  /** The caller owning an API key, with its secret, or undefined; disabled users are undefined. */
  findApiKey(apiKey: string): { caller: Caller; secretKey: string } | undefined;
  /** Plain JSON of the whole state, for the state file. */
  snapshot(): unknown;
  /** The same as JSON text, when the backend can give it more cheaply than snapshot(). */
  snapshotJson?(): string;
  /** A global setting's value (e.g. api.throttling.max), or undefined when it has none. */
  configValue?(name: string): string | undefined;
}
