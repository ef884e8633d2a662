// One operation's deadline, and a view of the shared client whose job waits end at it: a spec
// calls client.execute() as usual and its jobs stop waiting when the operation's time is up.
import { JobDeadlineError, type CloudStackClient } from "../../client";
import { formatDuration, Operation, timeoutMs } from "../check/timeouts";
import { PropertyMap } from "../types";

export class Deadline {
  readonly at: number;

  constructor(
    readonly operation: Operation,
    readonly totalMs: number,
  ) {
    this.at = Date.now() + totalMs;
  }

  static of(props: PropertyMap, operation: Operation): Deadline {
    return new Deadline(operation, timeoutMs(props, operation));
  }

  /** At least 1 ms, so that a wait started after the deadline still polls the job once. */
  remainingMs(): number {
    return Math.max(1, this.at - Date.now());
  }

  passed(): boolean {
    return Date.now() >= this.at;
  }

  /** e.g. "the create deadline (20 min)". */
  describe(): string {
    return `the ${this.operation} deadline (${formatDuration(this.totalMs)})`;
  }
}

/**
 * The client with every job wait bounded by `deadline`. The view shares the client's transport,
 * limiter and credentials (it inherits them); only waitForJob, which execute() calls, changes.
 */
export function withDeadline(client: CloudStackClient, deadline: Deadline): CloudStackClient {
  const bounded = Object.create(client) as CloudStackClient;
  // Commands CloudStack refused before running them are sent again only while time is left.
  bounded.retryUntil = deadline.at;
  const wait = client.waitForJob;
  bounded.waitForJob = async function (jobId, options = {}) {
    const remaining = deadline.remainingMs();
    if (options.deadlineMs !== undefined && options.deadlineMs < remaining) return wait.call(bounded, jobId, options);
    try {
      return await wait.call(bounded, jobId, { ...options, deadlineMs: remaining });
    } catch (err) {
      // Report the operation's deadline, not the part of it left when this wait began.
      if (!(err instanceof JobDeadlineError)) throw err;
      const { command, objectId } = err;
      throw new JobDeadlineError({ command, jobId, ...(objectId === undefined ? {} : { objectId }), deadlineMs: deadline.totalMs });
    }
  };
  return bounded;
}
