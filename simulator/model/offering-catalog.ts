// What createNetworkOffering and createVPCOffering check services, providers and capabilities
// against: CloudStack's service, provider and capability names (com.cloud.network.Network) and
// the capabilities the network elements the simulator models advertise (each element's
// getCapabilities), with NetworkModelImpl.canProviderSupportServices and
// checkCapabilityForProvider.
import { ApiError, paramError } from "../errors";

/** Network.Service: every service CloudStack knows. */
export const SERVICES = [
  "Vpn", "Dhcp", "Dns", "Gateway", "Firewall", "Lb", "UserData", "SourceNat", "StaticNat", "PortForwarding",
  "SecurityGroup", "NetworkACL", "Connectivity",
] as const;

/** Network.Provider: every provider name CloudStack knows, modelled or not. */
const PROVIDERS = [
  "VirtualRouter", "JuniperContrailRouter", "JuniperContrailVpcRouter", "JuniperSRX", "PaloAlto", "F5BigIp", "Netscaler",
  "ExternalDhcpServer", "ExternalGateWay", "ElasticLoadBalancerVm", "SecurityGroupProvider", "VpcVirtualRouter", "None",
  "NiciraNvp", "InternalLbVm", "CiscoVnmc", "Ovs", "Opendaylight", "BrocadeVcs", "GloboDns", "BigSwitchBcf", "ConfigDrive",
  "Tungsten", "Nsx", "Netris",
] as const;

/** Network.Capability names. */
const CAPABILITIES = [
  "SupportedProtocols", "SupportedLbAlgorithms", "SupportedLBIsolation", "SupportedStickinessMethods", "MultipleIps",
  "SupportedSourceNatTypes", "SupportedVpnTypes", "VpnTypes", "TrafficStatistics", "LoadBalancingSupportedIps",
  "AllowDnsSuffixModification", "RedundantRouter", "ElasticIp", "AssociatePublicIP", "ElasticLb", "AutoScaleCounters",
  "InlineMode", "SupportedTrafficDirection", "SupportedEgressProtocols", "HealthCheckPolicy", "SslTermination", "LbSchemes",
  "DhcpAccrossMultipleSubnets", "DistributedRouter", "StretchedL2Subnet", "RegionLevelVpc", "NoVlan", "PublicAccess",
  "ExtraDhcpOptions", "VmAutoScaling",
] as const;

const byName = (names: readonly string[], name: string): string | undefined => names.find((n) => n.toLowerCase() === name.toLowerCase());

/** Service.getService, Provider.getProvider, Capability.getCapability: case-insensitive, undefined when unknown. */
export const serviceNamed = (name: string): string | undefined => byName(SERVICES, name);
export const providerNamed = (name: string): string | undefined => byName(PROVIDERS, name);
export const capabilityNamed = (name: string): string | undefined => byName(CAPABILITIES, name);

interface Element {
  /** Per service, the capabilities the element advertises (name to value). */
  readonly services: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly individualServices: boolean;
  /** verifyServicesCombination: the services it may provide together, when it restricts them. */
  readonly combination?: readonly string[];
}

const ROUTER_SERVICES: Record<string, Record<string, string>> = {
  Dhcp: { DhcpAccrossMultipleSubnets: "true" },
  Dns: { AllowDnsSuffixModification: "true" },
  UserData: {},
  Firewall: { SupportedProtocols: "tcp,udp,icmp", MultipleIps: "true", TrafficStatistics: "per public ip", SupportedTrafficDirection: "ingress, egress", SupportedEgressProtocols: "tcp,udp,icmp, all" },
  Gateway: { RedundantRouter: "true" },
  SourceNat: { SupportedSourceNatTypes: "peraccount", RedundantRouter: "true" },
  StaticNat: {},
  PortForwarding: { SupportedProtocols: "tcp,udp" },
  Lb: { SupportedLbAlgorithms: "roundrobin,leastconn,source", SupportedLBIsolation: "dedicated", LbSchemes: "Public", VmAutoScaling: "true", SslTermination: "true" },
  Vpn: { SupportedVpnTypes: "pptp,l2tp,ipsec", VpnTypes: "remoteaccessvpn" },
};

const { Firewall: _routerFirewall, ...vpcRouterBase } = ROUTER_SERVICES;

/** The network elements the simulator models, by provider name. */
const ELEMENTS: Readonly<Record<string, Element>> = {
  // VirtualRouterElement.setCapabilities.
  VirtualRouter: { services: ROUTER_SERVICES, individualServices: true },
  // VpcVirtualRouterElement.setCapabilities: the router's, Firewall replaced by NetworkACL.
  VpcVirtualRouter: {
    services: { ...vpcRouterBase, Vpn: { SupportedVpnTypes: "pptp,l2tp,ipsec", VpnTypes: "s2svpn" }, NetworkACL: { SupportedProtocols: "tcp,udp,icmp" } },
    individualServices: true,
  },
  // InternalLoadBalancerElement.
  InternalLbVm: { services: { Lb: { SupportedLbAlgorithms: "roundrobin,leastconn,source", SupportedLBIsolation: "dedicated", LbSchemes: "Internal" } }, individualServices: false },
  // ConfigDriveNetworkElement.
  ConfigDrive: { services: { UserData: {}, Dhcp: { DhcpAccrossMultipleSubnets: "true" }, Dns: { AllowDnsSuffixModification: "true" } }, individualServices: true },
  SecurityGroupProvider: { services: { SecurityGroup: {} }, individualServices: false },
  // NetscalerElement: Lb and StaticNat only (verifyServicesCombination), elastic IP and LB.
  Netscaler: {
    services: {
      Lb: { SupportedLbAlgorithms: "roundrobin, leastconn, source", SupportedLBIsolation: "dedicated, shared", InlineMode: "true", ElasticLb: "true", LbSchemes: "Public", VmAutoScaling: "true" },
      StaticNat: { ElasticIp: "true" },
      Firewall: { TrafficStatistics: "per public ip", SupportedProtocols: "tcp,udp,icmp", MultipleIps: "true" },
    },
    individualServices: true,
    combination: ["Lb", "StaticNat"],
  },
  // PaloAltoExternalFirewallElement.
  PaloAlto: {
    services: { Firewall: { SupportedProtocols: "tcp,udp,icmp-all", MultipleIps: "true" }, Gateway: {}, SourceNat: { SupportedSourceNatTypes: "peraccount" }, StaticNat: {}, PortForwarding: { SupportedProtocols: "tcp,udp" } },
    individualServices: true,
  },
  // NiciraNvpElement: the provider a VPC offering's Connectivity service gets by default.
  NiciraNvp: {
    services: { Connectivity: {}, Gateway: {}, SourceNat: { SupportedSourceNatTypes: "peraccount", RedundantRouter: "false" }, PortForwarding: {}, StaticNat: {} },
    individualServices: true,
  },
  // OvsElement: the Connectivity capabilities VPC offerings name.
  Ovs: { services: { Connectivity: { DistributedRouter: "", StretchedL2Subnet: "", RegionLevelVpc: "" }, PortForwarding: {}, StaticNat: {} }, individualServices: true },
};

/** UnsupportedServiceException: a CloudRuntimeException, 530, with its own cserrorcode. */
const unsupported = (text: string): ApiError => new ApiError(530, text, 4390);

/** NetworkModelImpl.canProviderSupportServices, for the providers a request names. */
export function checkProvidersSupport(servicesByProvider: ReadonlyMap<string, ReadonlySet<string>>): void {
  for (const [provider, services] of servicesByProvider) {
    const element = ELEMENTS[provider];
    if (!element) throw paramError(`Unable to find the Network Element implementing the Service Provider '${provider}'`);
    if (!element.individualServices) {
      const required = Object.keys(element.services).filter((s) => s !== "Gateway" && s !== "Firewall");
      const enabled = [...services].filter((s) => s !== "Firewall");
      if (enabled.length !== required.length) {
        throw paramError(`Cannot enable subset of Services, Please specify the complete list of Services: ${required.join(", ")}  for Service Provider ${provider}`);
      }
    }
    for (const service of services) {
      if (!(service in element.services)) throw unsupported(`${provider} Provider cannot provide service ${service}`);
    }
    if (element.combination && ![...services].every((s) => element.combination?.includes(s))) {
      throw unsupported(`Provider ${provider} doesn't support services combination: [${[...services].join(", ")}]`);
    }
  }
}

/** NetworkModelImpl.checkCapabilityForProvider: each provider must advertise the value asked for. */
export function checkCapabilityForProviders(providers: readonly string[], service: string, capability: string, value: string): void {
  for (const provider of providers) {
    const element = ELEMENTS[provider];
    if (!element) throw unsupported(`Unable to find network element for provider ${provider}`);
    const caps = element.services[service];
    if (caps === undefined) throw unsupported(`Service ${service} is not supported by the element=${provider} implementing Provider=${provider}`);
    if (Object.keys(caps).length === 0) throw unsupported(`Service ${service} doesn't have capabilities for element=${provider} implementing Provider=${provider}`);
    const advertised = caps[capability];
    if (advertised === undefined || advertised === "") {
      throw unsupported(`Service ${service} doesn't have capability ${capability} for element=${provider} implementing Provider=${provider}`);
    }
    if (!advertised.toLowerCase().includes(value.toLowerCase())) {
      throw unsupported(`Service ${service} doesn't support value ${value} for capability ${capability} for element=${provider} implementing Provider=${provider}`);
    }
  }
}

/** VpcManagerImpl.checkCapabilityPerServiceProvider: the capability's name only, not its value. */
export function providersHaveCapability(providers: readonly string[], service: string, capability: string): void {
  for (const provider of providers) {
    const caps = ELEMENTS[provider]?.services[service];
    if (caps === undefined || !(capability in caps)) throw paramError(`Provider ${provider} does not support ${capability}  capability.`);
  }
}

/** The capabilities an element advertises for a service, as offerings report them. */
export function elementCapabilities(provider: string, service: string): Array<{ name: string; value: string }> {
  return Object.entries(ELEMENTS[provider]?.services[service] ?? {}).map(([name, value]) => ({ name, value }));
}

/** One servicecapabilitylist entry, as CreateNetworkOfferingCmd.getServiceCapabilities reads it. */
export interface CapabilityRequest {
  service: string;
  capability: string;
  value: string;
}

/** The servicecapabilitylist MAP: an unknown capability or a missing value is refused outright. */
export function capabilityRequests(entries: ReadonlyArray<Record<string, string>>): CapabilityRequest[] {
  return entries.map((e) => {
    const name = e.capabilitytype;
    const capability = name === undefined ? undefined : capabilityNamed(name);
    if (capability === undefined || e.capabilityvalue === undefined) {
      throw paramError(`Invalid capability:${name ?? "null"} capability value:${e.capabilityvalue ?? "null"}`);
    }
    return { service: e.service ?? "", capability, value: e.capabilityvalue };
  });
}

/** The capabilities asked for one service, by capability name (later entries win, as in a HashMap). */
export function capabilitiesOf(requests: readonly CapabilityRequest[], service: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of requests) if (r.service.toLowerCase() === service.toLowerCase()) map.set(r.capability, r.value);
  return map;
}
