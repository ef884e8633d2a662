// A network offering of our own, persistent and enabled, and an isolated network made from it in
// the same program. CloudStack implements a network of a persistent offering when it is created
// (NetworkServiceImpl.createGuestNetwork): it is Implemented with a guest VLAN and its source NAT
// IP right away, with no instance on it. Needs a root admin's keys. Works as is against the
// simulator's default zone; set the zone in the stack config for a real cloud.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const router = ["VirtualRouter"];
const services = ["Dhcp", "Dns", "UserData", "SourceNat", "StaticNat", "PortForwarding", "Lb"] as const;

const offering = new cloudstack.NetworkOffering("persistent", {
  name: config.get("offeringName") ?? "persistent-isolated",
  displayText: config.get("offeringText") ?? "Persistent isolated networks behind the virtual router",
  guestIpType: "Isolated",
  persistent: true,
  // Each service with its provider; Gateway comes with SourceNat, and CloudStack adds Firewall
  // because the virtual router gives port forwarding and static NAT.
  services: services.map((name) => ({ name, providers: router })),
  sourceNatType: "peraccount",
  egressDefaultPolicy: false,
  // CloudStack creates offerings Disabled, and no network can use a disabled one.
  state: "Enabled",
});

const network = new cloudstack.Network("always-on", {
  name: "always-on",
  displayText: "Implemented from the start",
  zone: config.get("zone") ?? "Sandbox-simulator",
  // The offering's id (or its name, offering.name): either makes the network wait for it.
  networkOffering: offering.id,
  cidr: config.get("cidr") ?? "10.1.40.0/24",
});

export const offeringId = offering.id;
export const offeringState = offering.state;
export const networkId = network.id;
export const networkState = network.state;
export const networkVlan = network.vlan;
