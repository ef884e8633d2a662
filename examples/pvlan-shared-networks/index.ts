// Three shared networks on one private VLAN (PVLAN): the primary VLAN 600 carries a promiscuous
// network (gateways, DHCP, shared services: it reaches every port), a community network on
// secondary VLAN 601 (its members reach each other and the promiscuous ports) and an isolated
// network on secondary VLAN 602 (its members reach only the promiscuous ports). Creating them
// needs a root admin's keys; CloudStack allows PVLANs on shared and L2 networks of an advanced
// zone without security groups. Works as is against the simulator's default zone (guest VLANs
// 100-200, so the PVLAN takes 600-602); set the zone, offering and VLANs in the stack config for
// a real cloud.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const zone = config.get("zone") ?? "Sandbox-simulator";
const networkOffering = config.get("networkOffering") ?? "DefaultSharedNetworkOffering";
const primaryVlan = config.get("primaryVlan") ?? "600";
const communityVlan = config.get("communityVlan") ?? "601";
const isolatedVlan = config.get("isolatedVlan") ?? "602";
// Any new text restarts every network with cleanup on the next `pulumi up`.
const restartTrigger = config.get("restartTrigger");

/** One shared network of the PVLAN, in its own subnet. */
function pvlanNetwork(name: string, subnet: number, pvlan: { isolatedPvlan?: string; isolatedPvlanType: string }): cloudstack.Network {
  return new cloudstack.Network(name, {
    name,
    zone,
    networkOffering,
    vlan: primaryVlan,
    ...pvlan,
    gateway: `10.60.${subnet}.1`,
    netmask: "255.255.255.0",
    startIp: `10.60.${subnet}.10`,
    endIp: `10.60.${subnet}.200`,
    aclType: "Domain",
    restartTrigger,
  });
}

// The promiscuous network's secondary VLAN is its primary one: CloudStack fills it in.
const services = pvlanNetwork("pvlan-services", 0, { isolatedPvlanType: "promiscuous" });
const team = pvlanNetwork("pvlan-team", 1, { isolatedPvlan: communityVlan, isolatedPvlanType: "community" });
const tenants = pvlanNetwork("pvlan-tenants", 2, { isolatedPvlan: isolatedVlan, isolatedPvlanType: "isolated" });

export const servicesBroadcastUri = services.broadcastUri;
export const teamBroadcastUri = team.broadcastUri;
export const tenantsBroadcastUri = tenants.broadcastUri;
export const networkIds = [services.id, team.id, tenants.id];
