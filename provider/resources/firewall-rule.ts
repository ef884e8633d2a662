// FirewallRule: an ingress rule on a public IP outside a VPC (createFirewallRule,
// updateFirewallRule, deleteFirewallRule, listFirewallRules). updateFirewallRule changes only
// the display flag, so every other input replaces the rule.
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { caseInsensitiveEnum, uuid } from "../validation/fields";
import { forDisplayInput, inputObject } from "./common/inputs";
import { createFirewallRule, firewallIcmpInputs, firewallPortInputs, firewallRuleEquality, firewallRuleParams, firewallRuleParts, ruleStateAttribute } from "./common/firewall-rules";
import { ALL_IPV4, cidrList, findPublicIp, portsCollide } from "./common/rules-common";
import { text } from "./common/attributes";

export const firewallRuleInputs = inputObject({
  ipAddressId: uuid().describe(
    "The id of the public IP the rule opens (e.g. a PublicIpAddress's `id`); not a VPC's IP, where network ACLs filter instead. Changing it replaces the rule.",
  ),
  protocol: caseInsensitiveEnum(["tcp", "udp", "icmp"]).describe("tcp, udp or icmp, in any case. Changing it replaces the rule."),
  ...firewallPortInputs,
  cidrList: cidrList()
    .optional()
    .describe("Source CIDRs allowed in, in any order; 0.0.0.0/0 (everyone) when omitted or empty. Changing it replaces the rule."),
  ...firewallIcmpInputs,
  forDisplay: forDisplayInput("the rule"),
});

export const firewallRuleSpec = defineSpec({
  kind: "FirewallRule",
  description:
    "An ingress firewall rule on a public IP outside a VPC: opens a protocol and port range (or ICMP) to source CIDRs. Only the display flag changes in place; anything else replaces the rule, deleting the old one first when the new one would overlap it.",
  inputs: firewallRuleInputs,
  attributes: z.object({
    ipAddress: text("The public IP address."),
    networkId: text("The id of the guest network of the public IP."),
    state: ruleStateAttribute(),
    projectId: text("The project of the public IP, if any: reads of the rule pass it."),
    relatedRuleId: text("For a rule CloudStack made for a port forwarding or LB rule (openFirewall), that rule's id; null for rules of your own."),
  }),
  defaultedByCloudStack: ["endPort", "forDisplay"],
  equal: firewallRuleEquality([ALL_IPV4]),
  // CloudStack refuses a rule overlapping another of the same protocol on the same IP.
  deleteBeforeReplace: portsCollide("ipAddressId", "startPort", "endPort"),

  async create(client, inputs) {
    const ip = await findPublicIp(client, inputs.ipAddressId);
    return createFirewallRule(client, "createFirewallRule", { ipaddressid: inputs.ipAddressId, ...firewallRuleParams(inputs) }, ip);
  },

  ...firewallRuleParts({ list: "listFirewallRules", update: "updateFirewallRule", delete: "deleteFirewallRule" }),

  errors: [
    { text: "The range specified, <start>-<end>, conflicts with rule <rule> which has <start>-<end>", why: "Another rule on the IP covers some of these ports: merge the rules or change the ranges." },
    { text: "Unable to create firewall rule ; ip with specified id is not associated with any network", why: "The IP is not associated with a network yet (a zone-only IP)." },
  ],
});
