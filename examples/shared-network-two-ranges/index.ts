// A shared guest network with two IP ranges in different subnets, each with its own gateway,
// and instances on it: CloudStack gives out the first range's addresses, then the second's.
// Creating shared networks and ranges needs a root admin's keys. Works as is against the
// simulator's default zone; set the zone, VLAN, offerings and template for a real cloud.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
// Lookups find what the program names but does not create; a name that matches nothing, or
// several objects, fails the program with the candidates.
const zone = cloudstack.getZoneOutput({ name: config.get("zone") ?? "Sandbox-simulator" });
const offering = cloudstack.getNetworkOfferingOutput({
  name: config.get("networkOffering") ?? "DefaultSharedNetworkOffering",
  state: "Enabled",
});

// The network carries the first range (startIp-endIp in its own subnet).
const shared = new cloudstack.Network("shared", {
  name: "shared-two-ranges",
  zone: zone.id,
  networkOffering: offering.id,
  vlan: config.get("vlan") ?? "310",
  gateway: "10.30.0.1",
  netmask: "255.255.255.0",
  startIp: "10.30.0.10",
  endIp: "10.30.0.12",
  aclType: "Domain",
});

// A second range from another subnet, with its own gateway.
const second = new cloudstack.IpRange("second-range", {
  network: shared.id,
  forVirtualNetwork: false,
  gateway: "10.30.1.1",
  netmask: "255.255.255.0",
  startIp: "10.30.1.10",
  endIp: "10.30.1.20",
});

// CloudStack refuses to delete a range whose IPs are in use, and no input of an instance names
// the range: dependsOn makes `pulumi destroy` (and any replacement) remove the instances first.
const count = config.getNumber("instances") ?? 4;
const instances = Array.from({ length: count }, (_, i) =>
  new cloudstack.Instance(
    `app-${i + 1}`,
    {
      name: `app-${i + 1}`,
      zone: zone.id,
      serviceOffering: config.get("serviceOffering") ?? "Small Instance",
      template: config.get("template") ?? "CentOS 5.6 (64-bit) no GUI (Simulator)",
      networks: [{ network: shared.id }],
    },
    { dependsOn: [second] },
  ),
);

export const zoneId = zone.id;
export const networkId = shared.id;
export const secondRangeId = second.id;
export const secondRangeCidr = second.cidr;
export const instanceIps = instances.map((vm) => vm.ipAddress);
