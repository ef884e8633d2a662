// Global server load balancing: one domain name served by load balancer rules in two zones, with
// weights. Each zone has an isolated network with a web instance and a load balancer rule on a
// public IP; the GSLB rule spreads users over the zones. Works as is against the simulator (its
// two advanced zones, region 1 with the GSLB service and cloud.dns.name); on a real cloud the
// zones need a GSLB provider (NetScaler) and the region the GSLB service.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const offering = config.get("networkOffering") ?? "DefaultIsolatedNetworkOfferingWithSourceNatService";

interface Site {
  key: string;
  zone: string;
  cidr: string;
  weight: number;
}

const sites: Site[] = [
  { key: "east", zone: config.get("eastZone") ?? "Sandbox-simulator", cidr: "10.1.4.0/24", weight: config.getNumber("eastWeight") ?? 70 },
  { key: "west", zone: config.get("westZone") ?? "Sandbox-simulator-2", cidr: "10.2.4.0/24", weight: config.getNumber("westWeight") ?? 30 },
];

const members = sites.map((site) => {
  const network = new cloudstack.Network(`${site.key}-net`, { name: `gslb-${site.key}`, zone: site.zone, networkOffering: offering, cidr: site.cidr });
  const web = new cloudstack.Instance(`${site.key}-web`, {
    name: `gslb-${site.key}-web`,
    zone: site.zone,
    serviceOffering: config.get("serviceOffering") ?? "Small Instance",
    template: config.get("template") ?? "CentOS 5.6 (64-bit) no GUI (Simulator)",
    networks: [{ network: network.id }],
  });
  // After the instance, which implements the network and gives it its source NAT IP.
  const ip = new cloudstack.PublicIpAddress(`${site.key}-ip`, { network: network.id }, { dependsOn: [web] });
  const lb = new cloudstack.LoadBalancerRule(`${site.key}-lb`, {
    name: `web-${site.key}`,
    ipAddressId: ip.id,
    publicPort: 80,
    privatePort: 80,
    algorithm: "roundrobin",
    members: [{ virtualMachine: web.id }],
  });
  return { site, ip, lb };
});

const app = new cloudstack.GlobalLoadBalancerRule("app", {
  name: "app",
  regionId: config.getNumber("regionId") ?? 1,
  domainName: config.get("domainName") ?? "app.example.com",
  serviceType: "http",
  lbMethod: "roundrobin",
  members: members.map(({ site, lb }) => ({ loadBalancerRuleId: lb.id, weight: site.weight })),
});

export const fqdn = app.fqdn;
export const gslbRuleId = app.id;
export const siteAddresses = Object.fromEntries(members.map(({ site, ip }) => [site.key, ip.ipAddress]));
export const loadBalancerRuleIds = members.map(({ lb }) => lb.id);
