// The default topology, close to the deployment CloudStack's own CI runs against its simulator:
// a ROOT domain with a root admin and a plain user, a project, one region, the advanced zone
// Sandbox-simulator with a VLAN-isolated physical network and a public IP range, compute
// offerings and templates, and the basic zone Sandbox-basic with elastic IPs.
import { ipToNumber, numberToIp } from "./cidr";
import { seedConfig } from "./config";
import { now } from "./dates";
import { newApiKey, newUuid, nextId } from "./ids";
import { seedDefaultAclLists } from "./network-acls";
import { seedOfferings } from "./offerings";
import { seedNetscalerLbOffering } from "./load-balancers";
import { seedGslbTopology } from "./gslb";
import { seedVpcOfferings } from "./vpcs";
import { seedBasicZone } from "./basic-zone";
import { seedCatalog } from "./catalog";
import { seedDefaultSecurityGroup } from "./security-groups";
import { seedSecurityGroupZone } from "./sg-zone";
import { STATE_VERSION, type AccountRecord, type SimulatorState, type UserRecord } from "./records";

export const DEFAULT_ZONE_NAME = "Sandbox-simulator";
export const DEFAULT_PROJECT_NAME = "simproject";

function addAccount(
  state: SimulatorState,
  name: string,
  domainUuid: string,
  type: AccountRecord["type"],
  roleType: AccountRecord["roleType"],
  projectUuid?: string,
): AccountRecord {
  const account: AccountRecord = {
    uuid: newUuid(),
    id: nextId(state, "account"),
    name,
    domainUuid,
    type,
    state: "enabled",
    created: now(),
    isDefault: type === 1 && name === "admin",
    roleType,
    projectUuid,
  };
  state.accounts.push(account);
  return account;
}

function addUser(state: SimulatorState, account: AccountRecord, username: string, firstname: string, lastname: string): UserRecord {
  const user: UserRecord = {
    uuid: newUuid(),
    id: nextId(state, "user"),
    accountUuid: account.uuid,
    username,
    firstname,
    lastname,
    email: `${username}@sandbox.simulator`,
    apiKey: newApiKey(),
    secretKey: newApiKey(),
    state: "enabled",
    created: now(),
    isDefault: account.isDefault,
  };
  state.users.push(user);
  return user;
}

export function seedTopology(): SimulatorState {
  const state: SimulatorState = {
    version: STATE_VERSION,
    nextIds: {},
    domains: [],
    accounts: [],
    users: [],
    projects: [],
    regions: [],
    zones: [],
    physicalNetworks: [],
    vlanIpRanges: [],
    publicIps: [],
    networkOfferings: [],
    networks: [],
    tags: [],
    configValues: [],
    portableIpRanges: [],
    portableIps: [],
    dedicatedGuestVlanRanges: [],
    serviceOfferings: [],
    templates: [],
    securityGroups: [],
    securityGroupRules: [],
    vms: [],
    nics: [],
    nicSecondaryIps: [],
    vpcOfferings: [],
    vpcs: [],
    networkAclLists: [],
    networkAclItems: [],
    privateGateways: [],
    staticRoutes: [],
    firewallRules: [],
    portForwardingRules: [],
    loadBalancerRules: [],
    lbStickinessPolicies: [],
    lbHealthCheckPolicies: [],
    gslbRules: [],
    remoteAccessVpns: [],
    vpnUsers: [],
    vpnGateways: [],
    vpnCustomerGateways: [],
    vpnConnections: [],
    pods: [],
    trafficTypes: [],
    networkServiceProviders: [],
    providerElements: [],
    networkPermissions: [],
  };
  const root = { uuid: newUuid(), id: nextId(state, "domain"), name: "ROOT", path: "ROOT", level: 0, created: now() };
  state.domains.push(root);

  // CloudStack's system account is id 1, the root admin id 2: network domains derive from these ids.
  addAccount(state, "system", root.uuid, 1, "Admin");
  const admin = addAccount(state, "admin", root.uuid, 1, "Admin");
  addUser(state, admin, "admin", "Admin", "User");
  const user = addAccount(state, "user", root.uuid, 0, "User");
  addUser(state, user, "user", "Sim", "User");

  const projectUuid = newUuid();
  const projectId = nextId(state, "project");
  const projectAccount = addAccount(state, `PrjAcct-${DEFAULT_PROJECT_NAME}-${projectId}`, root.uuid, 5, "Project", projectUuid);
  state.projects.push({
    uuid: projectUuid,
    id: projectId,
    name: DEFAULT_PROJECT_NAME,
    displaytext: DEFAULT_PROJECT_NAME,
    domainUuid: root.uuid,
    accountUuid: projectAccount.uuid,
    ownerAccountUuid: user.uuid,
    memberAccountUuids: [user.uuid],
    state: "Active",
    created: now(),
  });

  state.regions.push({
    id: 1,
    name: "Local",
    endpoint: "http://127.0.0.1:8080/client/",
    gslbServiceEnabled: false,
    portableIpServiceEnabled: false,
  });

  const zone = {
    uuid: newUuid(),
    id: nextId(state, "zone"),
    name: DEFAULT_ZONE_NAME,
    networkType: "Advanced" as const,
    securityGroupsEnabled: false,
    dns1: "10.147.28.6",
    internalDns1: "10.147.28.6",
    guestCidr: "10.1.1.0/24",
    allocationState: "Enabled" as const,
    localStorageEnabled: false,
  };
  state.zones.push(zone);

  const physicalNetwork = {
    uuid: newUuid(),
    id: nextId(state, "physicalNetwork"),
    name: "Sandbox-pnet",
    zoneUuid: zone.uuid,
    isolationMethods: "VLAN",
    broadcastDomainRange: "ZONE" as const,
    state: "Enabled" as const,
    vnetRanges: [[100, 200]] as Array<[number, number]>,
    allocatedVnets: {},
  };
  state.physicalNetworks.push(physicalNetwork);

  const range = {
    uuid: newUuid(),
    id: nextId(state, "vlan"),
    zoneUuid: zone.uuid,
    physicalNetworkUuid: physicalNetwork.uuid,
    vlan: "vlan://untagged",
    gateway: "192.168.2.1",
    netmask: "255.255.255.0",
    startIp: "192.168.2.2",
    endIp: "192.168.2.200",
    forVirtualNetwork: true,
    created: now(),
  };
  state.vlanIpRanges.push(range);
  for (let n = ipToNumber(range.startIp); n <= ipToNumber(range.endIp); n += 1) {
    state.publicIps.push({
      uuid: newUuid(),
      id: nextId(state, "publicIp"),
      address: numberToIp(n),
      vlanRangeUuid: range.uuid,
      zoneUuid: zone.uuid,
      state: "Free",
      isSourceNat: false,
    });
  }

  seedOfferings(state);
  seedVpcOfferings(state);
  seedDefaultAclLists(state);
  seedConfig(state);

  // What instances need: compute offerings and templates, and a basic zone with elastic IPs
  // whose accounts start with their default security group.
  const system = state.accounts.find((a) => a.name === "system") as AccountRecord;
  seedCatalog(state, system);
  seedBasicZone(state, system);
  // Traffic rules: an isolated offering with NetScaler LB, NetScaler and GSLB providers, a second advanced zone, a region without GSLB.
  seedNetscalerLbOffering(state);
  seedGslbTopology(state);
  // Security groups in an advanced zone: a zone with securitygroupenabled and its shared network.
  seedSecurityGroupZone(state, system);
  for (const account of state.accounts.filter((a) => a !== system)) seedDefaultSecurityGroup(state, account);
  return state;
}
