// A shared guest network on its own VLAN with a fixed address range, visible to a domain and its
// subdomains. Creating it needs a root admin's keys. Works as is against the simulator's default
// zone (whose guest VLAN range is 100-200, so the shared network takes 300); set the zone,
// offering, VLAN and addresses in the stack config for a real cloud.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();

const shared = new cloudstack.Network("shared", {
  name: "shared-services",
  displayText: "Shared network for common services",
  zone: config.get("zone") ?? "Sandbox-simulator",
  networkOffering: config.get("networkOffering") ?? "DefaultSharedNetworkOffering",
  vlan: config.get("vlan") ?? "300",
  gateway: config.get("gateway") ?? "10.20.0.1",
  netmask: config.get("netmask") ?? "255.255.255.0",
  startIp: config.get("startIp") ?? "10.20.0.10",
  endIp: config.get("endIp") ?? "10.20.0.200",
  aclType: "Domain",
  subdomainAccess: true,
  tags: { purpose: "shared-services" },
});

export const networkId = shared.id;
export const networkState = shared.state;
export const networkType = shared.type;
export const vlan = shared.vlan;
export const cidr = shared.cidr;
