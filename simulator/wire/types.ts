// The contract between the wire layer (HTTP, signatures, envelopes, jobs, paging) and the
// handlers in simulator/api/. Handlers see parsed parameters and a caller; they return plain
// objects or throw ApiError. The wire layer turns either into CloudStack's JSON envelopes.

/** Parameter values as the wire received them (first value of a repeated name). */
export type RawParams = Readonly<Record<string, string>>;

/** Who is calling, resolved from the apiKey after the signature check. */
export interface Caller {
  userId: string;
  accountId: string;
  accountName: string;
  domainId: string;
  /** CloudStack account type: 0 user, 1 root admin, 2 domain admin. */
  accountType: 0 | 1 | 2;
  isRootAdmin: boolean;
}

/** A CloudStack API error: HTTP status = errorcode, as ApiServer answers. */
export class ApiError extends Error {
  constructor(
    readonly errorcode: number,
    readonly errortext: string,
    /** CSExceptionErrorCode; undefined for errors CloudStack builds without one (401). */
    readonly cserrorcode?: number,
    readonly uuidList: ReadonlyArray<{ uuid: string; description?: string }> = [],
  ) {
    super(errortext);
    this.name = "ApiError";
  }
}

/** InvalidParameterValueException: 431 / 4350. */
export const paramError = (text: string): ApiError => new ApiError(431, text, 4350);
/** PermissionDeniedException: 531 / 4365. */
export const permissionError = (text: string): ApiError => new ApiError(531, text, 4365);
/** NetworkRuleConflictException as commands map it: 537 / 4360. */
export const ruleConflictError = (text: string): ApiError => new ApiError(537, text, 4360);
/** CloudRuntimeException: 530 / 4250. */
export const internalError = (text: string): ApiError => new ApiError(530, text, 4250);
/** UUID resolution failure, as ParamProcessWorker.translateUuidToInternalId reports it. */
export const uuidNotFound = (param: string, value: string): ApiError =>
  paramError(
    `Invalid parameter ${param} value=${value} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.`,
  );

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
}
