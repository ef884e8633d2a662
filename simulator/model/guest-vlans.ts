// Guest VLANs of a physical network's vnet range: allocated when an isolated network is
// implemented, released when it shuts down.
import { ApiError } from "../errors";
import type { PhysicalNetworkRecord } from "./records";

/** InsufficientVirtualNetworkCapacityException surfaces as 533 (InsufficientCapacityException). */
const noVnet = (networkUuid: string): ApiError =>
  new ApiError(533, `Unable to allocate vnet as a part of network ${networkUuid} implement `, 4325);

export function isInVnetRange(pnet: PhysicalNetworkRecord, tag: number): boolean {
  return pnet.vnetRanges.some(([start, end]) => tag >= start && tag <= end);
}

/** Takes the lowest free tag of the vnet range for the network. */
export function allocateVnet(pnet: PhysicalNetworkRecord, networkUuid: string): string {
  for (const [start, end] of pnet.vnetRanges) {
    for (let tag = start; tag <= end; tag += 1) {
      if (pnet.allocatedVnets[String(tag)] === undefined) {
        pnet.allocatedVnets[String(tag)] = networkUuid;
        return String(tag);
      }
    }
  }
  throw noVnet(networkUuid);
}

export function releaseVnet(pnet: PhysicalNetworkRecord, tag: string, networkUuid: string): void {
  if (pnet.allocatedVnets[tag] === networkUuid) delete pnet.allocatedVnets[tag];
}
