// FirewallRule: an ingress rule on a public IP outside a VPC (createFirewallRule,
// updateFirewallRule, deleteFirewallRule, listFirewallRules). updateFirewallRule changes only
// the display flag, so every other input replaces the rule.
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { ApiObject } from "../adapter/types";
import { UNKNOWN } from "../adapter/unknown";
import { sameText } from "../validation/equality";
import { caseInsensitiveEnum, uuid } from "../validation/fields";
import { bool, num, str } from "./common/api-values";
import {
  ALL_IPV4,
  cidrList,
  cidrsOf,
  findPublicIp,
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

export const firewallRuleInputs = z
  .object({
    ipAddressId: uuid().describe(
      "The id of the public IP the rule opens (e.g. a PublicIpAddress's `id`); not a VPC's IP, where network ACLs filter instead. Changing it replaces the rule.",
    ),
    protocol: caseInsensitiveEnum(["tcp", "udp", "icmp"]).describe("tcp, udp or icmp, in any case. Changing it replaces the rule."),
    startPort: port().optional().describe("First port of the range (tcp, udp); every port when omitted. Changing it replaces the rule."),
    endPort: port().optional().describe("Last port of the range; `startPort` when omitted. Changing it replaces the rule."),
    cidrList: cidrList()
      .optional()
      .describe("Source CIDRs allowed in, in any order; 0.0.0.0/0 (everyone) when omitted or empty. Changing it replaces the rule."),
    icmpType: icmpValue().optional().describe("ICMP type (protocol icmp); -1, any type, when omitted. Changing it replaces the rule."),
    icmpCode: icmpValue().optional().describe("ICMP code (protocol icmp); -1, any code, when omitted. Changing it replaces the rule."),
    forDisplay: z.boolean().optional().describe("Whether the rule is shown to the end user. Updated in place."),
  })
  .strict();

export type FirewallRuleInputs = z.infer<typeof firewallRuleInputs>;

export const firewallRuleAttributes = z.object({
  ipAddress: z.string().nullable().describe("The public IP address."),
  networkId: z.string().nullable().describe("The id of the guest network of the public IP."),
  state: z.string().nullable().describe("The rule's state: Add while it is applied, then Active."),
  projectId: z.string().nullable().describe("The project of the public IP, if any: reads of the rule pass it."),
  relatedRuleId: z
    .string()
    .nullable()
    .describe("For a rule CloudStack made for a port forwarding or LB rule (openFirewall), that rule's id; null for rules of your own."),
});

export const firewallRuleSpec = defineSpec({
  kind: "FirewallRule",
  description:
    "An ingress firewall rule on a public IP outside a VPC: opens a protocol and port range (or ICMP) to source CIDRs. Only the display flag changes in place; anything else replaces the rule, deleting the old one first when the new one would overlap it.",
  stateVersion: 1,
  inputs: firewallRuleInputs,
  attributes: firewallRuleAttributes,
  references: {},
  computed: ["endPort", "forDisplay"],
  inPlace: { forDisplay: true },
  equal: {
    protocol: sameText,
    cidrList: sameCidrList([ALL_IPV4]),
    icmpType: sameNumberOr(-1),
    icmpCode: sameNumberOr(-1),
  },
  validate(inputs, known) {
    return [...protocolFailures(inputs, known), ...portRangeFailures(inputs, known, "startPort", "endPort")];
  },
  // CloudStack refuses a rule overlapping another of the same protocol on the same IP.
  deleteBeforeReplace: (olds, news) =>
    news.ipAddressId === UNKNOWN ||
    news.protocol === UNKNOWN ||
    (sameText(olds.ipAddressId, news.ipAddressId) &&
      sameText(olds.protocol, news.protocol) &&
      portsOverlap([olds.startPort, olds.endPort], [news.startPort, news.endPort])),

  async create(client, inputs) {
    const ip = await findPublicIp(client, inputs.ipAddressId);
    const protocol = inputs.protocol.toLowerCase();
    const result = await client.execute("createFirewallRule", {
      ipaddressid: inputs.ipAddressId,
      protocol,
      startport: inputs.startPort,
      endport: inputs.endPort,
      cidrlist: inputs.cidrList,
      icmptype: inputs.icmpType,
      icmpcode: inputs.icmpCode,
      fordisplay: inputs.forDisplay,
    });
    const rule = objectOf(result, "firewallrule", "createFirewallRule");
    return { ...rule, projectid: rule.projectid ?? projectOf(ip) };
  },

  async read(client, id, olds) {
    const rule = await findScoped(client, "listFirewallRules", id, olds, { goneWhen: revoked });
    return rule && { ...rule, projectid: rule.projectid ?? olds.projectId ?? null };
  },

  async update(client, id, olds, news) {
    const result = await client.execute("updateFirewallRule", { id, fordisplay: news.forDisplay ?? true });
    const rule = objectOf(result, "firewallrule", "updateFirewallRule");
    return { ...rule, projectid: rule.projectid ?? olds.projectId ?? null };
  },

  async delete(client, id) {
    await client.execute("deleteFirewallRule", { id });
  },

  idOf: (rule) => String(rule.id),

  currentInputs(rule: ApiObject) {
    const icmp = String(rule.protocol ?? "").toLowerCase() === "icmp";
    return {
      ipAddressId: str(rule.ipaddressid),
      protocol: str(rule.protocol),
      startPort: num(rule.startport),
      endPort: num(rule.endport),
      cidrList: cidrsOf(rule.cidrlist),
      icmpType: icmp ? num(rule.icmptype) : null,
      icmpCode: icmp ? num(rule.icmpcode) : null,
      forDisplay: bool(rule.fordisplay),
    };
  },

  currentIds: () => ({}),

  attributesOf(rule) {
    return {
      ipAddress: str(rule.ipaddress),
      networkId: str(rule.networkid),
      state: str(rule.state),
      projectId: str(rule.projectid),
      relatedRuleId: str(rule.relatedruleid),
    };
  },
});
