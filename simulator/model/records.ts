// The simulator's whole state as plain JSON: snapshot() returns it, the constructor restores it.
// Every record carries a uuid (what the API shows) and, where CloudStack exposes or derives from
// its internal numeric id (network domains, "cs<hex id>"), a numeric id as well.
import type { RemoteAccessVpnRecord, VpnConnectionRecord, VpnCustomerGatewayRecord, VpnGatewayRecord, VpnUserRecord } from "./vpn-records";

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
  /** Absent for a zone created without one (a basic zone, or an advanced zone left without). */
  guestCidr?: string;
  allocationState: "Enabled" | "Disabled";
  localStorageEnabled: boolean;
  domainSuffix?: string;
  /**
   * Made by createZone (not seeded): such a zone has compute and storage only once it has a pod,
   * and physical networks, traffic types and providers only as they are added.
   */
  createdByApi?: boolean;
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
  /** Network service providers enabled besides the virtual routers, e.g. "Netscaler" (seeded zones). */
  providers?: string[];
  /** A GSLB service provider (a NetScaler with gslbprovider=true) is configured. */
  gslbProvider?: boolean;
}

/** A VLAN IP range: public (forVirtualNetwork) ranges of a zone, or a shared network's guest range. */
export interface VlanIpRangeRecord {
  uuid: string;
  id: number;
  zoneUuid: string;
  physicalNetworkUuid: string;
  /** The shared network owning a guest (direct) range. */
  networkUuid?: string;
  /** A basic zone's guest range belongs to one pod (PodVlanMap): its instances take IPs from it. */
  podUuid?: string;
  vlan: string;
  gateway: string;
  netmask: string;
  startIp: string;
  endIp: string;
  forVirtualNetwork: boolean;
  created: string;
  /** Dedicated to this account (createVlanIpRange with an owner, or dedicatePublicIpRange). */
  accountUuid?: string;
  /** Dedicated to this domain (createVlanIpRange with domainid and no account). */
  dedicatedDomainUuid?: string;
  /** Reserved for system VMs (forsystemvms). */
  forSystemVms?: boolean;
  /** Soft delete: listVlanIpRanges id=<it> then answers the empty list. */
  removed?: string;
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
  /** Associated with a VPC rather than a network. */
  vpcUuid?: string;
  /** Allocated by the system for an instance (a basic zone's elastic IP): issystem true. */
  isSystem?: boolean;
  /** A region portable IP: the row exists only while associated; vlanRangeUuid names the portable range. */
  isPortable?: boolean;
  fordisplay?: boolean;
  /** One-to-one NAT to an instance's guest IP. */
  staticNat?: StaticNatRecord;
}

/** Static NAT from a public IP to one guest IP of an instance's NIC. */
export interface StaticNatRecord {
  vmUuid: string;
  /** The guest IP (the NIC's IP or one of its secondary IPs). */
  vmGuestIp: string;
  /** The instance's network that the guest IP belongs to. */
  networkUuid: string;
}

/** A region's portable IP range (createPortableIpRange). */
export interface PortableIpRangeRecord {
  uuid: string;
  id: number;
  regionId: number;
  gateway: string;
  netmask: string;
  startIp: string;
  endIp: string;
  vlan?: string;
  created: string;
}

/** One address of a portable range; Allocated while a public IP row in some zone carries it. */
export interface PortableIpRecord {
  address: string;
  rangeUuid: string;
  state: "Free" | "Allocated";
  accountUuid?: string;
  domainUuid?: string;
  zoneUuid?: string;
  physicalNetworkUuid?: string;
  networkUuid?: string;
  vpcUuid?: string;
  allocated?: string;
}

/** A guest VLAN range of a physical network dedicated to an account (dedicateGuestVlanRange). */
export interface DedicatedGuestVlanRangeRecord {
  uuid: string;
  id: number;
  physicalNetworkUuid: string;
  start: number;
  end: number;
  accountUuid: string;
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
  /** Capabilities per service where the offering's provider differs from the virtual router's (NetScaler elastic IP). */
  serviceCapabilities?: Record<string, Array<{ name: string; value: string }>>;
  /** The tag selecting physical networks (createNetworkOffering tags). */
  tags?: string;
  sortKey?: number;
  /** The domains and zones the offering is limited to; empty or absent: every one. */
  domainUuids?: string[];
  zoneUuids?: string[];
  /** Set by deleteNetworkOffering: the row stays for the networks that named it. */
  removed?: string;
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
  /** The ACL list of a VPC tier (none until one is given or replaced in). */
  aclUuid?: string;
  /** createNetwork / updateNetwork sourcenatipaddress: the address the network's source NAT IP is, also after a re-implement. */
  sourceNatIpAddress?: string;
  restartRequired: boolean;
  redundantRouter: boolean;
  publicMtu?: number;
  privateMtu?: number;
  created: string;
  /** Soft delete: removed networks stay in state, hidden from every lookup. */
  removed?: string;
}

export type TaggableResourceType = "Network" | "PublicIpAddress" | "Template";

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
  portableIpRanges: PortableIpRangeRecord[];
  portableIps: PortableIpRecord[];
  dedicatedGuestVlanRanges: DedicatedGuestVlanRangeRecord[];
  serviceOfferings: ServiceOfferingRecord[];
  templates: TemplateRecord[];
  securityGroups: SecurityGroupRecord[];
  securityGroupRules: SecurityGroupRuleRecord[];
  vms: VmRecord[];
  nics: NicRecord[];
  nicSecondaryIps: NicSecondaryIpRecord[];
  vpcOfferings: VpcOfferingRecord[];
  vpcs: VpcRecord[];
  networkAclLists: NetworkAclListRecord[];
  networkAclItems: NetworkAclItemRecord[];
  privateGateways: PrivateGatewayRecord[];
  staticRoutes: StaticRouteRecord[];
  firewallRules: FirewallRuleRecord[];
  portForwardingRules: PortForwardingRuleRecord[];
  loadBalancerRules: LoadBalancerRuleRecord[];
  lbStickinessPolicies: LbStickinessPolicyRecord[];
  lbHealthCheckPolicies: LbHealthCheckPolicyRecord[];
  gslbRules: GslbRuleRecord[];
  remoteAccessVpns: RemoteAccessVpnRecord[];
  vpnUsers: VpnUserRecord[];
  vpnGateways: VpnGatewayRecord[];
  vpnCustomerGateways: VpnCustomerGatewayRecord[];
  vpnConnections: VpnConnectionRecord[];
  pods: PodRecord[];
  trafficTypes: TrafficTypeRecord[];
  networkServiceProviders: NetworkServiceProviderRecord[];
  providerElements: ProviderElementRecord[];
  externalDevices: ExternalDeviceRecord[];
  networkPermissions: NetworkPermissionRecord[];
}

/** An account allowed to use another account's network (NetworkPermissionVO, since 4.17). */
export interface NetworkPermissionRecord {
  networkUuid: string;
  accountUuid: string;
}

/**
 * A pod of a zone made by createZone, with the simulator's stand-in for what an operator would
 * add to it (a cluster, a host, primary and secondary storage): ids only, never listed.
 */
export interface PodRecord {
  uuid: string;
  id: number;
  name: string;
  zoneUuid: string;
  gateway: string;
  netmask: string;
  startIp: string;
  endIp: string;
  allocationState: "Enabled" | "Disabled";
  capacity: { clusterUuid: string; hostUuid: string; primaryStorageUuid: string; secondaryStorageUuid: string };
}

export type TrafficTypeName = "Public" | "Guest" | "Management" | "Storage" | "Control" | "Vlan";

/** A traffic type carried by a physical network, with its per-hypervisor labels. */
export interface TrafficTypeRecord {
  uuid: string;
  id: number;
  physicalNetworkUuid: string;
  trafficType: TrafficTypeName;
  labels: { xen?: string; kvm?: string; vmware?: string; hyperv?: string; ovm3?: string };
  vlan?: string;
  isolationMethod?: string;
}

/** A network service provider of a physical network (PhysicalNetworkServiceProviderVO). */
export interface NetworkServiceProviderRecord {
  uuid: string;
  id: number;
  name: string;
  physicalNetworkUuid: string;
  destinationPhysicalNetworkUuid?: string;
  state: "Enabled" | "Disabled" | "Shutdown";
  services: string[];
}

/** The element behind a VirtualRouter, VpcVirtualRouter or InternalLbVm provider; created disabled. */
export interface ProviderElementRecord {
  uuid: string;
  id: number;
  nspUuid: string;
  type: "VirtualRouter" | "VPCVirtualRouter" | "InternalLbVm";
  enabled: boolean;
}

/**
 * A NetScaler load balancer or Palo Alto firewall added to a physical network
 * (ExternalLoadBalancerDeviceVO, ExternalFirewallDeviceVO, with the host details CloudStack keeps
 * for the device's host). The password is not kept: nothing reads it back.
 */
export interface ExternalDeviceRecord {
  uuid: string;
  id: number;
  provider: "Netscaler" | "PaloAlto";
  deviceName: string;
  physicalNetworkUuid: string;
  ipAddress: string;
  username: string;
  capacity: number;
  dedicated: boolean;
  state: "Enabled" | "Disabled";
  gslbProvider: boolean;
  exclusiveGslbProvider: boolean;
  gslbPublicIp?: string;
  gslbPrivateIp?: string;
  podUuids: string[];
  /** The URL's query parameters (publicinterface, numretries...), as the host details hold them. */
  details: Record<string, string>;
}

/** A compute (service) offering. */
export interface ServiceOfferingRecord {
  uuid: string;
  id: number;
  name: string;
  displaytext: string;
  cpuNumber: number;
  cpuSpeed: number;
  memory: number;
  storageType: "shared" | "local";
  provisioningType: "thin" | "sparse" | "fat";
  offerHa: boolean;
  limitCpuUse: boolean;
  isVolatile: boolean;
  created: string;
}

/** A template instances boot from; zoneUuid undefined means available in every zone. */
export interface TemplateRecord {
  uuid: string;
  id: number;
  name: string;
  displaytext: string;
  zoneUuid?: string;
  accountUuid: string;
  domainUuid: string;
  isPublic: boolean;
  isFeatured: boolean;
  isReady: boolean;
  passwordEnabled: boolean;
  format: string;
  hypervisor: string;
  osTypeUuid: string;
  osTypeName: string;
  templateType: "BUILTIN" | "USER" | "SYSTEM" | "VNF";
  size: number;
  created: string;
  /** Where a registered template was downloaded from. */
  url?: string;
  /** A VNF template's NICs, by device id (VnfTemplateNicVO). */
  vnfNics?: VnfNicRecord[];
  /** A VNF template's details, keys in lower case (VnfTemplateDetailVO). */
  vnfDetails?: Record<string, string>;
  /** A registered template's download to secondary storage; absent for the seeded templates. */
  download?: TemplateDownload;
}

/** What the template store reference (TemplateDataStoreVO) would say: when, and how it ends. */
export interface TemplateDownload {
  /** Epoch ms the download began and ends. */
  startedAt: number;
  completesAt: number;
  /** Why the download failed (it then never completes). */
  error?: string;
}

export interface VnfNicRecord {
  deviceId: number;
  name: string;
  required: boolean;
  management: boolean;
  description?: string;
}

export interface SecurityGroupRecord {
  uuid: string;
  id: number;
  name: string;
  description: string;
  accountUuid: string;
  domainUuid: string;
  created: string;
}

/**
 * One security group rule row (SecurityGroupRuleVO): one per CIDR and per allowed group. For
 * icmp the port fields hold the ICMP type and code, as CloudStack stores them.
 */
export interface SecurityGroupRuleRecord {
  uuid: string;
  id: number;
  groupUuid: string;
  type: "ingress" | "egress";
  protocol: string;
  startPortOrType: number;
  endPortOrCode: number;
  cidr?: string;
  allowedGroupUuid?: string;
  created: string;
}

export type VmState = "Stopped" | "Starting" | "Running" | "Stopping" | "Destroyed" | "Expunging" | "Error";

/** A user instance; expunged ones stay soft-deleted (removed), hidden from lists. */
export interface VmRecord {
  uuid: string;
  id: number;
  name: string;
  displayName: string;
  instanceName: string;
  accountUuid: string;
  domainUuid: string;
  /** The user who deployed it. */
  userUuid: string;
  zoneUuid: string;
  serviceOfferingUuid: string;
  templateUuid: string;
  state: VmState;
  /** Set for password-enabled templates; returned by deploy only. */
  password?: string;
  securityGroupUuids: string[];
  hostUuid: string;
  group?: string;
  created: string;
  removed?: string;
}

/** A guest NIC of an instance; ipAddress is absent on L2 networks and while a failed deploy left it without one. */
export interface NicRecord {
  uuid: string;
  id: number;
  vmUuid: string;
  networkUuid: string;
  ipAddress?: string;
  gateway?: string;
  netmask?: string;
  macAddress: string;
  isDefault: boolean;
  deviceId: number;
  created: string;
}

/** An extra guest IP on a NIC (addIpToNic); hard-deleted on removal. */
export interface NicSecondaryIpRecord {
  uuid: string;
  id: number;
  nicUuid: string;
  vmUuid: string;
  networkUuid: string;
  ipAddress: string;
  created: string;
}

export interface VpcOfferingRecord {
  uuid: string;
  id: number;
  name: string;
  displaytext: string;
  isDefault: boolean;
  state: "Enabled" | "Disabled";
  services: OfferingServiceRecord[];
  created: string;
  redundantRouter?: boolean;
  distributedRouter?: boolean;
  regionLevelVpc?: boolean;
  sortKey?: number;
  domainUuids?: string[];
  zoneUuids?: string[];
  /** Set by deleteVPCOffering: the row stays for the VPCs that named it. */
  removed?: string;
}

/** A VPC; deleted ones stay soft-deleted (removed), so listVPCs id=<it> answers the empty list. */
export interface VpcRecord {
  uuid: string;
  id: number;
  name: string;
  displaytext: string;
  zoneUuid: string;
  offeringUuid: string;
  /** The super CIDR as given. */
  cidr: string;
  networkDomain: string;
  accountUuid: string;
  domainUuid: string;
  state: "Enabled" | "Inactive";
  dns1?: string;
  dns2?: string;
  publicMtu: number;
  display: boolean;
  restartRequired: boolean;
  redundant: boolean;
  created: string;
  removed?: string;
}

/** An ACL list: a default one, a global one (no VPC, root admins), or one of a VPC. Hard-deleted. */
export interface NetworkAclListRecord {
  uuid: string;
  id: number;
  name: string;
  description?: string;
  vpcUuid?: string;
  /** default_deny and default_allow: their rules never change and they cannot be deleted. */
  isDefault: boolean;
  display: boolean;
}

export type AclTrafficType = "Ingress" | "Egress";

/** One rule of an ACL list, unique by number within it. Hard-deleted. */
export interface NetworkAclItemRecord {
  uuid: string;
  id: number;
  aclUuid: string;
  number: number;
  /** A name (tcp, udp, icmp, all) or a protocol number, as given. */
  protocol: string;
  startPort?: number;
  endPort?: number;
  icmpType?: number;
  icmpCode?: number;
  cidrList: string[];
  trafficType: AclTrafficType;
  action: "Allow" | "Deny";
  state: "Staged" | "Add" | "Active" | "Revoke";
  display: boolean;
  reason?: string;
  created: string;
}

/** A VPC private gateway; deleted ones stay soft-deleted (removed). */
export interface PrivateGatewayRecord {
  uuid: string;
  id: number;
  vpcUuid: string;
  zoneUuid: string;
  physicalNetworkUuid: string;
  ipAddress: string;
  gateway: string;
  netmask: string;
  /** vlan://<tag> of the private network. */
  broadcastUri: string;
  /** Created with a VLAN through an offering that specifies it (non-root users cannot delete it). */
  specifyVlan: boolean;
  associatedNetworkUuid?: string;
  sourceNat: boolean;
  aclUuid: string;
  accountUuid: string;
  domainUuid: string;
  state: "Creating" | "Ready" | "Deleting";
  created: string;
  removed?: string;
}

/** A VPC static route, through a private gateway or to a next hop. Hard-deleted. */
export interface StaticRouteRecord {
  uuid: string;
  id: number;
  vpcUuid: string;
  gatewayUuid?: string;
  nextHop?: string;
  cidr: string;
  accountUuid: string;
  domainUuid: string;
  state: "Staged" | "Add" | "Active" | "Revoke";
  created: string;
}

/** CloudStack's rule states (FirewallRule.State); Revoke shows as "Deleting". */
export type RuleState = "Staged" | "Add" | "Active" | "Revoke";

/**
 * An ingress firewall rule on a public IP or an egress rule of a network. Firewall, port
 * forwarding and load balancing rules share CloudStack's firewall_rules table, hence one id
 * sequence ("firewallRule"). Hard-deleted.
 */
export interface FirewallRuleRecord {
  uuid: string;
  id: number;
  trafficType: "Ingress" | "Egress";
  /** The public IP of an ingress rule. */
  ipUuid?: string;
  networkUuid: string;
  accountUuid: string;
  domainUuid: string;
  /** Lower case, as CloudStack stores it. */
  protocol: string;
  startPort?: number;
  endPort?: number;
  icmpType?: number;
  icmpCode?: number;
  sourceCidrs: string[];
  destCidrs: string[];
  /** The port forwarding or load balancing rule this one was opened for (openfirewall=true); not shown by the API. */
  relatedRuleUuid?: string;
  state: RuleState;
  display: boolean;
  created: string;
}

/** A port forwarding rule from a public IP's port range to an instance's guest IP. Hard-deleted. */
export interface PortForwardingRuleRecord {
  uuid: string;
  id: number;
  ipUuid: string;
  networkUuid: string;
  accountUuid: string;
  domainUuid: string;
  protocol: string;
  publicStartPort: number;
  publicEndPort: number;
  privateStartPort: number;
  privateEndPort: number;
  vmUuid: string;
  /** The NIC's IP or one of its secondary IPs. */
  vmGuestIp: string;
  sourceCidrs: string[];
  state: RuleState;
  display: boolean;
  created: string;
}

/** One member of a load balancing rule: an instance and one of its guest IPs in the rule's network. */
export interface LbMemberRecord {
  vmUuid: string;
  vmIp: string;
}

/** A public load balancing rule. Hard-deleted. */
export interface LoadBalancerRuleRecord {
  uuid: string;
  id: number;
  name: string;
  description?: string;
  ipUuid: string;
  networkUuid: string;
  accountUuid: string;
  domainUuid: string;
  publicPort: number;
  privatePort: number;
  /** As given (CloudStack stores the case the caller used). */
  algorithm: string;
  /** tcp, udp or tcp-proxy. */
  lbProtocol: string;
  /** The CIDR list as CloudStack stores it: space separated from create, comma separated from update. */
  cidrList?: string;
  members: LbMemberRecord[];
  state: RuleState;
  display: boolean;
  created: string;
}

/** A stickiness policy of a load balancing rule. Hard-deleted. */
export interface LbStickinessPolicyRecord {
  uuid: string;
  id: number;
  lbRuleUuid: string;
  name: string;
  description?: string;
  methodName: string;
  /** param[i].name / param[i].value pairs in the order given; a flag has no value. */
  params: Array<{ name: string; value?: string }>;
  display: boolean;
}

/** A health check policy of a load balancing rule (one per rule). Hard-deleted. */
export interface LbHealthCheckPolicyRecord {
  uuid: string;
  id: number;
  lbRuleUuid: string;
  pingPath: string;
  description?: string;
  responseTime: number;
  interval: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  display: boolean;
}

/** A global (GSLB) load balancing rule of a region, with its member LB rules. Hard-deleted. */
export interface GslbRuleRecord {
  uuid: string;
  id: number;
  name: string;
  description?: string;
  /** The service domain name as given; the API shows it followed by "." and cloud.dns.name. */
  domainName: string;
  algorithm: string;
  persistence: string;
  serviceType: string;
  regionId: number;
  accountUuid: string;
  domainUuid: string;
  /** Not shown by the API: Staged until members are applied, then Active. */
  state: "Staged" | "Add" | "Active" | "Revoke";
  /** Member LB rules; weight 1 unless gslblbruleweightsmap gave one (not shown by the API). */
  members: Array<{ lbRuleUuid: string; weight: number }>;
  created: string;
}
