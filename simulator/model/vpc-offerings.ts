// VPC offerings made and changed by a root admin, with VpcManagerImpl's rules: createVPCOffering
// (createVpcOffering), updateVPCOffering (updateVpcOfferingInternal), deleteVPCOffering.
import { paramError } from "../errors";
import { now } from "./dates";
import { vpcOfferingText } from "./object-texts";
import { capabilityRequests, providerNamed, providersHaveCapability, serviceNamed, type CapabilityRequest } from "./offering-catalog";
import type { SimulatorState, VpcOfferingRecord } from "./records";
import { applyOfferingUpdate, newOfferingIdentity, offeringState, removeOffering, type OfferingUpdate } from "./offering-changes";

export interface CreateVpcOfferingInput {
  name: string;
  displaytext?: string;
  supportedservices?: string[];
  serviceproviderlist: ReadonlyArray<Record<string, string>>;
  servicecapabilitylist: ReadonlyArray<Record<string, string>>;
  domainUuids: string[];
  zoneUuids: string[];
  enable?: boolean;
}

/** Services a VPC offering refuses (VpcManagerImpl.nonSupportedServices). */
const NOT_IN_VPC = ["SecurityGroup", "Firewall"];

/**
 * findCapabilityForService: whether the capability is asked as true, refusing it under another
 * service. CloudStack's text swaps the service and capability names; kept as it is.
 */
function capabilityAsked(requests: readonly CapabilityRequest[], capability: string, service: string): boolean {
  const request = requests.find((r) => r.capability === capability);
  if (!request) return false;
  if (request.service.toLowerCase() !== service.toLowerCase()) {
    throw paramError(`Invalid Service: ${request.service} specified. Capability ${service} can be specified only for service ${capability}`);
  }
  return request.value.toLowerCase() === "true";
}

export class VpcOfferings {
  constructor(private readonly state: SimulatorState) {}

  create(input: CreateVpcOfferingInput): VpcOfferingRecord {
    if (input.supportedservices === undefined || input.supportedservices.length === 0) throw paramError("Supported services needs to be provided");
    const services = new Map<string, string[]>();
    for (const given of input.supportedservices) {
      const service = serviceNamed(given);
      if (service === undefined || NOT_IN_VPC.includes(service)) throw paramError(`Service ${given} is not supported in VPC`);
      services.set(service, service === "Connectivity" ? ["NiciraNvp"] : ["VpcVirtualRouter"]);
    }
    if (!services.has("SourceNat")) services.set("SourceNat", ["VpcVirtualRouter"]);
    if (!services.has("NetworkACL")) services.set("NetworkACL", ["VpcVirtualRouter"]);
    const byService = new Map<string, string[]>();
    for (const entry of input.serviceproviderlist) byService.set(entry.service ?? "", [...(byService.get(entry.service ?? "") ?? []), entry.provider ?? ""]);
    for (const [given, names] of byService) {
      const service = serviceNamed(given);
      if (service === undefined || !services.has(service)) throw paramError(`Service ${given} is not enabled for the network offering, can't add a provider to it`);
      const providers: string[] = [];
      for (const name of names) {
        const provider = providerNamed(name);
        if (provider === undefined) throw paramError(`Invalid service provider: ${name}`);
        if (!providers.includes(provider)) providers.push(provider);
      }
      services.set(service, providers);
    }
    services.set("Gateway", services.get("SourceNat") ?? ["VpcVirtualRouter"]);

    // validateConnectivtyServiceCapabilities: every capability asked is checked against the
    // Connectivity service's providers, when the offering has that service.
    const requests = capabilityRequests(input.servicecapabilitylist);
    const connectivity = services.get("Connectivity");
    for (const r of requests) {
      if (connectivity) providersHaveCapability(connectivity, serviceNamed(r.service) ?? r.service, r.capability);
      if (!["true", "false"].includes(r.value.toLowerCase())) throw paramError(`Invalid Capability value:${r.value} specified.`);
    }
    const offering: VpcOfferingRecord = {
      ...newOfferingIdentity(this.state, "vpcOffering", input.name, input.displaytext),
      isDefault: false,
      state: input.enable === true ? "Enabled" : "Disabled",
      services: [...services].map(([name, providers]) => ({ name, providers })),
      created: now(),
      distributedRouter: capabilityAsked(requests, "DistributedRouter", "Connectivity"),
      regionLevelVpc: capabilityAsked(requests, "RegionLevelVpc", "Connectivity"),
      redundantRouter: capabilityAsked(requests, "RedundantRouter", "SourceNat"),
      domainUuids: input.domainUuids,
      zoneUuids: input.zoneUuids,
    };
    this.state.vpcOfferings.push(offering);
    return offering;
  }

  update(offering: VpcOfferingRecord, input: OfferingUpdate): VpcOfferingRecord {
    if (offering.removed) throw paramError(`Unable to find vpc offering ${offering.id}`);
    applyOfferingUpdate(offering, input, offeringState(input.state));
    return offering;
  }

  delete(offering: VpcOfferingRecord): void {
    const users = this.state.vpcs.filter((v) => !v.removed && v.offeringUuid === offering.uuid).length;
    removeOffering(offering, "vpc", vpcOfferingText(offering), users, "vpcs");
  }
}
