// The async job a handler answers for one object: queued behind the other jobs with the same
// queue key (its network, VPC, ACL...), and answering the object or {"success":true}.
import type { HandlerResult } from "../wire/types";

export interface JobTarget {
  readonly queueKey: string;
  readonly instanceType?: string;
  readonly instanceId?: string;
  /** Set for async creates: the wire layer answers it as `id` next to the job id. */
  readonly createdId?: string;
}

/** A job whose result is the object `object()` returns when it runs, under `objectName`. */
export function objectJob(target: JobTarget, objectName: string, object: () => Record<string, unknown>): HandlerResult {
  return { kind: "job", ...target, run: () => ({ objectName, object: object() }) };
}

/** A job that runs `act` and answers {"success":true}. */
export function successJob(target: JobTarget, act: () => void): HandlerResult {
  return {
    kind: "job",
    ...target,
    run: () => {
      act();
      return { success: true };
    },
  };
}
