// A CloudStack guest network (isolated, shared or L2).
import * as pulumi from "@pulumi/pulumi";
import { CloudStackResource } from "./resource";

export interface NetworkArgs {
  /** The name of the network. */
  name: pulumi.Input<string>;
  /** The display text; CloudStack uses the name when omitted. */
  displayText?: pulumi.Input<string>;
  /** The zone, by name or id. Changing it replaces the network. */
  zone: pulumi.Input<string>;
  /** The network offering, by name or id; it decides the type (Isolated, Shared, L2). */
  networkOffering: pulumi.Input<string>;
  /** The guest CIDR, e.g. 10.1.1.0/24, sent as gateway (its first host unless `gateway` is given) and netmask. */
  cidr?: pulumi.Input<string>;
  /** The gateway; with `netmask`, an alternative to `cidr`. */
  gateway?: pulumi.Input<string>;
  /** The netmask, e.g. 255.255.255.0; goes with `gateway`. */
  netmask?: pulumi.Input<string>;
  /** First IP of the range (shared networks). */
  startIp?: pulumi.Input<string>;
  /** Last IP of the range (shared networks); defaults to `startIp`. */
  endIp?: pulumi.Input<string>;
  /** The VLAN, e.g. "100" (root admin; offerings with specifyvlan). */
  vlan?: pulumi.Input<string>;
  /** The network domain; CloudStack assigns one when omitted. */
  networkDomain?: pulumi.Input<string>;
  /** First IPv4 DNS server; the zone's when omitted. */
  dns1?: pulumi.Input<string>;
  /** Second IPv4 DNS server; the zone's when omitted. */
  dns2?: pulumi.Input<string>;
  /** The account that owns the network (with `domainId`). */
  account?: pulumi.Input<string>;
  /** The id of the owning account's domain. */
  domainId?: pulumi.Input<string>;
  /** The id of the project that owns the network. */
  projectId?: pulumi.Input<string>;
  /** Access control type: Account or Domain. */
  aclType?: pulumi.Input<string>;
  /** With aclType Domain: whether subdomains may use the network. */
  subdomainAccess?: pulumi.Input<boolean>;
  /** IP reservation: the part of the network CIDR given to guest VMs (isolated, implemented networks). */
  guestVmCidr?: pulumi.Input<string>;
  /** The isolated private VLAN (root admin; shared or L2). */
  isolatedPvlan?: pulumi.Input<string>;
  /** community, isolated or promiscuous. */
  isolatedPvlanType?: pulumi.Input<string>;
  /** Resource tags. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Outputs beyond the inputs; kept equal to the provider spec's attributes by a test. */
export const networkOutputNames = [
  "name", "displayText", "zone", "networkOffering", "cidr", "gateway", "netmask", "startIp", "endIp", "vlan",
  "networkDomain", "dns1", "dns2", "account", "domainId", "projectId", "aclType", "subdomainAccess", "guestVmCidr",
  "isolatedPvlan", "isolatedPvlanType", "tags",
  "zoneId", "networkOfferingId", "state", "type", "networkCidr", "reservedIpRange", "broadcastUri",
  "broadcastDomainType", "trafficType", "zoneName", "networkOfferingName", "physicalNetworkId", "domain", "project",
  "restartRequired", "stateVersion",
] as const;

export class Network extends CloudStackResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly displayText: pulumi.Output<string>;
  declare readonly zone: pulumi.Output<string>;
  declare readonly networkOffering: pulumi.Output<string>;
  /** The network's whole CIDR (also after an IP reservation). */
  declare readonly cidr: pulumi.Output<string>;
  declare readonly gateway: pulumi.Output<string | undefined>;
  declare readonly netmask: pulumi.Output<string | undefined>;
  declare readonly startIp: pulumi.Output<string | undefined>;
  declare readonly endIp: pulumi.Output<string | undefined>;
  /** Unstable while the network is not implemented: assigned then, released at shutdown. */
  declare readonly vlan: pulumi.Output<string | undefined>;
  declare readonly networkDomain: pulumi.Output<string | undefined>;
  declare readonly dns1: pulumi.Output<string | undefined>;
  declare readonly dns2: pulumi.Output<string | undefined>;
  declare readonly account: pulumi.Output<string | undefined>;
  declare readonly domainId: pulumi.Output<string | undefined>;
  declare readonly projectId: pulumi.Output<string | undefined>;
  declare readonly aclType: pulumi.Output<string | undefined>;
  declare readonly subdomainAccess: pulumi.Output<boolean | undefined>;
  /** The guest VM range: the reservation if any, else the network CIDR. */
  declare readonly guestVmCidr: pulumi.Output<string | undefined>;
  declare readonly isolatedPvlan: pulumi.Output<string | undefined>;
  declare readonly isolatedPvlanType: pulumi.Output<string | undefined>;
  declare readonly tags: pulumi.Output<Record<string, string>>;
  declare readonly zoneId: pulumi.Output<string>;
  declare readonly networkOfferingId: pulumi.Output<string>;
  /** Allocated, Setup, Implementing, Implemented, Shutdown or Destroy. */
  declare readonly state: pulumi.Output<string>;
  /** Isolated, Shared or L2. */
  declare readonly type: pulumi.Output<string>;
  /** With an IP reservation, CloudStack's networkcidr; null otherwise. */
  declare readonly networkCidr: pulumi.Output<string | null>;
  declare readonly reservedIpRange: pulumi.Output<string | null>;
  declare readonly broadcastUri: pulumi.Output<string | null>;
  declare readonly broadcastDomainType: pulumi.Output<string | null>;
  declare readonly trafficType: pulumi.Output<string | null>;
  declare readonly zoneName: pulumi.Output<string | null>;
  declare readonly networkOfferingName: pulumi.Output<string | null>;
  declare readonly physicalNetworkId: pulumi.Output<string | null>;
  declare readonly domain: pulumi.Output<string | null>;
  declare readonly project: pulumi.Output<string | null>;
  declare readonly restartRequired: pulumi.Output<boolean | null>;
  declare readonly stateVersion: pulumi.Output<number>;

  /** Reads an existing network into the program (refresh keeps it up to date; nothing is managed). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Network {
    // With opts.id the SDK reads the object: no inputs are sent.
    return new Network(name, undefined as unknown as NetworkArgs, { ...opts, id });
  }

  constructor(name: string, args: NetworkArgs, opts?: pulumi.CustomResourceOptions) {
    super("Network", name, args, networkOutputNames, opts);
  }
}
