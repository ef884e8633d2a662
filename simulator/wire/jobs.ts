// Async jobs: CloudStack answers an async command with a job id at once and runs the work later;
// jobs touching the same object (same queueKey) run one after another, as CloudStack's per-object
// sync queues do. Job records are plain JSON so the state file can carry them.
import { randomUUID } from "crypto";
import { ApiError } from "../errors";
import type { Caller } from "../caller";
import { HandlerResult, JobOutcome } from "./types";
import { formatCloudStackDate } from "./cloudstack-date";

export type JobSpec = Extract<HandlerResult, { kind: "job" }>;

/** JobInfo.Status ordinals. */
export const JOB_PENDING = 0;
export const JOB_SUCCEEDED = 1;
export const JOB_FAILED = 2;

export interface AsyncJobRecord {
  jobid: string;
  command: string;
  /** Java class name of the command (AsyncJobResponse.cmd). */
  cmd: string;
  userid: string;
  accountid: string;
  account: string;
  domainid: string;
  status: 0 | 1 | 2;
  resultCode: number;
  result?: Record<string, unknown>;
  instanceType?: string;
  instanceId?: string;
  created: string;
  completed?: string;
  /** Submission order, for stable listings. */
  seq: number;
}

export interface SubmitRequest {
  /** The caller's customjobid, already checked (checkCustomJobId): becomes the job's uuid. */
  jobid?: string;
  command: string;
  className: string;
  caller: Caller;
  spec: JobSpec;
  durationMs: number;
}

const RESTART_TEXT = "The simulator restarted before this job finished";

function outcomeResult(outcome: JobOutcome): Record<string, unknown> {
  if ("objectName" in outcome) return { [outcome.objectName]: outcome.object };
  // ResponseObjectTypeAdapter writes a SuccessResponse's display text as "details".
  return outcome.details === undefined ? { success: true } : { success: true, details: outcome.details };
}

/**
 * The code a failed job reports (ApiAsyncJobDispatcher.runJob): an InvalidParameterValueException
 * becomes a ServerApiException PARAM_ERROR (431); a ServerApiException keeps its code; anything
 * else (PermissionDeniedException, NetworkRuleConflictException, CloudRuntimeException...) is 530.
 * ApiError carries the exception's cserrorcode: 4350 is InvalidParameterValueException, 9999 a
 * ServerApiException. A 533 raised inside a job stands for an InsufficientCapacityException that
 * the async commands the simulator runs it in (DeployVMCmd, AssociateIPAddrCmd, CreateVPCCmd,
 * CreatePrivateGatewayCmd.execute) rethrow as ServerApiException INSUFFICIENT_CAPACITY_ERROR.
 */
export function jobErrorCode(err: unknown): number {
  if (!(err instanceof ApiError)) return 530;
  if (err.errorcode === 431 || err.cserrorcode === 4350) return 431;
  if (err.cserrorcode === 9999 || err.errorcode === 533) return err.errorcode;
  return 530;
}

/** ApiAsyncJobDispatcher serializes an ExceptionResponse: uuidList (always [] here), errorcode, errortext. */
export const failedJobResult = (code: number, text: string): Record<string, unknown> => ({ uuidList: [], errorcode: code, errortext: text });

export class JobQueue {
  private readonly jobs = new Map<string, AsyncJobRecord>();
  /** The promise of the last job queued on each key. */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private seq = 0;
  private closed = false;
  /** Jobs finished in memory whose completion is not yet on disk: still reported as pending. */
  private readonly undurable = new Set<string>();

  /**
   * onFinished runs when a job's outcome is applied; when it returns a promise (the state-file
   * commit), the job is reported as pending until that promise resolves, so no client is told a
   * job is done before its change is durable.
   */
  constructor(private readonly onFinished: (job: AsyncJobRecord) => Promise<void> | void) {}

  /** Restores saved records; jobs still pending when saved can never finish, so they fail. */
  restore(records: ReadonlyArray<AsyncJobRecord>): void {
    for (const r of records) {
      const job: AsyncJobRecord = { ...r };
      if (job.status === JOB_PENDING) {
        job.status = JOB_FAILED;
        job.resultCode = 530;
        job.result = failedJobResult(530, RESTART_TEXT);
        job.completed = formatCloudStackDate(new Date());
      }
      this.jobs.set(job.jobid, job);
      this.seq = Math.max(this.seq, job.seq + 1);
    }
  }

  submit(req: SubmitRequest): AsyncJobRecord {
    const job: AsyncJobRecord = {
      jobid: req.jobid ?? randomUUID(),
      command: req.command,
      cmd: req.className,
      userid: req.caller.userId,
      accountid: req.caller.accountId,
      account: req.caller.accountName,
      domainid: req.caller.domainId,
      status: JOB_PENDING,
      resultCode: 0,
      created: formatCloudStackDate(new Date()),
      seq: this.seq++,
    };
    if (req.spec.instanceType !== undefined) job.instanceType = req.spec.instanceType;
    const instanceId = req.spec.instanceId ?? req.spec.createdId;
    if (instanceId !== undefined) job.instanceId = instanceId;
    this.jobs.set(job.jobid, job);

    const key = req.spec.queueKey;
    const previous = this.tails.get(key) ?? Promise.resolve();
    // The job's time starts when the job reaches the head of its queue.
    const done = previous
      .then(() => this.delay(req.durationMs))
      .then(() => this.finish(job, req.spec.run))
      // A failing listener must not stall the jobs queued behind this one.
      .catch(() => undefined);
    this.tails.set(key, done);
    void done.then(() => {
      if (this.tails.get(key) === done) this.tails.delete(key);
    });
    return job;
  }

  find(jobid: string): AsyncJobRecord | undefined {
    return this.jobs.get(jobid);
  }

  /** The job as clients may see it: a finished job whose completion is not durable yet is pending. */
  reported(job: AsyncJobRecord): AsyncJobRecord {
    if (!this.undurable.has(job.jobid)) return job;
    const { result: _result, completed: _completed, ...rest } = job;
    return { ...rest, status: JOB_PENDING, resultCode: 0 };
  }

  all(): AsyncJobRecord[] {
    return [...this.jobs.values()].sort((a, b) => a.seq - b.seq);
  }

  pendingCount(): number {
    let n = 0;
    for (const j of this.jobs.values()) if (j.status === JOB_PENDING) n++;
    return n;
  }

  /** Stops the clock: pending jobs never finish after this. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, Math.max(0, ms));
      this.timers.add(timer);
    });
  }

  private finish(job: AsyncJobRecord, run: () => JobOutcome): void {
    if (this.closed) return;
    try {
      const outcome = run();
      job.status = JOB_SUCCEEDED;
      job.resultCode = 0;
      job.result = outcomeResult(outcome);
    } catch (err) {
      const code = jobErrorCode(err);
      const text = err instanceof Error ? err.message : String(err);
      job.status = JOB_FAILED;
      job.resultCode = code;
      job.result = failedJobResult(code, text);
    }
    job.completed = formatCloudStackDate(new Date());
    this.publish(job);
  }

  private publish(job: AsyncJobRecord): void {
    const durable = this.onFinished(job);
    if (durable === undefined) return;
    this.undurable.add(job.jobid);
    durable.then(
      () => this.undurable.delete(job.jobid),
      // The write failed: keep the job pending and try again, as nothing else would write it.
      () => {
        if (this.closed) return;
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.publish(job);
        }, 200);
        this.timers.add(timer);
      },
    );
  }
}

/** ApiConstants.CUSTOM_JOB_ID, the parameter every BaseAsyncCmd declares. */
export const CUSTOM_JOB_ID = "customjobid";

const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * UUIDManagerImpl.checkUuidSimple(injectedJobId, AsyncJob.class), as ApiServer.queueCommand calls
 * it after the command was dispatched (for an async-create command, after its entity was
 * created): the lowercase UUID format, then uniqueness among jobs. InvalidParameterValueException
 * in both cases (431 / 4350).
 */
export function checkCustomJobId(jobs: JobQueue, value: string | undefined): ApiError | undefined {
  if (value === undefined) return undefined;
  if (!UUID_FORMAT.test(value)) return new ApiError(431, `UUID: ${value} doesn't follow the UUID format`, 4350);
  if (jobs.find(value)) return new ApiError(431, `UUID: ${value} already exists so can't create/update with custom id`, 4350);
  return undefined;
}

/** The AsyncJobResponse fields of a job, as queryAsyncJobResult and listAsyncJobs show them. */
export function jobResponse(job: AsyncJobRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    accountid: job.accountid,
    account: job.account,
    domainid: job.domainid,
    userid: job.userid,
    cmd: job.cmd,
    jobstatus: job.status,
    jobprocstatus: 0,
    jobresultcode: job.resultCode,
  };
  if (job.result !== undefined) {
    out.jobresulttype = "object";
    out.jobresult = job.result;
  }
  if (job.instanceType !== undefined) out.jobinstancetype = job.instanceType;
  if (job.instanceId !== undefined) out.jobinstanceid = job.instanceId;
  out.created = job.created;
  if (job.completed !== undefined) out.completed = job.completed;
  out.jobid = job.jobid;
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Narrows saved job records read back from a state file; drops anything malformed. */
export function parseJobRecords(value: unknown): AsyncJobRecord[] {
  if (!Array.isArray(value)) return [];
  const out: AsyncJobRecord[] = [];
  for (const v of value) {
    if (!isRecord(v)) continue;
    const strings = ["jobid", "command", "cmd", "userid", "accountid", "account", "domainid", "created"] as const;
    if (!strings.every((k) => typeof v[k] === "string")) continue;
    if (v.status !== 0 && v.status !== 1 && v.status !== 2) continue;
    if (typeof v.resultCode !== "number" || typeof v.seq !== "number") continue;
    const job: AsyncJobRecord = {
      jobid: v.jobid as string,
      command: v.command as string,
      cmd: v.cmd as string,
      userid: v.userid as string,
      accountid: v.accountid as string,
      account: v.account as string,
      domainid: v.domainid as string,
      status: v.status,
      resultCode: v.resultCode,
      created: v.created as string,
      seq: v.seq,
    };
    if (isRecord(v.result)) job.result = v.result;
    if (typeof v.instanceType === "string") job.instanceType = v.instanceType;
    if (typeof v.instanceId === "string") job.instanceId = v.instanceId;
    if (typeof v.completed === "string") job.completed = v.completed;
    out.push(job);
  }
  return out;
}
