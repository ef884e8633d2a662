// A secondary IP on an instance's NIC, and that IP configured inside the guest. CloudStack only
// records a secondary IP (addIpToNic): the guest OS does not learn it, so the address must also
// be added to the guest's interface. Here @pulumi/command does that over SSH, reaching the guest
// through a static NAT IP with port 22 opened, once the secondary IP, the static NAT and the
// firewall rule exist; destroying the stack removes the address from the guest first.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";
import { guestCommands } from "./guest-commands";

const config = new pulumi.Config();
const zone = config.get("zone") ?? "Sandbox-simulator";
const cidr = config.get("cidr") ?? "10.1.3.0/24";
const prefixLength = cidr.split("/")[1];
// The guest's interface on the network and the user SSH logs in as (with sudo rights).
const guestInterface = config.get("guestInterface") ?? "eth0";
const sshUser = config.get("sshUser") ?? "cloud-user";
const sshPrivateKey = config.requireSecret("sshPrivateKey");
// Who may reach port 22 on the public IP.
const sshFrom = config.get("sshFrom") ?? "0.0.0.0/0";

const network = new cloudstack.Network("app-net", {
  name: "app-secondary",
  zone,
  networkOffering: config.get("networkOffering") ?? "DefaultIsolatedNetworkOfferingWithSourceNatService",
  cidr,
});

const app = new cloudstack.Instance("app", {
  name: "app-1",
  zone,
  serviceOffering: config.get("serviceOffering") ?? "Small Instance",
  template: config.get("template") ?? "CentOS 5.6 (64-bit) no GUI (Simulator)",
  networks: [{ network: network.id }],
});

const secondaryIp = new cloudstack.NicSecondaryIp("app-secondary-ip", {
  nicId: app.nics.apply((nics) => nics[0]!.id),
  ipAddress: config.get("secondaryIp"),
});

// Acquired after the instance: the network's source NAT IP is taken when the instance's deploy
// implements the network, and static NAT is refused on a source NAT IP (see static-nat-web).
const publicIp = new cloudstack.PublicIpAddress("app-ip", { network: network.id }, { dependsOn: [app] });
const nat = new cloudstack.StaticNat("app-nat", { ipAddressId: publicIp.id, virtualMachine: app.id });
const ssh = new cloudstack.FirewallRule("app-ssh", { ipAddressId: publicIp.id, protocol: "tcp", startPort: 22, cidrList: [sshFrom] });

const commands = secondaryIp.ipAddress.apply((address) => {
  if (!address) throw new Error("NicSecondaryIp app-secondary-ip has no ipAddress output");
  return guestCommands(address, prefixLength!, guestInterface);
});

// No input of the command refers to the static NAT or the firewall rule, and SSH works only once
// both exist: hence dependsOn.
const configureGuest = new command.remote.Command(
  "configure-secondary-ip",
  {
    connection: {
      host: publicIp.ipAddress.apply((ip) => ip ?? ""),
      user: sshUser,
      privateKey: sshPrivateKey,
    },
    create: commands.create,
    delete: commands.delete,
    // A changed create command would only run again (the old address would stay in the guest);
    // a new address replaces the command instead, and the replaced one's delete removes the old.
    triggers: [secondaryIp.ipAddress],
  },
  { dependsOn: [secondaryIp, nat, ssh] },
);

export const publicIpAddress = publicIp.ipAddress;
export const secondaryIpAddress = secondaryIp.ipAddress;
export const guestConfigured = configureGuest.stdout;
