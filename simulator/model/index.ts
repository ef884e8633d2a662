// The simulator's state and CloudStack's server-side rules, behind one object the wire layer
// and the handlers share. State is plain JSON: snapshot() hands it out, the constructor takes it back.
import type { Caller } from "../wire/types";
import { PublicIpAddresses } from "./addresses";
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
import { STATE_VERSION, type NetworkRecord, type SimulatorState } from "./state";
import { Tags } from "./tags";
import { seedTopology } from "./topology";
import { VlanRanges } from "./vlan-ranges";
import { Vpcs } from "./vpcs";

function isSimulatorState(value: unknown): value is SimulatorState {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.version === STATE_VERSION &&
    typeof v.nextIds === "object" &&
    ["domains", "accounts", "users", "projects", "regions", "zones", "physicalNetworks", "vlanIpRanges", "publicIps", "networkOfferings", "networks", "tags", "configValues", "portableIpRanges", "portableIps", "dedicatedGuestVlanRanges", "serviceOfferings", "templates", "securityGroups", "vms", "nics", "nicSecondaryIps", "vpcOfferings", "vpcs", "networkAclLists", "networkAclItems", "privateGateways", "staticRoutes", "firewallRules", "portForwardingRules", "loadBalancerRules", "lbStickinessPolicies", "lbHealthCheckPolicies", "gslbRules"].every(
      (k) => Array.isArray(v[k]),
    )
  );
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

  /** undefined seeds the default topology with fresh random keys; otherwise restores a snapshot. */
  constructor(snapshot?: unknown) {
    if (snapshot === undefined) {
      this.state = seedTopology();
    } else {
      if (!isSimulatorState(snapshot)) throw new Error(`not a simulator state snapshot (version ${STATE_VERSION} expected)`);
      this.state = structuredClone(snapshot);
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
    };
    this.networks.vpcTiers = this.vpcs;
    this.firewallRules = new FirewallRules(this.state, this.accounts, this.networks);
    this.portForwarding = new PortForwardingRules(this.state, this.accounts, this.networks, this.firewallRules);
    this.loadBalancers = new LoadBalancers(this.state, this.accounts, this.networks, this.firewallRules);
    this.lbPolicies = new LbPolicies(this.state, this.accounts, this.loadBalancers);
    this.gslb = new GlobalLoadBalancers(this.state, this.accounts, this.networks, this.loadBalancers);
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

export type { SimulatorState, NetworkRecord } from "./state";
