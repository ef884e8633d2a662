// What CloudStack holds against what a stack's state knows: every list command of the kinds the
// stacks make, as the root admin sees them across accounts and projects. An object made since
// the baseline that the state never mentions is an orphan; one that also shares its name or key
// with an object the state knows is a duplicate.
import { RunningSimulator } from "../../simulator";
import type { StackState } from "../../engine-standin";
import { adminList, type Item } from "./simulator-lists";

interface Listing {
  readonly command: string;
  readonly key: string;
  /** Objects CloudStack makes itself, which no resource declares. */
  readonly ownedByCloudStack?: (item: Item) => boolean;
  /** What two objects made for one resource share (the name, or the IP and ports). */
  readonly naturalKey: (item: Item) => string;
  /** Listed per region (GSLB rules belong to a region, and the command wants one). */
  readonly perRegion?: boolean;
  /** A root-admin command that sees everything without listall or a project. */
  readonly unscoped?: boolean;
  /** Parameters the command needs besides the owner scope. */
  readonly params?: Record<string, string>;
  /** Objects a resource of the state made along with its own (a shared network's first range). */
  readonly madeWith?: (item: Item, state: StackState) => boolean;
}

/** The range createNetwork makes for a shared network given startip and endip. */
function networkRange(range: Item, state: StackState): boolean {
  return state.resources.some(
    (resource) =>
      resource.type.endsWith(":Network") &&
      String(resource.id).toLowerCase() === String(range.networkid).toLowerCase() &&
      resource.outputs.startIp === range.startip,
  );
}

/**
 * The UDP rules (IKE 500, L2TP 1701, NAT traversal 4500) CloudStack opens on the IP of a
 * remote-access VPN it creates with openfirewall (RemoteAccessVpnManagerImpl): the VPN's, not orphans.
 */
function remoteAccessVpnRule(rule: Item, state: StackState): boolean {
  return (
    rule.protocol === "udp" &&
    [500, 1701, 4500].includes(Number(rule.startport)) &&
    state.resources.some(
      (resource) => resource.type.endsWith(":RemoteAccessVpn") && String(resource.outputs.publicIpId).toLowerCase() === String(rule.ipaddressid).toLowerCase(),
    )
  );
}

/**
 * The rules CloudStack opens for a VNF appliance's management ports on the public IP it gives the
 * appliance (VnfTemplateManagerImpl.createIsolatedNetworkRulesForVnfAppliance): the appliance's.
 */
function vnfManagementRule(rule: Item, state: StackState): boolean {
  return state.resources.some(
    (resource) =>
      resource.type.endsWith(":VnfAppliance") &&
      Array.isArray(resource.outputs.managementIps) &&
      (resource.outputs.managementIps as Array<{ id?: unknown }>).some((ip) => String(ip.id).toLowerCase() === String(rule.ipaddressid).toLowerCase()),
  );
}

const ports = (item: Item): string => [item.ipaddressid ?? item.networkid, item.protocol, item.startport ?? item.publicport, item.endport ?? item.publicendport].join("/");

export const LISTINGS: readonly Listing[] = [
  { command: "listNetworks", key: "network", naturalKey: (n) => `${String(n.name)}/${String(n.zoneid)}` },
  { command: "listVirtualMachines", key: "virtualmachine", naturalKey: (vm) => String(vm.name) },
  {
    command: "listPublicIpAddresses",
    key: "publicipaddress",
    // A network's source NAT IP comes with the network; a Free address is in the pool, not held.
    ownedByCloudStack: (ip) => ip.issourcenat === true || ip.state === "Free",
    naturalKey: (ip) => `${String(ip.associatednetworkid ?? ip.vpcid)}/${String(ip.ipaddress)}`,
  },
  { command: "listFirewallRules", key: "firewallrule", naturalKey: ports, madeWith: (rule, state) => remoteAccessVpnRule(rule, state) || vnfManagementRule(rule, state) },
  { command: "listEgressFirewallRules", key: "firewallrule", naturalKey: ports },
  { command: "listPortForwardingRules", key: "portforwardingrule", naturalKey: ports },
  { command: "listLoadBalancerRules", key: "loadbalancerrule", naturalKey: (lb) => `${String(lb.publicipid)}/${String(lb.publicport)}` },
  { command: "listVPCs", key: "vpc", naturalKey: (vpc) => `${String(vpc.name)}/${String(vpc.zoneid)}` },
  { command: "listNetworkACLLists", key: "networkacllist", ownedByCloudStack: (acl) => acl.vpcid === undefined || acl.vpcid === null, naturalKey: (acl) => `${String(acl.vpcid)}/${String(acl.name)}` },
  { command: "listNetworkACLs", key: "networkacl", naturalKey: (rule) => `${String(rule.aclid)}/${String(rule.number)}` },
  { command: "listStaticRoutes", key: "staticroute", naturalKey: (route) => `${String(route.vpcid)}/${String(route.cidr)}` },
  { command: "listPrivateGateways", key: "privategateway", naturalKey: (gw) => `${String(gw.vpcid)}/${String(gw.ipaddress)}` },
  { command: "listGlobalLoadBalancerRules", key: "globalloadbalancerrule", naturalKey: (rule) => String(rule.gslbdomainname), perRegion: true },
  // The account's "default" group is made by CloudStack on first use (SecurityGroupManagerImpl).
  { command: "listSecurityGroups", key: "securitygroup", ownedByCloudStack: (group) => group.name === "default", naturalKey: (group) => `${String(group.account ?? group.projectid)}/${String(group.name)}` },
  { command: "listRemoteAccessVpns", key: "remoteaccessvpn", naturalKey: (vpn) => String(vpn.publicipid) },
  { command: "listVpnUsers", key: "vpnuser", naturalKey: (user) => `${String(user.account ?? user.projectid)}/${String(user.username)}` },
  { command: "listVpnGateways", key: "vpngateway", naturalKey: (gateway) => String(gateway.vpcid) },
  { command: "listVpnCustomerGateways", key: "vpncustomergateway", naturalKey: (gateway) => `${String(gateway.account ?? gateway.projectid)}/${String(gateway.name)}` },
  { command: "listVpnConnections", key: "vpnconnection", naturalKey: (connection) => `${String(connection.s2svpngatewayid)}/${String(connection.s2scustomergatewayid)}` },
  { command: "listZones", key: "zone", naturalKey: (zone) => String(zone.name), unscoped: true },
  { command: "listPods", key: "pod", naturalKey: (pod) => `${String(pod.zoneid)}/${String(pod.name)}`, unscoped: true },
  { command: "listPhysicalNetworks", key: "physicalnetwork", naturalKey: (network) => `${String(network.zoneid)}/${String(network.name)}`, unscoped: true },
  { command: "listVnfTemplates", key: "template", params: { templatefilter: "all" }, naturalKey: (t) => `${String(t.zoneid)}/${String(t.name)}`, unscoped: true },
  { command: "listNetworkOfferings", key: "networkoffering", naturalKey: (o) => String(o.name), unscoped: true },
  { command: "listVPCOfferings", key: "vpcoffering", naturalKey: (o) => String(o.name), unscoped: true },
  { command: "listVlanIpRanges", key: "vlaniprange", naturalKey: (range) => `${String(range.startip)}-${String(range.endip)}`, unscoped: true, madeWith: networkRange },
];

/** Objects on their way out (a revoked rule, a network being destroyed) are no longer held. */
const leaving = (item: Item): boolean => ["Revoke", "Destroy", "Destroyed", "Expunging", "Releasing"].includes(String(item.state));

export type Inventory = ReadonlyMap<string, readonly Item[]>;

/** Every object of every listing, the caller's own, other accounts' and projects'. */
export async function takeInventory(sim: RunningSimulator): Promise<Inventory> {
  const out = new Map<string, Item[]>();
  const regions = (await adminList(sim, "listRegions", "region")).map((region) => String(region.id));
  for (const listing of LISTINGS) {
    const seen = new Map<string, Item>();
    const owners: Array<Record<string, string>> = listing.unscoped ? [{}] : [{ listall: "true" }, { listall: "true", projectid: "-1" }];
    const scopes = listing.perRegion ? owners.flatMap((owner) => regions.map((regionid) => ({ ...owner, regionid }))) : owners;
    for (const scope of scopes) {
      for (const item of await adminList(sim, listing.command, listing.key, { ...listing.params, ...scope })) seen.set(String(item.id), item);
    }
    out.set(listing.command, [...seen.values()]);
  }
  return out;
}

/** Every string anywhere in the state's resources: the ids it records, its outputs' ids included. */
function idsKnownTo(state: StackState): Set<string> {
  const known = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === "string") known.add(value.toLowerCase());
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(walk);
  };
  for (const resource of state.resources) {
    if (resource.id) known.add(resource.id.toLowerCase());
    walk(resource.outputs);
  }
  return known;
}

export interface Leftovers {
  /** Objects made since the baseline that the state does not know, as "command id (key)". */
  orphans: string[];
  /** Of those, the ones sharing their natural key with an object the state knows. */
  duplicates: string[];
}

/** What CloudStack holds beyond the baseline and the state. */
export function leftovers(baseline: Inventory, now: Inventory, state: StackState): Leftovers {
  const known = idsKnownTo(state);
  const orphans: string[] = [];
  const duplicates: string[] = [];
  for (const listing of LISTINGS) {
    const before = new Set((baseline.get(listing.command) ?? []).map((item) => String(item.id)));
    const made = (now.get(listing.command) ?? []).filter(
      (item) => !before.has(String(item.id)) && !leaving(item) && !listing.ownedByCloudStack?.(item) && !listing.madeWith?.(item, state),
    );
    const knownKeys = new Set(made.filter((item) => known.has(String(item.id).toLowerCase())).map(listing.naturalKey));
    for (const item of made) {
      if (known.has(String(item.id).toLowerCase())) continue;
      const key = listing.naturalKey(item);
      const line = `${listing.command} ${String(item.id)} (${key})`;
      orphans.push(line);
      if (knownKeys.has(key)) duplicates.push(line);
    }
  }
  return { orphans, duplicates };
}
