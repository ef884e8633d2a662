// IP address rows of VLAN IP ranges: a zone's public (virtual) ranges and shared networks' guest
// (direct) ranges, with CloudStack's states (Free, Allocating, Allocated, Releasing, Reserved).
// Rows stay after release, in state Free, as CloudStack keeps them; a portable IP's row exists
// only while it is associated (IpAddressManagerImpl).
import { ApiError } from "../errors";
import { configValue } from "./config";
import { now } from "./dates";
import { removeRulesOfIp } from "./rule-conflicts";
import type { PublicIpRecord, SimulatorState, VlanIpRangeRecord } from "./records";

/** InsufficientAddressCapacityException: 533 / 4320. */
export const noFreeIp = (): ApiError => new ApiError(533, "Insufficient address capacity", 4320);

export interface AcquireOptions {
  /** The network the IP is associated with (a source NAT IP, or associateIpAddress networkid). */
  networkUuid?: string;
  /** The VPC the IP is associated with. */
  vpcUuid?: string;
  /** A specific address; it must be Free, or Reserved by the owner. */
  ipAddress?: string;
  /** Allocated by the system for an instance (a basic zone's elastic IP). */
  isSystem?: boolean;
  /** The network's source NAT IP. */
  isSourceNat?: boolean;
}

/** The zone's public ranges an owner may take IPs from, in CloudStack's order (fetchNewPublicIp). */
function publicRangesFor(state: SimulatorState, ownerAccountUuid: string, zoneUuid: string): VlanIpRangeRecord[] {
  const owner = state.accounts.find((a) => a.uuid === ownerAccountUuid);
  const ranges = state.vlanIpRanges
    .filter((r) => r.zoneUuid === zoneUuid && r.forVirtualNetwork && !r.removed && !r.forSystemVms)
    .sort((a, b) => a.id - b.id);
  const accountDedicated = ranges.filter((r) => r.accountUuid === ownerAccountUuid);
  const domainDedicated = ranges.filter((r) => r.accountUuid === undefined && r.dedicatedDomainUuid !== undefined && r.dedicatedDomainUuid === owner?.domainUuid);
  const system = ranges.filter((r) => r.accountUuid === undefined && r.dedicatedDomainUuid === undefined);
  const dedicated = [...accountDedicated, ...domainDedicated];
  // use.system.public.ips (account scope, then global) lets an account with dedicated ranges
  // fall back to the system pool once they are used up.
  const useSystem = dedicated.length === 0 || configValue(state, "use.system.public.ips", { scope: "Account", scopeUuid: ownerAccountUuid }) !== "false";
  return useSystem ? [...dedicated, ...system] : dedicated;
}

function take(ip: PublicIpRecord, ownerAccountUuid: string, opts: AcquireOptions): PublicIpRecord {
  ip.state = "Allocated";
  ip.accountUuid = ownerAccountUuid;
  ip.isSourceNat = opts.isSourceNat ?? false;
  ip.isSystem = opts.isSystem ? true : undefined;
  ip.associatedNetworkUuid = opts.networkUuid;
  ip.vpcUuid = opts.vpcUuid;
  ip.allocated = now();
  return ip;
}

/**
 * Allocates a public IP of the zone for the owner: from its dedicated ranges first, then from
 * the system pool while use.system.public.ips allows. 533 "Insufficient address capacity" when
 * none is free (or the requested address is not available to the owner).
 */
export function acquirePublicIp(state: SimulatorState, ownerAccountUuid: string, zoneUuid: string, opts: AcquireOptions = {}): PublicIpRecord {
  const ranges = publicRangesFor(state, ownerAccountUuid, zoneUuid);
  const order = new Map(ranges.map((r, i) => [r.uuid, i]));
  const rows = state.publicIps.filter((ip) => order.has(ip.vlanRangeUuid) && !ip.isPortable);
  let ip: PublicIpRecord | undefined;
  if (opts.ipAddress !== undefined) {
    ip = rows.find(
      (r) => r.address === opts.ipAddress && (r.state === "Free" || (r.state === "Reserved" && r.accountUuid === ownerAccountUuid)),
    );
  } else {
    ip = rows
      .filter((r) => r.state === "Free")
      .sort((a, b) => (order.get(a.vlanRangeUuid) ?? 0) - (order.get(b.vlanRangeUuid) ?? 0) || a.id - b.id)[0];
  }
  if (!ip) throw noFreeIp();
  return take(ip, ownerAccountUuid, opts);
}

/** Allocates the zone's next public IP, or the requested address, as the network's source NAT IP. */
export function allocateSourceNatIp(state: SimulatorState, zoneUuid: string, accountUuid: string, networkUuid: string, ipAddress?: string): PublicIpRecord {
  return acquirePublicIp(state, accountUuid, zoneUuid, { networkUuid, isSourceNat: true, ...(ipAddress === undefined ? {} : { ipAddress }) });
}

/**
 * updateNetwork sourcenatipaddress: an address already associated with the network takes over
 * as its source NAT IP; any other address changes nothing. Returns whether it is the source NAT IP now.
 */
export function moveSourceNatIp(state: SimulatorState, networkUuid: string, ipAddress: string): boolean {
  const requested = state.publicIps.find((ip) => ip.address === ipAddress && ip.associatedNetworkUuid === networkUuid && ip.state === "Allocated");
  if (!requested) return false;
  if (requested.isSourceNat) return true;
  const current = sourceNatIpOf(state, networkUuid);
  if (current) current.isSourceNat = false;
  requested.isSourceNat = true;
  return true;
}

/** Frees a public IP, dropping its tags: a portable IP's row goes away and its portable address is freed. */
export function releasePublicIp(state: SimulatorState, ip: PublicIpRecord): void {
  removeRulesOfIp(state, ip.uuid);
  state.tags = state.tags.filter((t) => !(t.resourceType === "PublicIpAddress" && t.resourceUuid === ip.uuid));
  if (ip.isPortable) {
    const portable = state.portableIps.find((p) => p.address === ip.address && p.rangeUuid === ip.vlanRangeUuid);
    if (portable) {
      portable.state = "Free";
      for (const k of ["accountUuid", "domainUuid", "zoneUuid", "physicalNetworkUuid", "networkUuid", "vpcUuid", "allocated"] as const) delete portable[k];
    }
    state.publicIps = state.publicIps.filter((r) => r !== ip);
    return;
  }
  releaseIp(ip);
}

/** Puts a (non-portable) row back to Free. */
export function releaseIp(ip: PublicIpRecord): void {
  ip.state = "Free";
  ip.isSourceNat = false;
  for (const k of ["accountUuid", "associatedNetworkUuid", "allocated", "vpcUuid", "isSystem", "staticNat", "fordisplay"] as const) delete ip[k];
}

/** Releases every public IP associated with the network (network shutdown/cleanup). */
export function releaseNetworkIps(state: SimulatorState, networkUuid: string): void {
  for (const ip of [...state.publicIps]) if (ip.associatedNetworkUuid === networkUuid) releasePublicIp(state, ip);
}

export const sourceNatIpOf = (state: SimulatorState, networkUuid: string): PublicIpRecord | undefined =>
  state.publicIps.find((ip) => ip.associatedNetworkUuid === networkUuid && ip.isSourceNat);

/** The range a row belongs to (undefined for portable rows, whose range is a portable range). */
export const rangeOfIp = (state: SimulatorState, ip: PublicIpRecord): VlanIpRangeRecord | undefined =>
  ip.isPortable ? undefined : state.vlanIpRanges.find((r) => r.uuid === ip.vlanRangeUuid);

/** A shared network's guest ranges, in the order CloudStack fills them (oldest first). */
export const guestRangesOf = (state: SimulatorState, networkUuid: string): VlanIpRangeRecord[] =>
  state.vlanIpRanges.filter((r) => r.networkUuid === networkUuid && !r.removed).sort((a, b) => a.id - b.id);

/**
 * Allocates a guest IP of a shared network from its ranges, in order (the direct IP of a NIC):
 * the requested address when given (it must be Free in one of the ranges), else the first free
 * one. 533 "Insufficient address capacity" when there is none.
 */
export function allocateDirectIp(state: SimulatorState, networkUuid: string, ownerAccountUuid: string, requested?: string, podUuid?: string): PublicIpRecord {
  // A basic zone's instance takes an IP of its own pod's ranges (DirectPodBasedNetworkGuru.getIp).
  const ranges = guestRangesOf(state, networkUuid).filter((r) => r.podUuid === undefined || podUuid === undefined || r.podUuid === podUuid);
  const order = new Map(ranges.map((r, i) => [r.uuid, i]));
  const free = state.publicIps
    .filter((ip) => order.has(ip.vlanRangeUuid) && ip.state === "Free" && (requested === undefined || ip.address === requested))
    .sort((a, b) => (order.get(a.vlanRangeUuid) ?? 0) - (order.get(b.vlanRangeUuid) ?? 0) || a.id - b.id);
  const ip = free[0];
  if (!ip) throw noFreeIp();
  return take(ip, ownerAccountUuid, { networkUuid });
}

/** Frees a shared network's guest IP (a NIC or secondary IP going away). */
export function releaseDirectIp(state: SimulatorState, networkUuid: string, address: string): void {
  const ranges = new Set(guestRangesOf(state, networkUuid).map((r) => r.uuid));
  const ip = state.publicIps.find((r) => ranges.has(r.vlanRangeUuid) && r.address === address);
  if (ip) releaseIp(ip);
}

/** Whether the address is one of the shared network's guest range addresses (whatever its state). */
export const isInGuestRanges = (state: SimulatorState, networkUuid: string, address: string): boolean => {
  const ranges = new Set(guestRangesOf(state, networkUuid).map((r) => r.uuid));
  return state.publicIps.some((r) => ranges.has(r.vlanRangeUuid) && r.address === address);
};
