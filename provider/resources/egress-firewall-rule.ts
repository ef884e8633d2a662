// EgressFirewallRule: what a guest network may send out (createEgressFirewallRule,
// updateEgressFirewallRule, deleteEgressFirewallRule, listEgressFirewallRules). Not for shared
// networks (SEMANTICS.md §10). updateEgressFirewallRule changes only the display flag.
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { UNKNOWN } from "../adapter/unknown";
import { sameText } from "../validation/equality";
import { caseInsensitiveEnum, nonEmpty } from "../validation/fields";
import { bool, num, str } from "./common/api-values";
import { guestNetworkReference } from "./common/compute-references";
import {
  ALL_IPV4,
  cidrList,
  cidrsOf,
  findNetwork,
  findScoped,
  icmpValue,
  objectOf,
  port,
  portRangeFailures,
  portsOverlap,
  projectOf,
  protocolFailures,
  revoked,
  sameCidrList,
  sameNumberOr,
} from "./common/rules-common";

export const egressFirewallRuleInputs = z
  .object({
    network: nonEmpty().describe("The guest network, by name or id (isolated; CloudStack refuses shared networks). Changing it replaces the rule."),
    protocol: caseInsensitiveEnum(["tcp", "udp", "icmp", "all"]).describe("tcp, udp, icmp or all, in any case. Changing it replaces the rule."),
    startPort: port().optional().describe("First port of the range (tcp, udp); every port when omitted. Changing it replaces the rule."),
    endPort: port().optional().describe("Last port of the range; `startPort` when omitted. Changing it replaces the rule."),
    cidrList: cidrList()
      .optional()
      .describe(
        "Source CIDRs inside the network (or 0.0.0.0/0), in any order; the network's CIDR when omitted. Changing it replaces the rule.",
      ),
    destCidrList: cidrList()
      .optional()
      .describe("Destination CIDRs the traffic may go to, in any order; anywhere (0.0.0.0/0) when omitted or empty. Changing it replaces the rule."),
    icmpType: icmpValue().optional().describe("ICMP type (protocol icmp); -1, any type, when omitted. Changing it replaces the rule."),
    icmpCode: icmpValue().optional().describe("ICMP code (protocol icmp); -1, any code, when omitted. Changing it replaces the rule."),
    forDisplay: z.boolean().optional().describe("Whether the rule is shown to the end user. Updated in place."),
  })
  .strict();

export type EgressFirewallRuleInputs = z.infer<typeof egressFirewallRuleInputs>;

export const egressFirewallRuleAttributes = z.object({
  state: z.string().nullable().describe("The rule's state: Add while it is applied, then Active."),
  projectId: z.string().nullable().describe("The project of the network, if any: reads of the rule pass it."),
});

export const egressFirewallRuleSpec = defineSpec({
  kind: "EgressFirewallRule",
  description:
    "An egress firewall rule of a guest network: lets a protocol and port range (or ICMP, or all traffic) out from source CIDRs to destination CIDRs. Only the display flag changes in place; anything else replaces the rule, deleting the old one first when the new one would overlap it.",
  stateVersion: 1,
  inputs: egressFirewallRuleInputs,
  attributes: egressFirewallRuleAttributes,
  references: { network: { idProperty: "networkId", kind: guestNetworkReference } },
  // CloudStack fills the source list with the network's CIDR, which the rule alone does not know.
  computed: ["endPort", "cidrList", "forDisplay"],
  inPlace: { forDisplay: true },
  equal: {
    protocol: sameText,
    cidrList: sameCidrList([]),
    destCidrList: sameCidrList([ALL_IPV4]),
    icmpType: sameNumberOr(-1),
    icmpCode: sameNumberOr(-1),
  },
  validate(inputs, known) {
    return [...protocolFailures(inputs, known), ...portRangeFailures(inputs, known, "startPort", "endPort")];
  },
  deleteBeforeReplace: (olds, news) =>
    news.networkId === UNKNOWN ||
    news.protocol === UNKNOWN ||
    (sameText(olds.networkId, news.networkId) &&
      sameText(olds.protocol, news.protocol) &&
      portsOverlap([olds.startPort, olds.endPort], [news.startPort, news.endPort])),

  async create(client, inputs, ids) {
    const network = await findNetwork(client, ids.networkId);
    const result = await client.execute("createEgressFirewallRule", {
      networkid: ids.networkId,
      protocol: inputs.protocol.toLowerCase(),
      startport: inputs.startPort,
      endport: inputs.endPort,
      cidrlist: inputs.cidrList,
      destcidrlist: inputs.destCidrList,
      icmptype: inputs.icmpType,
      icmpcode: inputs.icmpCode,
      fordisplay: inputs.forDisplay,
    });
    const rule = objectOf(result, "firewallrule", "createEgressFirewallRule");
    return { ...rule, projectid: rule.projectid ?? projectOf(network) };
  },

  async read(client, id, olds) {
    const rule = await findScoped(client, "listEgressFirewallRules", id, olds, { goneWhen: revoked });
    return rule && { ...rule, projectid: rule.projectid ?? olds.projectId ?? null };
  },

  async update(client, id, olds, news) {
    const result = await client.execute("updateEgressFirewallRule", { id, fordisplay: news.forDisplay ?? true });
    const rule = objectOf(result, "firewallrule", "updateEgressFirewallRule");
    return { ...rule, projectid: rule.projectid ?? olds.projectId ?? null };
  },

  async delete(client, id) {
    await client.execute("deleteEgressFirewallRule", { id });
  },

  idOf: (rule) => String(rule.id),

  currentInputs(rule) {
    const icmp = String(rule.protocol ?? "").toLowerCase() === "icmp";
    return {
      network: str(rule.networkid),
      protocol: str(rule.protocol),
      startPort: num(rule.startport),
      endPort: num(rule.endport),
      cidrList: cidrsOf(rule.cidrlist),
      destCidrList: cidrsOf(rule.destcidrlist),
      icmpType: icmp ? num(rule.icmptype) : null,
      icmpCode: icmp ? num(rule.icmpcode) : null,
      forDisplay: bool(rule.fordisplay),
    };
  },

  currentIds(rule): Record<string, string> {
    const id = str(rule.networkid);
    return id ? { networkId: id } : {};
  },

  attributesOf(rule) {
    return { state: str(rule.state), projectId: str(rule.projectid) };
  },
});
