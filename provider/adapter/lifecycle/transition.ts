// Before deleting, wait while the object changes state (a network Implementing, an instance Starting or Stopping):
// CloudStack refuses or queues a delete then, and an earlier run may have left it so.
import type { CloudStackClient } from "../../client";
import { Deadline } from "./deadline";
import { readUntil } from "./read-until";
import { ResourceSpec } from "../spec";
import { ApiObject, PropertyMap } from "../types";

/** The object once it is steady, or undefined if it went away meanwhile. */
export async function waitOutTransition(
  spec: ResourceSpec,
  client: CloudStackClient,
  id: string,
  olds: PropertyMap,
  object: ApiObject,
  deadline: Deadline,
): Promise<ApiObject | undefined> {
  return readUntil(spec, client, id, olds, object, deadline, (current) => {
    if (!spec.transitional?.(current)) return true;
    if (deadline.passed()) {
      const state = typeof current.state === "string" ? ` (state ${current.state})` : "";
      throw new Error(
        `${spec.kind} ${id} is still changing state${state} at the delete deadline; it stays in the stack. ` +
          "Run `pulumi destroy` or `pulumi up` again once it is steady, or raise customTimeouts.delete.",
      );
    }
    return false;
  });
}
