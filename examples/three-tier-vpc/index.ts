// A three-tier VPC: web, app and db tiers, each behind its own network ACL (web open to 80 and
// 443 from anywhere, app only from the web tier, db only from the app tier), a web instance
// behind a load balancer rule on a public IP of the VPC, and a private gateway (source NAT, its
// own ACL) with a static route to an on-premises network. Works as is against the simulator's
// default zone; set the zone, offerings, template and VLAN in the stack config for a real cloud.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const zone = config.get("zone") ?? "Sandbox-simulator";
const onPremises = config.get("onPremisesCidr") ?? "192.168.100.0/24";

const vpc = new cloudstack.Vpc("vpc", {
  name: "three-tier",
  zone,
  vpcOffering: config.get("vpcOffering") ?? "Default VPC offering",
  cidr: "10.10.0.0/16",
});

interface Tier {
  cidr: string;
  offering: string;
  rules: cloudstack.NetworkAclRulesetArgs["rules"];
}

// Only the web tier balances load; the others use the offering without public LB (CloudStack
// refuses public LB on two tiers through different offerings).
const withLb = config.get("tierOffering") ?? "DefaultIsolatedNetworkOfferingForVpcNetworks";
const withoutLb = config.get("tierOfferingNoLb") ?? "DefaultIsolatedNetworkOfferingForVpcNetworksNoLB";
const cidrs = { web: "10.10.1.0/24", app: "10.10.2.0/24", db: "10.10.3.0/24" };
const tiers: Record<keyof typeof cidrs, Tier> = {
  web: {
    cidr: cidrs.web,
    offering: withLb,
    rules: [
      { number: 10, protocol: "tcp", startPort: 80, cidrList: ["0.0.0.0/0"] },
      { number: 20, protocol: "tcp", startPort: 443, cidrList: ["0.0.0.0/0"] },
      { number: 100, protocol: "all", trafficType: "Egress", cidrList: ["0.0.0.0/0"] },
    ],
  },
  app: {
    cidr: cidrs.app,
    offering: withoutLb,
    rules: [
      { number: 10, protocol: "tcp", startPort: 8000, endPort: 8080, cidrList: [cidrs.web] },
      { number: 20, protocol: "tcp", startPort: 8000, endPort: 8080, cidrList: [onPremises] },
    ],
  },
  db: {
    cidr: cidrs.db,
    offering: withoutLb,
    rules: [{ number: 10, protocol: "tcp", startPort: 5432, cidrList: [cidrs.app] }],
  },
};

const networks = Object.fromEntries(
  Object.entries(tiers).map(([name, tier]) => {
    const acl = new cloudstack.NetworkAclList(`${name}-acl`, { vpcId: vpc.id, name: `${name}-acl`, description: `${name} tier` });
    new cloudstack.NetworkAclRuleset(`${name}-rules`, { aclId: acl.id, rules: tier.rules });
    const network = new cloudstack.Network(`${name}-tier`, {
      name: `three-tier-${name}`,
      zone,
      networkOffering: tier.offering,
      vpcId: vpc.id,
      cidr: tier.cidr,
      aclId: acl.id,
    });
    return [name, network];
  }),
) as Record<keyof typeof cidrs, cloudstack.Network>;

const web = new cloudstack.Instance("web-vm", {
  name: "three-tier-web-1",
  zone,
  serviceOffering: config.get("serviceOffering") ?? "Small Instance",
  template: config.get("template") ?? "CentOS 5.6 (64-bit) no GUI (Simulator)",
  networks: [{ network: networks.web.id }],
});

// A public IP of the VPC; the LB rule associates it with the web tier. No firewall rules: in a
// VPC the tier's ACL filters, and openFirewall must stay false.
const publicIp = new cloudstack.PublicIpAddress("web-ip", { vpc: vpc.id });
const lb = new cloudstack.LoadBalancerRule("web-lb", {
  name: "three-tier-http",
  ipAddressId: publicIp.id,
  publicPort: 80,
  privatePort: 80,
  algorithm: "roundrobin",
  network: networks.web.id,
  members: [{ virtualMachine: web.id }],
});

// The private gateway's own ACL: traffic to and from the on-premises network only.
const gatewayAcl = new cloudstack.NetworkAclList("gateway-acl", { vpcId: vpc.id, name: "gateway-acl" });
new cloudstack.NetworkAclRuleset("gateway-rules", {
  aclId: gatewayAcl.id,
  rules: [
    { number: 10, protocol: "all", cidrList: [onPremises] },
    { number: 20, protocol: "all", trafficType: "Egress", cidrList: [onPremises] },
  ],
});
const gateway = new cloudstack.PrivateGateway("gateway", {
  vpcId: vpc.id,
  vlan: config.get("privateVlan") ?? "500",
  ipAddress: "172.16.10.2",
  gateway: "172.16.10.1",
  netmask: "255.255.255.0",
  sourceNatSupported: true,
  aclId: gatewayAcl.id,
});
const route = new cloudstack.StaticRoute("on-premises", { cidr: onPremises, gatewayId: gateway.id });

export const vpcId = vpc.id;
export const tierIds = { web: networks.web.id, app: networks.app.id, db: networks.db.id };
export const webInstanceId = web.id;
export const publicIpAddress = publicIp.ipAddress;
export const loadBalancerRuleId = lb.id;
export const privateGatewayId = gateway.id;
export const staticRouteId = route.id;
