// NetworkOffering: a guest network offering made by a root admin (createNetworkOffering,
// updateNetworkOffering, deleteNetworkOffering, listNetworkOfferings). CloudStack makes it
// Disabled unless asked; a network cannot use a disabled offering. Only its name, display text,
// availability, state, sort key, tag and domain and zone limits change in place
// (ConfigurationManagerImpl.updateNetworkOffering): every other input replaces it.
import { z } from "zod";
import type { CloudStackClient, Params } from "../client";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec } from "../adapter/spec";
import { ApiObject, CheckFailure, PropertyMap } from "../adapter/types";
import { failure } from "../adapter/check/failures";
import { sameText } from "../adapter/diff/comparators";
import { nonEmpty } from "../validation/fields";
import { booleanOrNull, numberOrNull, textOrNull } from "./common/api-values";
import { enabledOrDisabledInput, inputObject, keptAsWritten, textOrNameInput } from "./common/inputs";
import {
  capability,
  capabilityNeedsService,
  capabilityOf,
  createOffering,
  hasService,
  sameServicesGiven,
  scopeInput,
  serviceEntry,
  serviceListFailures,
  serviceParams,
  servicesOf,
  sharedOfferingInputs,
  updateOffering,
  type ServiceEntry,
} from "./common/offering-services";

const replaces = (what: string) => `${what} Changing it replaces the offering.`;
const createFlag = (what: string) => z.boolean().optional().describe(replaces(what));

export const networkOfferingInputs = inputObject({
  name: nonEmpty().describe("The offering's name (CloudStack does not require it to be unique). Updated in place."),
  displayText: textOrNameInput("offering's display text"),
  guestIpType: z.enum(["Isolated", "Shared", "L2"]).describe(replaces("The type of the guest networks made from it: Isolated, Shared or L2.")),
  services: z
    .array(serviceEntry)
    .optional()
    .describe(
      replaces(
        'The services and their providers, e.g. [{ name: "Dhcp", providers: ["VirtualRouter"] }, { name: "SourceNat", providers: ["VirtualRouter"] }]; none (an L2 offering) when omitted. CloudStack adds Gateway with SourceNat, and Firewall when PortForwarding or StaticNat is given by the virtual router.',
      ),
    ),
  sourceNatType: z
    .enum(["peraccount", "perzone"])
    .optional()
    .describe(replaces("The SourceNat capability SupportedSourceNatTypes: one source NAT IP per account (peraccount, the default) or per zone; the provider must support it (the virtual router: peraccount only).")),
  redundantRouter: createFlag("The SourceNat capability RedundantRouter: networks get a redundant pair of virtual routers; false when omitted."),
  lbIsolation: z
    .enum(["dedicated", "shared"])
    .optional()
    .describe(replaces("The Lb capability SupportedLBIsolation: a load balancer device per network (dedicated, the default) or shared (NetScaler).")),
  elasticLb: createFlag("The Lb capability ElasticLb (basic zone with NetScaler): load balancing on elastic public IPs; false when omitted."),
  elasticIp: createFlag("The StaticNat capability ElasticIp (basic zone with NetScaler): instances get public IPs through static NAT; false when omitted."),
  associatePublicIp: createFlag("The StaticNat capability AssociatePublicIP: with elasticIp, every new instance gets an elastic IP; false when omitted."),
  specifyVlan: createFlag("Whether networks made from it name their VLAN (root admin); false when omitted."),
  specifyIpRanges: createFlag("Whether networks made from it name their IP range: required for Shared offerings, refused for Isolated ones with SourceNat; false when omitted."),
  conserveMode: createFlag("IP conserve mode: one public IP may carry several services; true when omitted."),
  persistent: createFlag(
    "Whether networks made from it are persistent: CloudStack implements them (guest VLAN, virtual router) as soon as they are created, without waiting for an instance. Not for Shared offerings; false when omitted.",
  ),
  egressDefaultPolicy: createFlag("The default egress policy of its networks: true allows (the default), false denies all but the egress rules."),
  forVpc: createFlag("Whether it is for VPC tiers; CloudStack infers it from NetworkACL or a VPC-only provider (VpcVirtualRouter, InternalLbVm) when omitted."),
  networkRate: z.number().int().min(0).optional().describe(replaces("The data transfer rate of its networks in megabits per second.")),
  availability: z
    .enum(["Optional", "Required"])
    .optional()
    .describe("Optional (the default) or Required: the offering new accounts' first network uses; only one Isolated offering with SourceNat may be Required. Updated in place."),
  state: enabledOrDisabledInput(": CloudStack creates offerings Disabled, and a network cannot use a disabled offering; disabling keeps existing networks."),
  sortKey: z.number().int().optional().describe("The offering's place in lists (sortkey). Updated in place; CloudStack does not show it back, so it is kept as written."),
  tags: nonEmpty().optional().describe("The physical network tag its networks are placed on. Updated in place; removing it clears the tag."),
  domainIds: scopeInput("domain"),
  zoneIds: scopeInput("zone"),
});

export const networkOfferingAttributes = z.object({
  isDefault: z.boolean().nullable().describe("Whether it is one of CloudStack's built-in offerings (which cannot be deleted)."),
  trafficType: z.string().nullable().describe("The traffic type: Guest."),
  supportsInternalLb: z.boolean().nullable().describe("Whether its Lb service is internal load balancing."),
});

type Inputs = z.infer<typeof networkOfferingInputs>;

/** Providers whose PortForwarding or StaticNat brings the Firewall service (createNetworkOffering's firewallProvider). */
function impliedServices(declared: ServiceEntry[]): ServiceEntry[] {
  const giving = declared.flatMap((s) => (s.providers ?? []).map((provider) => ({ service: s.name, provider })));
  const firewall = giving.find(
    (g) => g.provider === "PaloAlto" || g.provider === "CiscoVnmc" || ((g.service === "PortForwarding" || g.service === "StaticNat") && g.provider === "VirtualRouter"),
  );
  return firewall ? [{ name: "Firewall", providers: [firewall.provider] }] : [];
}

const sameServices = sameServicesGiven(impliedServices);

function capabilityParams(inputs: Inputs): Params {
  // CloudStack counts AssociatePublicIP as true unless told otherwise, so it goes with ElasticIp.
  const associate = inputs.elasticIp === undefined ? inputs.associatePublicIp : (inputs.associatePublicIp ?? false);
  const list = [
    ...capability("SourceNat", "SupportedSourceNatTypes", inputs.sourceNatType),
    ...capability("SourceNat", "RedundantRouter", inputs.redundantRouter),
    ...capability("Lb", "SupportedLBIsolation", inputs.lbIsolation ?? (inputs.elasticLb === undefined ? undefined : "dedicated")),
    ...capability("Lb", "ElasticLb", inputs.elasticLb),
    ...capability("StaticNat", "ElasticIp", inputs.elasticIp),
    ...capability("StaticNat", "AssociatePublicIP", associate),
  ];
  return { servicecapabilitylist: list };
}

/** ConfigurationManagerImpl.createNetworkOffering's refusals that need no API. */
function offeringFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures = serviceListFailures(inputs, known);
  for (const [input, service] of [
    ["sourceNatType", "SourceNat"],
    ["redundantRouter", "SourceNat"],
    ["lbIsolation", "Lb"],
    ["elasticLb", "Lb"],
    ["elasticIp", "StaticNat"],
    ["associatePublicIp", "StaticNat"],
  ]) {
    failures.push(...capabilityNeedsService(inputs, known, input, service));
  }
  const type = known("guestIpType") ? inputs.guestIpType : undefined;
  const sourceNat = known("services") && hasService(inputs, "SourceNat");
  if (known("associatePublicIp") && known("elasticIp") && inputs.associatePublicIp === true && inputs.elasticIp !== true) {
    failures.push(failure("associatePublicIp", true, 'needs elasticIp: true (CloudStack: "Capability AssociatePublicIP can only be set when capability ElasticIp is true")'));
  }
  if (type !== undefined && type !== "Shared" && known("services") && hasService(inputs, "SecurityGroup")) {
    failures.push(failure("services", "SecurityGroup", "is a service of Shared offerings only (CloudStack: \"Security group service is supported for network offerings with guest ip type Shared\")"));
  }
  if (known("specifyIpRanges") && type === "Shared" && inputs.specifyIpRanges !== true) {
    failures.push(failure("specifyIpRanges", inputs.specifyIpRanges, 'must be true for a Shared offering (CloudStack: "SpecifyIpRanges should always be true for Shared network offerings")'));
  }
  if (known("specifyIpRanges") && type === "Isolated" && sourceNat && inputs.specifyIpRanges === true) {
    failures.push(failure("specifyIpRanges", true, "cannot be true for an Isolated offering with SourceNat: its networks take IPs from the zone's public ranges"));
  }
  if (known("persistent") && type === "Shared" && inputs.persistent === true) {
    failures.push(failure("persistent", true, "cannot be true for a Shared offering (CloudStack: \"isPersistent should be false if network offering's type is Shared\")"));
  }
  if (known("availability") && inputs.availability === "Required" && type !== undefined && known("services") && !(type === "Isolated" && sourceNat)) {
    failures.push(failure("availability", "Required", "needs an Isolated offering with the SourceNat service"));
  }
  return failures;
}

const readOffering = (client: CloudStackClient, id: string): Promise<ApiObject | undefined> =>
  // A deleted offering's id still resolves and lists nothing: gone.
  findById(client, "listNetworkOfferings", id, {});

const COMMANDS = { create: "createNetworkOffering", update: "updateNetworkOffering", objectName: "networkoffering", kind: "NetworkOffering" };

/** The inputs updateNetworkOffering takes, by parameter name (tags, domains and zones apart). */
const UPDATE_PARAMS = { name: "name", displayText: "displaytext", availability: "availability", state: "state", sortKey: "sortkey" };

export const networkOfferingSpec = defineSpec({
  kind: "NetworkOffering",
  description:
    "A guest network offering (root admin): guest type, services and their providers, capabilities, persistence and the rest fixed at creation; name, display text, availability, state, sort key, tag, domains and zones updated in place. Created Disabled unless `state` is Enabled. A Network names it by `name` or `id`. It cannot be deleted while networks use it: delete or move those networks first, or disable it instead.",
  inputs: networkOfferingInputs,
  attributes: networkOfferingAttributes,
  defaultedByCloudStack: [
    "displayText", "services", "sourceNatType", "redundantRouter", "lbIsolation", "elasticLb", "elasticIp", "associatePublicIp", "specifyVlan",
    "specifyIpRanges", "conserveMode", "persistent", "egressDefaultPolicy", "forVpc", "networkRate", "availability", "state",
  ],
  inPlace: { name: true, displayText: true, availability: true, state: true, sortKey: true, tags: true, domainIds: true, zoneIds: true },
  equal: { services: sameServices, tags: sameText },
  validate: offeringFailures,

  // CloudStack accepts two offerings alike, so only a create that failed or got no answer looks
  // for an earlier attempt's offering: the same name, type, display text and services.
  recognise: {
    when: "afterFailure",
    async find(client, inputs) {
      const offerings = await client.list<ApiObject>("listNetworkOfferings", { name: inputs.name });
      return offerings.find(
        (o) =>
          o.name === inputs.name &&
          o.guestiptype === inputs.guestIpType &&
          o.displaytext === (inputs.displayText ?? inputs.name) &&
          o.isdefault !== true &&
          sameServices(inputs.services ?? [], servicesOf(o)),
      );
    },
  },

  async create(client, inputs) {
    const params: Params = {
      name: inputs.name,
      displaytext: inputs.displayText,
      traffictype: "Guest",
      guestiptype: inputs.guestIpType,
      ...serviceParams(inputs.services ?? []),
      ...capabilityParams(inputs),
      specifyvlan: inputs.specifyVlan,
      specifyipranges: inputs.specifyIpRanges,
      conservemode: inputs.conserveMode,
      ispersistent: inputs.persistent,
      egressdefaultpolicy: inputs.egressDefaultPolicy,
      forvpc: inputs.forVpc,
      networkrate: inputs.networkRate,
      availability: inputs.availability,
      tags: inputs.tags,
      domainid: inputs.domainIds,
      zoneid: inputs.zoneIds,
      enable: inputs.state === "Enabled",
    };
    return createOffering(client, COMMANDS, params, inputs.sortKey);
  },

  read: (client, id) => readOffering(client, id),

  update(client, id, _olds, news, _ids, changed) {
    // An empty tags value is how updateNetworkOffering clears the tag.
    const tags = changed.includes("tags") ? { tags: news.tags ?? "" } : {};
    return updateOffering(client, COMMANDS, id, changed, news, UPDATE_PARAMS, () => readOffering(client, id), tags);
  },

  delete: "deleteNetworkOffering",

  inputsOf(offering, olds) {
    return {
      ...keptAsWritten(olds, "sortKey"),
      ...sharedOfferingInputs(offering),
      guestIpType: textOrNull(offering.guestiptype),
      sourceNatType: capabilityOf(offering, "SourceNat", "SupportedSourceNatTypes"),
      redundantRouter: flagOf(capabilityOf(offering, "SourceNat", "RedundantRouter")),
      lbIsolation: capabilityOf(offering, "Lb", "SupportedLBIsolation"),
      elasticLb: flagOf(capabilityOf(offering, "Lb", "ElasticLb")),
      elasticIp: flagOf(capabilityOf(offering, "StaticNat", "ElasticIp")),
      associatePublicIp: flagOf(capabilityOf(offering, "StaticNat", "AssociatePublicIP")),
      persistent: booleanOrNull(offering.ispersistent),
      networkRate: numberOrNull(offering.networkrate),
    };
  },

  attributesOf: (offering) => ({
    isDefault: booleanOrNull(offering.isdefault),
    trafficType: textOrNull(offering.traffictype),
    supportsInternalLb: booleanOrNull(offering.supportsinternallb),
  }),
});

function flagOf(value: string | null): boolean | null {
  return value === null ? null : value === "true";
}
