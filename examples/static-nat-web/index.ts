// A web instance on an isolated network, reachable on a public IP of its own through static NAT.
// Works as is against the simulator's default zone; set the zone, offerings and template in the
// stack config for a real cloud.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const zone = config.get("zone") ?? "Sandbox-simulator";

const network = new cloudstack.Network("web-net", {
  name: "web-nat",
  zone,
  networkOffering: config.get("networkOffering") ?? "DefaultIsolatedNetworkOfferingWithSourceNatService",
  cidr: config.get("cidr") ?? "10.1.2.0/24",
});

const web = new cloudstack.Instance("web", {
  name: "web-1",
  zone,
  serviceOffering: config.get("serviceOffering") ?? "Small Instance",
  template: config.get("template") ?? "CentOS 5.6 (64-bit) no GUI (Simulator)",
  networks: [{ network: network.id }],
});

// The first public IP associated with an isolated network that has no source NAT IP yet becomes
// its source NAT IP, and static NAT is refused on a source NAT IP. Deploying the instance
// implements the network, which takes its source NAT IP then: so the IP is acquired after the
// instance, which no input expresses, hence dependsOn.
const publicIp = new cloudstack.PublicIpAddress("web-ip", { network: network.id }, { dependsOn: [web] });

const nat = new cloudstack.StaticNat("web-nat", { ipAddressId: publicIp.id, virtualMachine: web.id });

export const networkId = network.id;
export const instanceId = web.id;
export const privateIp = web.ipAddress;
export const publicIpAddress = publicIp.ipAddress;
export const publicIpIsSourceNat = publicIp.isSourceNat;
export const natInstance = nat.virtualMachineId;
