// Region portable IP ranges (ConfigurationManagerImpl.createPortableIpRange / deletePortableIpRange), and
// portable IPs, which associate with isportable=true in any zone of the region and can move
// between networks (IpAddressManagerImpl.allocatePortableIp / transferPortableIP). A portable IP
// in use has a public IP row in its zone (isPortable, vlanRangeUuid = the portable range).
import { ApiError, paramError, uuidNotFound } from "../errors";
import { ipToNumber, isValidIp, numberToIp } from "./cidr";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { PortableIpRangeRecord, PublicIpRecord, SimulatorState } from "./records";

export interface CreatePortableIpRangeInput {
  regionid: number;
  startip: string;
  endip: string;
  gateway: string;
  netmask: string;
  vlan?: string;
}

const sameSubnet = (a: string, b: string, netmask: string): boolean => {
  if (!isValidIp(a) || !isValidIp(b) || !isValidIp(netmask)) return false;
  const mask = ipToNumber(netmask);
  return ((ipToNumber(a) & mask) >>> 0) === ((ipToNumber(b) & mask) >>> 0);
};

export class PortableIps {
  constructor(private readonly state: SimulatorState) {}

  /** Portable ranges are hard-deleted: an unknown id fails UUID resolution. */
  resolveRange(param: string, uuid: string): PortableIpRangeRecord {
    const r = this.state.portableIpRanges.find((range) => range.uuid === uuid);
    if (!r) throw uuidNotFound(param, uuid);
    return r;
  }

  ranges(): PortableIpRangeRecord[] {
    return [...this.state.portableIpRanges].sort((a, b) => a.id - b.id);
  }

  addressesOf(range: PortableIpRangeRecord) {
    return this.state.portableIps.filter((p) => p.rangeUuid === range.uuid);
  }

  createRange(input: CreatePortableIpRangeInput): PortableIpRangeRecord {
    const region = this.state.regions.find((r) => r.id === input.regionid);
    if (!region) throw paramError(`Invalid region ID: ${input.regionid}`);
    const { startip, endip, gateway, netmask } = input;
    if (!isValidIp(startip) || !isValidIp(endip) || ipToNumber(startip) > ipToNumber(endip)) {
      throw paramError(`Invalid portable ip  range: ${startip}-${endip}`);
    }
    if (!sameSubnet(startip, gateway, netmask)) {
      throw paramError("Please ensure that your start IP is in the same subnet as your portable IP range's gateway and as per the IP range's netmask.");
    }
    if (!sameSubnet(endip, gateway, netmask)) {
      throw paramError("Please ensure that your end IP is in the same subnet as your portable IP range's gateway and as per the IP range's netmask.");
    }
    const s = ipToNumber(startip);
    const e = ipToNumber(endip);
    if (this.state.portableIpRanges.some((r) => r.regionId === region.id && s <= ipToNumber(r.endIp) && ipToNumber(r.startIp) <= e)) {
      throw paramError(`Ip  range: ${startip}-${endip} overlaps with a portable IP range already configured in the region ${region.id}`);
    }
    let vlan = "untagged";
    if (input.vlan !== undefined) {
      const tag = input.vlan.replace(/^vlan:\/\//i, "");
      if (!/^\d+$/.test(tag) || Number(tag) < 0 || Number(tag) > 4095) throw paramError(`Invalid vlan id ${input.vlan}`);
      for (const zone of this.state.zones) {
        const used = this.state.vlanIpRanges.find((r) => !r.removed && r.zoneUuid === zone.uuid && r.vlan.replace(/^vlan:\/\//i, "") === tag);
        if (used) {
          throw paramError(
            `Found a VLAN id ${used.uuid} already existing in zone ${zone.uuid} that conflicts with VLAN id of the portable ip range being configured`,
          );
        }
        const overlapping = this.state.publicIps.find((ip) => ip.zoneUuid === zone.uuid && !ip.isPortable && ipToNumber(ip.address) >= s && ipToNumber(ip.address) <= e);
        if (overlapping) throw paramError(`The Start IP and endIP address range overlap with Public IP :${overlapping.address}`);
      }
      vlan = tag;
    }
    const range: PortableIpRangeRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "portableIpRange"),
      regionId: region.id,
      gateway,
      netmask,
      startIp: startip,
      endIp: endip,
      vlan,
      created: now(),
    };
    this.state.portableIpRanges.push(range);
    for (let n = s; n <= e; n += 1) this.state.portableIps.push({ address: numberToIp(n), rangeUuid: range.uuid, state: "Free" });
    // Creating a range enables the region's portable IP service implicitly.
    region.portableIpServiceEnabled = true;
    return range;
  }

  deleteRange(range: PortableIpRangeRecord): void {
    if (!this.state.portableIpRanges.includes(range)) throw paramError("Please specify a valid portable IP range id.");
    if (this.addressesOf(range).some((p) => p.state !== "Free")) {
      throw paramError("Can't delete portable IP range as there are IP's assigned.");
    }
    this.state.portableIpRanges = this.state.portableIpRanges.filter((r) => r !== range);
    this.state.portableIps = this.state.portableIps.filter((p) => p.rangeUuid !== range.uuid);
    if (!this.state.portableIpRanges.some((r) => r.regionId === range.regionId)) {
      const region = this.state.regions.find((r) => r.id === range.regionId);
      if (region) region.portableIpServiceEnabled = false;
    }
  }

  /**
   * Allocates the region's first free portable IP for the owner in the zone and gives it a
   * public IP row there. 533 "Unable to find available portable IP addresses" when none is free.
   */
  acquire(ownerAccountUuid: string, zoneUuid: string, opts: { networkUuid?: string; vpcUuid?: string }): PublicIpRecord {
    const owner = this.state.accounts.find((a) => a.uuid === ownerAccountUuid);
    const free = this.state.portableIps
      .filter((p) => p.state === "Free")
      .sort((a, b) => ipToNumber(a.address) - ipToNumber(b.address))[0];
    if (!free) throw new ApiError(533, "Unable to find available portable IP addresses", 4320);
    const pnet = this.state.physicalNetworks.find((p) => p.zoneUuid === zoneUuid);
    const allocated = now();
    Object.assign(free, {
      state: "Allocated",
      accountUuid: ownerAccountUuid,
      domainUuid: owner?.domainUuid,
      zoneUuid,
      physicalNetworkUuid: pnet?.uuid,
      networkUuid: opts.networkUuid,
      vpcUuid: opts.vpcUuid,
      allocated,
    });
    const row: PublicIpRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "publicIp"),
      address: free.address,
      vlanRangeUuid: free.rangeUuid,
      zoneUuid,
      state: "Allocated",
      accountUuid: ownerAccountUuid,
      associatedNetworkUuid: opts.networkUuid,
      vpcUuid: opts.vpcUuid,
      isSourceNat: false,
      isPortable: true,
      allocated,
    };
    this.state.publicIps.push(row);
    return row;
  }

  /** Moves a portable IP to another network (transferPortableIP), possibly in another zone. */
  transfer(ip: PublicIpRecord, networkUuid: string, zoneUuid: string): void {
    ip.associatedNetworkUuid = networkUuid;
    ip.zoneUuid = zoneUuid;
    const portable = this.state.portableIps.find((p) => p.address === ip.address && p.rangeUuid === ip.vlanRangeUuid);
    if (portable) {
      portable.networkUuid = networkUuid;
      portable.zoneUuid = zoneUuid;
      portable.physicalNetworkUuid = this.state.physicalNetworks.find((p) => p.zoneUuid === zoneUuid)?.uuid;
    }
  }
}
