// Reading an object again and again, on the job-wait schedule, until it is where an operation
// needs it: steady before a delete (transition.ts), ready after a create (readiness.ts).
import type { CloudStackClient } from "../../client";
import { nextPollDelay } from "../../client/poll-schedule";
import { sleep } from "../../client/retry";
import { Deadline } from "./deadline";
import { ResourceSpec } from "../spec";
import { ApiObject, PropertyMap } from "../types";

/**
 * The object once `settled` says so, or undefined if a read finds it gone. `settled` sees each
 * object read with the time spent so far, and throws to stop (a deadline, a failure); the wait
 * before a read never passes the deadline.
 */
export async function readUntil(
  spec: ResourceSpec,
  client: CloudStackClient,
  id: string,
  olds: PropertyMap,
  object: ApiObject,
  deadline: Deadline,
  settled: (current: ApiObject, elapsedMs: number) => boolean,
): Promise<ApiObject | undefined> {
  const started = Date.now();
  let current: ApiObject | undefined = object;
  let delay: number | undefined;
  while (current && !settled(current, Date.now() - started)) {
    delay = nextPollDelay(delay, Date.now() - started);
    await sleep(Math.min(delay, deadline.remainingMs()));
    current = await spec.read(client, id, olds);
  }
  return current;
}
