// An advanced zone created with securitygroupenabled=true, as CloudStack's "advanced zone with
// security groups" deployment sets it up: only shared (or L2) guest networks, no public IP range,
// and one domain-wide shared network on DefaultSharedNetworkOfferingWithSGService, whose
// instances join security groups as in a basic zone.
import type { AccountRecord, SimulatorState, ZoneRecord } from "./records";
import { seedAdvancedZone, seedDomainSharedNetwork, seedSharedOffering, SHARED_SG_SERVICES } from "./seed-zones";

export const SG_ZONE_NAME = "Sandbox-advanced-sg";
export const SG_OFFERING_NAME = "DefaultSharedNetworkOfferingWithSGService";
export const SG_NETWORK_NAME = "sgSharedNetwork";

/** Adds the SG-enabled advanced zone, its physical network (VLANs 700-800) and its shared network on VLAN 700. */
export function seedSecurityGroupZone(state: SimulatorState, systemAccount: AccountRecord): ZoneRecord {
  const { zone, pnet } = seedAdvancedZone(state, { name: SG_ZONE_NAME, securityGroupsEnabled: true, physicalNetwork: "Sandbox-sg-pnet", vnetRange: [700, 800] });
  const offering = seedSharedOffering(state, {
    name: SG_OFFERING_NAME,
    displaytext: "Offering for Shared Security group enabled networks",
    services: SHARED_SG_SERVICES,
    serviceCapabilities: {},
  });
  seedDomainSharedNetwork(state, systemAccount, {
    name: SG_NETWORK_NAME,
    zone,
    pnet,
    offering,
    vlan: "700",
    gateway: "10.147.40.1",
    netmask: "255.255.255.0",
    cidr: "10.147.40.0/24",
    startIp: "10.147.40.100",
    endIp: "10.147.40.199",
  });
  return zone;
}
