// What the VPN handlers share: the owner parameters of an object being made or named (account +
// domainid, or projectid), and the display-only update commands (updateRemoteAccessVpn,
// updateVpnGateway, updateVpnConnection), each a job on its object answering it changed.
import type { Caller } from "../caller";
import type { DisplayUpdate } from "../model/display-update";
import type { Handler, RawParams } from "../wire/types";
import { objectJob, type JobTarget } from "./jobs";
import { bool, str } from "./params";

export const ownerInput = (p: RawParams) => ({ account: str(p, "account"), domainid: str(p, "domainid"), projectid: str(p, "projectid") });

export interface DisplayUpdated<R> {
  /** The object the `id` parameter names (431 when none). */
  resolve(id: string): R;
  target(row: R): JobTarget;
  objectName: string;
  update(caller: Caller, row: R, input: DisplayUpdate): R;
  view(row: R): Record<string, unknown>;
}

export function displayUpdateHandler<R>(kind: DisplayUpdated<R>): Handler {
  return (ctx) => {
    const row = kind.resolve(str(ctx.params, "id") ?? "");
    const input: DisplayUpdate = { customid: str(ctx.params, "customid"), fordisplay: bool(ctx.params, "fordisplay") };
    return objectJob(kind.target(row), kind.objectName, () => kind.view(kind.update(ctx.caller, row, input)));
  };
}
