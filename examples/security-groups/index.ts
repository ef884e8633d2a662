// A bastion and a web instance in a basic zone, each in its own security group. The bastion
// takes SSH from one admin CIDR; the web group takes HTTP and HTTPS from anywhere, SSH from the
// bastion group only, and ping from the private range, declared as one ruleset. Works as is
// against the simulator's basic zone; set the zone, offering, template and CIDR in the stack
// config for a real cloud.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const zone = config.get("zone") ?? "Sandbox-basic";
const serviceOffering = config.get("serviceOffering") ?? "Small Instance";
const template = config.get("template") ?? "CentOS 5.6 (64-bit) no GUI (Simulator)";

const bastionGroup = new cloudstack.SecurityGroup("bastion", { name: "bastion", description: "SSH jump host" });
const webGroup = new cloudstack.SecurityGroup("web", { name: "web", description: "web servers" });

// One authorize call: CloudStack keeps one rule per CIDR, and the resource holds them all.
const adminSsh = new cloudstack.SecurityGroupRule("bastion-ssh", {
  securityGroupId: bastionGroup.id,
  protocol: "tcp",
  startPort: 22,
  cidrList: [config.get("adminCidr") ?? "203.0.113.0/24"],
});

// Every rule of the web group. Each CloudStack rule is known by its content, so reordering these
// entries, or splitting one into two, plans no change; adding a CIDR authorizes only that rule.
const webRules = new cloudstack.SecurityGroupRuleset("web-rules", {
  securityGroupId: webGroup.id,
  rules: [
    { protocol: "tcp", startPort: 80, cidrList: ["0.0.0.0/0", "::/0"] },
    { protocol: "tcp", startPort: 443, cidrList: ["0.0.0.0/0", "::/0"] },
    // A group is named by its owner's account and its name; the bastion group must exist first.
    {
      protocol: "tcp",
      startPort: 22,
      allowedGroups: [{ account: bastionGroup.account.apply((account) => account ?? ""), group: bastionGroup.name }],
    },
    { protocol: "icmp", icmpType: 8, icmpCode: 0, cidrList: ["10.0.0.0/8"] },
  ],
});

// Security groups are chosen at deploy. CloudStack changes them only on a stopped instance, so
// on a running one a change replaces the instance.
function instanceIn(name: string, group: cloudstack.SecurityGroup): cloudstack.Instance {
  return new cloudstack.Instance(name, { name: `${name}-1`, zone, serviceOffering, template, securityGroups: [group.id] });
}
const bastion = instanceIn("bastion", bastionGroup);
const web = instanceIn("web", webGroup);

export const bastionGroupId = bastionGroup.id;
export const webGroupId = webGroup.id;
export const adminSshRuleIds = adminSsh.ruleIds;
export const webRuleIds = webRules.ruleIds;
export const bastionPublicIp = bastion.publicIp;
export const webPublicIp = web.publicIp;
export const webInstanceId = web.id;
