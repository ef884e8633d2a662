// The simulator's whole state as plain JSON: snapshot() returns it, the constructor restores it.
// Every record carries a uuid (what the API shows) and, where CloudStack exposes or derives from
// its internal numeric id (network domains, "cs<hex id>"), a numeric id as well.

export const STATE_VERSION = 1;

export interface DomainRecord {
  uuid: string;
  id: number;
  name: string;
  parentUuid?: string;
  path: string;
  level: number;
  created: string;
  networkDomain?: string;
}

/** CloudStack account types: 0 user, 1 root admin, 2 domain admin, 5 project. */
export type AccountType = 0 | 1 | 2 | 5;

export interface AccountRecord {
  uuid: string;
  id: number;
  name: string;
  domainUuid: string;
  type: AccountType;
  state: "enabled" | "disabled" | "locked";
  created: string;
  /** Set for the hidden account that owns a project's resources. */
  projectUuid?: string;
  isDefault: boolean;
  roleType: "Admin" | "DomainAdmin" | "User" | "Project";
}

export interface UserRecord {
  uuid: string;
  id: number;
  accountUuid: string;
  username: string;
  firstname: string;
  lastname: string;
  email: string;
  apiKey: string;
  secretKey: string;
  state: "enabled" | "disabled" | "locked";
  created: string;
  isDefault: boolean;
}

export interface ProjectRecord {
  uuid: string;
  id: number;
  name: string;
  displaytext: string;
  domainUuid: string;
  /** The hidden project account owning the project's resources. */
  accountUuid: string;
  ownerAccountUuid: string;
  memberAccountUuids: string[];
  state: "Active" | "Suspended";
  created: string;
}

export interface RegionRecord {
  id: number;
  name: string;
  endpoint: string;
  gslbServiceEnabled: boolean;
  portableIpServiceEnabled: boolean;
}

export interface ZoneRecord {
  uuid: string;
  id: number;
  name: string;
  networkType: "Advanced" | "Basic";
  securityGroupsEnabled: boolean;
  dns1: string;
  dns2?: string;
  internalDns1: string;
  internalDns2?: string;
  guestCidr: string;
  allocationState: "Enabled" | "Disabled";
  localStorageEnabled: boolean;
  domainSuffix?: string;
}

export interface PhysicalNetworkRecord {
  uuid: string;
  id: number;
  name: string;
  zoneUuid: string;
  isolationMethods: string;
  broadcastDomainRange: "ZONE" | "POD";
  state: "Enabled" | "Disabled";
  /** Guest VLAN ranges as [start, end] pairs, inclusive. */
  vnetRanges: Array<[number, number]>;
  /** Allocated guest VLAN tag -> network uuid holding it. */
  allocatedVnets: Record<string, string>;
  tags?: string;
  networkSpeed?: string;
}

/** A VLAN IP range: public (forVirtualNetwork) ranges of a zone, or a shared network's guest range. */
export interface VlanIpRangeRecord {
  uuid: string;
  id: number;
  zoneUuid: string;
  physicalNetworkUuid: string;
  /** The shared network owning a guest (direct) range. */
  networkUuid?: string;
  vlan: string;
  gateway: string;
  netmask: string;
  startIp: string;
  endIp: string;
  forVirtualNetwork: boolean;
  created: string;
}

export type PublicIpState = "Free" | "Allocating" | "Allocated" | "Releasing" | "Reserved";

export interface PublicIpRecord {
  uuid: string;
  id: number;
  address: string;
  vlanRangeUuid: string;
  zoneUuid: string;
  state: PublicIpState;
  /** Owner account when allocated or reserved. */
  accountUuid?: string;
  associatedNetworkUuid?: string;
  isSourceNat: boolean;
  allocated?: string;
}

export type GuestIpType = "Isolated" | "Shared" | "L2";

export interface OfferingServiceRecord {
  name: string;
  providers: string[];
}

export interface NetworkOfferingRecord {
  uuid: string;
  id: number;
  name: string;
  displaytext: string;
  guestIpType: GuestIpType;
  trafficType: "Guest";
  isDefault: boolean;
  specifyVlan: boolean;
  specifyIpRanges: boolean;
  conserveMode: boolean;
  availability: "Required" | "Optional" | "Unavailable";
  networkRate: number;
  state: "Enabled" | "Disabled";
  forVpc: boolean;
  isPersistent: boolean;
  egressDefaultPolicy: boolean;
  supportsStrechedL2Subnet: boolean;
  supportsPublicAccess: boolean;
  supportsInternalLb: boolean;
  redundantRouter: boolean;
  services: OfferingServiceRecord[];
  created: string;
}

export type NetworkState = "Allocated" | "Setup" | "Implementing" | "Implemented" | "Shutdown" | "Destroy";

export interface NetworkRecord {
  uuid: string;
  id: number;
  name: string;
  displaytext: string;
  zoneUuid: string;
  physicalNetworkUuid: string;
  offeringUuid: string;
  guestType: GuestIpType;
  state: NetworkState;
  /** Owner account (a project's hidden account for project networks). */
  accountUuid: string;
  domainUuid: string;
  aclType: "Account" | "Domain";
  subdomainAccess?: boolean;
  gateway?: string;
  netmask?: string;
  /** The CIDR guest VMs get addresses from (the guest VM CIDR once a reservation exists). */
  cidr?: string;
  /** The original CIDR, set once an IP reservation narrows `cidr`. */
  networkCidr?: string;
  startIp?: string;
  endIp?: string;
  /** VLAN tag; set when implemented (isolated) or given at creation (shared, L2). */
  vlan?: string;
  /** True when `vlan` came from the physical network's vnet range (released on shutdown). */
  vlanFromVnetRange: boolean;
  isolatedPvlan?: string;
  isolatedPvlanType?: string;
  networkDomain?: string;
  dns1?: string;
  dns2?: string;
  displayNetwork: boolean;
  externalId?: string;
  vpcUuid?: string;
  restartRequired: boolean;
  redundantRouter: boolean;
  publicMtu?: number;
  privateMtu?: number;
  created: string;
  /** Soft delete: removed networks stay in state, hidden from every lookup. */
  removed?: string;
}

export type TaggableResourceType = "Network";

export interface TagRecord {
  key: string;
  value: string;
  resourceType: TaggableResourceType;
  resourceUuid: string;
  accountUuid: string;
  domainUuid: string;
  customer?: string;
}

/** A configuration value set at a scope other than the definition's default. */
export interface ConfigValueRecord {
  name: string;
  scope: "Global" | "Zone" | "Account" | "Domain";
  /** uuid of the zone/account/domain; absent for Global. */
  scopeUuid?: string;
  value: string | null;
}

export interface SimulatorState {
  version: number;
  /** Next internal numeric id per kind (CloudStack's ids are per table). */
  nextIds: Record<string, number>;
  domains: DomainRecord[];
  accounts: AccountRecord[];
  users: UserRecord[];
  projects: ProjectRecord[];
  regions: RegionRecord[];
  zones: ZoneRecord[];
  physicalNetworks: PhysicalNetworkRecord[];
  vlanIpRanges: VlanIpRangeRecord[];
  publicIps: PublicIpRecord[];
  networkOfferings: NetworkOfferingRecord[];
  networks: NetworkRecord[];
  tags: TagRecord[];
  configValues: ConfigValueRecord[];
}
