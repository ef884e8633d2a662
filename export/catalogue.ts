// Which objects of each kind the exporter adopts, and how it finds their ids: the list command
// of the kind in the owner's scope, less what CloudStack makes by itself. Only enumeration lives
// here; the inputs of each object come from its spec's own read (collect.ts), told for a few
// inputs to give ids rather than names (writtenById).
//
// The order is the order of the generated program: an object comes after everything it can
// reference (a tier after its VPC and ACL list, a rule after its public IP).
import type { CloudStackClient, Params } from "../provider/client";
import type { ApiObject, PropertyMap } from "../provider/adapter/types";
import type { ResourceKind } from "../provider";
import { healthCheckKind, policiesOf, stickinessKind, type PolicyKind } from "../provider/resources/common/rules-lb-policies";
import type { ResolvedScope } from "./scope";

/** One object to adopt: the id its kind's `importId` takes, and the listed object. */
export interface Listed {
  readonly id: string;
  readonly item: ApiObject;
}

export interface ListContext {
  readonly client: CloudStackClient;
  readonly scope: ResolvedScope;
  /** What the kinds before this one listed, by kind. */
  readonly listed: ReadonlyMap<ResourceKind, readonly Listed[]>;
}

export interface CatalogueEntry {
  readonly kind: ResourceKind;
  list(context: ListContext): Promise<Listed[]>;
  /**
   * For inputs that take another object by name or by id, and that a read gives back in the
   * form the program wrote: what a program would have written by id, given to a second read so
   * that it gives ids back, which the program then writes as references.
   */
  writtenById?(listed: Listed, outputs: PropertyMap): PropertyMap | undefined;
}

/** What CloudStack makes by itself and the exporter leaves out, for the program's header. */
export const implicitObjects: readonly string[] = [
  "source NAT public IPs (CloudStack acquires one per isolated network or VPC)",
  "the default network ACL lists (default_allow, default_deny) and the default security group",
  "the firewall rules CloudStack opens for a remote access VPN (UDP 500, 1701, 4500), and those it opens for a port forwarding or load balancer rule created with openfirewall when it reports them (relatedruleid): they go with that rule",
  "the elastic IPs, with their static NAT, that CloudStack gives instances in an elastic IP network (a basic zone's)",
];

// An instance's elastic IP is a system IP: CloudStack takes it when the instance starts and
// refuses to release it ("Can't release system IP address"); it goes with the instance.
const notSystem = (item: ApiObject) => item.issystem !== true;

const byId = (item: ApiObject): Listed => ({ id: String(item.id), item });

function listedOf(context: ListContext, kind: ResourceKind): readonly Listed[] {
  return context.listed.get(kind) ?? [];
}

/** The kind's objects of the owner, through `command` with the owner's parameters. */
function owned(command: string, extra: Params = {}, keep: (item: ApiObject) => boolean = () => true) {
  return async ({ client, scope }: ListContext): Promise<Listed[]> => {
    const items = await client.list<ApiObject>(command, { ...scope.params, ...extra });
    return items.filter((item) => scope.owns(item) && keep(item)).map(byId);
  };
}

/**
 * An instance's security groups by id, as listVirtualMachines shows them. Not when one is the
 * account's default group, which is not exported: its name is the portable way to write it, and
 * the input takes names or ids, not both.
 */
function groupsById({ item }: Listed): PropertyMap | undefined {
  const groups = Array.isArray(item.securitygroup) ? (item.securitygroup as ApiObject[]) : [];
  if (groups.length === 0 || groups.some((group) => group.name === "default")) return undefined;
  return { securityGroups: groups.map((group) => String(group.id)) };
}

/**
 * An LB rule's members as the first read wrote them (each instance's entries in a row, with
 * their guest IPs), each instance's name swapped for its id (memberIds, in the same order).
 * Left alone when the names do not line up with the ids (two members of one name in a row).
 */
function membersById(_listed: Listed, outputs: PropertyMap): PropertyMap | undefined {
  const ids = Array.isArray(outputs.memberIds) ? (outputs.memberIds as unknown[]).map(String) : [];
  const members = Array.isArray(outputs.members) ? (outputs.members as Array<{ virtualMachine?: unknown; ip?: unknown }>) : [];
  if (ids.length === 0 || members.length === 0) return undefined;
  const rewritten: PropertyMap[] = [];
  let index = -1;
  let previous: unknown;
  for (const member of members) {
    if (index < 0 || member.virtualMachine !== previous) index++;
    previous = member.virtualMachine;
    if (index >= ids.length) return undefined;
    rewritten.push({ virtualMachine: ids[index], ...(typeof member.ip === "string" ? { ip: member.ip } : {}) });
  }
  return index === ids.length - 1 ? { members: rewritten } : undefined;
}

/** The LB rules' policies of one kind, listed per rule (the list takes no owner). */
function policies(kind: PolicyKind) {
  return async (context: ListContext): Promise<Listed[]> => {
    const out: Listed[] = [];
    for (const rule of listedOf(context, "LoadBalancerRule")) {
      const wrappers = await context.client.list<ApiObject>(kind.listCommand, { lbruleid: rule.id });
      out.push(...policiesOf(kind, wrappers).map(byId));
    }
    return out;
  };
}

// The ports a remote access VPN opens on its IP when created with openfirewall
// (RemoteAccessVpnManagerImpl.createRemoteAccessVpn: IKE 500, L2TP 1701, NAT-T 4500).
const VPN_PORTS = new Set(["500", "1701", "4500"]);

/** The firewall rules of the owner but those CloudStack opened for another rule or a VPN. */
export async function firewallRules(context: ListContext): Promise<Listed[]> {
  const vpnIps = new Set(listedOf(context, "RemoteAccessVpn").map(({ item }) => String(item.publicipid)));
  const rules = await owned("listFirewallRules")(context);
  return rules.filter(
    ({ item }) =>
      !(typeof item.relatedruleid === "string" && item.relatedruleid !== "") &&
      !(vpnIps.has(String(item.ipaddressid)) && item.protocol === "udp" && VPN_PORTS.has(String(item.startport))),
  );
}

async function secondaryIps(context: ListContext): Promise<Listed[]> {
  const out: Listed[] = [];
  for (const vm of listedOf(context, "Instance")) {
    const nics = await context.client.list<ApiObject>("listNics", { virtualmachineid: vm.id });
    for (const nic of nics) {
      const ips = Array.isArray(nic.secondaryip) ? (nic.secondaryip as ApiObject[]) : [];
      out.push(...ips.map((ip) => byId({ ...ip, virtualmachineid: vm.id, nicid: nic.id })));
    }
  }
  return out;
}

/** The same ids as the kind they hang on (a ruleset is all the rules of its list or group). */
function sameIdsAs(kind: ResourceKind, keep: (item: ApiObject) => boolean) {
  return async (context: ListContext): Promise<Listed[]> => listedOf(context, kind).filter(({ item }) => keep(item));
}

const hasRules = (item: ApiObject) => ["ingressrule", "egressrule"].some((key) => Array.isArray(item[key]) && (item[key] as unknown[]).length > 0);

async function aclListsWithRules(context: ListContext): Promise<Listed[]> {
  const out: Listed[] = [];
  for (const list of listedOf(context, "NetworkAclList")) {
    const rules = await context.client.list<ApiObject>("listNetworkACLs", { aclid: list.id });
    if (rules.length > 0) out.push(list);
  }
  return out;
}

/**
 * The lists of objects that have a zone, which --zone reads first: what hangs on one of them in
 * another zone goes too, even when the exporter leaves the object itself out (a remote access
 * VPN on a source NAT IP).
 */
export const ZONED_LISTS: ReadonlyArray<{ readonly command: string; readonly params: Params }> = [
  { command: "listVPCs", params: {} },
  { command: "listNetworks", params: {} },
  { command: "listVirtualMachines", params: {} },
  { command: "listPublicIpAddresses", params: { allocatedonly: true } },
];

export const catalogue: readonly CatalogueEntry[] = [
  { kind: "Vpc", list: owned("listVPCs") },
  // The default lists belong to no VPC.
  { kind: "NetworkAclList", list: owned("listNetworkACLLists", {}, (item) => typeof item.vpcid === "string" && item.vpcid !== "") },
  { kind: "NetworkAclRuleset", list: aclListsWithRules },
  // Guest networks of the owner: a shared network of the domain or zone carries no account.
  { kind: "Network", list: owned("listNetworks", {}, (item) => item.acltype === undefined || item.acltype === "Account") },
  { kind: "SecurityGroup", list: owned("listSecurityGroups", {}, (item) => item.name !== "default") },
  { kind: "SecurityGroupRuleset", list: sameIdsAs("SecurityGroup", hasRules) },
  { kind: "Instance", list: owned("listVirtualMachines"), writtenById: groupsById },
  { kind: "NicSecondaryIp", list: secondaryIps },
  { kind: "PublicIpAddress", list: owned("listPublicIpAddresses", { allocatedonly: true, issourcenat: false }, notSystem) },
  { kind: "StaticNat", list: owned("listPublicIpAddresses", { allocatedonly: true, isstaticnat: true }, notSystem) },
  { kind: "RemoteAccessVpn", list: owned("listRemoteAccessVpns") },
  { kind: "VpnUser", list: owned("listVpnUsers") },
  { kind: "FirewallRule", list: firewallRules },
  { kind: "EgressFirewallRule", list: owned("listEgressFirewallRules") },
  { kind: "PortForwardingRule", list: owned("listPortForwardingRules") },
  { kind: "LoadBalancerRule", list: owned("listLoadBalancerRules"), writtenById: membersById },
  { kind: "LbStickinessPolicy", list: policies(stickinessKind) },
  { kind: "LbHealthCheckPolicy", list: policies(healthCheckKind) },
  { kind: "PrivateGateway", list: owned("listPrivateGateways") },
  { kind: "StaticRoute", list: owned("listStaticRoutes") },
  { kind: "VpnGateway", list: owned("listVpnGateways") },
  { kind: "VpnCustomerGateway", list: owned("listVpnCustomerGateways") },
  { kind: "VpnConnection", list: owned("listVpnConnections") },
];
