// A basic zone built from nothing, in the order CloudStack requires: the zone (created Disabled,
// security groups always on), a pod, its one physical network (broadcast domain POD), Management
// and Guest traffic, the VirtualRouter and SecurityGroupProvider enabled, the zone enabled. Then
// what CloudStack's zone wizard adds for a basic zone: the one shared guest network on the
// security group offering and its guest IPs as a range of the pod. Last, an instance in a
// security group. Needs root admin keys. Works as is against the simulator; on a real cloud set
// the labels, the addresses and the template in the stack config.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const label = config.get("kvmLabel") ?? "cloudbr0";
const podGateway = config.get("podGateway") ?? "192.168.100.1";
const podNetmask = config.get("podNetmask") ?? "255.255.255.0";

// No guest CIDR: a basic zone has none (CloudStack refuses one), and no network type change later.
const zone = new cloudstack.Zone("zone", {
  name: config.get("zoneName") ?? "basic-zone",
  networkType: "Basic",
  dns1: config.get("dns1") ?? "8.8.8.8",
  internalDns1: config.get("internalDns1") ?? "10.147.28.6",
});

// The pod's management range (hosts and system VMs). In a basic zone the guests usually share
// the pod's subnet: the guest range below takes other addresses of it.
const pod = new cloudstack.Pod("pod", {
  name: "pod-1",
  zone: zone.id,
  gateway: podGateway,
  netmask: podNetmask,
  startIp: config.get("podStartIp") ?? "192.168.100.10",
  endIp: config.get("podEndIp") ?? "192.168.100.50",
});

// A basic zone takes exactly one physical network, with broadcast domain POD and no VLAN range.
const physicalNetwork = new cloudstack.PhysicalNetwork("physical", {
  name: "physical-1",
  zone: zone.id,
  broadcastDomainRange: "POD",
  state: "Enabled",
});

// Management and Guest traffic; a basic zone needs no Public traffic (CloudStack adds Storage
// beside Management when the zone is enabled).
const traffic = ["Management", "Guest"].map(
  (trafficType) => new cloudstack.TrafficType(trafficType.toLowerCase(), { physicalNetworkId: physicalNetwork.id, trafficType, kvmLabel: label }),
);

// The security group offering's providers: the virtual router serves DHCP, DNS and user data,
// SecurityGroupProvider the groups. CloudStack added both with the physical network, Disabled.
const providers = ["VirtualRouter", "SecurityGroupProvider"].map(
  (name) => new cloudstack.NetworkServiceProvider(name, { physicalNetworkId: physicalNetwork.id, name, state: "Enabled" }),
);

const enabled = new cloudstack.ZoneEnablement("enabled", { zone: zone.id }, { dependsOn: [pod, physicalNetwork, ...traffic, ...providers] });

// The zone's one guest network: domain-wide for ROOT, untagged, with no addresses of its own.
// It needs the Guest traffic of the physical network.
const network = new cloudstack.Network(
  "guest",
  {
    name: "defaultGuestNetwork",
    zone: zone.id,
    networkOffering: config.get("networkOffering") ?? "DefaultSharedNetworkOfferingWithSGService",
  },
  { dependsOn: traffic },
);

// The guest IPs, given per pod: instances of the pod take their address from this range.
const guestRange = new cloudstack.IpRange("guest", {
  pod: pod.id,
  network: network.id,
  gateway: podGateway,
  netmask: podNetmask,
  startIp: config.get("guestStartIp") ?? "192.168.100.100",
  endIp: config.get("guestEndIp") ?? "192.168.100.199",
});

// Guests are isolated by security groups: web servers take HTTP from anywhere, SSH from the
// admin CIDR only.
const web = new cloudstack.SecurityGroup("web", { name: "web", description: "web servers" });
const webRules = new cloudstack.SecurityGroupRuleset("web-rules", {
  securityGroupId: web.id,
  rules: [
    { protocol: "tcp", startPort: 80, cidrList: ["0.0.0.0/0"] },
    { protocol: "tcp", startPort: 22, cidrList: [config.get("adminCidr") ?? "203.0.113.0/24"] },
  ],
});

// A basic zone's instance names no network: CloudStack puts it on the zone's guest network. It
// needs the zone enabled, the providers, and a free address in its pod's range. The group goes
// by id: a name is looked up when the plan is made, before this stack has created the group.
const app = new cloudstack.Instance(
  "app",
  {
    name: "app-1",
    zone: zone.id,
    serviceOffering: config.get("serviceOffering") ?? "Small Instance",
    template: config.get("template") ?? "CentOS 5.6 (64-bit) no GUI (Simulator)",
    securityGroups: [web.id],
  },
  { dependsOn: [enabled, network, guestRange] },
);

export const zoneId = zone.id;
export const zoneState = enabled.allocationState;
export const securityGroupsEnabled = zone.securityGroupsEnabled;
export const physicalNetworkId = physicalNetwork.id;
export const providerStates = providers.map((p) => p.state);
export const networkId = network.id;
export const guestRangeId = guestRange.id;
export const webGroupId = web.id;
export const webRuleIds = webRules.ruleIds;
export const instanceId = app.id;
export const instanceIp = app.ipAddress;
