// Representative inputs for every resource kind, valid against the simulator's default topology
// plus a few objects made first (a network, an instance in it, a public IP): what the suites
// that cover every registered kind (unknown values, the engine protocol) check and diff.
// A kind added to the registry needs its samples here; those suites name any kind without.
import type { CloudStackClient } from "../../provider/client";
import type { DynamicProvider, ResourceKind } from "../../provider";
import { createFrom, ISOLATED, PERSISTENT, Props, SHARED, ZONE } from "./network-fixture";
import { SMALL, TEMPLATE } from "./instance-fixture";

/** The objects the samples refer to, made by buildSampleWorld. */
export interface SampleWorld {
  readonly networkName: string;
  readonly networkId: string;
  readonly instanceName: string;
  readonly instanceId: string;
  readonly nicId: string;
  /** A public IP of the network that is not its source NAT IP. */
  readonly publicIpId: string;
  readonly rootDomainId: string;
  readonly projectId: string;
  readonly physicalNetworkName: string;
  /** A VNF template with one management NIC, opening ssh (22). */
  readonly vnfTemplateName: string;
}

export const SAMPLE_NETWORK = "sample-net";
export const SAMPLE_INSTANCE = "sample-vm";
export const SAMPLE_VNF_TEMPLATE = "sample-world-vnf";

/** Some well-formed id of no object: for id inputs that check does not look up. */
const ANY_ID = "0b8f4c3e-7d52-4a61-9c1e-5f2a3b4c5d6e";

export async function buildSampleWorld(client: CloudStackClient, provider: (kind: ResourceKind) => DynamicProvider): Promise<SampleWorld> {
  // A persistent offering implements the network at once: it has its source NAT IP already.
  const network = await createFrom(provider("Network"), { name: SAMPLE_NETWORK, zone: ZONE, networkOffering: PERSISTENT, cidr: "10.1.90.0/24" });
  const instance = await createFrom(provider("Instance"), {
    name: SAMPLE_INSTANCE,
    zone: ZONE,
    serviceOffering: SMALL,
    template: TEMPLATE,
    networks: [{ network: network.id }],
  });
  const nics = instance.outs.nics as Array<{ id: string }>;
  const ip = await createFrom(provider("PublicIpAddress"), { network: network.id });
  const [domain] = await client.list<Record<string, unknown>>("listDomains", { name: "ROOT" });
  const [project] = await client.list<Record<string, unknown>>("listProjects", { listall: true });
  const [physical] = await client.list<Record<string, unknown>>("listPhysicalNetworks", {});
  const [template] = await client.list<Record<string, unknown>>("listTemplates", { templatefilter: "featured" });
  await createFrom(provider("VnfTemplate"), {
    name: SAMPLE_VNF_TEMPLATE,
    url: "https://images.example/sample-world-vnf.qcow2",
    zone: ZONE,
    hypervisor: "Simulator",
    format: "QCOW2",
    osTypeId: String(template.ostypeid),
    nics: [{ deviceId: 0, name: "MGMT" }],
    details: { access_methods: "ssh-password" },
  });
  return {
    networkName: SAMPLE_NETWORK,
    networkId: network.id,
    instanceName: SAMPLE_INSTANCE,
    instanceId: instance.id,
    nicId: nics[0].id,
    publicIpId: ip.id,
    rootDomainId: String(domain.id),
    projectId: String(project.id),
    physicalNetworkName: String(physical.name),
    vnfTemplateName: SAMPLE_VNF_TEMPLATE,
  };
}

/** One or more input sets per kind, each valid (check reports no failure). */
export function kindSamples(world: SampleWorld): Readonly<Record<string, readonly Props[]>> {
  const net = world.networkName;
  const vm = world.instanceName;
  const ip = world.publicIpId;
  return {
    Network: [
      { name: "sample-isolated", zone: ZONE, networkOffering: ISOLATED, cidr: "10.1.91.0/24", sourceNatIpAddress: "192.168.2.190", tags: { tier: "web" } },
      {
        name: "sample-shared",
        zone: ZONE,
        networkOffering: SHARED,
        gateway: "10.1.92.1",
        netmask: "255.255.255.0",
        startIp: "10.1.92.10",
        endIp: "10.1.92.20",
        vlan: "320",
        aclType: "Domain",
        subdomainAccess: true,
      },
      { name: "sample-pvlan", zone: ZONE, networkOffering: "DefaultL2NetworkOfferingVlan", vlan: "340", isolatedPvlan: "341", isolatedPvlanType: "community", restartTrigger: "r1" },
    ],
    NetworkPermission: [
      { networkId: world.networkId, accounts: ["user"] },
      { networkId: world.networkId, accountIds: [ANY_ID], projectIds: [world.projectId] },
    ],
    Instance: [{ name: "sample-vm-2", zone: ZONE, serviceOffering: SMALL, template: TEMPLATE, networks: [{ network: net, ipAddress: "10.1.90.60" }] }],
    StaticNat: [{ ipAddressId: ip, virtualMachine: vm, network: net }],
    NicSecondaryIp: [{ nicId: world.nicId, ipAddress: "10.1.90.50" }],
    IpRange: [
      { zone: ZONE, forVirtualNetwork: true, gateway: "203.0.113.1", netmask: "255.255.255.0", startIp: "203.0.113.10", endIp: "203.0.113.20", vlan: "330" },
      { zone: ZONE, gateway: "203.0.114.1", netmask: "255.255.255.0", startIp: "203.0.114.10", vlan: "331", account: "user", domainId: world.rootDomainId },
    ],
    DedicatedPublicIpRange: [{ ipRangeId: ANY_ID, domainId: world.rootDomainId, account: "user" }],
    DedicatedGuestVlanRange: [{ vlanRange: "300-310", physicalNetwork: world.physicalNetworkName, account: "user", domainId: world.rootDomainId }],
    ConfigurationSetting: [
      { name: "use.system.public.ips", value: "false", account: "user" },
      { name: "guest.domain.suffix", value: "sample.internal", zone: ZONE },
    ],
    PublicIpAddress: [
      { network: net, tags: { role: "frontend" }, forDisplay: true },
      { network: net, account: "admin", domainId: world.rootDomainId },
      { zone: ZONE, ipAddress: "192.168.2.180", projectId: world.projectId },
      { network: net, isPortable: true, regionId: 1 },
    ],
    ReservedIpAddress: [
      { ipAddress: "192.168.2.181", zone: ZONE, account: "user", domainId: world.rootDomainId },
      { ipAddress: ANY_ID, projectId: world.projectId },
    ],
    PortableIpRange: [{ regionId: 1, gateway: "198.51.100.1", netmask: "255.255.255.0", startIp: "198.51.100.10", endIp: "198.51.100.20" }],
    FirewallRule: [
      { ipAddressId: ip, protocol: "tcp", startPort: 80, endPort: 81, cidrList: ["10.0.0.0/8"] },
      { ipAddressId: ip, protocol: "icmp", icmpType: 8, icmpCode: 0 },
    ],
    EgressFirewallRule: [
      { network: net, protocol: "udp", startPort: 53, destCidrList: ["8.8.8.8/32"] },
      { network: net, protocol: "icmp", icmpType: 8, icmpCode: 0, cidrList: ["10.1.90.0/24"] },
    ],
    PortForwardingRule: [
      { ipAddressId: ip, protocol: "tcp", publicPort: 2222, privatePort: 22, virtualMachine: vm },
      { ipAddressId: ip, protocol: "udp", publicPort: 8000, publicEndPort: 8010, privatePort: 8000, privateEndPort: 8010, virtualMachine: vm, network: net },
    ],
    LoadBalancerRule: [
      { name: "sample-lb", ipAddressId: ip, publicPort: 80, privatePort: 8080, algorithm: "roundrobin", members: [{ virtualMachine: vm }], cidrList: ["0.0.0.0/0"] },
    ],
    LbStickinessPolicy: [
      { loadBalancerRuleId: ANY_ID, name: "sticky", method: "LbCookie", params: { "cookie-name": "SRV", mode: "insert" } },
      { loadBalancerRuleId: ANY_ID, name: "by-source", method: "SourceBased", params: { tablesize: "200k", expire: "30m" } },
    ],
    LbHealthCheckPolicy: [{ loadBalancerRuleId: ANY_ID, pingPath: "/health", responseTimeout: 2, intervalTime: 5, healthyThreshold: 2, unhealthyThreshold: 3 }],
    Vpc: [
      { name: "sample-vpc", zone: ZONE, vpcOffering: "Default VPC offering", cidr: "10.20.0.0/16", dns1: "8.8.8.8", dns2: "8.8.4.4", publicMtu: 1450 },
      { name: "project-vpc", zone: ZONE, vpcOffering: "Default VPC offering", cidr: "10.21.0.0/16", projectId: world.projectId },
    ],
    NetworkAclList: [{ vpcId: ANY_ID, name: "web-acl", description: "web tier" }],
    NetworkAclRule: [
      { aclId: ANY_ID, number: 10, protocol: "tcp", startPort: 443, endPort: 443, cidrList: ["0.0.0.0/0"], trafficType: "Ingress", action: "Allow" },
      { aclId: ANY_ID, protocol: "icmp", icmpType: 8, icmpCode: 0, action: "Deny" },
    ],
    NetworkAclRuleset: [
      {
        aclId: ANY_ID,
        rules: [
          { number: 10, protocol: "tcp", startPort: 80, endPort: 80, cidrList: ["0.0.0.0/0"] },
          { number: 20, protocol: "icmp", icmpType: -1, icmpCode: -1, trafficType: "Egress", action: "Deny" },
        ],
      },
    ],
    PrivateGateway: [
      { vpcId: ANY_ID, ipAddress: "10.30.0.10", gateway: "10.30.0.1", netmask: "255.255.255.0", vlan: "340" },
      { vpcId: ANY_ID, ipAddress: "10.31.0.10", gateway: "10.31.0.1", netmask: "255.255.255.0", associatedNetworkId: ANY_ID, sourceNatSupported: true },
    ],
    StaticRoute: [
      { cidr: "172.16.0.0/16", gatewayId: ANY_ID },
      { cidr: "172.17.0.0/16", nextHop: "10.20.1.254", vpcId: ANY_ID },
    ],
    RemoteAccessVpn: [
      { publicIpId: ANY_ID },
      { publicIpId: ANY_ID, ipRange: "172.16.50.1-172.16.50.10", openFirewall: false, forDisplay: false },
    ],
    VpnUser: [
      { username: "sample-user", password: "Sample-pass1" },
      { username: "sample-project-user", password: "Sample=pass2", projectId: world.projectId },
    ],
    VpnGateway: [{ vpcId: ANY_ID }, { vpcId: ANY_ID, forDisplay: false }],
    VpnCustomerGateway: [
      { gateway: "203.0.113.5", cidrList: ["192.168.50.0/24"], ipsecPsk: "sample-psk", ikePolicy: "aes256-sha256;modp2048", espPolicy: "aes256-sha256" },
      {
        name: "sample-office",
        gateway: "vpn.example.com",
        cidrList: ["192.168.51.0/24", "192.168.52.0/24"],
        ipsecPsk: "sample-psk-2",
        ikePolicy: "aes128-sha1;modp1536,aes256-sha512;modp4096",
        espPolicy: "aes128-sha1;modp1536",
        ikeLifetime: 28800,
        espLifetime: 1800,
        dpd: true,
        forceEncap: true,
        splitConnections: true,
        ikeVersion: "ikev2",
      },
    ],
    VpnConnection: [
      { vpnGatewayId: ANY_ID, customerGatewayId: ANY_ID },
      { vpnGatewayId: ANY_ID, customerGatewayId: ANY_ID, passive: true, forDisplay: false, resetTrigger: "r1" },
    ],
    SecurityGroup: [
      { name: "sample-web", description: "web servers" },
      { name: "sample-project-sg", projectId: world.projectId },
    ],
    SecurityGroupRule: [
      { securityGroupId: ANY_ID, protocol: "tcp", startPort: 22, cidrList: ["203.0.113.0/24", "2001:db8::/32"] },
      { securityGroupId: ANY_ID, trafficType: "Egress", protocol: "icmp", icmpType: 8, icmpCode: 0, allowedGroups: [{ account: "user", group: "default" }] },
    ],
    SecurityGroupRuleset: [
      {
        securityGroupId: ANY_ID,
        rules: [
          { protocol: "tcp", startPort: 80, endPort: 80, cidrList: ["0.0.0.0/0"] },
          { protocol: "all", trafficType: "Egress", cidrList: ["10.0.0.0/8"] },
        ],
      },
    ],
    GlobalLoadBalancerRule: [
      { name: "sample-gslb", regionId: 1, domainName: "app", serviceType: "http", lbMethod: "roundrobin", members: [{ loadBalancerRuleId: ANY_ID, weight: 2 }] },
    ],
    Zone: [
      { name: "sample-zone", networkType: "Advanced", dns1: "8.8.8.8", dns2: "8.8.4.4", internalDns1: "10.0.0.2", guestCidr: "10.50.0.0/16", networkDomain: "corp.example" },
      { name: "sample-basic-zone", networkType: "Basic", securityGroupsEnabled: true, dns1: "8.8.8.8", internalDns1: "10.0.0.2", localStorageEnabled: true },
    ],
    ZoneEnablement: [{ zone: ZONE }],
    Pod: [{ name: "sample-pod", zone: ZONE, gateway: "172.16.9.1", netmask: "255.255.255.0", startIp: "172.16.9.10", endIp: "172.16.9.50", allocationState: "Enabled" }],
    PhysicalNetwork: [
      { name: "sample-pnet", zone: ZONE, isolationMethod: "VLAN", vlanRanges: ["700-710", "720-730"], tags: "fast", networkSpeed: "10G", broadcastDomainRange: "ZONE", state: "Enabled" },
    ],
    TrafficType: [{ physicalNetworkId: ANY_ID, trafficType: "Management", kvmLabel: "cloudbr0", vmwareLabel: "vSwitch0", xenLabel: "xenbr0", hypervLabel: "Ethernet0", ovm3Label: "bond0" }],
    NetworkServiceProvider: [
      { physicalNetworkId: ANY_ID, name: "VirtualRouter", state: "Enabled", services: ["Dhcp", "Dns", "SourceNat"] },
      { physicalNetworkId: ANY_ID, name: "Netscaler", state: "Disabled", destinationPhysicalNetworkId: ANY_ID },
    ],
    NetscalerLoadBalancer: [
      {
        physicalNetworkId: ANY_ID,
        url: "https://10.147.40.10?publicinterface=1/1&privateinterface=1/2",
        username: "nsroot",
        password: "nsroot-secret",
        deviceType: "NetscalerVPXLoadBalancer",
        capacity: 20,
        dedicated: true,
      },
      {
        physicalNetworkId: ANY_ID,
        url: "https://10.147.40.11?publicinterface=1/1&privateinterface=1/2",
        username: "nsroot",
        password: "nsroot-secret",
        deviceType: "NetscalerMPXLoadBalancer",
        gslbProvider: true,
        gslbProviderPublicIp: "203.0.113.50",
        gslbProviderPrivateIp: "10.147.40.50",
        exclusiveGslbProvider: false,
      },
    ],
    VnfTemplate: [
      {
        name: "sample-vnf",
        displayText: "A sample VNF appliance",
        url: "https://images.example/vnf-router.qcow2",
        zone: ZONE,
        hypervisor: "KVM",
        format: "QCOW2",
        osTypeId: ANY_ID,
        passwordEnabled: true,
        isPublic: false,
        nics: [
          { deviceId: 0, name: "WAN", required: true, management: true, description: "uplink" },
          { deviceId: 1, name: "LAN", management: false },
          { deviceId: 2, name: "DMZ", required: false, management: false },
        ],
        details: { vendor: "Example", version: "2.0", access_methods: "ssh-password,https", ssh_port: "22" },
      },
    ],
    VnfAppliance: [
      {
        name: "sample-vnf-vm",
        displayName: "A sample VNF appliance",
        zone: ZONE,
        serviceOffering: SMALL,
        template: world.vnfTemplateName,
        networks: [{ network: net }],
        vnfConfigureManagement: true,
        vnfCidrList: ["203.0.113.0/24"],
      },
    ],
    PaloAltoFirewall: [
      {
        physicalNetworkId: ANY_ID,
        url: "https://10.147.40.20?publicinterface=ethernet1/1&privateinterface=ethernet1/2&publicnetwork=untrust&privatenetwork=trust&pavr=default",
        username: "admin",
        password: "pa-secret",
        capacity: 10,
      },
    ],
    NetworkOffering: [
      {
        name: "sample-offering",
        displayText: "Sample persistent offering",
        guestIpType: "Isolated",
        services: [
          { name: "Dhcp", providers: ["VirtualRouter"] },
          { name: "SourceNat", providers: ["VirtualRouter"] },
          { name: "Lb", providers: ["VirtualRouter"] },
        ],
        sourceNatType: "peraccount",
        redundantRouter: true,
        lbIsolation: "dedicated",
        specifyVlan: false,
        specifyIpRanges: false,
        conserveMode: true,
        persistent: true,
        egressDefaultPolicy: false,
        forVpc: false,
        networkRate: 300,
        availability: "Optional",
        state: "Enabled",
        sortKey: 2,
        tags: "web",
        domainIds: [world.rootDomainId],
        zoneIds: [ANY_ID],
      },
      {
        name: "sample-elastic",
        guestIpType: "Shared",
        specifyIpRanges: true,
        services: [{ name: "SecurityGroup" }, { name: "StaticNat", providers: ["Netscaler"] }, { name: "Lb", providers: ["Netscaler"] }],
        elasticIp: true,
        associatePublicIp: true,
        elasticLb: true,
      },
    ],
    VpcOffering: [
      {
        name: "sample-vpc-offering",
        displayText: "Sample VPC offering",
        services: [{ name: "Dhcp" }, { name: "Lb", providers: ["VpcVirtualRouter", "InternalLbVm"] }],
        redundantRouter: true,
        state: "Enabled",
        sortKey: 1,
        domainIds: [world.rootDomainId],
        zoneIds: [ANY_ID],
      },
      { name: "sample-distributed", services: [{ name: "Connectivity", providers: ["Ovs"] }], distributedRouter: true, regionLevelVpc: true },
    ],
  };
}

/** Registered kinds that have no samples yet. */
export function kindsWithoutSamples(kinds: readonly string[], samples: Readonly<Record<string, readonly Props[]>>): string[] {
  return kinds.filter((kind) => !(samples[kind]?.length > 0));
}
