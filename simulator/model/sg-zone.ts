// An advanced zone created with securitygroupenabled=true, as CloudStack's "advanced zone with
// security groups" deployment sets it up: only shared (or L2) guest networks, no public IP range,
// and one domain-wide shared network on DefaultSharedNetworkOfferingWithSGService, whose
// instances join security groups as in a basic zone.
import { configValue } from "./config";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { AccountRecord, NetworkOfferingRecord, NetworkRecord, PhysicalNetworkRecord, SimulatorState, ZoneRecord } from "./records";
import { addVlanIpRange } from "./vlan-ranges";

export const SG_ZONE_NAME = "Sandbox-advanced-sg";
export const SG_OFFERING_NAME = "DefaultSharedNetworkOfferingWithSGService";
export const SG_NETWORK_NAME = "sgSharedNetwork";

function seedSgOffering(state: SimulatorState): NetworkOfferingRecord {
  const offering: NetworkOfferingRecord = {
    uuid: newUuid(),
    id: nextId(state, "networkOffering"),
    name: SG_OFFERING_NAME,
    displaytext: "Offering for Shared Security group enabled networks",
    guestIpType: "Shared",
    trafficType: "Guest",
    isDefault: true,
    specifyVlan: true,
    specifyIpRanges: true,
    conserveMode: true,
    availability: "Optional",
    networkRate: 200,
    state: "Enabled",
    forVpc: false,
    isPersistent: false,
    egressDefaultPolicy: false,
    supportsStrechedL2Subnet: false,
    supportsPublicAccess: false,
    supportsInternalLb: false,
    redundantRouter: false,
    services: [
      { name: "Dhcp", providers: ["VirtualRouter"] },
      { name: "Dns", providers: ["VirtualRouter"] },
      { name: "UserData", providers: ["VirtualRouter"] },
      { name: "SecurityGroup", providers: ["SecurityGroupProvider"] },
    ],
    serviceCapabilities: {},
    created: now(),
  };
  state.networkOfferings.push(offering);
  return offering;
}

/** Adds the SG-enabled advanced zone, its physical network (VLANs 700-800) and its shared network on VLAN 700. */
export function seedSecurityGroupZone(state: SimulatorState, systemAccount: AccountRecord): ZoneRecord {
  const first = state.zones.find((z) => z.networkType === "Advanced");
  if (!first) throw new Error("the default advanced zone must be seeded first");
  const zone: ZoneRecord = {
    uuid: newUuid(),
    id: nextId(state, "zone"),
    name: SG_ZONE_NAME,
    networkType: "Advanced",
    securityGroupsEnabled: true,
    dns1: first.dns1,
    internalDns1: first.internalDns1,
    guestCidr: first.guestCidr,
    allocationState: "Enabled",
    localStorageEnabled: false,
  };
  state.zones.push(zone);
  const pnet: PhysicalNetworkRecord = {
    uuid: newUuid(),
    id: nextId(state, "physicalNetwork"),
    name: "Sandbox-sg-pnet",
    zoneUuid: zone.uuid,
    isolationMethods: "VLAN",
    broadcastDomainRange: "ZONE",
    state: "Enabled",
    vnetRanges: [[700, 800]],
    allocatedVnets: {},
  };
  state.physicalNetworks.push(pnet);
  const offering = seedSgOffering(state);
  const suffix = configValue(state, "guest.domain.suffix", { scope: "Zone", scopeUuid: zone.uuid }) ?? "";
  const network: NetworkRecord = {
    uuid: newUuid(),
    id: nextId(state, "network"),
    name: SG_NETWORK_NAME,
    displaytext: SG_NETWORK_NAME,
    zoneUuid: zone.uuid,
    physicalNetworkUuid: pnet.uuid,
    offeringUuid: offering.uuid,
    guestType: "Shared",
    state: "Setup",
    accountUuid: systemAccount.uuid,
    domainUuid: systemAccount.domainUuid,
    aclType: "Domain",
    subdomainAccess: true,
    gateway: "10.147.40.1",
    netmask: "255.255.255.0",
    cidr: "10.147.40.0/24",
    startIp: "10.147.40.100",
    endIp: "10.147.40.199",
    vlan: "700",
    vlanFromVnetRange: false,
    networkDomain: `cs${systemAccount.id.toString(16)}${suffix}`,
    displayNetwork: true,
    restartRequired: false,
    redundantRouter: false,
    publicMtu: 1500,
    privateMtu: 1500,
    created: now(),
  };
  state.networks.push(network);
  addVlanIpRange(state, {
    zoneUuid: zone.uuid,
    physicalNetworkUuid: pnet.uuid,
    networkUuid: network.uuid,
    vlan: "vlan://700",
    gateway: network.gateway ?? "",
    netmask: network.netmask ?? "",
    startIp: network.startIp ?? "",
    endIp: network.endIp ?? "",
    forVirtualNetwork: false,
  });
  return zone;
}
