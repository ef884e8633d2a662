// LoadBalancerRule: a public IP's port balanced over instances (createLoadBalancerRule,
// updateLoadBalancerRule, assignToLoadBalancerRule / removeFromLoadBalancerRule,
// deleteLoadBalancerRule, listLoadBalancerRules, listLoadBalancerRuleInstances). Name,
// description, algorithm, protocol, source CIDRs and members change in place: adding a member
// never recreates the rule.
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { PartiallyCreatedError } from "../adapter/lifecycle/errors";
import { defineSpec } from "../adapter/spec";
import { ApiObject, ApiObjectWith, EXTRA, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { sameText } from "../adapter/diff/comparators";
import { caseInsensitiveEnum, nonEmpty, uuid } from "../validation/fields";
import { numberOrNull, textOrNull } from "./common/api-values";
import { descriptionInput, forDisplayInput, inputObject, nameInput } from "./common/inputs";
import { byId, guestNetworkReference } from "./common/reference-kinds";
import { executeForObject, stillPresent } from "./common/job-result";
import { currentOwner, ownerScope, ownerFailures } from "./common/ownership";
import { lbMember, MappedInstance, mappedInstances, memberFailures, renderMembers, resolveMembers, sameMembers, syncMembers } from "./common/rules-lb-members";
import {
  ALL_IPV4,
  cidrList,
  findPublicIp,
  ownFirewallRuleId,
  port,
  projectOf,
  reusableFirewallRule,
  revoked,
  sameCidrList,
  sameDescription,
  sameFlag,
} from "./common/rules-common";
import { scopedReader } from "./common/scoped-lookup";
import { text } from "./common/attributes";

export const LB_ALGORITHMS = ["roundrobin", "leastconn", "source"] as const;

export const loadBalancerRuleInputs = inputObject({
  name: nameInput("the rule"),
  description: descriptionInput(),
  ipAddressId: uuid().describe("The id of the public IP to balance traffic from (e.g. a PublicIpAddress's `id`). Changing it replaces the rule."),
  publicPort: port().describe("The public port. Changing it replaces the rule."),
  privatePort: port().describe("The port on the instances. Changing it replaces the rule."),
  algorithm: caseInsensitiveEnum(LB_ALGORITHMS).describe(
    "roundrobin, leastconn or source, in any case (the network's LB provider may offer fewer). Updated in place.",
  ),
  protocol: caseInsensitiveEnum(["tcp", "udp", "tcp-proxy", "ssl"])
    .optional()
    .describe("tcp, udp, tcp-proxy or ssl; CloudStack's tcp when omitted. Updated in place."),
  cidrList: cidrList().optional().describe("Source CIDRs allowed, in any order; everyone when omitted or empty. Updated in place."),
  network: nonEmpty()
    .optional()
    .describe("The guest network, by name or id: needed for a VPC's IP (the tier). Changing it replaces the rule."),
  openFirewall: z
    .boolean()
    .optional()
    .describe(
      "Whether CloudStack also opens the public port to 0.0.0.0/0 with a firewall rule of its own (reported as `firewallRuleId`). Always sent, false when omitted: CloudStack's own default outside a VPC is true. Not allowed on a VPC's IP. Changing it replaces the rule.",
    ),
  members: z
    .array(lbMember)
    .optional()
    .describe("The instances traffic goes to, each by name or id, optionally by one guest IP. Changed in place: assigned and removed, never recreating the rule."),
  account: nonEmpty().optional().describe("The account that owns the rule (with `domainId`). Changing it replaces the rule."),
  domainId: uuid().optional().describe("The id of the owning account's domain. Changing it replaces the rule."),
  forDisplay: forDisplayInput("the rule"),
});

/** What a read gathers beside the rule: its members, and the firewall rule its create made. */
interface RuleExtra {
  readonly members: MappedInstance[];
  readonly firewallRuleId: string | null;
}

type LoadBalancerRule = ApiObjectWith<RuleExtra>;

/**
 * The rule with its members and, with openFirewall, the firewall rule its create made
 * (`madeByCreate`: true when the create found none to reuse; undefined after a create).
 */
async function complete(client: CloudStackClient, rule: ApiObject, olds: PropertyMap, madeByCreate?: boolean): Promise<LoadBalancerRule> {
  const id = String(rule.id);
  const members = await mappedInstances(client, id);
  // CloudStack opens the public port for tcp whatever the LB protocol (LoadBalancingRulesManagerImpl).
  const firewallRuleId = await ownFirewallRuleId(
    client,
    { id, ipAddressId: String(rule.publicipid), protocol: "tcp", startPort: numberOrNull(rule.publicport), endPort: numberOrNull(rule.publicport) },
    olds,
    ownerScope(olds),
    madeByCreate,
  );
  return { ...rule, [EXTRA]: { members, firewallRuleId } };
}

const readRule = scopedReader("listLoadBalancerRules", { goneWhen: revoked });

export const loadBalancerRuleSpec = defineSpec({
  kind: "LoadBalancerRule",
  description:
    "A load balancer rule: a public IP's port balanced over instances with roundrobin, leastconn or source. Members, the algorithm, name, protocol and source CIDRs change in place. openFirewall is always sent, false unless set, so no port is opened to 0.0.0.0/0 behind your back.",
  inputs: loadBalancerRuleInputs,
  attributes: z.object({
    publicIp: text("The public IP address."),
    zoneId: text("The id of the zone."),
    state: text("The rule's state: Add until applied, then Active."),
    projectId: text("The owning project, if any: reads of the rule pass it."),
    domain: text("The name of the owner's domain."),
    memberIds: z.array(z.string()).describe("The ids of the member instances, as CloudStack lists them."),
    firewallRuleId: text("With openFirewall: the id of the firewall rule CloudStack made for the public port when this rule was created (deleted with this rule). Null otherwise, including when a firewall rule for the same IP, protocol and port already existed: CloudStack then reuses that rule, which stays yours and outlives this rule."),
  }),
  references: { network: byId(guestNetworkReference, "network") },
  defaultedByCloudStack: ["protocol", "network", "account", "domainId", "forDisplay"],
  inPlace: { name: true, description: true, algorithm: true, protocol: true, cidrList: true, members: true, forDisplay: true },
  equal: {
    algorithm: sameText,
    protocol: sameText,
    cidrList: sameCidrList([ALL_IPV4]),
    openFirewall: sameFlag,
    members: sameMembers,
    description: sameDescription,
  },
  validate(inputs, known) {
    return [...ownerFailures(inputs, known), ...memberFailures(inputs, known)];
  },
  // One public port of an IP balances once: the old rule goes first.
  deleteBeforeReplace: (olds, news) =>
    news.ipAddressId === UNKNOWN || news.publicPort === UNKNOWN || (sameText(olds.ipAddressId, news.ipAddressId) && olds.publicPort === news.publicPort),

  async create(client, inputs, ids) {
    const openFirewall = inputs.openFirewall ?? false;
    // Names resolved before anything is made: an unknown instance leaves no half-made rule.
    const members = await resolveMembers(client, inputs.members ?? [], inputs);
    // A firewall rule already open on these ports is reused by CloudStack, not made: it stays
    // the user's and is not reported as this rule's.
    const project = openFirewall ? projectOf(await findPublicIp(client, inputs.ipAddressId)) : null;
    const reused = openFirewall
      ? await reusableFirewallRule(client, { ipAddressId: inputs.ipAddressId, protocol: "tcp", startPort: inputs.publicPort, endPort: inputs.publicPort }, {
          ...ownerScope({ account: inputs.account, domainId: inputs.domainId }),
          ...(project ? { projectid: project } : {}),
        })
      : undefined;
    const madeByCreate = openFirewall && reused === undefined;
    const rule = await executeForObject(client, "createLoadBalancerRule", {
      name: inputs.name,
      description: inputs.description,
      publicipid: inputs.ipAddressId,
      publicport: inputs.publicPort,
      privateport: inputs.privatePort,
      algorithm: inputs.algorithm.toLowerCase(),
      protocol: inputs.protocol?.toLowerCase(),
      cidrlist: inputs.cidrList,
      networkid: ids.networkId,
      openfirewall: openFirewall,
      account: inputs.account,
      domainid: inputs.domainId,
      fordisplay: inputs.forDisplay,
    }, "loadbalancer");
    const scope: PropertyMap = { projectId: textOrNull(rule.projectid), account: inputs.account, domainId: inputs.domainId, openFirewall };
    if (members.length > 0) {
      try {
        await syncMembers(client, String(rule.id), members);
      } catch (err) {
        const current = await readRule(client, String(rule.id), scope).catch(() => undefined);
        throw new PartiallyCreatedError(await complete(client, current ?? rule, scope, madeByCreate), err);
      }
    }
    const current = (await readRule(client, String(rule.id), scope)) ?? rule;
    return complete(client, current, scope, madeByCreate);
  },

  async read(client, id, olds) {
    const rule = await readRule(client, id, olds);
    return rule && complete(client, rule, olds);
  },

  async update(client, id, olds, news, _ids, changed) {
    const touches = (key: string) => changed.includes(key);
    const ruleFields = ["name", "description", "algorithm", "protocol", "cidrList", "forDisplay"];
    if (ruleFields.some(touches)) {
      await client.execute("updateLoadBalancerRule", {
        id,
        name: touches("name") ? news.name : undefined,
        description: touches("description") ? (news.description ?? "") : undefined,
        algorithm: touches("algorithm") ? news.algorithm.toLowerCase() : undefined,
        protocol: touches("protocol") ? news.protocol?.toLowerCase() : undefined,
        cidrlist: touches("cidrList") ? (news.cidrList && news.cidrList.length > 0 ? news.cidrList : [ALL_IPV4]) : undefined,
        fordisplay: touches("forDisplay") ? (news.forDisplay ?? true) : undefined,
      });
    }
    if (touches("members")) await syncMembers(client, id, await resolveMembers(client, news.members ?? [], olds));
    return complete(client, stillPresent(await readRule(client, id, olds), "LoadBalancerRule", id), olds);
  },

  // CloudStack removes the members, the policies and the openFirewall rule with it.
  delete: "deleteLoadBalancerRule",

  inputsOf(rule, olds) {
    const { account, domainId } = currentOwner(rule, olds);
    return {
      ipAddressId: textOrNull(rule.publicipid),
      // Not part of the rule object: kept as sent.
      openFirewall: olds.openFirewall === true,
      members: renderMembers(rule[EXTRA].members, olds.members),
      account,
      domainId,
    };
  },

  attributesOf: (rule) => ({ memberIds: rule[EXTRA].members.map((m) => m.id), firewallRuleId: rule[EXTRA].firewallRuleId }),

  errors: [
    { text: "The range specified, <start>-<end>, conflicts with rule <rule> which has <start>-<end>", why: "Another rule on the IP uses this public port." },
    { text: "VM with id specified cannot be added because it doesn't belong in the same network.", why: "Members must have a NIC in the rule's network." },
    { text: "Error adding load balancer rule, cannot add port 53 with network service offering having DNS service and Source NAT.", why: "Port 53 on a source NAT IP is the virtual router's DNS: use another IP or port." },
  ],
});
