// An isolated guest network for a web tier: its own CIDR and network domain behind the virtual
// router's source NAT. Works as is against the simulator's default zone; set the zone and the
// offering in the stack config for a real cloud.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();

const web = new cloudstack.Network("web", {
  name: "web-tier",
  displayText: "Isolated network for the web tier",
  zone: config.get("zone") ?? "Sandbox-simulator",
  networkOffering: config.get("networkOffering") ?? "DefaultIsolatedNetworkOfferingWithSourceNatService",
  cidr: config.get("cidr") ?? "10.1.1.0/24",
  networkDomain: "web.internal",
  tags: { tier: "web", "managed-by": "pulumi" },
});

export const networkId = web.id;
export const networkState = web.state;
export const networkType = web.type;
export const cidr = web.cidr;
export const gateway = web.gateway;
export const zoneId = web.zoneId;
