// Waiting for an object CloudStack finishes after its create answered (a template downloading to
// secondary storage): deploying from it before then fails, so the resource is done only once the
// object is ready. Polled like a job, on the same schedule, until the operation's deadline, and
// reported like a long job.
import { JOB_PROGRESS, type CloudStackClient } from "../../client";
import { Deadline } from "./deadline";
import { readUntil } from "./read-until";
import { ResourceSpec } from "../spec";
import { ApiObject, PropertyMap } from "../types";

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
  let last = object;
  let reportedAt: number | undefined;
  const ready = (current: ApiObject, elapsedMs: number): boolean => {
    last = current;
    const state = readiness.state(current);
    if (state.ready) return true;
    if (state.failed !== undefined) {
      throw new NotReadyError(`${readiness.awaited} failed: ${state.failed}; CloudStack does not try again`, current, true);
    }
    // Reported as a job still running is: after a few seconds, then now and then.
    if (elapsedMs >= progressTiming.afterMs && (reportedAt === undefined || elapsedMs - reportedAt >= progressTiming.everyMs)) {
      reportedAt = elapsedMs;
      client.reportProgress({ awaited: readiness.awaited, objectId: id, elapsedMs, ...(state.progress === undefined ? {} : { status: state.progress }) });
    }
    if (deadline.passed()) {
      const progress = state.progress === undefined ? "" : ` (${state.progress})`;
      throw new NotReadyError(`${readiness.awaited} had not finished at ${deadline.describe()}${progress}`, current, false);
    }
    return false;
  };
  let found: ApiObject | undefined;
  try {
    found = await readUntil(spec, client, id, olds, object, deadline, ready);
  } catch (err) {
    if (err instanceof NotReadyError) throw err;
    // A read failed: the object exists, so it is recorded as not ready and the next run waits again.
    throw new NotReadyError(`${readiness.awaited} could not be followed: ${err instanceof Error ? err.message : String(err)}`, last, false);
  }
  if (!found) throw new Error(`${spec.kind} ${id} disappeared while ${readiness.awaited} was awaited`);
  return found;
}
