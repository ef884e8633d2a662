// Waiting for an object CloudStack finishes after its create answered (a template downloading to
// secondary storage): deploying from it before then fails, so the resource is done only once the
// object is ready. Polled like a job, on the same schedule, until the operation's deadline, and
// reported like a long job.
import { JOB_PROGRESS, type CloudStackClient } from "../../client";
import { nextPollDelay } from "../../client/poll-schedule";
import { Deadline } from "./deadline";
import { ResourceSpec } from "../spec";
import { ApiObject, PropertyMap } from "../types";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The object never became ready, or not by the deadline; the object is as last read. */
export class NotReadyError extends Error {
  constructor(
    message: string,
    readonly object: ApiObject,
    /** True when CloudStack gave up (waiting longer will not help). */
    readonly failed: boolean,
  ) {
    super(message);
    this.name = "NotReadyError";
  }
}

/** The object once the spec's readiness says it is ready; the object itself for kinds without one. */
export async function waitUntilReady(
  spec: ResourceSpec,
  client: CloudStackClient,
  object: ApiObject,
  olds: PropertyMap,
  deadline: Deadline,
  progressTiming: { afterMs: number; everyMs: number } = JOB_PROGRESS,
): Promise<ApiObject> {
  const readiness = spec.readiness;
  if (!readiness) return object;
  const id = spec.idOf(object);
  const started = Date.now();
  let current = object;
  let delay: number | undefined;
  let reportedAt: number | undefined;
  for (;;) {
    const state = readiness.state(current);
    if (state.ready) return current;
    // Reported as a job still running is: after a few seconds, then now and then.
    const elapsedMs = Date.now() - started;
    if (state.failed === undefined && elapsedMs >= progressTiming.afterMs && (reportedAt === undefined || elapsedMs - reportedAt >= progressTiming.everyMs)) {
      reportedAt = elapsedMs;
      client.reportProgress({ awaited: readiness.awaited, objectId: id, elapsedMs, ...(state.progress === undefined ? {} : { status: state.progress }) });
    }
    if (state.failed !== undefined) {
      throw new NotReadyError(`${readiness.awaited} failed: ${state.failed}; CloudStack does not try again`, current, true);
    }
    if (deadline.passed()) {
      const progress = state.progress === undefined ? "" : ` (${state.progress})`;
      throw new NotReadyError(`${readiness.awaited} had not finished at ${deadline.describe()}${progress}`, current, false);
    }
    delay = nextPollDelay(delay, Date.now() - started);
    await sleep(Math.min(delay, deadline.remainingMs()));
    let found: ApiObject | undefined;
    try {
      found = await spec.read(client, id, olds);
    } catch (err) {
      // The object exists: it is recorded as not ready, and the next run waits for it again.
      throw new NotReadyError(`${readiness.awaited} could not be followed: ${err instanceof Error ? err.message : String(err)}`, current, false);
    }
    if (!found) throw new Error(`${spec.kind} ${id} disappeared while ${readiness.awaited} was awaited`);
    current = found;
  }
}
