// The display-only update several commands share (updateRemoteAccessVpn, updateVpnGateway,
// updateVpnConnection, BaseAsyncCustomIdCmd): the caller must have access; `customid` becomes
// the object's uuid and `fordisplay` its display flag.
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";

export interface DisplayUpdate {
  customid?: string;
  fordisplay?: boolean;
}

export function applyDisplayUpdate<R extends { uuid: string; display: boolean; accountUuid: string }>(
  accounts: Accounts,
  caller: Caller,
  row: R,
  input: DisplayUpdate,
): R {
  accounts.checkAccess(caller, row.accountUuid, row.uuid);
  if (input.customid !== undefined) row.uuid = input.customid;
  if (input.fordisplay !== undefined) row.display = input.fordisplay;
  return row;
}
