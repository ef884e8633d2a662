// A VPC joined to an office network by a site-to-site IPsec VPN: the VPC's VPN gateway, the
// office's device as a customer gateway (its pre-shared key is secret config) and a connection
// between the two. Set `resetTrigger` to a new value to reset the connection.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const zone = config.get("zone") ?? "Sandbox-simulator";

const vpc = new cloudstack.Vpc("vpc", {
  name: "branch",
  zone,
  vpcOffering: config.get("vpcOffering") ?? "Default VPC offering",
  cidr: "10.50.0.0/16",
});

const app = new cloudstack.Network("app", {
  name: "branch-app",
  zone,
  networkOffering: config.get("tierOffering") ?? "DefaultIsolatedNetworkOfferingForVpcNetworks",
  cidr: "10.50.1.0/24",
  vpcId: vpc.id,
});

// On the VPC's source NAT IP, one per VPC: the address the office's device connects to.
const gateway = new cloudstack.VpnGateway("gateway", { vpcId: vpc.id });

const office = new cloudstack.VpnCustomerGateway("office", {
  name: "head-office",
  gateway: config.get("officeGateway") ?? "203.0.113.10",
  // Must not overlap the VPC's CIDR, nor the subnets of the gateway's other connections.
  cidrList: [config.get("officeCidr") ?? "192.168.100.0/24"],
  ipsecPsk: config.requireSecret("ipsecPsk"),
  ikePolicy: "aes256-sha256;modp2048",
  espPolicy: "aes256-sha256;modp2048",
  ikeLifetime: 28800,
  dpd: true,
  ikeVersion: "ikev2",
});

const connection = new cloudstack.VpnConnection("office-link", {
  vpnGatewayId: gateway.id,
  customerGatewayId: office.id,
  // The office's device dials in; CloudStack waits for it (state Disconnected until then).
  passive: config.getBoolean("passive") ?? true,
  resetTrigger: config.get("resetTrigger"),
});

export const vpcId = vpc.id;
export const appTierId = app.id;
export const vpnGatewayIp = gateway.publicIp;
export const connectionId = connection.id;
export const connectionState = connection.state;
