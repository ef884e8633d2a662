// What the VPN kinds share in talking to CloudStack: reading one by id in its owner's scope, and
// the update commands that change nothing but the display flag (updateRemoteAccessVpn,
// updateVpnGateway, updateVpnConnection: CloudStack's Update*Cmd take only customid and fordisplay).
import type { CloudStackClient } from "../../client";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { executeForObject, stillPresent } from "./job-result";
import { textOrNull } from "./api-values";
import { findScoped } from "./scoped-lookup";

export interface VpnObjectKind {
  readonly kind: string;
  readonly listCommand: string;
  readonly updateCommand?: string;
  /** The key of the object in the command's answer, e.g. "vpngateway". */
  readonly objectKey: string;
}

export function readVpnObject(client: CloudStackClient, kind: VpnObjectKind, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  return findScoped(client, kind.listCommand, id, olds);
}

/** Applies a changed display flag (true when removed, CloudStack's default), then reads the object again. */
export async function updateVpnDisplay(
  client: CloudStackClient,
  kind: VpnObjectKind,
  id: string,
  olds: PropertyMap,
  forDisplay: boolean | undefined,
  changed: readonly string[],
): Promise<ApiObject> {
  if (changed.includes("forDisplay") && kind.updateCommand !== undefined) {
    await executeForObject(client, kind.updateCommand, { id, fordisplay: forDisplay ?? true }, kind.objectKey);
  }
  return stillPresent(await readVpnObject(client, kind, id, olds), kind.kind, id);
}

/** The owner outputs (ownerAttributes) of a kind whose owner is its parent's: an IP's, a VPC's. */
export function ownerOutputs(object: ApiObject): PropertyMap {
  return { account: textOrNull(object.account), domainId: textOrNull(object.domainid), projectId: textOrNull(object.projectid) };
}
