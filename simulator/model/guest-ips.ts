// Guest IPs of instance NICs, DHCP style. Networks with guest IP ranges (shared networks, isolated
// networks created with a range) hand out the ranges' rows in order (allocateDirectIp); other
// networks hand out the usable addresses of their CIDR, which after an IP reservation is the guest
// VM CIDR, so reserved addresses are never given to instances. The gateway is never given out.
import { ApiError } from "../errors";
import { cidrContainsIp, ipToNumber, isValidIp, numberToIp, parseCidr } from "./cidr";
import { allocateDirectIp, guestRangesOf, releaseDirectIp } from "./range-ips";
import type { NetworkRecord, SimulatorState } from "./records";

/** InsufficientVirtualNetworkCapacityException as GuestNetworkGuru.allocate throws it: 533 / 4331. */
export const noGuestIp = (network: NetworkRecord): ApiError =>
  new ApiError(533, `Unable to acquire Guest IP address for network ${network.uuid}`, 4331);

/** Every guest IP held in the network: NIC addresses and secondary IPs. */
export function guestIpsInUse(state: SimulatorState, networkUuid: string): Set<string> {
  const used = new Set<string>();
  for (const nic of state.nics) if (nic.networkUuid === networkUuid && nic.ipAddress !== undefined) used.add(nic.ipAddress);
  for (const ip of state.nicSecondaryIps) if (ip.networkUuid === networkUuid) used.add(ip.ipAddress);
  return used;
}

/** Whether the network takes guest IPs from VLAN IP ranges rather than from its CIDR. */
export const usesGuestRanges = (state: SimulatorState, network: NetworkRecord): boolean => guestRangesOf(state, network.uuid).length > 0;

/** The addresses a CIDR-based network may give out, lowest first. */
function cidrCandidates(network: NetworkRecord): number[] | undefined {
  const c = network.cidr === undefined ? undefined : parseCidr(network.cidr);
  if (!c) return undefined;
  const [first, last] = c.prefix >= 31 ? [c.first, c.last] : [c.first + 1, c.last - 1];
  const gateway = network.gateway === undefined ? undefined : ipToNumber(network.gateway);
  const out: number[] = [];
  for (let n = first; n <= last; n += 1) if (n !== gateway) out.push(n);
  return out;
}

/**
 * A guest IP for a NIC (or a secondary IP) in the network: the requested one if it is free and
 * allowed, else the first free one (in a basic zone, of the instance's pod's ranges); undefined
 * for networks without IPv4 (L2). When nothing fits,
 * range-based networks fail with 533 "Insufficient address capacity" (IpAddressManagerImpl),
 * CIDR-based ones with 533 "Unable to acquire Guest IP address for network ..." (GuestNetworkGuru).
 */
export function allocateGuestIp(
  state: SimulatorState,
  network: NetworkRecord,
  ownerAccountUuid: string,
  requested?: string,
  podUuid?: string,
): string | undefined {
  if (usesGuestRanges(state, network)) return allocateDirectIp(state, network.uuid, ownerAccountUuid, requested, podUuid).address;
  const candidates = cidrCandidates(network);
  if (candidates === undefined) {
    if (requested !== undefined) throw noGuestIp(network);
    return undefined;
  }
  const used = guestIpsInUse(state, network.uuid);
  if (requested !== undefined) {
    const c = parseCidr(network.cidr as string);
    const allowed = isValidIp(requested) && c !== undefined && cidrContainsIp(c, requested) && candidates.includes(ipToNumber(requested));
    if (!allowed || used.has(requested)) throw noGuestIp(network);
    return requested;
  }
  const free = candidates.find((n) => !used.has(numberToIp(n)));
  if (free === undefined) throw noGuestIp(network);
  return numberToIp(free);
}

/** Gives a guest IP back: range-based networks put the row back to Free; CIDR-based ones need nothing. */
export function releaseGuestIp(state: SimulatorState, network: NetworkRecord, address: string): void {
  if (usesGuestRanges(state, network)) releaseDirectIp(state, network.uuid, address);
}
