// PortForwardingRule: public ports of a public IP forwarded to an instance's ports
// (createPortForwardingRule, updatePortForwardingRule, deletePortForwardingRule,
// listPortForwardingRules). The private side, the instance, its guest IP and the source CIDRs
// change in place; the public side, the protocol and openFirewall replace the rule.
import { z } from "zod";
import { failure } from "../adapter/check/failures";
import { defineSpec } from "../adapter/spec";
import { ApiObject, ApiObjectWith, CheckFailure, EXTRA, PropertyMap } from "../adapter/types";
import type { CloudStackClient } from "../client";
import { sameText } from "../adapter/diff/comparators";
import { caseInsensitiveEnum, ipv4Address, nonEmpty, uuid } from "../validation/fields";
import { numberOrNull } from "./common/api-values";
import { ruleStateAttribute } from "./common/firewall-rules";
import { forDisplayInput, inputObject } from "./common/inputs";
import { byId, byName, guestNetworkReference, virtualMachineReference } from "./common/reference-kinds";
import { executeForObject } from "./common/job-result";
import { ownerScope } from "./common/ownership";
import {
  ALL_IPV4,
  cidrList,
  findPublicIp,
  port,
  portRangeFailures,
  portsCollide,
  projectOf,
  ownFirewallRuleId,
  reusableFirewallRule,
  revoked,
  sameCidrList,
  sameFlag,
  withRecordedProject,
} from "./common/rules-common";
import { findScoped } from "./common/scoped-lookup";
import { text } from "./common/attributes";

export const portForwardingRuleInputs = inputObject({
  ipAddressId: uuid().describe("The id of the public IP (e.g. a PublicIpAddress's `id`). Changing it replaces the rule."),
  protocol: caseInsensitiveEnum(["tcp", "udp"]).describe("tcp or udp, in any case. Changing it replaces the rule."),
  publicPort: port().describe("First public port. Changing it replaces the rule."),
  publicEndPort: port().optional().describe("Last public port of a range; `publicPort` when omitted. Changing it replaces the rule."),
  privatePort: port().describe("First port on the instance. Updated in place."),
  privateEndPort: port()
    .optional()
    .describe("Last port on the instance; `privatePort` when omitted. A range must be as long as the public one. Updated in place."),
  virtualMachine: nonEmpty().describe("The instance, by name or id (usually an Instance's `id`). Updated in place."),
  vmGuestIp: ipv4Address()
    .optional()
    .describe("A secondary IP of the instance's NIC to forward to (see NicSecondaryIp); its primary IP when omitted. Updated in place."),
  network: nonEmpty()
    .optional()
    .describe("The instance's network, by name or id: needed for a VPC's IP (the tier). Changing it replaces the rule."),
  cidrList: cidrList()
    .optional()
    .describe("Source CIDRs allowed (VPC tiers; elsewhere firewall rules filter), in any order; everyone when omitted. Updated in place."),
  openFirewall: z
    .boolean()
    .optional()
    .describe(
      "Whether CloudStack also opens the public ports to 0.0.0.0/0 with a firewall rule of its own (reported as `firewallRuleId`). Always sent, false when omitted: CloudStack's own default outside a VPC is true. Not allowed on a VPC's IP. Changing it replaces the rule.",
    ),
  forDisplay: forDisplayInput("the rule"),
});

/** A rule as read, with the firewall rule its create made (openFirewall), if any. */
type PortForwardingRule = ApiObjectWith<{ readonly firewallRuleId: string | null }>;

/** Public and private ranges as CloudStack checks them (RulesManagerImpl.createPortForwardingRule). */
function rangeFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures = [
    ...portRangeFailures(inputs, known, "publicPort", "publicEndPort"),
    ...portRangeFailures(inputs, known, "privatePort", "privateEndPort"),
  ];
  const keys = ["publicPort", "publicEndPort", "privatePort", "privateEndPort"];
  if (failures.length > 0 || !keys.every(known)) return failures;
  const publicStart = numberOrNull(inputs.publicPort);
  const privateStart = numberOrNull(inputs.privatePort);
  if (publicStart === null || privateStart === null) return failures;
  const publicEnd = numberOrNull(inputs.publicEndPort) ?? publicStart;
  const privateEnd = numberOrNull(inputs.privateEndPort) ?? privateStart;
  if (publicEnd - publicStart !== privateEnd - privateStart) {
    failures.push(
      failure(
        "privateEndPort",
        inputs.privateEndPort,
        `makes a private range of ${privateEnd - privateStart + 1} ports for a public range of ${publicEnd - publicStart + 1}: CloudStack needs ranges of equal size`,
      ),
    );
  } else if (publicEnd !== publicStart && (publicStart !== privateStart || publicEnd !== privateEnd)) {
    failures.push(
      failure("privatePort", inputs.privatePort, `must equal publicPort ${publicStart} for a port range: CloudStack forwards a range to the same ports`),
    );
  }
  return failures;
}

/**
 * The rule with, under openFirewall, the firewall rule its create made (`madeByCreate`: true when
 * the create found none to reuse; undefined after a create: the id recorded then).
 */
async function withRelatedRule(client: CloudStackClient, rule: ApiObject, olds: PropertyMap, madeByCreate?: boolean): Promise<PortForwardingRule> {
  const firewallRuleId = await ownFirewallRuleId(
    client,
    {
      id: String(rule.id),
      ipAddressId: String(rule.ipaddressid),
      protocol: String(rule.protocol ?? ""),
      startPort: numberOrNull(rule.publicport),
      endPort: numberOrNull(rule.publicendport),
    },
    olds,
    ownerScope(olds),
    madeByCreate,
  );
  return { ...withRecordedProject(rule, olds), [EXTRA]: { firewallRuleId } };
}

export const portForwardingRuleSpec = defineSpec({
  kind: "PortForwardingRule",
  description:
    "Port forwarding from a public IP's ports to an instance's ports (a range maps to the same ports), optionally to a secondary guest IP. openFirewall is always sent, false unless set, so no port is opened to 0.0.0.0/0 behind your back: add a FirewallRule, or set openFirewall.",
  inputs: portForwardingRuleInputs,
  attributes: z.object({
    ipAddress: text("The public IP address."),
    virtualMachineName: text("The name of the instance."),
    state: ruleStateAttribute(),
    projectId: text("The project of the public IP, if any: reads of the rule pass it."),
    firewallRuleId: text("With openFirewall: the id of the firewall rule CloudStack made for the public ports when this rule was created (deleted with this rule). Null otherwise, including when a firewall rule for the same IP, protocol and ports already existed: CloudStack then reuses that rule, which stays yours and outlives this rule."),
  }),
  references: {
    virtualMachine: byName(virtualMachineReference, "virtualMachine"),
    network: byId(guestNetworkReference, "network"),
  },
  defaultedByCloudStack: ["publicEndPort", "privateEndPort", "vmGuestIp", "network", "forDisplay"],
  inPlace: { privatePort: true, privateEndPort: true, virtualMachine: true, vmGuestIp: true, cidrList: true, forDisplay: true },
  equal: { protocol: sameText, cidrList: sameCidrList([ALL_IPV4]), openFirewall: sameFlag },
  validate: rangeFailures,
  // The same public ports of one IP and protocol cannot be forwarded twice.
  deleteBeforeReplace: portsCollide("ipAddressId", "publicPort", "publicEndPort"),

  async create(client, inputs, ids) {
    const ip = await findPublicIp(client, inputs.ipAddressId);
    const openFirewall = inputs.openFirewall ?? false;
    // A firewall rule already open on these ports is reused by CloudStack, not made: it stays
    // the user's and is not reported as this rule's.
    const project = projectOf(ip);
    const reused = openFirewall
      ? await reusableFirewallRule(
          client,
          { ipAddressId: inputs.ipAddressId, protocol: inputs.protocol, startPort: inputs.publicPort, endPort: inputs.publicEndPort ?? inputs.publicPort },
          project ? { projectid: project } : {},
        )
      : undefined;
    const rule = await executeForObject(client, "createPortForwardingRule", {
      ipaddressid: inputs.ipAddressId,
      protocol: inputs.protocol.toLowerCase(),
      publicport: inputs.publicPort,
      publicendport: inputs.publicEndPort,
      privateport: inputs.privatePort,
      privateendport: inputs.privateEndPort,
      virtualmachineid: ids.virtualMachineId,
      vmguestip: inputs.vmGuestIp,
      networkid: ids.networkId,
      cidrlist: inputs.cidrList,
      openfirewall: openFirewall,
      fordisplay: inputs.forDisplay,
    }, "portforwardingrule");
    return withRelatedRule(client, { ...rule, projectid: rule.projectid ?? project }, { projectId: project, openFirewall }, openFirewall && reused === undefined);
  },

  async read(client, id, olds) {
    const rule = await findScoped(client, "listPortForwardingRules", id, olds, { goneWhen: revoked });
    return rule && withRelatedRule(client, rule, olds);
  },

  async update(client, id, olds, news, ids, changed) {
    const touches = (key: string) => changed.includes(key);
    const rule = await executeForObject(client, "updatePortForwardingRule", {
      id,
      privateport: touches("privatePort") || touches("privateEndPort") ? news.privatePort : undefined,
      privateendport: touches("privatePort") || touches("privateEndPort") ? (news.privateEndPort ?? news.privatePort) : undefined,
      virtualmachineid: touches("virtualMachine") || touches("vmGuestIp") ? ids.virtualMachineId : undefined,
      vmguestip: touches("vmGuestIp") || touches("virtualMachine") ? news.vmGuestIp : undefined,
      cidrlist: touches("cidrList") ? (news.cidrList && news.cidrList.length > 0 ? news.cidrList : [ALL_IPV4]) : undefined,
      fordisplay: touches("forDisplay") ? (news.forDisplay ?? true) : undefined,
    }, "portforwardingrule");
    return withRelatedRule(client, rule, olds);
  },

  // CloudStack deletes the firewall rule that openFirewall made along with it.
  delete: "deletePortForwardingRule",

  // openFirewall is not part of the rule object: kept as sent.
  inputsOf: (rule, olds) => ({ openFirewall: olds.openFirewall === true }),

  attributesOf: (rule) => ({ firewallRuleId: rule[EXTRA].firewallRuleId }),

  errors: [
    { text: "The range specified, <start>-<end>, conflicts with rule <rule> which has <start>-<end>", why: "Another rule on the IP uses some of these public ports." },
    { text: "Vm doesn't belong to network associated with ipAddress", why: "The instance must have a NIC in the IP's network; give `network` when the instance has several NICs." },
  ],
});
