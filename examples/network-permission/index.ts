// An isolated network of the account running the program, granted to a second account of the
// same domain (CloudStack 4.17+), and an instance of that second account deployed on it. The
// program's keys are the network owner's (or an admin's); the instance belongs to the second
// account through its owner inputs (`account` and `domainId`), as CloudStack lets an admin deploy
// for another account, and CloudStack checks that account's grant when the instance is deployed.
// Works as is against the simulator, whose ROOT domain holds the accounts `admin` and `user`.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const zone = config.get("zone") ?? "Sandbox-simulator";
// The account granted the network: CloudStack looks it up in the network's domain.
const grantee = config.get("grantee") ?? "user";

const network = new cloudstack.Network("shared-app", {
  name: "shared-app",
  zone,
  networkOffering: config.get("networkOffering") ?? "DefaultIsolatedNetworkOfferingWithSourceNatService",
  cidr: config.get("cidr") ?? "10.70.0.0/24",
});

const permission = new cloudstack.NetworkPermission("shared-app-grant", {
  networkId: network.id,
  accounts: [grantee],
});

const instance = new cloudstack.Instance(
  "grantee-vm",
  {
    name: "grantee-vm",
    zone,
    serviceOffering: config.get("serviceOffering") ?? "Small Instance",
    template: config.get("template") ?? "CentOS 5.6 (64-bit) no GUI (Simulator)",
    networks: [{ network: network.id }],
    account: grantee,
    // The network's domain, which is the grantee's; reading it from the grant also orders the
    // deploy after it (CloudStack refuses the deploy until the grant exists).
    domainId: permission.domainId.apply((id) => id ?? ""),
  },
);

export const networkId = network.id;
export const permittedAccountIds = permission.permittedAccountIds;
export const instanceId = instance.id;
export const instanceAccount = instance.account;
export const instanceIp = instance.ipAddress;
