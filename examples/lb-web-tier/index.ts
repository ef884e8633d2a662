// A load-balanced web tier: three instances on an isolated network behind one public IP, round
// robin on port 80 with cookie stickiness, and a firewall rule that opens port 80 (openFirewall
// stays false, so the port is opened by a rule the program declares and can narrow). Works as is
// against the simulator's default zone; set the zone, offerings and template in the stack config
// for a real cloud.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const zone = config.get("zone") ?? "Sandbox-simulator";
const size = config.getNumber("webCount") ?? 3;

const network = new cloudstack.Network("web-net", {
  name: "web-tier",
  zone,
  networkOffering: config.get("networkOffering") ?? "DefaultIsolatedNetworkOfferingWithSourceNatService",
  cidr: config.get("cidr") ?? "10.1.3.0/24",
});

const webs: cloudstack.Instance[] = [];
for (let i = 1; i <= size; i++) {
  webs.push(
    new cloudstack.Instance(`web-${i}`, {
      name: `web-tier-${i}`,
      zone,
      serviceOffering: config.get("serviceOffering") ?? "Small Instance",
      template: config.get("template") ?? "CentOS 5.6 (64-bit) no GUI (Simulator)",
      networks: [{ network: network.id }],
    }),
  );
}

// Acquired after the instances: their deploy implements the network, which takes its source NAT
// IP then, so this IP is an ordinary one.
const publicIp = new cloudstack.PublicIpAddress("web-ip", { network: network.id }, { dependsOn: webs });

const lb = new cloudstack.LoadBalancerRule("web-lb", {
  name: "web",
  ipAddressId: publicIp.id,
  publicPort: 80,
  privatePort: 80,
  algorithm: config.get("algorithm") ?? "roundrobin",
  members: webs.map((web) => ({ virtualMachine: web.id })),
});

const stickiness = new cloudstack.LbStickinessPolicy("web-sticky", {
  loadBalancerRuleId: lb.id,
  name: "web-cookie",
  method: "LbCookie",
  params: { "cookie-name": "WEBSRV", mode: "insert", nocache: "true" },
});

const http = new cloudstack.FirewallRule("web-http", {
  ipAddressId: publicIp.id,
  protocol: "tcp",
  startPort: 80,
  cidrList: config.getObject<string[]>("allowFrom") ?? ["0.0.0.0/0"],
});

export const publicAddress = publicIp.ipAddress;
export const url = pulumi.interpolate`http://${publicIp.ipAddress}/`;
export const loadBalancerId = lb.id;
export const memberIds = lb.memberIds;
export const stickinessPolicyId = stickiness.id;
export const firewallRuleId = http.id;
