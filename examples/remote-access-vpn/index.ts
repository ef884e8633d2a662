// A remote-access VPN for road warriors: an isolated network, its source NAT IP, the VPN on that
// IP and two VPN users. The passwords are secret config; the VPN's pre-shared key, which
// CloudStack generates, is a secret output.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const zone = config.get("zone") ?? "Sandbox-simulator";

const network = new cloudstack.Network("office-net", {
  name: "office",
  zone,
  networkOffering: config.get("networkOffering") ?? "DefaultIsolatedNetworkOfferingWithSourceNatService",
  cidr: config.get("cidr") ?? "10.1.20.0/24",
});

// The first public IP of a network that has none yet becomes its source NAT IP: the only IP
// on which CloudStack's virtual router serves remote-access VPN.
const sourceNat = new cloudstack.PublicIpAddress("vpn-ip", { network: network.id });

const vpn = new cloudstack.RemoteAccessVpn("vpn", {
  publicIpId: sourceNat.id,
  // Outside the network's CIDR; the first address is the VPN server's, the others the clients'.
  ipRange: config.get("vpnIpRange") ?? "10.1.30.1-10.1.30.20",
});

// Users belong to the account and reach every remote-access VPN it has. dependsOn is only so
// that the VPN runs first and applies them at once (they wait in state Add otherwise).
const users = ["alice", "bob"].map(
  (name) => new cloudstack.VpnUser(name, { username: name, password: config.requireSecret(`${name}Password`) }, { dependsOn: [vpn] }),
);

export const vpnServer = vpn.publicIp;
export const vpnIsOnSourceNat = sourceNat.isSourceNat;
export const clientAddresses = vpn.clientIpRange;
export const presharedKey = vpn.presharedKey;
export const vpnUsers = users.map((u) => u.username);
