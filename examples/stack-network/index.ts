// The network stack of a two-stack layout: one owner (the network team) manages the guest
// network, and exports what application stacks need to place instances in it. Application
// stacks read these outputs through a StackReference (examples/stack-app) and never change the
// network. Works as is against the simulator's default zone.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const zone = config.get("zone") ?? "Sandbox-simulator";

const network = new cloudstack.Network("shared-app-net", {
  name: `apps-${pulumi.getStack()}`,
  zone,
  networkOffering: config.get("networkOffering") ?? "DefaultIsolatedNetworkOfferingWithSourceNatService",
  cidr: config.get("cidr") ?? "10.20.0.0/24",
  tags: { owner: "network-team" },
});

// The contract with the application stacks: ids, not names, so that a rename here does not
// move anything there.
export const networkId = network.id;
export const zoneId = network.zoneId;
export const cidr = network.cidr;
