// The CloudStack API client: signed requests, envelopes, paging and async jobs on one shared transport.
import { createHash, randomUUID } from "node:crypto";
import { ASYNC_COMMANDS } from "./async-commands";
import { isReadCommand } from "./command-kind";
import { readListPage, unwrapEnvelope } from "./envelope";
import { CloudStackApiError, CloudStackTransportError, CommandOutcomeUnknownError, JobPollFailedError, JobUnfinishedError } from "./errors";
import { jobWatchFor } from "./account-jobs";
import type { JobChannel, JobWatch } from "./job-watch";
import { waitForJobResult, type Progress, type WaitProgress } from "./jobs";
import { Limiter } from "./limiter";
import { DEFAULTS, type ClientOptions } from "./options";
import { collectPages, DEFAULT_PAGE_SIZE, maxPageSizeFrom } from "./paging";
import { flattenParams, type Params } from "./params";
import { Redactor } from "./redact";
import { RequestPacer } from "./request-pacer";
import { DEFAULT_RETRY, errorCode, outcomeOf, retryDelay, sleep, throttledFor, withRetry, type RetryPolicy } from "./retry";
import { formatExpires, javaUrlEncode, signRequest } from "./signing";
import { Transport } from "./transport";

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`CloudStack client option ${name} must be a positive number, got ${value}`);
  return value;
}

function encodeFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `${javaUrlEncode(name)}=${javaUrlEncode(value)}`)
    .join("&");
}

/** How long to keep asking for a job whose request got no answer before deciding it was never queued. */
const JOB_LOOKUP_WAITS_MS: readonly number[] = [0, 250, 750, 1500];
/**
 * A request that timed out may still be running in the management server, which queues its job
 * only at the end: it is given longer, since sending it again while it runs would make a second
 * object (CloudStack makes an async create's object before it checks the job id).
 */
const SLOW_JOB_LOOKUP_WAITS_MS: readonly number[] = [0, 1000, 2000, 4000, 8000, 15_000];

/**
 * How long a request CloudStack keeps refusing for the account's API limit is sent again when
 * no operation deadline bounds it (a throttled request did not run, so sending it is safe).
 */
export const THROTTLED_RETRY_BUDGET_MS = 10 * 60_000;

/** A job found by its id: what CloudStack would have answered the command that started it. */
export interface FoundJob {
  jobid: string;
  /** The object the job works on (the new object, for an async create). */
  id?: string;
  /** 0 pending, 1 succeeded, 2 failed, 3 cancelled. */
  jobstatus: number;
}

/** An async answer carries a jobid; queryAsyncJobResult's own answer also has jobstatus. */
function asyncAnswer(inner: Record<string, unknown>): { jobId: string; id?: string } | undefined {
  if (typeof inner.jobid !== "string" || "jobstatus" in inner) return undefined;
  return typeof inner.id === "string" ? { jobId: inner.jobid, id: inner.id } : { jobId: inner.jobid };
}

function foundJob(jobId: string, job: Record<string, unknown>): FoundJob {
  const status = Number(job.jobstatus);
  return {
    jobid: jobId,
    jobstatus: Number.isFinite(status) ? status : 0,
    ...(typeof job.jobinstanceid === "string" ? { id: job.jobinstanceid } : {}),
  };
}

export class CloudStackClient {
  readonly stats = { requests: 0, polls: 0, recovered: 0 };

  /** Names the caller without revealing its key: a hash of the API key. */
  readonly callerId: string;
  private readonly apiKey: string;
  private readonly secretKey: string;
  private readonly expiresInSeconds: number;
  private readonly jobDeadlineMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly transport: Transport;
  private readonly limiter: Limiter;
  private readonly pacer: RequestPacer;
  private readonly jobWatch: JobWatch;
  private readonly redactor: Redactor;
  private readonly logSink: ((line: string) => void) | undefined;
  private readonly progressSink: ((progress: Progress) => void) | undefined;

  constructor(options: ClientOptions) {
    if (!options.apiKey || !options.secretKey) throw new Error("CloudStack client needs both apiKey and secretKey");
    this.apiKey = options.apiKey;
    this.callerId = createHash("sha256").update(options.apiKey).digest("hex").slice(0, 32);
    this.secretKey = options.secretKey;
    this.redactor = new Redactor([options.secretKey]);
    this.expiresInSeconds = positive("expiresInSeconds", options.expiresInSeconds, DEFAULTS.expiresInSeconds);
    this.jobDeadlineMs = positive("jobDeadlineMs", options.jobDeadlineMs, DEFAULTS.jobDeadlineMs);
    const maxInFlight = positive("maxInFlight", options.maxInFlight, DEFAULTS.maxInFlight);
    this.retryPolicy = {
      attempts: Math.floor(positive("retry.attempts", options.retry?.attempts, DEFAULT_RETRY.attempts)),
      baseDelayMs: positive("retry.baseDelayMs", options.retry?.baseDelayMs, DEFAULT_RETRY.baseDelayMs),
      maxDelayMs: positive("retry.maxDelayMs", options.retry?.maxDelayMs, DEFAULT_RETRY.maxDelayMs),
    };
    this.limiter = new Limiter(maxInFlight);
    this.pacer = new RequestPacer(
      options.maxRequestsPerSecond === undefined ? undefined : positive("maxRequestsPerSecond", options.maxRequestsPerSecond, 1),
    );
    this.transport = new Transport({
      apiUrl: options.apiUrl,
      insecure: options.insecure === true,
      requestTimeoutMs: positive("requestTimeoutMs", options.requestTimeoutMs, DEFAULTS.requestTimeoutMs),
      maxConnections: maxInFlight,
    });
    this.logSink = options.log;
    this.progressSink = options.progress;
    this.retryUntil = undefined;
    this.jobWatch = jobWatchFor(this.transport.endpoint, options.apiKey, options.secretKey);
  }

  /**
   * The latest moment a command refused before it ran (429, 503, no connection) is sent again;
   * an operation's deadline sets it on its view of the client (see adapter/deadline.ts).
   */
  retryUntil: number | undefined;

  /**
   * One HTTP call; returns the object under "<command lowercased>response". Throws
   * CloudStackApiError, CloudStackTransportError or, for a command that changes state and got no
   * answer, CommandOutcomeUnknownError.
   *
   * Reads are retried on any failure that is not CloudStack's own answer. Commands that change
   * state are retried only when CloudStack cannot have run them; an async command always carries
   * a `customjobid` (the caller's, or a fresh one), so when its answer is lost the job is looked
   * up by that id and followed instead of the command being sent twice.
   */
  async request(command: string, params?: Params): Promise<Record<string, unknown>> {
    const fields = flattenParams(params);
    const read = isReadCommand(command);
    if (read) return this.read(command, fields);
    if (!ASYNC_COMMANDS.has(command)) return this.change(command, fields);
    if (fields.customjobid === undefined) fields.customjobid = randomUUID();
    this.jobWatch.sending(fields.customjobid);
    const sentAt = Date.now();
    const answer = await this.change(command, fields);
    // When the job began, in this machine's clock: the shared poller bounds its listings by it.
    if (typeof answer.jobid === "string") this.jobWatch.started(answer.jobid, sentAt, Date.now());
    return answer;
  }

  private async read(command: string, fields: Record<string, string>): Promise<Record<string, unknown>> {
    let attempts = 0;
    const attempt = (): Promise<Record<string, unknown>> => {
      attempts++;
      return this.limiter.run(() => this.paced(command, fields, true));
    };
    try {
      return await withRetry(this.retryPolicy, attempt, (error, delayMs, attemptNumber) =>
        this.log(`${command} attempt ${attemptNumber} failed (${this.reason(error)}); retrying in ${delayMs} ms`),
      );
    } catch (error) {
      if (error instanceof CloudStackApiError) throw error;
      throw this.transportError(command, error, attempts);
    }
  }

  private async change(command: string, fields: Record<string, string>): Promise<Record<string, unknown>> {
    const jobId = fields.customjobid;
    for (let attempt = 1; ; attempt++) {
      let error: unknown;
      try {
        return await this.limiter.run(() => this.paced(command, fields, false));
      } catch (caught) {
        error = caught;
      }
      const outcome = outcomeOf(error);
      if (outcome === "answered") {
        // A resend refused because the first copy did run (its customjobid is taken): follow that job.
        if (jobId !== undefined && attempt > 1 && error instanceof CloudStackApiError) {
          const found = await this.findJob(jobId, JOB_LOOKUP_WAITS_MS.slice(0, 1));
          if (found) return this.answerFor(found);
        }
        if (error instanceof CloudStackApiError) throw error;
        throw this.transportError(command, error, attempt);
      }
      if (outcome === "unknown") {
        if (jobId === undefined) {
          throw new CommandOutcomeUnknownError({ command, reason: this.redactor.apply(this.reason(error)), attempts: attempt, endpoint: this.transport.endpoint });
        }
        const found = await this.findJob(jobId, errorCode(error) === "ETIMEDOUT" || errorCode(error)?.endsWith("_TIMEOUT") ? SLOW_JOB_LOOKUP_WAITS_MS : JOB_LOOKUP_WAITS_MS);
        if (found) {
          this.log(`${command} answer lost (${this.reason(error)}); following its job ${jobId}`);
          return this.answerFor(found);
        }
        // CloudStack has no job by that id: the command never reached it, so sending it again is safe.
      }
      const delayMs = retryDelay(this.retryPolicy, attempt, error);
      const withinDeadline = this.retryUntil === undefined || Date.now() + delayMs < this.retryUntil;
      if (attempt >= this.retryPolicy.attempts || !withinDeadline) {
        if (error instanceof CloudStackApiError) throw error;
        throw this.transportError(command, error, attempt);
      }
      this.log(`${command} attempt ${attempt} was not run by CloudStack (${this.reason(error)}); retrying in ${delayMs} ms`);
      await sleep(delayMs);
    }
  }

  /**
   * The job with this id, or undefined when CloudStack has none (it answers 431 for an unknown
   * job id). `waitsMs` spaces the look-ups: a request still being handled may queue its job a
   * little after its connection broke.
   */
  async findJob(jobId: string, waitsMs: readonly number[] = [0]): Promise<FoundJob | undefined> {
    // A single look-up goes through the account's shared view, which serves look-ups arriving
    // together with one listing.
    if (waitsMs.length === 1 && waitsMs[0] === 0) {
      const job = await this.jobWatch.find(jobId, this.jobChannel(false));
      return job === undefined ? undefined : foundJob(jobId, job);
    }
    for (const wait of waitsMs) {
      if (wait > 0) await sleep(wait);
      try {
        return foundJob(jobId, await this.request("queryAsyncJobResult", { jobid: jobId }));
      } catch (err) {
        if (!(err instanceof CloudStackApiError) || err.errorcode !== 431) throw err;
      }
    }
    return undefined;
  }

  /** What the command would have answered: its job id and, when known, the object's id. */
  private answerFor(job: FoundJob): Record<string, unknown> {
    this.stats.recovered++;
    return job.id === undefined ? { jobid: job.jobid } : { jobid: job.jobid, id: job.id };
  }

  private transportError(command: string, error: unknown, attempts: number): CloudStackTransportError {
    return new CloudStackTransportError({
      command,
      code: errorCode(error) ?? "UNKNOWN",
      detail: this.redactor.apply(this.reason(error)),
      attempts,
      endpoint: this.transport.endpoint,
    });
  }

  /** Every item of a list command across pages; [] for the empty-list form {}. */
  async list<T = Record<string, unknown>>(command: string, params: Params = {}): Promise<T[]> {
    const requested = params.pagesize;
    const single = (params.page !== undefined && params.page !== null) || requested === -1 || requested === "-1";
    if (single) return readListPage(await this.request(command, params)).items as T[];

    const explicitSize = typeof requested === "number" || (typeof requested === "string" && /^\d+$/.test(requested));
    const pageSize = explicitSize ? Number(requested) : DEFAULT_PAGE_SIZE;
    const fetchPage = (page: number, size: number) => this.request(command, { ...params, page, pagesize: size });
    try {
      return (await collectPages(fetchPage, pageSize)) as T[];
    } catch (error) {
      // A server whose default.page.size is below 500 names its ceiling; page again with it.
      const ceiling = error instanceof CloudStackApiError && error.errorcode === 431 ? maxPageSizeFrom(error.errortext) : undefined;
      if (explicitSize || ceiling === undefined || ceiling >= pageSize) throw error;
      return (await collectPages(fetchPage, ceiling)) as T[];
    }
  }

  /** Starts an async command: {jobId, id?} (id for async-create commands). */
  async start(command: string, params?: Params): Promise<{ jobId: string; id?: string }> {
    const started = asyncAnswer(await this.request(command, params));
    if (!started) throw new Error(`CloudStack ${command} answered without a jobid: it is not an async command, use execute() or request()`);
    return started;
  }

  /** Passes a long wait that is not a job (a template downloading) to the progress sink, as job waits are. */
  reportProgress(progress: WaitProgress): void {
    this.progressSink?.(progress);
  }

  /** Waits for a job; resolves to its jobresult (e.g. {network:{...}} or {success:true}). */
  waitForJob(
    jobId: string,
    options: { deadlineMs?: number; command?: string; objectId?: string } = {},
  ): Promise<Record<string, unknown>> {
    const channel = this.jobChannel(true);
    return waitForJobResult((dueAt) => this.jobWatch.observe(jobId, dueAt, channel), {
      jobId,
      deadlineMs: positive("deadlineMs", options.deadlineMs, this.jobDeadlineMs),
      ...(options.command === undefined ? {} : { command: options.command }),
      ...(options.objectId === undefined ? {} : { objectId: options.objectId }),
      clean: (text) => this.redactor.apply(text),
      ...(this.progressSink === undefined ? {} : { onProgress: this.progressSink }),
    }).catch((err: unknown) => {
      // The job was accepted: a poll that keeps failing does not end it, so say which job to follow.
      const pollError = err instanceof CloudStackApiError && (err.command === "queryAsyncJobResult" || err.command === "listAsyncJobs");
      if (err instanceof JobUnfinishedError || (err instanceof CloudStackApiError && !pollError)) throw err;
      // CloudStack does not know the job (purged, or never queued).
      if (err instanceof CloudStackApiError && err.command === "queryAsyncJobResult" && err.errorcode === 431) throw err;
      throw new JobPollFailedError({
        command: options.command ?? "async job",
        jobId,
        ...(options.objectId === undefined ? {} : { objectId: options.objectId }),
        reason: err instanceof Error ? err.message : String(err),
      });
    });
  }

  /** Sync command: its response object. Async command (response has jobid): waits, returns jobresult. */
  async execute(command: string, params?: Params, options: { deadlineMs?: number } = {}): Promise<Record<string, unknown>> {
    const inner = await this.request(command, params);
    const job = asyncAnswer(inner);
    if (!job) return inner;
    return this.waitForJob(job.jobId, {
      command,
      ...(job.id === undefined ? {} : { objectId: job.id }),
      ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }),
    });
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** The requests the account's job watcher sends through this client; job polls are counted as such. */
  private jobChannel(polls: boolean): JobChannel {
    return {
      query: (jobId) => {
        if (polls) this.stats.polls++;
        return this.request("queryAsyncJobResult", { jobid: jobId });
      },
      listPage: async (params) => {
        if (polls) this.stats.polls++;
        return readListPage(await this.request("listAsyncJobs", params));
      },
    };
  }

  /**
   * One request at the client's pace. A refusal for the account's API limit (429) did not run:
   * it slows the pace and waits the time CloudStack named, then sends again, for as long as the
   * operation's deadline (or, without one, THROTTLED_RETRY_BUDGET_MS) allows.
   */
  private async paced(command: string, fields: Record<string, string>, read: boolean): Promise<Record<string, unknown>> {
    const giveUpAt = this.retryUntil ?? Date.now() + THROTTLED_RETRY_BUDGET_MS;
    for (let attempt = 1; ; attempt++) {
      await this.pacer.take();
      try {
        return await this.send(command, fields, read);
      } catch (error) {
        const waitMs = throttledFor(error);
        if (waitMs === undefined || Date.now() + waitMs >= giveUpAt) throw error;
        this.pacer.throttled(waitMs);
        this.log(`${command} attempt ${attempt} was not run by CloudStack (${this.reason(error)}, the account's API limit); retrying in ${waitMs} ms`);
      }
    }
  }

  private async send(command: string, fields: Record<string, string>, read: boolean): Promise<Record<string, unknown>> {
    const signed: Record<string, string> = {
      ...fields,
      apiKey: this.apiKey,
      command,
      response: "json",
      signatureVersion: "3",
      expires: formatExpires(new Date(Date.now() + this.expiresInSeconds * 1000)),
    };
    const signature = signRequest(signed, this.secretKey);
    const encoded = `${encodeFields(signed)}&signature=${javaUrlEncode(signature)}`;
    const method = read ? "GET" : "POST";
    const names = Object.keys(fields);
    const began = Date.now();
    this.stats.requests++;
    try {
      const answer = read ? await this.transport.get(encoded) : await this.transport.post(encoded);
      this.log(`${method} ${command}${names.length ? ` [${names.join(",")}]` : ""} -> ${answer.status} in ${Date.now() - began} ms`);
      return unwrapEnvelope(command, answer.status, answer.body, (text) => this.redactor.apply(text, [signature]), answer.retryAfterMs);
    } catch (error) {
      if (!(error instanceof CloudStackApiError)) {
        this.log(`${method} ${command} -> ${this.reason(error)} after ${Date.now() - began} ms`);
      }
      throw error;
    }
  }

  private reason(error: unknown): string {
    if (error instanceof CloudStackApiError) return `HTTP ${error.status}, errorcode ${error.errorcode}`;
    const code = errorCode(error);
    const message = error instanceof Error ? error.message : String(error);
    return code && !message.includes(code) ? `${code}: ${message}` : message;
  }

  private log(line: string): void {
    if (this.logSink) this.logSink(`cloudstack: ${this.redactor.apply(line)}`);
  }
}
