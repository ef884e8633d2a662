// A CloudStack job that was still running when a create or update reached its deadline. The
// outputs recorded by the engine carry it, so that the next update (or a delete, or a refresh)
// waits for that job instead of starting the work again.
import { CloudStackApiError, JobFailedError, JobUnfinishedError, type CloudStackClient } from "../../client";
import { commandFromClassName } from "../../client/jobs";
import { PENDING_JOB_KEY } from "../reserved";
import { PropertyMap } from "../types";

export interface PendingJob {
  readonly jobId: string;
  /** The API command the job runs, e.g. "createTags". */
  readonly command: string;
  /** The operation that started it. */
  readonly operation: "create" | "update";
}

export function pendingJobOf(props: PropertyMap): PendingJob | undefined {
  const value = props[PENDING_JOB_KEY];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const { jobId, command, operation } = value as Record<string, unknown>;
  if (typeof jobId !== "string" || jobId === "") return undefined;
  return {
    jobId,
    command: typeof command === "string" ? command : "async job",
    operation: operation === "update" ? "update" : "create",
  };
}

export function pendingJobEntry(err: JobUnfinishedError, operation: PendingJob["operation"]): PropertyMap {
  return pendingJobRecord({ jobId: err.jobId, command: err.command, operation });
}

export function pendingJobRecord(job: PendingJob): PropertyMap {
  return { [PENDING_JOB_KEY]: { jobId: job.jobId, command: job.command, operation: job.operation } };
}

export function withoutPendingJob(props: PropertyMap): PropertyMap {
  const { [PENDING_JOB_KEY]: _done, ...rest } = props;
  return rest;
}

export type JobEnd = { readonly ok: true } | { readonly ok: false; readonly error: JobFailedError };

/**
 * Waits for the job with the client's (deadline-bound) wait. A failed job is an answer, not an
 * error; a job CloudStack no longer knows (purged after job.expire.minutes) counts as finished.
 * JobDeadlineError propagates: the job is still running.
 */
export async function settle(client: CloudStackClient, job: PendingJob, objectId: string): Promise<JobEnd> {
  try {
    await client.waitForJob(job.jobId, { command: job.command, objectId });
    return { ok: true };
  } catch (err) {
    if (err instanceof JobFailedError) return { ok: false, error: err };
    if (err instanceof CloudStackApiError && err.errorcode === 431) return { ok: true };
    throw err;
  }
}

/** One poll, no waiting: true while the job is still pending. */
export async function jobRunning(client: CloudStackClient, job: PendingJob): Promise<boolean> {
  try {
    const answer = await client.request("queryAsyncJobResult", { jobid: job.jobId });
    return String(answer.jobstatus) === "0";
  } catch (err) {
    if (err instanceof CloudStackApiError && err.errorcode === 431) return false;
    throw err;
  }
}

/**
 * Waits for every job CloudStack still runs on the object (listAsyncJobs, by jobinstanceid):
 * an earlier delete that passed its deadline, say. Returns how many it waited for; 0 when the
 * account may not list jobs.
 */
export async function settleObjectJobs(client: CloudStackClient, objectId: string): Promise<number> {
  let jobs: Record<string, unknown>[];
  try {
    jobs = await client.list<Record<string, unknown>>("listAsyncJobs", {});
  } catch (err) {
    if (err instanceof CloudStackApiError) return 0;
    throw err;
  }
  const running = jobs.filter(
    (job) => String(job.jobstatus) === "0" && typeof job.jobinstanceid === "string" && job.jobinstanceid.toLowerCase() === objectId.toLowerCase(),
  );
  for (const job of running) {
    await settle(client, { jobId: String(job.jobid), command: commandFromClassName(job.cmd) ?? "async job", operation: "update" }, objectId);
  }
  return running.length;
}
