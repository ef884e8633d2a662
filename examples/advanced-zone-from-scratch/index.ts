// An advanced zone built from nothing, in the order CloudStack requires: the zone (created
// Disabled), a pod, a VLAN-isolated physical network, its Management, Public and Guest traffic,
// the virtual router providers enabled, then the zone enabled. After that, what any tenant
// network needs: a public IP range, an isolated network and an instance on it.
// Needs root admin keys. Works as is against the simulator; on a real cloud set the labels,
// the addresses and the template in the stack config.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const label = config.get("kvmLabel") ?? "cloudbr0";

const zone = new cloudstack.Zone("zone", {
  name: config.get("zoneName") ?? "advanced-zone",
  networkType: "Advanced",
  dns1: config.get("dns1") ?? "8.8.8.8",
  internalDns1: config.get("internalDns1") ?? "10.147.28.6",
  guestCidr: config.get("guestCidr") ?? "10.1.0.0/16",
  networkDomain: "advanced.example",
});

// The pod's management range: the addresses CloudStack gives hosts and system VMs.
const pod = new cloudstack.Pod("pod", {
  name: "pod-1",
  zone: zone.id,
  gateway: config.get("podGateway") ?? "172.16.10.1",
  netmask: "255.255.255.0",
  startIp: config.get("podStartIp") ?? "172.16.10.10",
  endIp: config.get("podEndIp") ?? "172.16.10.100",
});

const physicalNetwork = new cloudstack.PhysicalNetwork("physical", {
  name: "physical-1",
  zone: zone.id,
  isolationMethod: "VLAN",
  vlanRanges: [config.get("guestVlans") ?? "1000-1099"],
  state: "Enabled",
});

// One physical network carries every kind of traffic here; each hypervisor maps it to a bridge.
const traffic = ["Management", "Public", "Guest"].map(
  (trafficType) =>
    new cloudstack.TrafficType(trafficType.toLowerCase(), {
      physicalNetworkId: physicalNetwork.id,
      trafficType,
      kvmLabel: label,
      vmwareLabel: config.get("vmwareLabel") ?? "vSwitch0",
    }),
);

// CloudStack added these providers with the physical network, Disabled: the resources take them
// over, enable their elements, then enable them.
const providers = ["VirtualRouter", "VpcVirtualRouter"].map(
  (name) => new cloudstack.NetworkServiceProvider(name, { physicalNetworkId: physicalNetwork.id, name, state: "Enabled" }),
);

// Enabled last: CloudStack refuses a new physical network in an enabled zone, and refuses to
// enable a zone without Management and Public traffic. Nothing in the inputs says so, hence dependsOn.
const enabled = new cloudstack.ZoneEnablement("enabled", { zone: zone.id }, { dependsOn: [pod, physicalNetwork, ...traffic, ...providers] });

const publicRange = new cloudstack.IpRange("public", {
  zone: zone.id,
  forVirtualNetwork: true,
  gateway: config.get("publicGateway") ?? "203.0.113.1",
  netmask: "255.255.255.0",
  startIp: config.get("publicStartIp") ?? "203.0.113.10",
  endIp: config.get("publicEndIp") ?? "203.0.113.50",
  vlan: "untagged",
}, { dependsOn: [physicalNetwork] });

// The network takes its source NAT IP from the public range when it is implemented, and gives it
// back when deleted: it comes after the range, and goes before it.
const network = new cloudstack.Network(
  "app",
  {
    name: "app-tier",
    zone: zone.id,
    networkOffering: config.get("networkOffering") ?? "DefaultIsolatedNetworkOfferingWithSourceNatService",
    cidr: "10.1.10.0/24",
  },
  { dependsOn: [enabled, publicRange] },
);

// The instance's start implements the network: a VLAN from the physical network's range and a
// source NAT IP from the public range. It runs in the pod, which nothing in its inputs names.
const app = new cloudstack.Instance(
  "app",
  {
    name: "app-1",
    zone: zone.id,
    serviceOffering: config.get("serviceOffering") ?? "Small Instance",
    template: config.get("template") ?? "CentOS 5.6 (64-bit) no GUI (Simulator)",
    networks: [{ network: network.id }],
  },
  { dependsOn: [pod] },
);

export const zoneId = zone.id;
export const zoneState = enabled.allocationState;
export const physicalNetworkId = physicalNetwork.id;
export const guestVlans = physicalNetwork.vlanRanges;
export const providerStates = providers.map((p) => p.state);
export const networkId = network.id;
export const instanceId = app.id;
export const instanceIp = app.ipAddress;
