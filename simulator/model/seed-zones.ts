// Pieces the seeded zones share: an advanced zone with its physical network, a shared network
// offering as a fresh install ships it, and a domain-wide shared guest network owned by the
// system account with its guest IP range (what the basic zone and the zone with security groups
// each have).
import { configValue } from "./config";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { AccountRecord, NetworkOfferingRecord, NetworkRecord, PhysicalNetworkRecord, SimulatorState, ZoneRecord } from "./records";
import { addVlanIpRange } from "./vlan-ranges";

/** An advanced zone with the first advanced zone's DNS and guest CIDR, and a VLAN physical network. */
export function seedAdvancedZone(
  state: SimulatorState,
  fields: { name: string; securityGroupsEnabled: boolean; physicalNetwork: string; vnetRange: [number, number] },
): { zone: ZoneRecord; pnet: PhysicalNetworkRecord } {
  const first = state.zones.find((z) => z.networkType === "Advanced");
  if (!first) throw new Error("the default advanced zone must be seeded first");
  const zone: ZoneRecord = {
    uuid: newUuid(),
    id: nextId(state, "zone"),
    name: fields.name,
    networkType: "Advanced",
    securityGroupsEnabled: fields.securityGroupsEnabled,
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
    name: fields.physicalNetwork,
    zoneUuid: zone.uuid,
    isolationMethods: "VLAN",
    broadcastDomainRange: "ZONE",
    state: "Enabled",
    vnetRanges: [fields.vnetRange],
    allocatedVnets: {},
  };
  state.physicalNetworks.push(pnet);
  return { zone, pnet };
}

/** The services of a shared network with security groups: DHCP, DNS and user data by the virtual router. */
export const SHARED_SG_SERVICES: NetworkOfferingRecord["services"] = [
  { name: "Dhcp", providers: ["VirtualRouter"] },
  { name: "Dns", providers: ["VirtualRouter"] },
  { name: "UserData", providers: ["VirtualRouter"] },
  { name: "SecurityGroup", providers: ["SecurityGroupProvider"] },
];

/** An enabled, default, optional Shared offering with `specifyvlan` and `specifyipranges`. */
export function seedSharedOffering(
  state: SimulatorState,
  fields: Pick<NetworkOfferingRecord, "name" | "displaytext" | "services" | "serviceCapabilities">,
): NetworkOfferingRecord {
  const offering: NetworkOfferingRecord = {
    uuid: newUuid(),
    id: nextId(state, "networkOffering"),
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
    created: now(),
    ...fields,
  };
  state.networkOfferings.push(offering);
  return offering;
}

/** A domain-wide shared network of the system account (state Setup) and its guest IP range. */
export function seedDomainSharedNetwork(
  state: SimulatorState,
  systemAccount: AccountRecord,
  fields: {
    name: string;
    zone: ZoneRecord;
    pnet: PhysicalNetworkRecord;
    offering: NetworkOfferingRecord;
    vlan: string;
    gateway: string;
    netmask: string;
    cidr: string;
    startIp: string;
    endIp: string;
  },
): NetworkRecord {
  const { zone, pnet, offering, ...addressing } = fields;
  const suffix = configValue(state, "guest.domain.suffix", { scope: "Zone", scopeUuid: zone.uuid }) ?? "";
  const network: NetworkRecord = {
    uuid: newUuid(),
    id: nextId(state, "network"),
    displaytext: fields.name,
    zoneUuid: zone.uuid,
    physicalNetworkUuid: pnet.uuid,
    offeringUuid: offering.uuid,
    guestType: "Shared",
    state: "Setup",
    accountUuid: systemAccount.uuid,
    domainUuid: systemAccount.domainUuid,
    aclType: "Domain",
    subdomainAccess: true,
    ...addressing,
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
    vlan: `vlan://${fields.vlan}`,
    gateway: fields.gateway,
    netmask: fields.netmask,
    startIp: fields.startIp,
    endIp: fields.endIp,
    forVirtualNetwork: false,
  });
  return network;
}
