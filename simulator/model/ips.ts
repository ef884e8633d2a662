// Public IP addresses of the zone's virtual (public) VLAN IP ranges. Rows stay after release,
// in state Free, as CloudStack keeps them.
import { ApiError } from "../wire/types";
import { now } from "./dates";
import type { PublicIpRecord, SimulatorState } from "./state";

/** InsufficientAddressCapacityException: 533 / 4320. */
const noFreeIp = (): ApiError => new ApiError(533, "Insufficient address capacity", 4320);

function freeIps(state: SimulatorState, zoneUuid: string): PublicIpRecord[] {
  const virtualRanges = new Set(
    state.vlanIpRanges.filter((r) => r.zoneUuid === zoneUuid && r.forVirtualNetwork).map((r) => r.uuid),
  );
  return state.publicIps.filter((ip) => ip.state === "Free" && virtualRanges.has(ip.vlanRangeUuid));
}

/** Allocates the first free public IP of the zone as the network's source NAT IP. */
export function allocateSourceNatIp(state: SimulatorState, zoneUuid: string, accountUuid: string, networkUuid: string): PublicIpRecord {
  const ip = freeIps(state, zoneUuid)[0];
  if (!ip) throw noFreeIp();
  ip.state = "Allocated";
  ip.isSourceNat = true;
  ip.accountUuid = accountUuid;
  ip.associatedNetworkUuid = networkUuid;
  ip.allocated = now();
  return ip;
}

export function releaseIp(ip: PublicIpRecord): void {
  ip.state = "Free";
  ip.isSourceNat = false;
  delete ip.accountUuid;
  delete ip.associatedNetworkUuid;
  delete ip.allocated;
}

/** Releases every public IP associated with the network (network shutdown/cleanup). */
export function releaseNetworkIps(state: SimulatorState, networkUuid: string): void {
  for (const ip of state.publicIps) if (ip.associatedNetworkUuid === networkUuid) releaseIp(ip);
}

export const sourceNatIpOf = (state: SimulatorState, networkUuid: string): PublicIpRecord | undefined =>
  state.publicIps.find((ip) => ip.associatedNetworkUuid === networkUuid && ip.isSourceNat);
