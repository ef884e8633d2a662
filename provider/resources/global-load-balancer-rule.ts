// GlobalLoadBalancerRule: global server load balancing of one domain name across LB rules in
// different zones (createGlobalLoadBalancerRule, updateGlobalLoadBalancerRule,
// assignToGlobalLoadBalancerRule / removeFromGlobalLoadBalancerRule,
// deleteGlobalLoadBalancerRule, listGlobalLoadBalancerRules). Description, method, sticky method
// and members (with weights) change in place.
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient } from "../client";
import { PartiallyCreatedError } from "../adapter/lifecycle/errors";
import { defineSpec } from "../adapter/spec";
import { ApiObject, EXTRA, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { sameText } from "../adapter/diff/comparators";
import { caseInsensitiveEnum, nonEmpty, uuid } from "../validation/fields";
import { numberOrNull, textOrNull } from "./common/api-values";
import { executeForObject, stillPresent } from "./common/job-result";
import { currentOwner, ownerFailures } from "./common/ownership";
import { revoked, sameDescription } from "./common/rules-common";
import { scopedReader } from "./common/scoped-lookup";
import { gslbMember, gslbMemberFailures, memberZones, renderGslbMembers, sameGslbMembers, syncGslbMembers } from "./common/rules-gslb-members";
import { text } from "./common/attributes";
import { descriptionInput, inputObject, nameInput } from "./common/inputs";

export const GSLB_METHODS = ["roundrobin", "leastconn", "proximity"] as const;

/** A DNS name: labels of letters, digits and hyphens, not starting or ending with a hyphen. */
const domainName = () =>
  z.string().refine((v) => v.length <= 253 && /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*$/.test(v), {
    message: "is not a valid domain name (labels of letters, digits and hyphens, separated by dots)",
  });

export const globalLoadBalancerRuleInputs = inputObject({
  name: nameInput("the rule", "Changing it replaces the rule."),
  description: descriptionInput(),
  regionId: z
    .number()
    .int({ message: "must be a whole number" })
    .positive({ message: "must be a region id (1 or more)" })
    .describe("The id of the region (1 for the local one); it needs the GSLB service. Changing it replaces the rule."),
  domainName: domainName().describe(
    "The domain name users resolve, e.g. app.example.com; unique in the cloud. The FQDN served is this name under the region's `cloud.dns.name` (see `fqdn`). Changing it replaces the rule, deleting the old one first.",
  ),
  serviceType: caseInsensitiveEnum(["tcp", "udp", "http"]).describe("tcp, udp or http, in any case. Changing it replaces the rule."),
  lbMethod: caseInsensitiveEnum(GSLB_METHODS)
    .optional()
    .describe("How traffic is spread across zones: roundrobin, leastconn or proximity, in any case; CloudStack's roundrobin when omitted. Updated in place."),
  stickyMethod: caseInsensitiveEnum(["sourceip"]).optional().describe("Session persistence: sourceip, the only method and the default. Updated in place."),
  members: z
    .array(gslbMember)
    .optional()
    .describe(
      "The load balancer rules served, at most one per zone, with optional weights. Changed in place; a weight change removes the rule and assigns it again with the new weight (the API has no other way). CloudStack does not report weights: the outputs carry the weights last applied, and a weight changed outside the program goes unseen.",
    ),
  account: nonEmpty().optional().describe("The account that owns the rule (with `domainId`); its LB rules must have the same owner. Changing it replaces the rule."),
  domainId: uuid().optional().describe("The id of the owning account's domain. Changing it replaces the rule."),
});

/** cloud.dns.name, looked up when no prior domain name says where the FQDN's suffix begins. */
/** A rule as read, with the cloud's DNS name when no domain name was written to strip it by. */
type GslbRule = ApiObject & { readonly [EXTRA]?: { readonly cloudDnsName: string | null } };

/** The global setting cloud.dns.name; undefined when the caller may not list settings. */
async function cloudDnsName(client: CloudStackClient): Promise<string | undefined> {
  try {
    const settings = await client.list<ApiObject>("listConfigurations", { name: "cloud.dns.name" });
    const setting = settings.find((s) => s.name === "cloud.dns.name");
    return setting ? (textOrNull(setting.value) ?? undefined) : undefined;
  } catch (err) {
    if (err instanceof CloudStackApiError) return undefined;
    throw err;
  }
}

/**
 * CloudStack reports gslbdomainname as the FQDN (the domain name, a dot, cloud.dns.name). The
 * domain name is the part before the suffix: the prior one where it matches, else the FQDN less
 * cloud.dns.name.
 */
function domainNameOf(rule: GslbRule, olds: PropertyMap): string | null {
  const fqdn = textOrNull(rule.gslbdomainname);
  if (!fqdn) return null;
  const prior = textOrNull(olds.domainName);
  if (prior && (fqdn.toLowerCase() === prior.toLowerCase() || fqdn.toLowerCase().startsWith(`${prior.toLowerCase()}.`))) return prior;
  const dns = rule[EXTRA]?.cloudDnsName;
  if (dns && fqdn.toLowerCase().endsWith(`.${dns.toLowerCase()}`)) return fqdn.slice(0, fqdn.length - dns.length - 1);
  return fqdn;
}

async function withDnsName(client: CloudStackClient, rule: ApiObject, olds: PropertyMap): Promise<GslbRule> {
  if (textOrNull(olds.domainName)) return rule;
  return { ...rule, [EXTRA]: { cloudDnsName: (await cloudDnsName(client)) ?? null } };
}

const readRule = scopedReader("listGlobalLoadBalancerRules", { goneWhen: revoked });

/** Refuses clearly, before any create, a region whose listing says it has no GSLB service. */
async function requireGslbRegion(client: CloudStackClient, regionId: number): Promise<void> {
  const [region] = await client.list<ApiObject>("listRegions", { id: regionId });
  if (!region) throw new Error(`GlobalLoadBalancerRule: region ${regionId} does not exist (listRegions lists no region with that id); nothing was created.`);
  if (region.gslbserviceenabled === false) {
    throw new Error(
      `GlobalLoadBalancerRule: region ${String(region.name)} (id ${regionId}) has no GSLB service (listRegions reports gslbserviceenabled false), ` +
        `so CloudStack would refuse the rule with "GSLB service is not enabled in region : ${String(region.name)}"; nothing was created. ` +
        "A root admin enables GSLB for the region (and sets cloud.dns.name); or use a region that has it.",
    );
  }
}

export const globalLoadBalancerRuleSpec = defineSpec({
  kind: "GlobalLoadBalancerRule",
  description:
    "Global server load balancing: one domain name served across load balancer rules in different zones, with weights. Members, weights, the method and the description change in place. Outputs `fqdn`, the name users resolve.",
  inputs: globalLoadBalancerRuleInputs,
  attributes: z.object({
    fqdn: text("What users resolve: the domain name under the cloud's cloud.dns.name, as CloudStack reports it."),
    memberZoneIds: z.array(z.string()).describe("The zones of the member LB rules."),
    projectId: text("The owning project, if any: reads of the rule pass it."),
    domain: text("The name of the owner's domain."),
  }),
  defaultedByCloudStack: ["lbMethod", "stickyMethod", "account", "domainId"],
  inPlace: { description: true, lbMethod: true, stickyMethod: true, members: true },
  equal: {
    domainName: sameText,
    serviceType: sameText,
    lbMethod: sameText,
    stickyMethod: sameText,
    members: sameGslbMembers,
    description: sameDescription,
  },
  validate(inputs, known) {
    return [...ownerFailures(inputs, known), ...gslbMemberFailures(inputs, known)];
  },
  // Domain names are unique: the old rule must let go of it first.
  deleteBeforeReplace: (olds, news) => news.domainName === UNKNOWN || sameText(olds.domainName, news.domainName),

  async create(client, inputs) {
    await requireGslbRegion(client, inputs.regionId);
    const created = await executeForObject(client, "createGlobalLoadBalancerRule", {
      name: inputs.name,
      description: inputs.description,
      regionid: inputs.regionId,
      gslbdomainname: inputs.domainName,
      gslbservicetype: inputs.serviceType.toLowerCase(),
      gslblbmethod: inputs.lbMethod?.toLowerCase(),
      gslbstickysessionmethodname: inputs.stickyMethod?.toLowerCase(),
      account: inputs.account,
      domainid: inputs.domainId,
    }, "globalloadbalancer");
    const scope: PropertyMap = { projectId: textOrNull(created.projectid), account: inputs.account, domainId: inputs.domainId, domainName: inputs.domainName };
    const id = String(created.id);
    if (inputs.members && inputs.members.length > 0) {
      try {
        await syncGslbMembers(client, (await readRule(client, id, scope)) ?? created, inputs.members, []);
      } catch (err) {
        const current = await readRule(client, id, scope).catch(() => undefined);
        throw new PartiallyCreatedError(await withDnsName(client, current ?? created, scope), err);
      }
    }
    return withDnsName(client, (await readRule(client, id, scope)) ?? created, scope);
  },

  async read(client, id, olds) {
    const rule = await readRule(client, id, olds);
    return rule && withDnsName(client, rule, olds);
  },

  async update(client, id, olds, news, _ids, changed) {
    const touches = (key: string) => changed.includes(key);
    if (touches("description") || touches("lbMethod") || touches("stickyMethod")) {
      await client.execute("updateGlobalLoadBalancerRule", {
        id,
        description: touches("description") ? (news.description ?? "") : undefined,
        gslblbmethod: touches("lbMethod") ? (news.lbMethod ?? "roundrobin").toLowerCase() : undefined,
        gslbstickysessionmethodname: touches("stickyMethod") ? (news.stickyMethod ?? "sourceip").toLowerCase() : undefined,
      });
    }
    if (touches("members")) {
      const current = stillPresent(await readRule(client, id, olds), "GlobalLoadBalancerRule", id);
      await syncGslbMembers(client, current, news.members ?? [], olds.members);
    }
    return withDnsName(client, stillPresent(await readRule(client, id, olds), "GlobalLoadBalancerRule", id), olds);
  },

  // CloudStack revokes the members' assignments with the rule.
  delete: "deleteGlobalLoadBalancerRule",

  inputsOf(rule, olds) {
    const { account, domainId } = currentOwner(rule, olds);
    return {
      regionId: numberOrNull(rule.regionid) ?? olds.regionId ?? null,
      domainName: domainNameOf(rule, olds),
      serviceType: textOrNull(rule.gslbservicetype),
      lbMethod: textOrNull(rule.gslblbmethod),
      stickyMethod: textOrNull(rule.gslbstickysessionmethodname),
      members: renderGslbMembers(rule, olds.members),
      account,
      domainId,
    };
  },

  attributesOf: (rule) => ({ fqdn: textOrNull(rule.gslbdomainname), memberZoneIds: memberZones(rule) }),

  errors: [
    { text: "GSLB service is not enabled in the Zone:<zone> and physical network <id>", why: "GSLB needs a provider that offers it (e.g. NetScaler with GSLB) in each member's zone." },
    { text: "Load balancer rule specified should be in unique zone", why: "Each member must be a load balancer rule of another zone." },
  ],
});
