// Physical networks made through the API (NetworkServiceImpl.createPhysicalNetwork,
// updatePhysicalNetwork with addOrRemoveVnets and getVnetsToremove, deletePhysicalNetwork with
// checkIfPhysicalNetworkIsDeletable).
import { internalError, paramError, permissionError } from "../errors";
import { newUuid, nextId } from "./ids";
import type { NetworkServiceProviders } from "./network-service-providers";
import type { PhysicalNetworkRecord, SimulatorState, ZoneRecord } from "./records";
import type { TrafficTypes } from "./traffic-types";
import { physicalNetworkText, zoneObjectText } from "./object-texts";

export interface CreatePhysicalNetworkInput {
  name: string;
  vlan?: string;
  networkspeed?: string;
  broadcastdomainrange?: string;
  tags?: string[];
  isolationmethods?: string[];
}

export interface UpdatePhysicalNetworkInput {
  vlan?: string;
  networkspeed?: string;
  tags?: string[];
  state?: string;
}


/** The bounds validateVlanRange applies for an isolation method. */
function vnetBounds(isolation: string): [number, number] {
  if (isolation.includes("GRE")) return [0, 4294967295];
  if (isolation.includes("VXLAN") || isolation.includes("Netris")) return [0, 16777214];
  return [0, 4095];
}

/** generateVnetString: sorted, adjacent and overlapping ranges merged. */
export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

export class PhysicalNetworks {
  constructor(
    private readonly state: SimulatorState,
    private readonly providers: NetworkServiceProviders,
    private readonly trafficTypes: TrafficTypes,
  ) {}

  find(uuid: string): PhysicalNetworkRecord | undefined {
    return this.state.physicalNetworks.find((p) => p.uuid === uuid);
  }

  /** validateVlanRange: "a-b" items, within the method's bounds, start <= end; VXLAN VNIs unique in the zone. */
  private parseVnets(pnet: Pick<PhysicalNetworkRecord, "isolationMethods" | "zoneUuid" | "uuid">, text: string): Array<[number, number]> {
    const [min, max] = vnetBounds(pnet.isolationMethods);
    const between = ` between ${min} and ${max}`;
    const ranges: Array<[number, number]> = [];
    for (const item of text.split(",")) {
      const parts = item.split("-");
      if (parts.length === 1 && parts[0] === "") return ranges;
      if (parts.length < 2) {
        throw paramError(`Please provide valid vnet range. vnet range should be a comma separated list of vlan ranges. example 500-500,600-601${between}`);
      }
      if (!/^-?\d+$/.test(parts[0]) || !/^-?\d+$/.test(parts[1])) {
        throw paramError(`Please provide valid vnet range. The vnet range should be a comma separated list example 2001-2012,3000-3005.${between}`);
      }
      const start = Number(parts[0]);
      const end = Number(parts[1]);
      if (start < min || end > max) throw paramError(`Vnet range has to be${between}`);
      if (start > end) throw paramError(`Vnet range has to be${between} and start range should be lesser than or equal to stop range`);
      if (pnet.isolationMethods.includes("VXLAN")) this.checkVnisUnique(pnet, start, end);
      ranges.push([start, end]);
    }
    return ranges;
  }

  /** VNIs are unique per zone; VLAN ranges of different physical networks are never compared. */
  private checkVnisUnique(pnet: Pick<PhysicalNetworkRecord, "zoneUuid" | "uuid">, start: number, end: number): void {
    const zone = this.state.zones.find((z) => z.uuid === pnet.zoneUuid) as ZoneRecord;
    for (const other of this.state.physicalNetworks) {
      if (other.uuid === pnet.uuid || other.zoneUuid !== pnet.zoneUuid) continue;
      for (const [s, e] of other.vnetRanges) {
        if (start <= e && s <= end) {
          const vni = Math.max(start, s);
          throw paramError(`VNI ${vni} already exists on another network in zone (${zoneObjectText(zone)}), please specify a unique range`);
        }
      }
    }
  }

  /** createPhysicalNetwork, in its order; anything failing inside its transaction (the vnet range) is a 530. */
  create(zone: ZoneRecord, input: CreatePhysicalNetworkInput): PhysicalNetworkRecord {
    if (zone.allocationState === "Enabled") {
      throw permissionError(`Cannot create PhysicalNetwork since the Zone is currently enabled, zone: ${zoneObjectText(zone)}`);
    }
    const basic = zone.networkType === "Basic";
    if (basic && this.state.physicalNetworks.some((p) => p.zoneUuid === zone.uuid)) {
      throw internalError(`Cannot add the physical network to basic zone: ${zoneObjectText(zone)}, there is a physical network already existing in this basic Zone`);
    }
    if ((input.tags?.length ?? 0) > 1) throw paramError("Only one tag can be specified for a physical network at this time");
    if ((input.isolationmethods?.length ?? 0) > 1) throw paramError("Only one isolationMethod can be specified for a physical network at this time");
    if (input.vlan !== undefined && basic) throw paramError("Can't add vnet range to the physical network in the Basic zone");
    let range: "ZONE" | "POD" = basic ? "POD" : "ZONE";
    if (input.broadcastdomainrange !== undefined) {
      const given = input.broadcastdomainrange.toUpperCase();
      if (given !== "ZONE" && given !== "POD") {
        throw paramError(`Unable to resolve broadcastDomainRange '${input.broadcastdomainrange}' to a supported value {Pod or Zone}`);
      }
      if (basic && given !== "POD") throw paramError("Basic zone can have broadcast domain type of value POD only");
      if (!basic && given !== "ZONE") throw paramError("Advance zone can have broadcast domain type of value ZONE only");
      range = given;
    }
    const draft = { uuid: newUuid(), zoneUuid: zone.uuid, isolationMethods: input.isolationmethods?.[0] ?? "VLAN" };
    let vnetRanges: Array<[number, number]> = [];
    if (input.vlan !== undefined) {
      try {
        vnetRanges = mergeRanges(this.parseVnets(draft, input.vlan));
      } catch {
        throw internalError("Fail to create a physical network");
      }
    }
    const pnet: PhysicalNetworkRecord = {
      ...draft,
      id: nextId(this.state, "physicalNetwork"),
      name: input.name,
      broadcastDomainRange: range,
      state: "Disabled",
      vnetRanges,
      allocatedVnets: {},
      tags: input.tags?.[0],
      networkSpeed: input.networkspeed,
    };
    this.state.physicalNetworks.push(pnet);
    this.providers.addDefaults(pnet);
    return pnet;
  }

  /** updatePhysicalNetwork: state freely, one tag at most, and `vlan` as the whole new list. */
  update(pnet: PhysicalNetworkRecord, input: UpdatePhysicalNetworkInput): PhysicalNetworkRecord {
    const zone = this.state.zones.find((z) => z.uuid === pnet.zoneUuid) as ZoneRecord;
    if (input.vlan !== undefined && zone.networkType === "Basic") throw paramError("Can't add vnet range to the physical network in the Basic zone");
    if ((input.tags?.length ?? 0) > 1) throw paramError("Unable to support more than one tag on network yet");
    if (input.tags !== undefined && input.tags.length === 0) {
      for (const t of this.trafficTypes.ofPhysicalNetwork(pnet.uuid)) this.trafficTypes.checkUntagged(pnet, t.trafficType);
    }
    let state = pnet.state;
    if (input.state !== undefined) {
      if (input.state !== "Enabled" && input.state !== "Disabled") {
        throw paramError(`Unable to resolve state '${input.state}' to a supported value {Enabled or Disabled}`);
      }
      state = input.state;
    }
    const ranges = input.vlan === undefined ? undefined : this.replacementRanges(pnet, input.vlan);
    pnet.state = state;
    if (input.tags !== undefined) pnet.tags = input.tags[0];
    if (input.networkspeed !== undefined) pnet.networkSpeed = input.networkspeed;
    if (ranges !== undefined) pnet.vnetRanges = ranges;
    return pnet;
  }

  /** getVnetsToremove: VLANs leaving the list must be neither allocated nor dedicated to an account. */
  private replacementRanges(pnet: PhysicalNetworkRecord, text: string): Array<[number, number]> {
    const ranges = mergeRanges(this.parseVnets(pnet, text));
    // An empty list leaves the ranges as they are (addOrRemoveVnets does nothing without ranges).
    if (ranges.length === 0) return pnet.vnetRanges;
    const kept = (tag: number) => ranges.some(([s, e]) => tag >= s && tag <= e);
    const removed: number[] = [];
    for (const [s, e] of pnet.vnetRanges) for (let tag = s; tag <= e; tag += 1) if (!kept(tag)) removed.push(tag);
    for (const [start, end] of mergeRanges(removed.map((t) => [t, t]))) {
      if (Object.keys(pnet.allocatedVnets).some((tag) => Number(tag) >= start && Number(tag) <= end)) {
        throw paramError(`physicalnetwork ${physicalNetworkText(pnet)} has allocated vnets in the range ${start}-${end}`);
      }
      for (const d of this.state.dedicatedGuestVlanRanges.filter((r) => r.physicalNetworkUuid === pnet.uuid)) {
        if ((start >= d.start && start <= d.end) || (end >= d.start && end <= d.end)) {
          throw paramError(
            `Vnet range ${d.start}-${d.end} is dedicated to an account. The specified range ${start}-${end} overlaps with the dedicated range  Please release the overlapping dedicated range before deleting the range`,
          );
        }
      }
    }
    return ranges;
  }

  /** checkIfPhysicalNetworkIsDeletable, then its providers, traffic types and the row go. */
  delete(pnet: PhysicalNetworkRecord): void {
    const blocked = (why: string) => internalError(`The Physical Network is not deletable because ${why}`);
    if (Object.keys(pnet.allocatedVnets).length > 0) throw blocked("there are allocated vnets for this physical network");
    if (this.state.networks.some((n) => n.removed === undefined && n.physicalNetworkUuid === pnet.uuid)) {
      throw blocked("there are networks associated to this physical network");
    }
    const ranges = new Set(this.state.vlanIpRanges.filter((r) => r.physicalNetworkUuid === pnet.uuid).map((r) => r.uuid));
    if (this.state.publicIps.some((ip) => ranges.has(ip.vlanRangeUuid) && ip.state !== "Free")) {
      throw blocked("there are public IP addresses allocated for this physical network");
    }
    this.state.publicIps = this.state.publicIps.filter((ip) => !ranges.has(ip.vlanRangeUuid));
    this.state.vlanIpRanges = this.state.vlanIpRanges.filter((r) => r.physicalNetworkUuid !== pnet.uuid);
    this.providers.removeAllOf(pnet.uuid);
    this.trafficTypes.removeAllOf(pnet.uuid);
    this.state.physicalNetworks = this.state.physicalNetworks.filter((p) => p !== pnet);
  }
}
