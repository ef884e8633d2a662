// Network offerings as a CloudStack install ships them, and the capabilities their providers
// advertise (VirtualRouterElement / VpcVirtualRouterElement), which networks report per service.
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
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
