// The registry of resource kinds. The sdk's serialized shims require this module by package
// name ("pulumi-cloudstack/provider") and delegate to providers[kind].
import { ClientRuntime } from "./adapter/runtime";
import { makeProvider } from "./adapter/operations";
import { ResourceSpec } from "./adapter/spec";
import { DynamicProvider } from "./adapter/types";
import { networkSpec } from "./resources/network";
import { instanceSpec } from "./resources/instance";
import { staticNatSpec } from "./resources/static-nat";
import { nicSecondaryIpSpec } from "./resources/nic-secondary-ip";
import { ipRangeSpec } from "./resources/ip-range";
import { dedicatedPublicIpRangeSpec } from "./resources/dedicated-public-ip-range";
import { dedicatedGuestVlanRangeSpec } from "./resources/dedicated-guest-vlan-range";
import { configurationSettingSpec } from "./resources/configuration-setting";
import { publicIpAddressSpec } from "./resources/public-ip-address";
import { reservedIpAddressSpec } from "./resources/reserved-ip-address";
import { portableIpRangeSpec } from "./resources/portable-ip-range";

export const specs = {
  Network: networkSpec,
  Instance: instanceSpec,
  StaticNat: staticNatSpec,
  NicSecondaryIp: nicSecondaryIpSpec,
  IpRange: ipRangeSpec,
  DedicatedPublicIpRange: dedicatedPublicIpRangeSpec,
  DedicatedGuestVlanRange: dedicatedGuestVlanRangeSpec,
  ConfigurationSetting: configurationSettingSpec,
  PublicIpAddress: publicIpAddressSpec,
  ReservedIpAddress: reservedIpAddressSpec,
  PortableIpRange: portableIpRangeSpec,
} as const satisfies Record<string, ResourceSpec>;

export type ResourceKind = keyof typeof specs;

/** The process-wide client holder shared by every kind (configured by the host's configure). */
export const runtime = new ClientRuntime();

export const providers: Record<ResourceKind, DynamicProvider> = {
  Network: makeProvider(specs.Network, runtime),
  Instance: makeProvider(specs.Instance, runtime),
  StaticNat: makeProvider(specs.StaticNat, runtime),
  NicSecondaryIp: makeProvider(specs.NicSecondaryIp, runtime),
  IpRange: makeProvider(specs.IpRange, runtime),
  DedicatedPublicIpRange: makeProvider(specs.DedicatedPublicIpRange, runtime),
  DedicatedGuestVlanRange: makeProvider(specs.DedicatedGuestVlanRange, runtime),
  ConfigurationSetting: makeProvider(specs.ConfigurationSetting, runtime),
  PublicIpAddress: makeProvider(specs.PublicIpAddress, runtime),
  ReservedIpAddress: makeProvider(specs.ReservedIpAddress, runtime),
  PortableIpRange: makeProvider(specs.PortableIpRange, runtime),
};

export { ClientRuntime, makeProvider };
export type { DynamicProvider, ResourceSpec };
export { UNKNOWN } from "./adapter/unknown";
export { ResourceInitError, PartiallyCreatedError, StateVersionError } from "./adapter/errors";
