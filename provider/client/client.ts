// The CloudStack API client: signed requests, envelopes, paging and async jobs on one shared transport.
import { isReadCommand } from "./command-kind";
import { readListPage, unwrapEnvelope } from "./envelope";
import { CloudStackApiError, CloudStackTransportError } from "./errors";
import { waitForJobResult } from "./jobs";
import { Limiter } from "./limiter";
import { DEFAULTS, type ClientOptions } from "./options";
import { collectPages, DEFAULT_PAGE_SIZE, maxPageSizeFrom } from "./paging";
import { flattenParams, type Params } from "./params";
import { Redactor } from "./redact";
import { DEFAULT_RETRY, errorCode, withRetry, type RetryPolicy } from "./retry";
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

/** An async answer carries a jobid; queryAsyncJobResult's own answer also has jobstatus. */
function asyncAnswer(inner: Record<string, unknown>): { jobId: string; id?: string } | undefined {
  if (typeof inner.jobid !== "string" || "jobstatus" in inner) return undefined;
  return typeof inner.id === "string" ? { jobId: inner.jobid, id: inner.id } : { jobId: inner.jobid };
}

export class CloudStackClient {
  readonly stats = { requests: 0, polls: 0 };

  private readonly apiKey: string;
  private readonly secretKey: string;
  private readonly expiresInSeconds: number;
  private readonly jobDeadlineMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly transport: Transport;
  private readonly limiter: Limiter;
  private readonly redactor: Redactor;
  private readonly logSink: ((line: string) => void) | undefined;

  constructor(options: ClientOptions) {
    if (!options.apiKey || !options.secretKey) throw new Error("CloudStack client needs both apiKey and secretKey");
    this.apiKey = options.apiKey;
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
    this.transport = new Transport({
      apiUrl: options.apiUrl,
      insecure: options.insecure === true,
      requestTimeoutMs: positive("requestTimeoutMs", options.requestTimeoutMs, DEFAULTS.requestTimeoutMs),
      maxConnections: maxInFlight,
    });
    this.logSink = options.log;
  }

  /** One HTTP call; returns the object under "<command lowercased>response". Throws CloudStackApiError. */
  async request(command: string, params?: Params): Promise<Record<string, unknown>> {
    const fields = flattenParams(params);
    const read = isReadCommand(command);
    let attempts = 0;
    const attempt = (): Promise<Record<string, unknown>> => {
      attempts++;
      return this.limiter.run(() => this.send(command, fields, read));
    };
    try {
      // A state-changing command is sent once: a lost answer does not mean it did not run.
      return read
        ? await withRetry(this.retryPolicy, attempt, (error, delayMs, attemptNumber) =>
            this.log(`${command} attempt ${attemptNumber} failed (${this.reason(error)}); retrying in ${delayMs} ms`),
          )
        : await attempt();
    } catch (error) {
      if (error instanceof CloudStackApiError) throw error;
      throw new CloudStackTransportError({
        command,
        code: errorCode(error) ?? "UNKNOWN",
        detail:
          this.redactor.apply(this.reason(error)) +
          (read ? "" : "; the command was sent once and not retried, so it may still have run"),
        attempts,
        endpoint: this.transport.endpoint,
      });
    }
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

  /** Waits for a job; resolves to its jobresult (e.g. {network:{...}} or {success:true}). */
  waitForJob(
    jobId: string,
    options: { deadlineMs?: number; command?: string; objectId?: string } = {},
  ): Promise<Record<string, unknown>> {
    const poll = (): Promise<Record<string, unknown>> => {
      this.stats.polls++;
      return this.request("queryAsyncJobResult", { jobid: jobId });
    };
    return waitForJobResult(poll, {
      jobId,
      deadlineMs: positive("deadlineMs", options.deadlineMs, this.jobDeadlineMs),
      ...(options.command === undefined ? {} : { command: options.command }),
      ...(options.objectId === undefined ? {} : { objectId: options.objectId }),
      clean: (text) => this.redactor.apply(text),
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
      return unwrapEnvelope(command, answer.status, answer.body, (text) => this.redactor.apply(text, [signature]));
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
