// A basic zone with security groups and NetScaler elastic IPs, as CloudStack's "basic zone with
// EIP/ELB" deployment sets it up: one shared guest network on the offering
// DefaultSharedNetscalerEIPandELBNetworkOffering (StaticNat and Lb by NetScaler, ElasticIp and
// AssociatePublicIP on), a guest range for instances and a public range for their elastic IPs.
import { newUuid, nextId } from "./ids";
import type { AccountRecord, NetworkOfferingRecord, SimulatorState, ZoneRecord } from "./records";
import { seedDomainSharedNetwork, seedSharedOffering, SHARED_SG_SERVICES } from "./seed-zones";
import { seedPublicRange } from "./vlan-ranges";

export const BASIC_ZONE_NAME = "Sandbox-basic";
export const EIP_OFFERING_NAME = "DefaultSharedNetscalerEIPandELBNetworkOffering";
export const BASIC_NETWORK_NAME = "defaultGuestNetwork";

function seedEipOffering(state: SimulatorState): NetworkOfferingRecord {
  return seedSharedOffering(state, {
    name: EIP_OFFERING_NAME,
    displaytext: "Offering for Shared networks with Elastic IP and Elastic LB capabilities",
    services: [...SHARED_SG_SERVICES, { name: "StaticNat", providers: ["Netscaler"] }, { name: "Lb", providers: ["Netscaler"] }],
    serviceCapabilities: {
      StaticNat: [
        { name: "ElasticIp", value: "true" },
        { name: "AssociatePublicIP", value: "true" },
      ],
      Lb: [
        { name: "SupportedLBIsolation", value: "dedicated" },
        { name: "ElasticLb", value: "true" },
        { name: "InlineMode", value: "false" },
      ],
    },
  });
}

/** Adds the basic zone, its physical network, guest network, guest range and elastic IP range. */
export function seedBasicZone(state: SimulatorState, systemAccount: AccountRecord): ZoneRecord {
  const zone: ZoneRecord = {
    uuid: newUuid(),
    id: nextId(state, "zone"),
    name: BASIC_ZONE_NAME,
    networkType: "Basic",
    securityGroupsEnabled: true,
    dns1: "10.147.28.6",
    internalDns1: "10.147.28.6",
    // Basic zones have no guest CIDR of their own; isolated networks are not offered there.
    guestCidr: "10.1.1.0/24",
    allocationState: "Enabled",
    localStorageEnabled: false,
  };
  state.zones.push(zone);
  const pnet = {
    uuid: newUuid(),
    id: nextId(state, "physicalNetwork"),
    name: "Sandbox-basic-pnet",
    zoneUuid: zone.uuid,
    isolationMethods: "L3",
    broadcastDomainRange: "POD" as const,
    state: "Enabled" as const,
    vnetRanges: [] as Array<[number, number]>,
    allocatedVnets: {},
  };
  state.physicalNetworks.push(pnet);
  seedDomainSharedNetwork(state, systemAccount, {
    name: BASIC_NETWORK_NAME,
    zone,
    pnet,
    offering: seedEipOffering(state),
    vlan: "untagged",
    gateway: "10.147.29.1",
    netmask: "255.255.255.0",
    cidr: "10.147.29.0/24",
    startIp: "10.147.29.100",
    endIp: "10.147.29.199",
  });
  seedPublicRange(state, zone.uuid, { gateway: "192.168.3.1", netmask: "255.255.255.0", startIp: "192.168.3.2", endIp: "192.168.3.100" });
  return zone;
}
