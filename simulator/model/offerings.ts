// Network offerings as a CloudStack install ships them, and the capabilities their providers
// advertise (VirtualRouterElement / VpcVirtualRouterElement), which networks report per service.
import { paramError } from "../errors";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import { offeringText } from "./object-texts";
import { applyOfferingUpdate, newOfferingIdentity, offeringState, removeOffering, type OfferingUpdate } from "./offering-changes";
import { capabilitiesOf, capabilityRequests, checkCapabilityForProviders, checkProvidersSupport, providerNamed, serviceNamed } from "./offering-catalog";
import type { GuestIpType, NetworkOfferingRecord, OfferingServiceRecord, SimulatorState } from "./records";

export interface Capability {
  name: string;
  value: string;
}

const STICKINESS_METHODS = JSON.stringify([
  {
    methodname: "LbCookie",
    paramlist: ["cookie-name", "mode", "nocache", "indirect", "postonly", "domain"].map((p) => ({
      paramname: p,
      required: false,
      isflag: ["nocache", "indirect", "postonly"].includes(p),
      description: " ",
    })),
    description: "This is loadbalancer cookie based stickiness method.",
  },
  {
    methodname: "AppCookie",
    paramlist: ["cookie-name", "length", "holdtime", "request-learn", "prefix", "mode"].map((p) => ({
      paramname: p,
      required: false,
      isflag: ["request-learn", "prefix"].includes(p),
      description: " ",
    })),
    description:
      "This is App session based sticky method. Define session stickiness on an existing application cookie. It can be used only for a specific http traffic",
  },
  {
    methodname: "SourceBased",
    paramlist: ["tablesize", "expire"].map((p) => ({ paramname: p, required: false, isflag: false, description: " " })),
    description: "This is source based Stickiness method, it can be used for any type of protocol.",
  },
]);

/** What the virtual router providers advertise, per service. */
const PROVIDER_CAPABILITIES: Record<string, Capability[]> = {
  Lb: [
    { name: "SupportedLBIsolation", value: "dedicated" },
    { name: "SupportedLbAlgorithms", value: "roundrobin,leastconn,source" },
    { name: "SupportedProtocols", value: "tcp, udp, tcp-proxy" },
    { name: "LbSchemes", value: "Public" },
    { name: "SupportedStickinessMethods", value: STICKINESS_METHODS },
    { name: "AutoScaleCounters", value: '[{"methodname":"cpu","paramlist":[]},{"methodname":"memory","paramlist":[]}]' },
  ],
  PortForwarding: [{ name: "SupportedProtocols", value: "tcp,udp" }],
  SourceNat: [
    { name: "SupportedSourceNatTypes", value: "peraccount" },
    { name: "RedundantRouter", value: "true" },
  ],
  Vpn: [
    { name: "VpnTypes", value: "removeaccessvpn" },
    { name: "SupportedVpnTypes", value: "pptp,l2tp,ipsec" },
  ],
  Dns: [{ name: "AllowDnsSuffixModification", value: "true" }],
  Dhcp: [{ name: "DhcpAccrossMultipleSubnets", value: "true" }],
  StaticNat: [],
  UserData: [],
  Firewall: [
    { name: "TrafficStatistics", value: "per public ip" },
    { name: "SupportedProtocols", value: "tcp,udp,icmp" },
    { name: "MultipleIps", value: "true" },
    { name: "SupportedTrafficDirection", value: "ingress, egress" },
    { name: "SupportedEgressProtocols", value: "tcp,udp,icmp, all" },
  ],
  NetworkACL: [{ name: "SupportedProtocols", value: "tcp,udp,icmp" }],
  Gateway: [],
};

export const providerCapabilities = (service: string): Capability[] => PROVIDER_CAPABILITIES[service] ?? [];

/** The offering-level capabilities CloudStack reports in listNetworkOfferings. */
export function offeringCapabilities(offering: NetworkOfferingRecord, service: string): Capability[] {
  const own = offering.serviceCapabilities?.[service];
  if (own) return own;
  switch (service) {
    case "SourceNat":
      return [
        { name: "SupportedSourceNatTypes", value: "peraccount" },
        { name: "RedundantRouter", value: String(offering.redundantRouter) },
      ];
    case "Lb":
      return [
        { name: "SupportedLBIsolation", value: "dedicated" },
        { name: "ElasticLb", value: "false" },
        { name: "InlineMode", value: "false" },
        { name: "VmAutoScaling", value: "false" },
      ];
    case "StaticNat":
      return [
        { name: "ElasticIp", value: "false" },
        { name: "AssociatePublicIP", value: "false" },
      ];
    default:
      return [];
  }
}

export const offeringHasService = (offering: NetworkOfferingRecord, service: string): boolean =>
  offering.services.some((s) => s.name === service);

const ISOLATED_SERVICES = ["Dhcp", "Dns", "UserData", "Firewall", "Gateway", "SourceNat", "StaticNat", "PortForwarding", "Lb", "Vpn"];
const VPC_SERVICES = ["Dhcp", "Dns", "UserData", "Gateway", "SourceNat", "StaticNat", "PortForwarding", "Lb", "Vpn", "NetworkACL"];

const withProvider = (names: string[], provider: string): OfferingServiceRecord[] =>
  names.map((name) => ({ name, providers: [provider] }));

interface OfferingSpec {
  name: string;
  displaytext: string;
  guestIpType: GuestIpType;
  services: OfferingServiceRecord[];
  availability?: NetworkOfferingRecord["availability"];
  isDefault?: boolean;
  specifyVlan?: boolean;
  specifyIpRanges?: boolean;
  forVpc?: boolean;
  isPersistent?: boolean;
  egressDefaultPolicy?: boolean;
}

/** The offerings of a fresh install that the simulator models, by their shipped names. */
const DEFAULT_OFFERINGS: OfferingSpec[] = [
  {
    name: "DefaultIsolatedNetworkOfferingWithSourceNatService",
    displaytext: "Offering for Isolated networks with Source Nat service enabled",
    guestIpType: "Isolated",
    services: withProvider(ISOLATED_SERVICES, "VirtualRouter"),
    availability: "Required",
  },
  {
    name: "DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent",
    displaytext: "Offering for persistent Isolated networks with Source Nat service enabled",
    guestIpType: "Isolated",
    services: withProvider(ISOLATED_SERVICES, "VirtualRouter"),
    isDefault: false,
    isPersistent: true,
  },
  {
    name: "DefaultIsolatedNetworkOffering",
    displaytext: "Offering for Isolated networks with no Source Nat service",
    guestIpType: "Isolated",
    services: withProvider(["Dhcp", "Dns", "UserData"], "VirtualRouter"),
    specifyIpRanges: true,
  },
  {
    name: "DefaultSharedNetworkOffering",
    displaytext: "Offering for Shared networks",
    guestIpType: "Shared",
    services: withProvider(["Dhcp", "Dns", "UserData"], "VirtualRouter"),
    specifyVlan: true,
    specifyIpRanges: true,
  },
  {
    name: "DefaultL2NetworkOffering",
    displaytext: "Offering for L2 networks",
    guestIpType: "L2",
    services: [],
  },
  {
    name: "DefaultL2NetworkOfferingVlan",
    displaytext: "Offering for L2 networks VLAN",
    guestIpType: "L2",
    services: [],
    specifyVlan: true,
  },
  {
    name: "DefaultIsolatedNetworkOfferingForVpcNetworks",
    displaytext: "Offering for Isolated VPC networks with Source Nat service enabled",
    guestIpType: "Isolated",
    services: withProvider(VPC_SERVICES, "VpcVirtualRouter"),
    forVpc: true,
  },
  {
    name: "DefaultIsolatedNetworkOfferingForVpcNetworksNoLB",
    displaytext: "Offering for Isolated VPC networks with Source Nat service enabled and LB service disabled",
    guestIpType: "Isolated",
    services: withProvider(
      VPC_SERVICES.filter((s) => s !== "Lb"),
      "VpcVirtualRouter",
    ),
    forVpc: true,
  },
];

export function seedOfferings(state: SimulatorState): void {
  for (const spec of DEFAULT_OFFERINGS) {
    state.networkOfferings.push({
      uuid: newUuid(),
      id: nextId(state, "networkOffering"),
      name: spec.name,
      displaytext: spec.displaytext,
      guestIpType: spec.guestIpType,
      trafficType: "Guest",
      isDefault: spec.isDefault ?? true,
      specifyVlan: spec.specifyVlan ?? false,
      specifyIpRanges: spec.specifyIpRanges ?? false,
      conserveMode: true,
      availability: spec.availability ?? "Optional",
      networkRate: 200,
      state: "Enabled",
      forVpc: spec.forVpc ?? false,
      isPersistent: spec.isPersistent ?? false,
      egressDefaultPolicy: spec.egressDefaultPolicy ?? false,
      supportsStrechedL2Subnet: false,
      supportsPublicAccess: false,
      supportsInternalLb: false,
      redundantRouter: false,
      services: spec.services,
      created: now(),
    });
  }
}

/** createNetworkOffering's parameters, as the handler reads them. */
export interface CreateNetworkOfferingInput {
  name: string;
  displaytext?: string;
  traffictype: string;
  guestiptype: string;
  supportedservices: string[];
  serviceproviderlist: ReadonlyArray<Record<string, string>>;
  servicecapabilitylist: ReadonlyArray<Record<string, string>>;
  specifyvlan?: boolean;
  specifyipranges?: boolean;
  conservemode?: boolean;
  ispersistent?: boolean;
  egressdefaultpolicy?: boolean;
  forvpc?: boolean;
  availability?: string;
  networkrate?: number;
  maxconnections?: number;
  tags?: string;
  domainUuids: string[];
  zoneUuids: string[];
  enable?: boolean;
}

export interface UpdateNetworkOfferingInput extends OfferingUpdate {
  availability?: string;
  tags?: string;
}

/** The providers a VPC tier offering may use (VpcManagerImpl.supportedProviders). */
const VPC_TIER_PROVIDERS = ["VpcVirtualRouter", "NiciraNvp", "InternalLbVm", "Netscaler", "JuniperContrailVpcRouter", "Ovs", "BigSwitchBcf", "ConfigDrive", "Nsx", "Netris"];
/** ConfigurationManagerImpl.VPC_ONLY_PROVIDERS: naming one makes the offering a VPC tier offering. */
const VPC_ONLY_PROVIDERS = ["VpcVirtualRouter", "JuniperContrailVpcRouter", "InternalLbVm"];
const LB_CAPABILITIES = ["SupportedLBIsolation", "ElasticLb", "InlineMode", "LbSchemes", "VmAutoScaling"];

const enumValue = <T extends string>(values: readonly T[], given: string | undefined): T | undefined =>
  values.find((v) => given !== undefined && v.toLowerCase() === given.toLowerCase());

/** Whether a capability value says true or false, as CloudStack tests it (contains, not equals). */
const trueOrFalse = (value: string): boolean | undefined => {
  const v = value.toLowerCase();
  if (v.includes("true") === v.includes("false")) return undefined;
  return v.includes("true");
};

/** validateLoadBalancerServiceCapabilities: at most four, SupportedLBIsolation among them. */
function validateLbCapabilities(caps: Map<string, string>): void {
  if (caps.size === 0) return;
  // CloudStack joins the names with StringUtils.join's empty separator.
  const only = `Only ${LB_CAPABILITIES.join("")} capabilities can be specified for LB service`;
  if (caps.size > 4 || !caps.has("SupportedLBIsolation")) throw paramError(only);
  for (const [cap, value] of caps) {
    if (cap === "SupportedLBIsolation") {
      if (value.includes("dedicated") === value.includes("shared")) throw paramError("Either dedicated or shared isolation can be specified for SupportedLBIsolation");
    } else if (cap === "LbSchemes") {
      if (!value.includes("internal") && !value.includes("public")) throw paramError("Unknown specified value for LbSchemes");
    } else if (["ElasticLb", "InlineMode", "VmAutoScaling"].includes(cap)) {
      if (!value.includes("true") && !value.includes("false")) throw paramError(`Unknown specified value for ${cap}`);
    } else {
      throw paramError(only);
    }
  }
}

/** validateSourceNatServiceCapablities and sourceNatCapabilitiesContainValidValues. */
function validateSourceNatCapabilities(caps: Map<string, string>): void {
  if (caps.size === 0) return;
  const only = "Only SupportedSourceNatTypes, RedundantRouter capabilities can be specified for source nat service";
  if (caps.size > 2) throw paramError(only);
  for (const [cap, value] of caps) {
    if (cap === "SupportedSourceNatTypes") {
      if (value !== "peraccount" && value !== "perzone") throw paramError("Either peraccount or perzone source NAT type can be specified for SupportedSourceNatTypes");
    } else if (cap === "RedundantRouter") {
      if (!["true", "false"].includes(value.toLowerCase())) throw paramError("Unknown specified value for RedundantRouter");
    } else {
      throw paramError(only);
    }
  }
}

/** validateStaticNatServiceCapablities: AssociatePublicIP counts as true unless given false. */
function validateStaticNatCapabilities(caps: Map<string, string>): void {
  if (caps.size === 0) return;
  let elasticIp = false;
  let associatePublicIp = true;
  for (const [cap, raw] of caps) {
    const value = raw.toLowerCase();
    const flag = trueOrFalse(value);
    if (flag === undefined) throw paramError(`Unknown specified value (${value}) for ${cap}`);
    if (cap === "ElasticIp") elasticIp = flag;
    else if (cap === "AssociatePublicIP") associatePublicIp = flag;
    else throw paramError("Only ElasticIp and AssociatePublicIP capability can be sepcified for static nat service");
  }
  if (!elasticIp && associatePublicIp) throw paramError("Capability AssociatePublicIP can only be set when capability ElasticIp is true");
}

/**
 * Network offerings made and changed by a root admin, with ConfigurationManagerImpl's rules:
 * createNetworkOffering, updateNetworkOffering, deleteNetworkOffering.
 */
export class NetworkOfferings {
  constructor(private readonly state: SimulatorState) {}

  /** A live offering (deleted ones are gone for new networks and lists). */
  find(uuid: string): NetworkOfferingRecord | undefined {
    return this.state.networkOfferings.find((o) => o.uuid === uuid && !o.removed);
  }

  /** Whether the uuid ever named an offering: UUID resolution finds removed rows too. */
  known(uuid: string): boolean {
    return this.state.networkOfferings.some((o) => o.uuid === uuid);
  }

  create(input: CreateNetworkOfferingInput): NetworkOfferingRecord {
    const trafficType = enumValue(["Public", "Guest", "Storage", "Management", "Control", "Vlan"] as const, input.traffictype);
    if (!trafficType) throw paramError("Invalid value for traffictype. Supported traffic types: Public, Management, Control, Guest, Vlan or Storage");
    if (trafficType !== "Guest") throw paramError("Only traffic type Guest is supported in the current release");
    const guestType = enumValue(["Isolated", "Shared", "L2"] as const, input.guestiptype);
    if (!guestType) throw paramError('Invalid "type" parameter is given; can have Shared and Isolated values');
    const availability = enumValue(["Required", "Optional", "Unavailable"] as const, input.availability ?? "Optional");
    if (!availability) throw paramError("Invalid value for Availability. Supported types: Required, Optional");

    const { services, forVpc: inferredForVpc, firewallProvider } = this.servicesAndProviders(input, guestType);
    const forVpc = inferredForVpc ?? false;
    const requests = capabilityRequests(input.servicecapabilitylist);
    const lbCaps = capabilitiesOf(requests, "Lb");
    const sourceNatCaps = capabilitiesOf(requests, "SourceNat");
    const staticNatCaps = capabilitiesOf(requests, "StaticNat");
    if (!services.has("Lb") && lbCaps.size > 0) throw paramError("Capabilities for LB service can be specifed only when LB service is enabled for network offering.");
    validateLbCapabilities(lbCaps);
    if (!services.has("SourceNat") && sourceNatCaps.size > 0) {
      throw paramError("Capabilities for source NAT service can be specified only when source NAT service is enabled for network offering.");
    }
    validateSourceNatCapabilities(sourceNatCaps);
    if (!services.has("StaticNat") && staticNatCaps.size > 0) {
      throw paramError("Capabilities for static NAT service can be specified only when static NAT service is enabled for network offering.");
    }
    validateStaticNatCapabilities(staticNatCaps);

    const egressDefaultPolicy = input.egressdefaultpolicy ?? true;
    if (firewallProvider !== undefined) {
      // A PortForwarding or StaticNat provider also provides Firewall, whether listed or not.
      services.set("Firewall", [firewallProvider]);
      if (!["JuniperSRX", "PaloAlto", "VirtualRouter"].includes(firewallProvider) && !egressDefaultPolicy) {
        throw paramError(`Firewall egress with default policy ${egressDefaultPolicy} is not supported by the provider ${firewallProvider}`);
      }
    }

    const specifyIpRanges = input.specifyipranges ?? false;
    if (specifyIpRanges && guestType === "Isolated" && services.has("SourceNat")) {
      throw paramError("SpecifyIpRanges can only be true for Shared network offerings and Isolated with no SourceNat service");
    }
    if (!specifyIpRanges && guestType === "Shared") throw paramError("SpecifyIpRanges should always be true for Shared network offerings");
    const isPersistent = input.ispersistent ?? false;
    if (isPersistent && guestType === "Shared") throw paramError("isPersistent should be false if network offering's type is Shared");
    if (availability === "Required") this.checkRequired(guestType, services.has("SourceNat"), undefined);

    const serviceCapabilities = this.offeringCapabilities(services, lbCaps, sourceNatCaps, staticNatCaps);
    const offering: NetworkOfferingRecord = {
      ...newOfferingIdentity(this.state, "networkOffering", input.name, input.displaytext),
      guestIpType: guestType,
      trafficType: "Guest",
      isDefault: false,
      specifyVlan: input.specifyvlan ?? false,
      specifyIpRanges,
      conserveMode: input.conservemode ?? true,
      availability,
      networkRate: input.networkrate === undefined ? 200 : Math.max(0, input.networkrate),
      state: input.enable === true ? "Enabled" : "Disabled",
      forVpc,
      isPersistent,
      egressDefaultPolicy,
      supportsStrechedL2Subnet: false,
      supportsPublicAccess: false,
      supportsInternalLb: (lbCaps.get("LbSchemes") ?? "").includes("internal"),
      redundantRouter: (sourceNatCaps.get("RedundantRouter") ?? "").includes("true"),
      services: [...services].map(([name, providers]) => ({ name, providers })),
      created: now(),
      serviceCapabilities,
      tags: input.tags === undefined || input.tags.trim() === "" ? undefined : input.tags.trim(),
      domainUuids: input.domainUuids,
      zoneUuids: input.zoneUuids,
    };
    if ([...services.values()].some((p) => p.includes("VpcVirtualRouter"))) this.checkForVpcTier(offering, [...services.keys()], lbCaps);
    this.state.networkOfferings.push(offering);
    return offering;
  }

  /** The supported services with their providers (the loop over supportedservices, then serviceproviderlist). */
  private servicesAndProviders(
    input: CreateNetworkOfferingInput,
    guestType: GuestIpType,
  ): { services: Map<string, string[]>; forVpc: boolean | undefined; firewallProvider: string | undefined } {
    let forVpc = input.forvpc;
    const services = new Map<string, string[]>();
    for (const given of input.supportedservices) {
      const service = serviceNamed(given);
      if (service === undefined || service === "Gateway") throw paramError(`Invalid service ${given}`);
      if (forVpc === undefined && (service === "SecurityGroup" || service === "Firewall")) forVpc = false;
      else if (forVpc === undefined && service === "NetworkACL") forVpc = true;
      if (service === "SecurityGroup") {
        if (guestType !== "Shared") throw paramError("Security group service is supported for network offerings with guest ip type Shared");
        services.set(service, ["SecurityGroupProvider"]);
        continue;
      }
      services.set(service, []);
    }
    const byService = new Map<string, string[]>();
    for (const entry of input.serviceproviderlist) {
      const key = entry.service ?? "";
      const list = byService.get(key) ?? [];
      list.push(entry.provider ?? "");
      byService.set(key, list);
    }
    const byProvider = new Map<string, Set<string>>();
    let firewallProvider: string | undefined;
    let dhcpProvider: string | undefined;
    let vrUserData = false;
    for (const [given, providerNames] of byService) {
      const service = serviceNamed(given);
      if (service === undefined || !services.has(service)) {
        throw paramError(`Service ${given} is not enabled for the network offering, can't add a provider to it`);
      }
      if (service !== "Lb" && providerNames.length > 1) {
        throw paramError("In the current release only one provider can be specified for the service if the service is not LB");
      }
      const providers: string[] = [];
      for (const name of providerNames) {
        const provider = providerNamed(name);
        if (provider === undefined) throw paramError(`Invalid service provider: ${name}`);
        if (provider === "CiscoVnmc" || provider === "PaloAlto") firewallProvider = provider;
        if ((service === "PortForwarding" || service === "StaticNat") && provider === "VirtualRouter") firewallProvider = provider;
        if (forVpc === undefined && VPC_ONLY_PROVIDERS.includes(provider)) forVpc = true;
        if (service === "Dhcp") dhcpProvider = provider;
        if (service === "UserData" && provider === "VirtualRouter") vrUserData = true;
        if (!providers.includes(provider)) providers.push(provider);
        const provided = byProvider.get(provider) ?? new Set<string>();
        provided.add(service);
        byProvider.set(provider, provided);
      }
      services.set(service, providers);
    }
    if (dhcpProvider === undefined && vrUserData) {
      throw paramError("Without VR as dhcp provider, User data can't selected for VR. Please select VR as DHCP provider ");
    }
    checkProvidersSupport(byProvider);
    return { services, forVpc, firewallProvider };
  }

  /** availability=Required: an isolated offering with SourceNat, and only one in the system. */
  private checkRequired(guestType: GuestIpType, hasSourceNat: boolean, self: NetworkOfferingRecord | undefined): void {
    if (guestType !== "Isolated" || !hasSourceNat) {
      throw paramError("Availability can be Required only for networkOfferings of type Isolated and with SourceNat enabled");
    }
    const required = this.state.networkOfferings.find((o) => !o.removed && o.availability === "Required");
    if (required && required !== self) throw paramError(`System already has network offering id=${required.id} with availability Required`);
  }

  /** The capabilities the offering keeps, each checked against its service's providers. */
  private offeringCapabilities(
    services: Map<string, string[]>,
    lbCaps: Map<string, string>,
    sourceNatCaps: Map<string, string>,
    staticNatCaps: Map<string, string>,
  ): Record<string, Capability[]> {
    const result: Record<string, Capability[]> = {};
    const lbProviders = services.get("Lb") ?? [];
    if (lbCaps.size > 0) {
      for (const cap of ["SupportedLBIsolation", "InlineMode", "LbSchemes", "VmAutoScaling"]) {
        const value = lbCaps.get(cap);
        if (value !== undefined) checkCapabilityForProviders(lbProviders, "Lb", cap, value);
      }
      const schemes = lbCaps.get("LbSchemes") ?? "";
      if (schemes.includes("internal") && schemes.includes("public")) throw paramError("Public lb and internal lb can't be enabled at the same time on the offering");
    }
    if (services.has("Lb")) {
      result.Lb = [
        { name: "SupportedLBIsolation", value: (lbCaps.get("SupportedLBIsolation") ?? "dedicated").includes("dedicated") ? "dedicated" : "shared" },
        { name: "ElasticLb", value: String((lbCaps.get("ElasticLb") ?? "").includes("true")) },
        { name: "InlineMode", value: String((lbCaps.get("InlineMode") ?? "").includes("true")) },
        { name: "VmAutoScaling", value: String((lbCaps.get("VmAutoScaling") ?? "").includes("true")) },
      ];
    }
    const sourceNatProviders = services.get("SourceNat") ?? [];
    for (const cap of ["SupportedSourceNatTypes", "RedundantRouter"]) {
      const value = sourceNatCaps.get(cap);
      if (value !== undefined) checkCapabilityForProviders(sourceNatProviders, "SourceNat", cap, value);
    }
    if (services.has("SourceNat")) {
      result.SourceNat = [
        { name: "SupportedSourceNatTypes", value: (sourceNatCaps.get("SupportedSourceNatTypes") ?? "").includes("perzone") ? "perzone" : "peraccount" },
        { name: "RedundantRouter", value: String((sourceNatCaps.get("RedundantRouter") ?? "").includes("true")) },
      ];
    }
    if (services.has("StaticNat")) {
      const elasticIp = (staticNatCaps.get("ElasticIp") ?? "").includes("true");
      result.StaticNat = [
        { name: "ElasticIp", value: String(elasticIp) },
        { name: "AssociatePublicIP", value: String(elasticIp && (staticNatCaps.get("AssociatePublicIP") ?? "").includes("true")) },
      ];
    }
    return result;
  }

  /** VpcManagerImpl.validateNtwkOffForVpc, run when a service's provider is the VPC virtual router. */
  private checkForVpcTier(offering: NetworkOfferingRecord, serviceNames: string[], lbCaps: Map<string, string>): void {
    const providers = [...new Set(offering.services.flatMap((s) => s.providers))];
    for (const provider of providers) {
      if (!VPC_TIER_PROVIDERS.includes(provider)) throw paramError(`Provider of type ${provider} is not supported for network offerings that can be used in VPC`);
    }
    if (!(offering.guestIpType === "Isolated" && (serviceNames.includes("SourceNat") || serviceNames.includes("Gateway")))) {
      throw paramError("Only network offerings of type Isolated with service SourceNat are valid for vpc ");
    }
    if (providers.includes("Netscaler") && !(lbCaps.get("SupportedLBIsolation") ?? "dedicated").includes("dedicated")) {
      throw paramError("Netscaler only with Dedicated LB can belong to VPC");
    }
  }

  update(offering: NetworkOfferingRecord, input: UpdateNetworkOfferingInput): NetworkOfferingRecord {
    const state = offeringState(input.state);
    let availability: NetworkOfferingRecord["availability"] | undefined;
    if (input.availability !== undefined) {
      availability = enumValue(["Required", "Optional", "Unavailable"] as const, input.availability);
      if (!availability) throw paramError("Invalid value for Availability. Supported types: Required, Optional");
      if (availability === "Required") this.checkRequired(offering.guestIpType, offeringHasService(offering, "SourceNat"), offering);
    }
    applyOfferingUpdate(offering, input, state);
    // An empty tags value clears the tag. CloudStack also refuses tags that would select another
    // physical network in some zone; the simulator's offerings select by tag nowhere, so none do.
    if (input.tags !== undefined) offering.tags = input.tags.trim() === "" ? undefined : input.tags.trim();
    if (availability) offering.availability = availability;
    return offering;
  }

  delete(offering: NetworkOfferingRecord): void {
    const users = this.state.networks.filter((n) => !n.removed && n.offeringUuid === offering.uuid).length;
    removeOffering(offering, "network", offeringText(offering), users, "networks");
  }
}
