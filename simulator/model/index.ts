// The simulator's state and CloudStack's server-side rules, behind one object the wire layer
// and the handlers share. State is plain JSON: snapshot() hands it out, the constructor takes it back.
import { NetworkPermissions } from "./network-permissions";
import type { Caller } from "../caller";
import { PublicIpAddresses } from "./public-ips";
import { Accounts } from "./accounts";
import { configValue, type ConfigScopeRef } from "./config";
import { GuestVlanDedications } from "./dedication";
import { Instances } from "./instances";
import { NetworkAcls } from "./network-acls";
import { Networks } from "./networks";
import { PortableIps } from "./portable";
import { PrivateGateways } from "./private-gateways";
import { SecurityGroups } from "./security-groups";
import { StaticNat } from "./static-nat";
import { StaticRoutes } from "./static-routes";
import { FirewallRules } from "./firewall-rules";
import { GlobalLoadBalancers } from "./gslb";
import { LbPolicies } from "./lb-policies";
import { LoadBalancers } from "./load-balancers";
import { PortForwardingRules } from "./port-forwarding";
import { STATE_VERSION, type NetworkRecord, type SimulatorState } from "./records";
import { Tags } from "./tags";
import { seedTopology } from "./topology";
import { VlanRanges } from "./vlan-ranges";
import { Vpcs } from "./vpcs";
import { RemoteAccessVpns, VpnUsers } from "./vpn-remote-access";
import { VpnConnections, VpnCustomerGateways, VpnGateways } from "./vpn-site-to-site";
import { Zones } from "./zones";
import { Pods } from "./pods";
import { PhysicalNetworks } from "./physical-networks";
import { TrafficTypes } from "./traffic-types";
import { NetworkServiceProviders } from "./network-service-providers";
import { ExternalDevices } from "./external-devices";
import { VnfTemplates } from "./vnf-templates";
import { DEFAULT_TEMPLATE_DOWNLOAD_MS } from "./template-downloads";
import { VnfAppliances } from "./vnf-appliances";
import { NetworkOfferings } from "./offerings";
import { VpcOfferings } from "./vpc-offerings";

/** The top-level arrays of the state, each marked with whether it was in the first layout. */
type StateArrayKey = { [K in keyof SimulatorState]: SimulatorState[K] extends unknown[] ? K : never }[keyof SimulatorState];

const STATE_ARRAYS: Record<StateArrayKey, "from the start" | "added later"> = {
  domains: "from the start",
  accounts: "from the start",
  users: "from the start",
  projects: "from the start",
  regions: "from the start",
  zones: "from the start",
  physicalNetworks: "from the start",
  vlanIpRanges: "from the start",
  publicIps: "from the start",
  networkOfferings: "from the start",
  networks: "from the start",
  tags: "from the start",
  configValues: "from the start",
  portableIpRanges: "added later",
  portableIps: "added later",
  dedicatedGuestVlanRanges: "added later",
  serviceOfferings: "added later",
  templates: "added later",
  securityGroups: "added later",
  securityGroupRules: "added later",
  vms: "added later",
  nics: "added later",
  nicSecondaryIps: "added later",
  vpcOfferings: "added later",
  vpcs: "added later",
  networkAclLists: "added later",
  networkAclItems: "added later",
  privateGateways: "added later",
  staticRoutes: "added later",
  firewallRules: "added later",
  portForwardingRules: "added later",
  loadBalancerRules: "added later",
  lbStickinessPolicies: "added later",
  lbHealthCheckPolicies: "added later",
  gslbRules: "added later",
  remoteAccessVpns: "added later",
  vpnUsers: "added later",
  vpnGateways: "added later",
  vpnCustomerGateways: "added later",
  vpnConnections: "added later",
  pods: "added later",
  trafficTypes: "added later",
  networkServiceProviders: "added later",
  providerElements: "added later",
  externalDevices: "added later",
  networkPermissions: "added later",
};

/**
 * A snapshot as this code uses it, or undefined for JSON that is no simulator state. A state
 * written before an array existed lacks it: it gets [] (nothing of that kind was made). The
 * arrays of the first layout, the version and nextIds are in every state ever written, so
 * their absence means the JSON is something else; an array key holding anything but an array
 * is refused too.
 */
function asSimulatorState(value: unknown): SimulatorState | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (v.version !== STATE_VERSION || typeof v.nextIds !== "object" || v.nextIds === null) return undefined;
  const filled: Record<string, unknown> = { ...v };
  for (const [key, since] of Object.entries(STATE_ARRAYS)) {
    if (v[key] === undefined && since === "added later") filled[key] = [];
    else if (!Array.isArray(v[key])) return undefined;
  }
  return filled as unknown as SimulatorState;
}

export class SimulatorModel {
  readonly state: SimulatorState;
  readonly accounts: Accounts;
  readonly networks: Networks;
  readonly tags: Tags;
  readonly securityGroups: SecurityGroups;
  readonly instances: Instances;
  readonly vlanRanges: VlanRanges;
  readonly guestVlanDedications: GuestVlanDedications;
  readonly portableIps: PortableIps;
  readonly staticNat: StaticNat;
  readonly publicIps: PublicIpAddresses;
  readonly vpcs: Vpcs;
  readonly networkAcls: NetworkAcls;
  readonly privateGateways: PrivateGateways;
  readonly staticRoutes: StaticRoutes;
  readonly firewallRules: FirewallRules;
  readonly portForwarding: PortForwardingRules;
  readonly loadBalancers: LoadBalancers;
  readonly lbPolicies: LbPolicies;
  readonly gslb: GlobalLoadBalancers;
  readonly remoteAccessVpns: RemoteAccessVpns;
  readonly vpnUsers: VpnUsers;
  readonly vpnGateways: VpnGateways;
  readonly vpnCustomerGateways: VpnCustomerGateways;
  readonly vpnConnections: VpnConnections;
  readonly zones: Zones;
  readonly pods: Pods;
  readonly trafficTypes: TrafficTypes;
  readonly providers: NetworkServiceProviders;
  readonly externalDevices: ExternalDevices;
  readonly vnfTemplates: VnfTemplates;
  readonly vnfAppliances: VnfAppliances;
  readonly physicalNetworks: PhysicalNetworks;
  readonly networkPermissions: NetworkPermissions;
  readonly networkOfferings: NetworkOfferings;
  readonly vpcOfferings: VpcOfferings;
  /** How long a registered template's download takes (the simulator's templateDownloadMs). */
  templateDownloadMs = DEFAULT_TEMPLATE_DOWNLOAD_MS;

  /** undefined seeds the default topology with fresh random keys; otherwise restores a snapshot. */
  constructor(snapshot?: unknown) {
    if (snapshot === undefined) {
      this.state = seedTopology();
    } else {
      const state = asSimulatorState(snapshot);
      if (!state) throw new Error(`not a simulator state snapshot (version ${STATE_VERSION} expected)`);
      this.state = structuredClone(state);
    }
    this.accounts = new Accounts(this.state);
    this.networks = new Networks(this.state, this.accounts);
    this.tags = new Tags(this.state, this.accounts);
    this.securityGroups = new SecurityGroups(this.state, this.accounts);
    this.instances = new Instances(this.state, this.accounts, this.networks, this.securityGroups);
    this.vlanRanges = new VlanRanges(this.state, this.accounts, this.networks);
    this.guestVlanDedications = new GuestVlanDedications(this.state, this.accounts);
    this.portableIps = new PortableIps(this.state);
    this.staticNat = new StaticNat(this.state, this.accounts, this.networks, this.portableIps);
    this.publicIps = new PublicIpAddresses(this.state, this.accounts, this.networks, this.portableIps, this.staticNat);
    this.vpcs = new Vpcs(this.state, this.accounts, this.networks);
    this.networkAcls = new NetworkAcls(this.state, this.accounts, this.networks, this.vpcs);
    this.privateGateways = new PrivateGateways(this.state, this.accounts, this.networks, this.vpcs);
    this.staticRoutes = new StaticRoutes(this.state, this.accounts, this.vpcs, this.privateGateways);
    this.vpcs.acls = this.networkAcls;
    this.vpcs.cleanup = {
      removeRoutesOfVpc: (vpcUuid) => this.staticRoutes.removeRoutesOfVpc(vpcUuid),
      removeGatewaysOfVpc: (vpcUuid) => this.privateGateways.removeGatewaysOfVpc(vpcUuid),
      removeAclListsOfVpc: (vpcUuid) => this.networkAcls.removeAclListsOfVpc(vpcUuid),
      removeVpnOfVpc: (vpcUuid) => this.vpnGateways.removeOfVpc(vpcUuid),
    };
    this.networks.vpcTiers = this.vpcs;
    this.firewallRules = new FirewallRules(this.state, this.accounts, this.networks);
    this.portForwarding = new PortForwardingRules(this.state, this.accounts, this.networks, this.firewallRules);
    this.loadBalancers = new LoadBalancers(this.state, this.accounts, this.networks, this.firewallRules);
    this.lbPolicies = new LbPolicies(this.state, this.accounts, this.loadBalancers);
    this.gslb = new GlobalLoadBalancers(this.state, this.accounts, this.networks, this.loadBalancers);
    this.remoteAccessVpns = new RemoteAccessVpns(this.state, this.accounts, this.networks, this.vpcs);
    this.vpnUsers = new VpnUsers(this.state, this.accounts);
    this.vpnGateways = new VpnGateways(this.state, this.accounts, this.vpcs);
    this.vpnCustomerGateways = new VpnCustomerGateways(this.state, this.accounts);
    this.vpnConnections = new VpnConnections(this.state, this.accounts, this.vpcs, this.vpnGateways, this.vpnCustomerGateways);
    this.zones = new Zones(this.state);
    this.pods = new Pods(this.state);
    this.trafficTypes = new TrafficTypes(this.state);
    this.providers = new NetworkServiceProviders(this.state);
    this.externalDevices = new ExternalDevices(this.state);
    this.vnfTemplates = new VnfTemplates(this.state, () => this.templateDownloadMs);
    this.vnfAppliances = new VnfAppliances(this.state, this.instances, this.networks, this.securityGroups, this.publicIps, this.staticNat, this.firewallRules);
    this.physicalNetworks = new PhysicalNetworks(this.state, this.providers, this.trafficTypes);
    this.networkPermissions = new NetworkPermissions(this.state, this.accounts, this.networks);
    this.networkOfferings = new NetworkOfferings(this.state);
    this.vpcOfferings = new VpcOfferings(this.state);
  }

  /** The caller owning an API key, with its secret; disabled users and accounts have none. */
  findApiKey(apiKey: string): { caller: Caller; secretKey: string } | undefined {
    const user = this.state.users.find((u) => u.apiKey === apiKey);
    if (!user || user.state !== "enabled") return undefined;
    const account = this.accounts.account(user.accountUuid);
    if (!account || account.state !== "enabled" || account.type === 5) return undefined;
    const accountType = account.type;
    return {
      caller: {
        userId: user.uuid,
        accountId: account.uuid,
        accountName: account.name,
        domainId: account.domainUuid,
        accountType,
        isRootAdmin: accountType === 1,
      },
      secretKey: user.secretKey,
    };
  }

  /** The state as JSON text: what snapshot() gives, without the copy (the state file writes this). */
  snapshotJson(): string {
    return JSON.stringify(this.state);
  }

  /** Plain JSON (absent fields left out), detached from the live state. */
  snapshot(): unknown {
    return JSON.parse(JSON.stringify(this.state)) as unknown;
  }

  private keysOf(username: string): { apiKey: string; secretKey: string } {
    const user = this.state.users.find((u) => u.username === username);
    if (!user) throw new Error(`state has no user ${username}`);
    return { apiKey: user.apiKey, secretKey: user.secretKey };
  }

  credentials(): { admin: { apiKey: string; secretKey: string }; user: { apiKey: string; secretKey: string } } {
    return { admin: this.keysOf("admin"), user: this.keysOf("user") };
  }

  /** A configuration value as the server would use it (e.g. default.page.size for paging). */
  configValue(name: string, scope?: ConfigScopeRef): string | undefined {
    return configValue(this.state, name, scope);
  }

  /** A live network by uuid (soft-deleted ones are gone). */
  findNetwork(uuid: string): NetworkRecord | undefined {
    return this.networks.find(uuid);
  }
}

export type { SimulatorState, NetworkRecord } from "./records";
