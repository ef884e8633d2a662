// VpcOffering: a VPC offering made by a root admin (createVPCOffering, updateVPCOffering,
// deleteVPCOffering, listVPCOfferings). CloudStack makes it Disabled unless asked, adds SourceNat
// and NetworkACL when they are not listed, and gives every service the VPC virtual router unless
// another provider is named (VpcManagerImpl.createVpcOffering). Name, display text, state, sort key
// and the domain and zone limits change in place; services and capabilities replace it.
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec } from "../adapter/spec";
import { ApiObject, CheckFailure, PropertyMap } from "../adapter/types";
import { failure } from "../adapter/check/failures";
import { nonEmpty } from "../validation/fields";
import { booleanOrNull } from "./common/api-values";
import { enabledOrDisabledInput, inputObject, keptAsWritten, textOrNameInput } from "./common/inputs";
import * as offerings from "./common/offering-services";

export const vpcOfferingInputs = inputObject({
  name: nonEmpty().describe("The VPC offering's name. Updated in place."),
  displayText: textOrNameInput("VPC offering's display text"),
  services: z
    .array(offerings.serviceEntry)
    .min(1, { message: "must name at least one service (CloudStack: \"Supported services needs to be provided\")" })
    .describe(
      'The services of its VPCs and their providers, e.g. [{ name: "Dhcp" }, { name: "Lb", providers: ["VpcVirtualRouter", "InternalLbVm"] }]; a service without providers gets VpcVirtualRouter (Connectivity: NiciraNvp). SourceNat and NetworkACL are added when missing; Firewall and SecurityGroup are not VPC services. Changing it replaces the offering.',
    ),
  redundantRouter: z
    .boolean()
    .optional()
    .describe("The SourceNat capability RedundantRouter: VPCs get a redundant pair of routers; false when omitted. CloudStack does not show it back, so it is kept as written. Changing it replaces the offering."),
  distributedRouter: z
    .boolean()
    .optional()
    .describe("The Connectivity capability DistributedRouter (needs the Connectivity service from a provider that has it, e.g. Ovs); false when omitted. Changing it replaces the offering."),
  regionLevelVpc: z
    .boolean()
    .optional()
    .describe("The Connectivity capability RegionLevelVpc (needs the Connectivity service from a provider that has it, e.g. Ovs); false when omitted. Changing it replaces the offering."),
  state: enabledOrDisabledInput(": CloudStack creates VPC offerings Disabled, and a VPC cannot use a disabled one."),
  sortKey: z.number().int().optional().describe("The offering's place in lists. Updated in place; CloudStack does not show it back, so it is kept as written."),
  domainIds: offerings.scopeInput("domain"),
  zoneIds: offerings.scopeInput("zone"),
});

export const vpcOfferingAttributes = z.object({
  isDefault: z.boolean().nullable().describe("Whether it is CloudStack's built-in VPC offering."),
});

/** What createVPCOffering adds to the services given. */
function impliedVpcServices(declared: offerings.ServiceEntry[]): offerings.ServiceEntry[] {
  return ["SourceNat", "NetworkACL"].filter((name) => !declared.some((s) => s.name === name)).map((name) => ({ name: name as offerings.ServiceEntry["name"], providers: ["VpcVirtualRouter"] }));
}

const sameVpcServices = offerings.sameServicesGiven(impliedVpcServices);

function vpcOfferingFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures = offerings.serviceListFailures(inputs, known);
  if (known("services") && Array.isArray(inputs.services)) {
    (inputs.services as offerings.ServiceEntry[]).forEach((s, i) => {
      if (s.name === "Firewall" || s.name === "SecurityGroup") failures.push(failure(`services[${i}].name`, s.name, `is not a VPC service (CloudStack: "Service ${s.name} is not supported in VPC"); VPC tiers use NetworkACL`));
    });
  }
  failures.push(...offerings.capabilityNeedsService(inputs, known, "distributedRouter", "Connectivity"), ...offerings.capabilityNeedsService(inputs, known, "regionLevelVpc", "Connectivity"));
  // createVPCOffering checks every capability asked against the Connectivity service's providers,
  // which do not have RedundantRouter.
  if (known("redundantRouter") && known("services") && inputs.redundantRouter !== undefined && offerings.hasService(inputs, "Connectivity")) {
    failures.push(failure("redundantRouter", inputs.redundantRouter, "cannot be combined with the Connectivity service: CloudStack checks every capability against the Connectivity providers, which lack RedundantRouter"));
  }
  return failures;
}

const readVpcOffering = (client: CloudStackClient, id: string): Promise<ApiObject | undefined> =>
  // A deleted offering's id still resolves and lists nothing: gone.
  findById(client, "listVPCOfferings", id, {});

const COMMANDS = { create: "createVPCOffering", update: "updateVPCOffering", objectName: "vpcoffering", kind: "VpcOffering" };
const UPDATE_PARAMS = { name: "name", displayText: "displaytext", state: "state", sortKey: "sortkey" };

export const vpcOfferingSpec = defineSpec({
  kind: "VpcOffering",
  description:
    "A VPC offering (root admin): services, providers and capabilities (redundant router, distributed router, region-level VPC) fixed at creation; name, display text, state, sort key, domains and zones updated in place. Created Disabled unless `state` is Enabled. A Vpc names it by `name` or `id`. It cannot be deleted while VPCs use it: delete them first, or disable it instead.",
  inputs: vpcOfferingInputs,
  attributes: vpcOfferingAttributes,
  defaultedByCloudStack: ["displayText", "distributedRouter", "regionLevelVpc", "state"],
  inPlace: { name: true, displayText: true, state: true, sortKey: true, domainIds: true, zoneIds: true },
  equal: { services: sameVpcServices },
  validate: vpcOfferingFailures,

  async create(client, inputs) {
    const params = {
      name: inputs.name,
      displaytext: inputs.displayText,
      ...offerings.serviceParams(inputs.services),
      servicecapabilitylist: [
        ...offerings.capability("SourceNat", "RedundantRouter", inputs.redundantRouter),
        ...offerings.capability("Connectivity", "DistributedRouter", inputs.distributedRouter),
        ...offerings.capability("Connectivity", "RegionLevelVpc", inputs.regionLevelVpc),
      ],
      domainid: inputs.domainIds,
      zoneid: inputs.zoneIds,
      enable: inputs.state === "Enabled",
    };
    return offerings.createOffering(client, COMMANDS, params, inputs.sortKey);
  },

  read: (client, id) => readVpcOffering(client, id),

  update: (client, id, _olds, news, _ids, changed) => offerings.updateOffering(client, COMMANDS, id, changed, news, UPDATE_PARAMS, () => readVpcOffering(client, id)),

  delete: "deleteVPCOffering",

  inputsOf(offering, olds) {
    const shared = offerings.sharedOfferingInputs(offering);
    // Without the Connectivity service CloudStack answers false for its capabilities: no input
    // asked for them (a false one would be refused at check for want of the service).
    const connectivity = offerings.hasService(shared, "Connectivity");
    const capabilityOf = (value: unknown): boolean | null => (connectivity || value === true ? booleanOrNull(value) : null);
    return {
      ...keptAsWritten(olds, "sortKey", "redundantRouter"),
      ...shared,
      distributedRouter: capabilityOf(offering.distributedvpcrouter),
      regionLevelVpc: capabilityOf(offering.supportsregionLevelvpc),
    };
  },
});
