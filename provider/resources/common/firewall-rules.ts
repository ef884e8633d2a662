// What FirewallRule (ingress, on a public IP) and EgressFirewallRule (out of a guest network)
// share: the protocol, port range and ICMP inputs with CloudStack's defaults for them
// (FirewallManagerImpl.validateFirewallRule), and update commands that change only the display flag.
import { z } from "zod";
import type { CloudStackClient, Params } from "../../client";
import { ApiObject, CheckFailure, PropertyMap } from "../../adapter/types";
import { sameText } from "../../adapter/diff/comparators";
import { numberOrNull } from "./api-values";
import { executeForObject } from "./job-result";
import {
  icmpValue,
  port,
  portRangeFailures,
  projectOf,
  protocolFailures,
  revoked,
  sameCidrList,
  sameNumberOr,
  withRecordedProject,
} from "./rules-common";
import { findScoped } from "./scoped-lookup";

export const firewallPortInputs = {
  startPort: port().optional().describe("First port of the range (tcp, udp); every port when omitted. Changing it replaces the rule."),
  endPort: port().optional().describe("Last port of the range; `startPort` when omitted. Changing it replaces the rule."),
};

/** The state CloudStack reports for a firewall or port forwarding rule. */
export const ruleStateAttribute = () => z.string().nullable().describe("The rule's state: Add while it is applied, then Active.");

export const firewallIcmpInputs = {
  icmpType: icmpValue().optional().describe("ICMP type (protocol icmp); -1, any type, when omitted. Changing it replaces the rule."),
  icmpCode: icmpValue().optional().describe("ICMP code (protocol icmp); -1, any code, when omitted. Changing it replaces the rule."),
};

/** Comparisons where `sourceWhenEmpty` is what CloudStack applies to an omitted source list. */
export function firewallRuleEquality(sourceWhenEmpty: readonly string[]) {
  return {
    protocol: sameText,
    cidrList: sameCidrList(sourceWhenEmpty),
    icmpType: sameNumberOr(-1),
    icmpCode: sameNumberOr(-1),
  };
}

function firewallRuleFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  return [...protocolFailures(inputs, known), ...portRangeFailures(inputs, known, "startPort", "endPort")];
}

/**
 * What a firewall rule of either direction declares alike, given its commands: the rules across
 * its fields, the display flag as the one input changed in place, its read, update and delete,
 * and its inputs read back.
 */
export function firewallRuleParts(commands: { readonly list: string; readonly update: string; readonly delete: string }) {
  return {
    inPlace: { forDisplay: true as const },
    validate: firewallRuleFailures,
    read: (client: CloudStackClient, id: string, olds: PropertyMap) => readFirewallRule(client, commands.list, id, olds),
    update: (client: CloudStackClient, id: string, olds: PropertyMap, news: { readonly forDisplay?: boolean }) =>
      updateFirewallRuleDisplay(client, commands.update, id, olds, news.forDisplay),
    delete: commands.delete,
    inputsOf: icmpInputsOf,
  };
}

/** The fields of a firewall rule of either direction that its inputs give. */
export interface FirewallRuleFields {
  readonly protocol: string;
  readonly startPort?: number;
  readonly endPort?: number;
  readonly cidrList?: readonly string[];
  readonly icmpType?: number;
  readonly icmpCode?: number;
  readonly forDisplay?: boolean;
}

/** The create parameters of those fields; the protocol goes in lower case, as CloudStack stores it. */
export function firewallRuleParams(inputs: FirewallRuleFields): Params {
  return {
    protocol: inputs.protocol.toLowerCase(),
    startport: inputs.startPort,
    endport: inputs.endPort,
    cidrlist: inputs.cidrList,
    icmptype: inputs.icmpType,
    icmpcode: inputs.icmpCode,
    fordisplay: inputs.forDisplay,
  };
}

/** Creates the rule; it belongs to the project of `owner`, the IP or network it is on. */
export async function createFirewallRule(client: CloudStackClient, createCommand: string, params: Params, owner: ApiObject | undefined): Promise<ApiObject> {
  const rule = await executeForObject(client, createCommand, params, "firewallrule");
  return { ...rule, projectid: rule.projectid ?? projectOf(owner) };
}

async function readFirewallRule(client: CloudStackClient, listCommand: string, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  const rule = await findScoped(client, listCommand, id, olds, { goneWhen: revoked });
  return rule && withRecordedProject(rule, olds);
}

async function updateFirewallRuleDisplay(
  client: CloudStackClient,
  updateCommand: string,
  id: string,
  olds: PropertyMap,
  forDisplay: boolean | undefined,
): Promise<ApiObject> {
  const rule = await executeForObject(client, updateCommand, { id, fordisplay: forDisplay ?? true }, "firewallrule");
  return withRecordedProject(rule, olds);
}

/** The ICMP inputs as the rule has them: an ICMP type and code belong to ICMP rules only. */
function icmpInputsOf(rule: ApiObject): PropertyMap {
  const icmp = String(rule.protocol ?? "").toLowerCase() === "icmp";
  return { icmpType: icmp ? numberOrNull(rule.icmptype) : null, icmpCode: icmp ? numberOrNull(rule.icmpcode) : null };
}
