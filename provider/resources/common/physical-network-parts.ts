// Reading the parts of a physical network (its traffic types and network service providers),
// whose list commands take the physical network but no id: the part is found in its physical
// network's list, or, when the physical network is not known (a get() from the id alone), in
// the lists of every physical network.
import type { CloudStackClient } from "../../client";
import { CloudStackApiError } from "../../client";
import { ApiObject, PropertyMap } from "../../adapter/types";

async function partsOf(client: CloudStackClient, listCommand: string, physicalNetworkId: string): Promise<ApiObject[]> {
  try {
    return await client.list<ApiObject>(listCommand, { physicalnetworkid: physicalNetworkId });
  } catch (err) {
    // A deleted physical network's id no longer resolves: its parts are gone with it.
    if (err instanceof CloudStackApiError && err.errorcode === 431) return [];
    throw err;
  }
}

export async function findPhysicalNetworkPart(client: CloudStackClient, listCommand: string, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  const matches = (part: ApiObject) => String(part.id).toLowerCase() === id.toLowerCase();
  if (typeof olds.physicalNetworkId === "string") return (await partsOf(client, listCommand, olds.physicalNetworkId)).find(matches);
  for (const pnet of await client.list<ApiObject>("listPhysicalNetworks", {})) {
    const found = (await partsOf(client, listCommand, String(pnet.id))).find(matches);
    if (found) return found;
  }
  return undefined;
}
