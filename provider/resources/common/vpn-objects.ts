// What the VPN kinds share in talking to CloudStack: the commands of each kind, reading one by id
// in its owner's scope, and the update commands that change nothing but the display flag
// (updateRemoteAccessVpn, updateVpnGateway, updateVpnConnection: CloudStack's Update*Cmd take
// only customid and fordisplay).
import type { CloudStackClient, Params } from "../../client";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { executeForObject, stillPresent, updateThenRead } from "./job-result";
import { findScoped } from "./scoped-lookup";

export type VpnKind = "RemoteAccessVpn" | "VpnUser" | "VpnGateway" | "VpnCustomerGateway" | "VpnConnection";

interface VpnCommands {
  readonly create: string;
  readonly list: string;
  readonly update?: string;
  /** The key of the object in the commands' answers, e.g. "vpngateway". */
  readonly objectKey: string;
}

const COMMANDS: Readonly<Record<VpnKind, VpnCommands>> = {
  RemoteAccessVpn: { create: "createRemoteAccessVpn", list: "listRemoteAccessVpns", update: "updateRemoteAccessVpn", objectKey: "remoteaccessvpn" },
  VpnUser: { create: "addVpnUser", list: "listVpnUsers", objectKey: "vpnuser" },
  VpnGateway: { create: "createVpnGateway", list: "listVpnGateways", update: "updateVpnGateway", objectKey: "vpngateway" },
  VpnCustomerGateway: { create: "createVpnCustomerGateway", list: "listVpnCustomerGateways", update: "updateVpnCustomerGateway", objectKey: "vpncustomergateway" },
  VpnConnection: { create: "createVpnConnection", list: "listVpnConnections", update: "updateVpnConnection", objectKey: "vpnconnection" },
};

/** Creates the object (its job followed to the end) and returns it. */
export function createVpnObject(client: CloudStackClient, kind: VpnKind, params: Params): Promise<ApiObject> {
  return executeForObject(client, COMMANDS[kind].create, params, COMMANDS[kind].objectKey);
}

/** Runs another command answering the object (an update, resetVpnConnection). */
export function runVpnCommand(client: CloudStackClient, kind: VpnKind, command: string, params: Params): Promise<ApiObject> {
  return executeForObject(client, command, params, COMMANDS[kind].objectKey);
}

export function readVpnObject(client: CloudStackClient, kind: VpnKind, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  return findScoped(client, COMMANDS[kind].list, id, olds);
}

/** The object read again after an update: gone by then is an error. */
export async function rereadVpnObject(client: CloudStackClient, kind: VpnKind, id: string, olds: PropertyMap): Promise<ApiObject> {
  return stillPresent(await readVpnObject(client, kind, id, olds), kind, id);
}

/** Applies the update command with `params`, then reads the object again. */
export async function updateVpnObject(client: CloudStackClient, kind: VpnKind, id: string, olds: PropertyMap, params: Params): Promise<ApiObject> {
  const command = COMMANDS[kind].update;
  if (command === undefined) throw new Error(`${kind} has no update command`);
  return updateThenRead(client, command, { id, ...params }, () => readVpnObject(client, kind, id, olds), kind);
}

/** Applies a changed display flag (true when removed, CloudStack's default); the object read again either way. */
export function updateVpnDisplay(
  client: CloudStackClient,
  kind: VpnKind,
  id: string,
  olds: PropertyMap,
  forDisplay: boolean | undefined,
  changed: readonly string[],
): Promise<ApiObject> {
  if (!changed.includes("forDisplay")) return rereadVpnObject(client, kind, id, olds);
  return updateVpnObject(client, kind, id, olds, { fordisplay: forDisplay ?? true });
}
