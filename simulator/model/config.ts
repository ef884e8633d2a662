// Global configuration (ConfigKey / Config.java) the simulator honours, with scoped values.
import { paramError } from "../errors";
import type { ConfigValueRecord, SimulatorState } from "./records";

export type ConfigScope = "Global" | "Zone" | "Account" | "Domain";
export type ConfigType = "Integer" | "Boolean" | "String";

export interface ConfigDefinition {
  name: string;
  category: string;
  description: string;
  displaytext: string;
  /** undefined: no default (CloudStack stores NULL). */
  defaultValue?: string;
  /** The value a fresh simulator starts with, when it differs from the default. */
  initialValue?: string;
  /** Scopes a value may be set at, besides Global. */
  scopes: ConfigScope[];
  type: ConfigType;
  isDynamic: boolean;
  component: string;
  group: string;
  subgroup: string;
}

export const CONFIG_DEFINITIONS: ConfigDefinition[] = [
  // Config.ApiLimitEnabled / ApiLimitInterval / ApiLimitMax: read by the rate-limit plugin when the
  // management server starts (ApiRateLimitServiceImpl.configure), so not dynamic.
  ...(
    [
      ["api.throttling.enabled", "Enable/disable Api rate limit", "Api throttling enabled", "false", "Boolean"],
      ["api.throttling.interval", "Time interval (in seconds) to reset API count", "Api throttling interval", "1", "Integer"],
      ["api.throttling.max", "Max allowed number of APIs within fixed interval", "Api throttling max", "25", "Integer"],
    ] as const
  ).map(
    ([name, description, displaytext, defaultValue, type]): ConfigDefinition => ({
      name,
      category: "Advanced",
      description,
      displaytext,
      defaultValue,
      scopes: ["Global"],
      type,
      isDynamic: false,
      component: "management-server",
      group: "Miscellaneous",
      subgroup: "Others",
    }),
  ),
  {
    name: "default.page.size",
    category: "Advanced",
    description: "Default page size for API list* commands",
    displaytext: "Default page size",
    defaultValue: "500",
    scopes: ["Global"],
    type: "Integer",
    isDynamic: true,
    component: "management-server",
    group: "Miscellaneous",
    subgroup: "Others",
  },
  {
    name: "vpc.max.networks",
    category: "Advanced",
    description: "Maximum number of networks per vpc",
    displaytext: "Vpc max networks",
    defaultValue: "3",
    scopes: ["Global", "Account"],
    type: "Integer",
    isDynamic: true,
    component: "VpcManager",
    group: "Network",
    subgroup: "Vpc",
  },
  {
    name: "cloud.dns.name",
    category: "Advanced",
    description: "DNS name of the cloud for the GSLB service",
    displaytext: "Cloud dns name",
    scopes: ["Global"],
    type: "String",
    isDynamic: true,
    component: "management-server",
    group: "Network",
    subgroup: "Gslb",
  },
  {
    name: "use.system.public.ips",
    category: "Advanced",
    description:
      "If true, when account has dedicated public ip range(s), once the ips dedicated to the account have been consumed ips will be acquired from the system pool",
    displaytext: "Use system public ips",
    defaultValue: "true",
    scopes: ["Global", "Account"],
    type: "Boolean",
    isDynamic: true,
    component: "ConfigurationManager",
    group: "Network",
    subgroup: "Public IP",
  },
  {
    name: "use.system.guest.vlans",
    category: "Advanced",
    description:
      "If true, when account has dedicated guest vlan range(s), once the vlans dedicated to the account have been consumed vlans will be allocated from the system pool",
    displaytext: "Use system guest vlans",
    defaultValue: "true",
    scopes: ["Global", "Account"],
    type: "Boolean",
    isDynamic: true,
    component: "NetworkOrchestrationService",
    group: "Network",
    subgroup: "Guest VLAN",
  },
  {
    name: "allow.user.expunge.recover.vm",
    category: "Advanced",
    description: "Determines whether users can expunge or recover their vm",
    displaytext: "Allow user expunge recover vm",
    defaultValue: "false",
    scopes: ["Global", "Account"],
    type: "Boolean",
    isDynamic: true,
    component: "UserVmManager",
    group: "Compute",
    subgroup: "Virtual Machine",
  },
  {
    name: "guest.domain.suffix",
    category: "Network",
    description: "Default domain name for vms inside virtualized networks fronted by router",
    displaytext: "Guest domain suffix",
    defaultValue: "cloud.internal",
    initialValue: "sandbox.simulator",
    scopes: ["Global", "Zone"],
    type: "String",
    isDynamic: true,
    component: "NetworkOrchestrationService",
    group: "Network",
    subgroup: "Guest",
  },
  {
    name: "network.guest.cidr.limit",
    category: "Network",
    description: "size limit for guest cidr; can't be less than this value",
    displaytext: "Network guest cidr limit",
    defaultValue: "22",
    scopes: ["Global"],
    type: "Integer",
    isDynamic: false,
    component: "management-server",
    group: "Network",
    subgroup: "Guest",
  },
  {
    name: "allow.user.create.projects",
    category: "Project Defaults",
    description: "If regular user can create a project; true by default",
    displaytext: "Allow user create projects",
    defaultValue: "true",
    scopes: ["Global"],
    type: "Boolean",
    isDynamic: false,
    component: "management-server",
    group: "Project",
    subgroup: "Others",
  },
  {
    // NetworkServiceImpl.AllowEmptyStartEndIpAddress: whether a shared network may be created
    // without a start and end address (a basic zone's guest network always is: its IPs come as
    // pod ranges afterwards).
    name: "allow.empty.start.end.ipaddress",
    category: "Advanced",
    description: "Allow creating network without mentioning start and end IP address",
    displaytext: "Allow empty start end ipaddress",
    defaultValue: "true",
    scopes: ["Global", "Account"],
    type: "Boolean",
    isDynamic: true,
    component: "NetworkService",
    group: "Network",
    subgroup: "Network",
  },
  {
    // ConfigurationManager.AllowNonRFC1918CompliantIPs: when true, NetUtils.validateGuestCidr
    // only checks the CIDR's format (isolated networks, VPCs, guestvmcidr).
    name: "allow.non.rfc1918.compliant.ips",
    category: "Advanced",
    description: "Allows non-compliant RFC 1918 IPs for Shared, Isolated networks and VPCs",
    displaytext: "Allow non rfc1918 compliant ips",
    defaultValue: "false",
    scopes: ["Global"],
    type: "Boolean",
    isDynamic: true,
    component: "ConfigurationManager",
    group: "Network",
    subgroup: "Network",
  },
  {
    // NetworkOrchestrationService.DeniedRoutes, read per zone by VpcManagerImpl.isCidrDenylisted
    // when a static route is created.
    name: "denied.routes",
    category: "Network",
    description: "Routes that are denied, can not be used for Static Routes creation for the VPC Private Gateway",
    displaytext: "Denied routes",
    defaultValue: "",
    scopes: ["Global", "Zone"],
    type: "String",
    isDynamic: true,
    component: "NetworkOrchestrationService",
    group: "Network",
    subgroup: "Network",
  },
  {
    // A Domain-scoped ConfigKey (UserVmManager). The simulator has no volumes: the value is only
    // stored and listed. Group and subgroup come from the word "volume" in the name, as
    // CloudStack's configuration grouping assigns them.
    name: "destroy.root.volume.on.vm.destruction",
    category: "Advanced",
    description: "Destroys the VM's root volume when the VM is destroyed.",
    displaytext: "Destroy root volume on vm destruction",
    defaultValue: "false",
    scopes: ["Global", "Domain"],
    type: "Boolean",
    isDynamic: true,
    component: "UserVmManager",
    group: "Storage",
    subgroup: "Volume",
  },
  {
    name: "remote.access.vpn.user.limit",
    category: "Network",
    description: "The maximum number of VPN users that can be created per account.",
    displaytext: "Remote access vpn user limit",
    defaultValue: "8",
    scopes: ["Global", "Account"],
    type: "Integer",
    isDynamic: true,
    component: "RemoteAccessVpnService",
    group: "Network",
    subgroup: "VPN",
  },
  {
    name: "remote.access.vpn.client.iprange",
    category: "Network",
    description: "The range of ips to be allocated to remote access vpn clients. The first ip in the range is used by the VPN server",
    displaytext: "Remote access vpn client iprange",
    defaultValue: "10.1.2.1-10.1.2.8",
    scopes: ["Global", "Account"],
    type: "String",
    isDynamic: true,
    component: "RemoteAccessVpnService",
    group: "Network",
    subgroup: "VPN",
  },
  {
    name: "site2site.vpn.vpngateway.connection.limit",
    category: "Network",
    description: "The maximum number of VPN connection per VPN gateway",
    displaytext: "Site2site vpn vpngateway connection limit",
    defaultValue: "4",
    scopes: ["Global"],
    type: "Integer",
    isDynamic: true,
    component: "Site2SiteVpnManager",
    group: "Network",
    subgroup: "VPN",
  },
  {
    name: "site2site.vpn.customergateway.subnets.limit",
    category: "Network",
    description: "The maximum number of subnets per customer gateway",
    displaytext: "Site2site vpn customergateway subnets limit",
    defaultValue: "10",
    scopes: ["Global"],
    type: "Integer",
    isDynamic: true,
    component: "Site2SiteVpnManager",
    group: "Network",
    subgroup: "VPN",
  },
];

export const findConfigDefinition = (name: string): ConfigDefinition | undefined =>
  CONFIG_DEFINITIONS.find((d) => d.name === name);

/** Initial global values of a fresh simulator (only those that differ from the default). */
export function seedConfig(state: SimulatorState): void {
  for (const d of CONFIG_DEFINITIONS) {
    if (d.initialValue !== undefined) state.configValues.push({ name: d.name, scope: "Global", value: d.initialValue });
  }
}

export interface ConfigScopeRef {
  scope: ConfigScope;
  scopeUuid?: string;
}

const findValue = (state: SimulatorState, name: string, ref: ConfigScopeRef): ConfigValueRecord | undefined =>
  state.configValues.find((v) => v.name === name && v.scope === ref.scope && v.scopeUuid === ref.scopeUuid);

/** The effective value at a scope: the scoped value, else the global one, else the default. */
export function configValue(state: SimulatorState, name: string, ref: ConfigScopeRef = { scope: "Global" }): string | undefined {
  const def = findConfigDefinition(name);
  if (!def) return undefined;
  if (ref.scope !== "Global") {
    const scoped = findValue(state, name, ref);
    if (scoped) return scoped.value ?? undefined;
  }
  const global = findValue(state, name, { scope: "Global" });
  if (global) return global.value ?? undefined;
  return def.defaultValue;
}

function validateValue(def: ConfigDefinition, value: string | undefined): void {
  if (value === undefined) {
    if (def.type === "Boolean") throw paramError("Please enter either 'true' or 'false'.");
    return;
  }
  const v = value.trim();
  if (def.type === "Integer" && !/^-?\d+$/.test(v)) {
    throw paramError(`Value [${value}] is not a valid [class java.lang.Integer].`);
  }
  if (def.type === "Boolean" && v !== "true" && v !== "false") {
    throw paramError(`Value [${value}] is not a valid [class java.lang.Boolean].`);
  }
}

/** updateConfiguration's rules (ConfigurationManagerImpl.updateConfiguration / validateConfigurationValue). */
export function setConfigValue(state: SimulatorState, name: string, value: string | undefined, ref: ConfigScopeRef): void {
  const def = findConfigDefinition(name);
  if (!def) throw paramError("Invalid configuration variable.");
  if (ref.scope !== "Global" && !def.scopes.includes(ref.scope)) {
    throw paramError(`Invalid scope id provided for the parameter ${name}`);
  }
  validateValue(def, value);
  const stored = value === undefined ? null : value.trim();
  const existing = findValue(state, name, ref);
  if (existing) existing.value = stored;
  else state.configValues.push({ name, scope: ref.scope, scopeUuid: ref.scopeUuid, value: stored });
}

/**
 * NetUtils.validateGuestCidr's compliance switch: CloudStack checks RFC 1918 / 6598 space only
 * while allow.non.rfc1918.compliant.ips is false.
 */
export const guestCidrComplianceChecked = (state: SimulatorState): boolean =>
  configValue(state, "allow.non.rfc1918.compliant.ips") !== "true";
