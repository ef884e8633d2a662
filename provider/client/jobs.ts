// Waiting for an async job: its poll schedule, and what its answer means (PROTOCOL.md §3).
import { isRecord } from "./envelope";
import { JobDeadlineError, JobFailedError } from "./errors";
import { nextPollDelay } from "./poll-schedule";

const JOB_PENDING = 0;
const JOB_SUCCEEDED = 1;
const JOB_FAILED = 2;
const JOB_CANCELLED = 3;

export interface WaitOptions {
  jobId: string;
  deadlineMs: number;
  command?: string;
  objectId?: string;
  /** Scrubs server text before it reaches an error message. */
  clean: (text: string) => string;
  /** Told how long the job has run while it is still pending (see JOB_PROGRESS). */
  onProgress?: (progress: JobProgress) => void;
  /** When onProgress is told: JOB_PROGRESS unless given. */
  progressTiming?: { afterMs: number; everyMs: number };
}

/** A job still running: what is waited for and for how long. */
export interface JobProgress {
  command: string;
  jobId: string;
  objectId?: string;
  elapsedMs: number;
}

/**
 * A job pending this long is reported, then again at most this often: a long `up` shows what
 * it waits for without a line per poll.
 */
export const JOB_PROGRESS = { afterMs: 5_000, everyMs: 15_000 } as const;

/** Something CloudStack finishes after answering, not a job (a template downloading), still under way. */
export interface WaitProgress {
  /** What is awaited: "the template's download". */
  awaited: string;
  objectId: string;
  elapsedMs: number;
  /** What CloudStack says of it ("40% Downloaded"), when it says anything. */
  status?: string;
}

export type Progress = JobProgress | WaitProgress;

/**
 * "createNetwork (job 1f0c…, object 9a2d…) still running after 12 s", or
 * "the template's download (object 9a2d…) still under way after 12 s: 40% Downloaded".
 */
export function describeProgress(progress: Progress): string {
  const seconds = Math.round(progress.elapsedMs / 1000);
  if ("awaited" in progress) {
    return `${progress.awaited} (object ${progress.objectId}) still under way after ${seconds} s${progress.status === undefined ? "" : `: ${progress.status}`}`;
  }
  const object = progress.objectId === undefined ? "" : `, object ${progress.objectId}`;
  return `${progress.command} (job ${progress.jobId}${object}) still running after ${seconds} s`;
}

function toInt(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** "org.apache.cloudstack.api.command.user.network.CreateNetworkCmd" -> "createNetwork". */
export function commandFromClassName(className: unknown): string | undefined {
  if (typeof className !== "string") return undefined;
  const simple = className.slice(className.lastIndexOf(".") + 1).replace(/Cmd(ByAdmin)?$/, "");
  return simple === "" ? undefined : simple.charAt(0).toLowerCase() + simple.slice(1);
}

/**
 * Follows the job until it leaves the pending state. `observe(dueAt)` answers the job as
 * CloudStack reports it at about `dueAt` on the poll schedule, or sooner once it finished.
 * Resolves to its jobresult; throws JobFailedError for a failed or cancelled job,
 * JobDeadlineError once deadlineMs has passed.
 */
export async function waitForJobResult(
  observe: (dueAt: number) => Promise<Record<string, unknown>>,
  options: WaitOptions,
): Promise<Record<string, unknown>> {
  const started = Date.now();
  let command = options.command;
  let delay: number | undefined;
  let reportedAt: number | undefined;
  for (;;) {
    const elapsed = Date.now() - started;
    delay = nextPollDelay(delay, elapsed);
    const job = await observe(started + Math.max(elapsed, Math.min(elapsed + delay, options.deadlineMs)));
    command ??= commandFromClassName(job.cmd);
    const status = toInt(job.jobstatus);
    const result = isRecord(job.jobresult) ? job.jobresult : {};
    if (status === JOB_SUCCEEDED) return result;
    if (status === JOB_FAILED || status === JOB_CANCELLED) {
      throw failure(command ?? "async job", options, job, result, status === JOB_CANCELLED);
    }
    if (status !== JOB_PENDING && status !== undefined) {
      throw new Error(`CloudStack job ${options.jobId} reported an unknown jobstatus ${String(job.jobstatus)}`);
    }
    const running = Date.now() - started;
    const timing = options.progressTiming ?? JOB_PROGRESS;
    if (options.onProgress && running >= timing.afterMs && (reportedAt === undefined || running - reportedAt >= timing.everyMs)) {
      reportedAt = running;
      options.onProgress({ command: command ?? "async job", jobId: options.jobId, ...(options.objectId === undefined ? {} : { objectId: options.objectId }), elapsedMs: running });
    }
    if (running >= options.deadlineMs) {
      throw new JobDeadlineError({
        command: command ?? "async job",
        jobId: options.jobId,
        ...(options.objectId === undefined ? {} : { objectId: options.objectId }),
        deadlineMs: options.deadlineMs,
      });
    }
  }
}

function failure(
  command: string,
  options: WaitOptions,
  job: Record<string, unknown>,
  result: Record<string, unknown>,
  cancelled: boolean,
): JobFailedError {
  const errorcode = toInt(result.errorcode) ?? toInt(job.jobresultcode) ?? 530;
  const cserrorcode = toInt(result.cserrorcode);
  const fallback = cancelled ? "the job was cancelled" : "the job failed without an error text";
  const errortext = typeof result.errortext === "string" ? result.errortext : fallback;
  return new JobFailedError({
    status: errorcode,
    errorcode,
    ...(cserrorcode === undefined ? {} : { cserrorcode }),
    command,
    errortext: options.clean(errortext),
    jobId: options.jobId,
  });
}
