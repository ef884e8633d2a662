// EgressFirewallRule: what a guest network may send out (createEgressFirewallRule,
// updateEgressFirewallRule, deleteEgressFirewallRule, listEgressFirewallRules). Not for shared
// networks (FirewallManagerImpl.createEgressFirewallRule). updateEgressFirewallRule changes only the display flag.
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { caseInsensitiveEnum, nonEmpty } from "../validation/fields";
import { forDisplayInput, inputObject } from "./common/inputs";
import { byId, guestNetworkReference } from "./common/reference-kinds";
import { createFirewallRule, firewallIcmpInputs, firewallPortInputs, firewallRuleEquality, firewallRuleParams, firewallRuleParts, ruleStateAttribute } from "./common/firewall-rules";
import { ALL_IPV4, cidrList, findNetwork, portsCollide, sameCidrList } from "./common/rules-common";
import { text } from "./common/attributes";

export const egressFirewallRuleInputs = inputObject({
  network: nonEmpty().describe("The guest network, by name or id (isolated; CloudStack refuses shared networks). Changing it replaces the rule."),
  protocol: caseInsensitiveEnum(["tcp", "udp", "icmp", "all"]).describe("tcp, udp, icmp or all, in any case. Changing it replaces the rule."),
  ...firewallPortInputs,
  cidrList: cidrList()
    .optional()
    .describe(
      "Source CIDRs inside the network (or 0.0.0.0/0), in any order; the network's CIDR when omitted. Changing it replaces the rule.",
    ),
  destCidrList: cidrList()
    .optional()
    .describe("Destination CIDRs the traffic may go to, in any order; anywhere (0.0.0.0/0) when omitted or empty. Changing it replaces the rule."),
  ...firewallIcmpInputs,
  forDisplay: forDisplayInput("the rule"),
});

export const egressFirewallRuleSpec = defineSpec({
  kind: "EgressFirewallRule",
  description:
    "An egress firewall rule of a guest network: lets a protocol and port range (or ICMP, or all traffic) out from source CIDRs to destination CIDRs. Only the display flag changes in place; anything else replaces the rule, deleting the old one first when the new one would overlap it.",
  inputs: egressFirewallRuleInputs,
  attributes: z.object({
    state: ruleStateAttribute(),
    projectId: text("The project of the network, if any: reads of the rule pass it."),
  }),
  references: { network: byId(guestNetworkReference, "network") },
  // CloudStack fills the source list with the network's CIDR, which the rule alone does not know.
  defaultedByCloudStack: ["endPort", "cidrList", "forDisplay"],
  equal: { ...firewallRuleEquality([]), destCidrList: sameCidrList([ALL_IPV4]) },
  // CloudStack refuses a rule overlapping another of the same protocol on the same network.
  deleteBeforeReplace: portsCollide("networkId", "startPort", "endPort"),

  async create(client, inputs, ids) {
    const network = await findNetwork(client, ids.networkId);
    const params = { networkid: ids.networkId, ...firewallRuleParams(inputs), destcidrlist: inputs.destCidrList };
    return createFirewallRule(client, "createEgressFirewallRule", params, network);
  },

  ...firewallRuleParts({ list: "listEgressFirewallRules", update: "updateEgressFirewallRule", delete: "deleteEgressFirewallRule" }),

  errors: [
    { text: "Egress firewall rules are not supported for Shared  networks", why: "CloudStack's text, two spaces included: egress rules need an isolated network." },
    { text: "Unable to create firewall rule for the network id=[<id>] as firewall egress rule can be created only for non VPC networks.", why: "A VPC tier's egress is its ACL's Egress rules (NetworkAclRule)." },
  ],
});
