// Before deleting, wait while the object changes state (a network Implementing, an instance Starting or Stopping):
// CloudStack refuses or queues a delete then, and an earlier run may have left it so.
import type { CloudStackClient } from "../../client";
import { nextPollDelay } from "../../client/poll-schedule";
import { Deadline } from "./deadline";
import { ResourceSpec } from "../spec";
import { ApiObject, PropertyMap } from "../types";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The object once it is steady, or undefined if it went away meanwhile. */
export async function waitOutTransition(
  spec: ResourceSpec,
  client: CloudStackClient,
  id: string,
  olds: PropertyMap,
  object: ApiObject,
  deadline: Deadline,
): Promise<ApiObject | undefined> {
  const started = Date.now();
  let current: ApiObject | undefined = object;
  let delay: number | undefined;
  while (current && spec.transitional?.(current)) {
    if (deadline.passed()) {
      const state = typeof current.state === "string" ? ` (state ${current.state})` : "";
      throw new Error(
        `${spec.kind} ${id} is still changing state${state} at the delete deadline; it stays in the stack. ` +
          "Run `pulumi destroy` or `pulumi up` again once it is steady, or raise customTimeouts.delete.",
      );
    }
    delay = nextPollDelay(delay, Date.now() - started);
    await sleep(Math.min(delay, deadline.remainingMs()));
    current = await spec.read(client, id, olds);
  }
  return current;
}
