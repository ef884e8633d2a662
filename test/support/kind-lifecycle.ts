// Inputs with which every kind can be created, read, updated and deleted against the simulator:
// each kind's first sample (kind-samples.ts), its placeholder ids replaced by objects made first
// (a VPC with an ACL list and a private gateway, a load balancer rule, a VPN gateway and a
// customer gateway, a security group, a public IP range), and, for some kinds, a change that
// applies in place.
import type { CloudStackClient } from "../../provider/client";
import type { DynamicProvider, ResourceKind } from "../../provider";
import { specs } from "../../provider";
import { createFrom, Props, ZONE } from "./network-fixture";
import { buildSampleWorld, kindSamples, SampleWorld } from "./kind-samples";

export interface LifecycleWorld extends SampleWorld {
  readonly sourceNatIpId: string;
  readonly vpcId: string;
  /** A second VPC, so that a VPN gateway can be made where the world has none. */
  readonly spareVpcId: string;
  readonly aclId: string;
  readonly privateGatewayId: string;
  readonly loadBalancerRuleId: string;
  /** A rule on a network that balances with NetScaler, the provider that offers health checks. */
  readonly netscalerLbRuleId: string;
  /** A physical network of the world's own, for a traffic type and a service provider. */
  readonly physicalNetworkId: string;
  readonly vpnGatewayId: string;
  readonly customerGatewayId: string;
  readonly securityGroupId: string;
  readonly ipRangeId: string;
  /** The zone of ZONE, for the offerings' zone lists. */
  readonly zoneId: string;
  /** An OS type CloudStack knows (a seeded template's), for a VNF template. */
  readonly osTypeId: string;
}

export interface LifecycleCase {
  readonly kind: ResourceKind;
  readonly inputs: Props;
  /** Inputs changed in place for the update; the same inputs again when absent. */
  readonly update?: Props;
}

export async function buildLifecycleWorld(client: CloudStackClient, provider: (kind: ResourceKind) => DynamicProvider): Promise<LifecycleWorld> {
  const world = await buildSampleWorld(client, provider);
  const [sourceNat] = await client.list<Record<string, unknown>>("listPublicIpAddresses", { associatednetworkid: world.networkId, issourcenat: true });
  const vpc = await createFrom(provider("Vpc"), { name: "lifecycle-vpc", zone: ZONE, vpcOffering: "Default VPC offering", cidr: "10.40.0.0/16" });
  const spareVpc = await createFrom(provider("Vpc"), { name: "lifecycle-spare-vpc", zone: ZONE, vpcOffering: "Default VPC offering", cidr: "10.41.0.0/16" });
  const acl = await createFrom(provider("NetworkAclList"), { vpcId: vpc.id, name: "lifecycle-acl" });
  const gateway = await createFrom(provider("PrivateGateway"), { vpcId: vpc.id, ipAddress: "10.32.0.10", gateway: "10.32.0.1", netmask: "255.255.255.0", vlan: "342" });
  const lbIp = await createFrom(provider("PublicIpAddress"), { network: world.networkId });
  const lbRule = await createFrom(provider("LoadBalancerRule"), {
    name: "lifecycle-lb",
    ipAddressId: lbIp.id,
    publicPort: 80,
    privatePort: 8080,
    algorithm: "roundrobin",
    members: [{ virtualMachine: world.instanceId }],
  });
  // Created first so that its IP is the network's source NAT IP, the others not.
  const netscaler = await createFrom(provider("Network"), { name: "lifecycle-netscaler", zone: ZONE, networkOffering: "DefaultIsolatedNetworkOfferingWithNetscalerLB", cidr: "10.1.95.0/24" });
  await createFrom(provider("PublicIpAddress"), { network: netscaler.id });
  const netscalerIp = await createFrom(provider("PublicIpAddress"), { network: netscaler.id });
  const netscalerRule = await createFrom(provider("LoadBalancerRule"), { name: "lifecycle-ns-lb", ipAddressId: netscalerIp.id, publicPort: 80, privatePort: 8080, algorithm: "roundrobin" });
  // In a zone of its own: CloudStack adds physical networks only to a disabled zone.
  const zone = await createFrom(provider("Zone"), { name: "lifecycle-zone", networkType: "Advanced", dns1: "8.8.8.8", internalDns1: "10.0.0.2" });
  const physical = await createFrom(provider("PhysicalNetwork"), { name: "lifecycle-pnet", zone: zone.id, isolationMethod: "VLAN", vlanRanges: ["760-770"] });
  const vpnGateway = await createFrom(provider("VpnGateway"), { vpcId: vpc.id });
  const customerGateway = await createFrom(provider("VpnCustomerGateway"), {
    gateway: "203.0.113.77",
    cidrList: ["192.168.77.0/24"],
    ipsecPsk: "lifecycle-psk",
    ikePolicy: "aes256-sha256;modp2048",
    espPolicy: "aes256-sha256",
  });
  // The device kinds need their provider on the physical network, added and not Shutdown.
  await createFrom(provider("NetworkServiceProvider"), { physicalNetworkId: physical.id, name: "Netscaler", state: "Disabled" });
  await createFrom(provider("NetworkServiceProvider"), { physicalNetworkId: physical.id, name: "PaloAlto", state: "Disabled" });
  const [zoneOfSamples] = await client.list<Record<string, unknown>>("listZones", { name: ZONE });
  const [template] = await client.list<Record<string, unknown>>("listTemplates", { templatefilter: "all" });
  const group = await createFrom(provider("SecurityGroup"), { name: "lifecycle-sg" });
  const range = await createFrom(provider("IpRange"), {
    zone: ZONE,
    forVirtualNetwork: true,
    gateway: "203.0.120.1",
    netmask: "255.255.255.0",
    startIp: "203.0.120.10",
    endIp: "203.0.120.20",
    vlan: "335",
  });
  return {
    ...world,
    sourceNatIpId: String(sourceNat.id),
    vpcId: vpc.id,
    spareVpcId: spareVpc.id,
    aclId: acl.id,
    privateGatewayId: gateway.id,
    loadBalancerRuleId: lbRule.id,
    netscalerLbRuleId: netscalerRule.id,
    physicalNetworkId: physical.id,
    vpnGatewayId: vpnGateway.id,
    customerGatewayId: customerGateway.id,
    securityGroupId: group.id,
    ipRangeId: range.id,
    zoneId: String(zoneOfSamples.id),
    osTypeId: String(template.ostypeid),
  };
}

/** The placeholder ids of a kind's first sample, replaced by the world's objects. */
function concreteIds(world: LifecycleWorld): Partial<Record<ResourceKind, Props>> {
  return {
    DedicatedPublicIpRange: { ipRangeId: world.ipRangeId },
    // Inside the guest VLAN range of the zone's physical network.
    DedicatedGuestVlanRange: { vlanRange: "180-185" },
    TrafficType: { physicalNetworkId: world.physicalNetworkId },
    NetworkServiceProvider: { physicalNetworkId: world.physicalNetworkId },
    LbStickinessPolicy: { loadBalancerRuleId: world.loadBalancerRuleId },
    LbHealthCheckPolicy: { loadBalancerRuleId: world.netscalerLbRuleId },
    NetworkAclList: { vpcId: world.vpcId },
    NetworkAclRule: { aclId: world.aclId },
    NetworkAclRuleset: { aclId: world.aclId },
    PrivateGateway: { vpcId: world.vpcId },
    StaticRoute: { gatewayId: world.privateGatewayId },
    RemoteAccessVpn: { publicIpId: world.sourceNatIpId },
    VpnGateway: { vpcId: world.spareVpcId },
    VpnConnection: { vpnGatewayId: world.vpnGatewayId, customerGatewayId: world.customerGatewayId },
    SecurityGroupRule: { securityGroupId: world.securityGroupId },
    SecurityGroupRuleset: { securityGroupId: world.securityGroupId },
    GlobalLoadBalancerRule: { members: [{ loadBalancerRuleId: world.loadBalancerRuleId, weight: 2 }] },
    NetscalerLoadBalancer: { physicalNetworkId: world.physicalNetworkId },
    PaloAltoFirewall: { physicalNetworkId: world.physicalNetworkId },
    VnfTemplate: { osTypeId: world.osTypeId },
    NetworkOffering: { zoneIds: [world.zoneId] },
    VpcOffering: { zoneIds: [world.zoneId] },
  };
}

/** In-place changes for the update step, for kinds whose change is a plain field. */
const UPDATES: Partial<Record<ResourceKind, Props>> = {
  Network: { name: "sample-isolated-renamed" },
  Vpc: { name: "sample-vpc-renamed" },
  PublicIpAddress: { tags: { role: "backend" } },
  IpRange: { endIp: "203.0.113.30" },
  VnfAppliance: { name: "sample-vnf-vm-2", displayName: "renamed" },
};

/** One case per registered kind, in the registry's order. */
export function lifecycleCases(world: LifecycleWorld): LifecycleCase[] {
  const samples = kindSamples(world);
  const ids = concreteIds(world);
  return (Object.keys(specs) as ResourceKind[]).map((kind) => {
    const inputs = { ...samples[kind][0], ...ids[kind] };
    const change = UPDATES[kind];
    return change ? { kind, inputs, update: { ...inputs, ...change } } : { kind, inputs };
  });
}
