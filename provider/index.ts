// The registry of resource kinds. The sdk's serialized shims require this module by package
// name ("pulumi-cloudstack/provider") and delegate to providers[kind].
import { CloudStackClient } from "./client";
import { progressToStderr } from "./adapter/progress";
import { ClientRuntime } from "./adapter/runtime";
import { makeProvider } from "./adapter/lifecycle/operations";
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
import { firewallRuleSpec } from "./resources/firewall-rule";
import { egressFirewallRuleSpec } from "./resources/egress-firewall-rule";
import { portForwardingRuleSpec } from "./resources/port-forwarding-rule";
import { loadBalancerRuleSpec } from "./resources/load-balancer-rule";
import { lbStickinessPolicySpec } from "./resources/lb-stickiness-policy";
import { lbHealthCheckPolicySpec } from "./resources/lb-health-check-policy";
import { globalLoadBalancerRuleSpec } from "./resources/global-load-balancer-rule";
import { vpcSpec } from "./resources/vpc";
import { networkAclListSpec } from "./resources/network-acl-list";
import { networkAclRuleSpec } from "./resources/network-acl-rule";
import { networkAclRulesetSpec } from "./resources/network-acl-ruleset";
import { privateGatewaySpec } from "./resources/private-gateway";
import { staticRouteSpec } from "./resources/static-route";
import { remoteAccessVpnSpec } from "./resources/remote-access-vpn";
import { vpnUserSpec } from "./resources/vpn-user";
import { vpnGatewaySpec } from "./resources/vpn-gateway";
import { vpnCustomerGatewaySpec } from "./resources/vpn-customer-gateway";
import { vpnConnectionSpec } from "./resources/vpn-connection";
import { securityGroupSpec } from "./resources/security-group";
import { securityGroupRuleSpec } from "./resources/security-group-rule";
import { securityGroupRulesetSpec } from "./resources/security-group-ruleset";
import { zoneSpec } from "./resources/zone";
import { zoneEnablementSpec } from "./resources/zone-enablement";
import { networkPermissionSpec } from "./resources/network-permission";
import { podSpec } from "./resources/pod";
import { physicalNetworkSpec } from "./resources/physical-network";
import { trafficTypeSpec } from "./resources/traffic-type";
import { networkServiceProviderSpec } from "./resources/network-service-provider";
import { netscalerLoadBalancerSpec } from "./resources/netscaler-load-balancer";
import { paloAltoFirewallSpec } from "./resources/palo-alto-firewall";
import { vnfTemplateSpec } from "./resources/vnf-template";
import { vnfApplianceSpec } from "./resources/vnf-appliance";
import { networkOfferingSpec } from "./resources/network-offering";
import { vpcOfferingSpec } from "./resources/vpc-offering";

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
  FirewallRule: firewallRuleSpec,
  EgressFirewallRule: egressFirewallRuleSpec,
  PortForwardingRule: portForwardingRuleSpec,
  LoadBalancerRule: loadBalancerRuleSpec,
  LbStickinessPolicy: lbStickinessPolicySpec,
  LbHealthCheckPolicy: lbHealthCheckPolicySpec,
  GlobalLoadBalancerRule: globalLoadBalancerRuleSpec,
  Vpc: vpcSpec,
  NetworkAclList: networkAclListSpec,
  NetworkAclRule: networkAclRuleSpec,
  NetworkAclRuleset: networkAclRulesetSpec,
  PrivateGateway: privateGatewaySpec,
  StaticRoute: staticRouteSpec,
  RemoteAccessVpn: remoteAccessVpnSpec,
  VpnUser: vpnUserSpec,
  VpnGateway: vpnGatewaySpec,
  VpnCustomerGateway: vpnCustomerGatewaySpec,
  VpnConnection: vpnConnectionSpec,
  SecurityGroup: securityGroupSpec,
  SecurityGroupRule: securityGroupRuleSpec,
  SecurityGroupRuleset: securityGroupRulesetSpec,
  Zone: zoneSpec,
  ZoneEnablement: zoneEnablementSpec,
  NetworkPermission: networkPermissionSpec,
  Pod: podSpec,
  PhysicalNetwork: physicalNetworkSpec,
  TrafficType: trafficTypeSpec,
  NetworkServiceProvider: networkServiceProviderSpec,
  NetscalerLoadBalancer: netscalerLoadBalancerSpec,
  PaloAltoFirewall: paloAltoFirewallSpec,
  VnfTemplate: vnfTemplateSpec,
  VnfAppliance: vnfApplianceSpec,
  NetworkOffering: networkOfferingSpec,
  VpcOffering: vpcOfferingSpec,
} as const satisfies Record<string, ResourceSpec>;

export type ResourceKind = keyof typeof specs;

/** The process-wide client holder shared by every kind (configured by the host's configure). */
export const runtime = new ClientRuntime((options) => new CloudStackClient({ ...options, progress: progressToStderr }));

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
  FirewallRule: makeProvider(specs.FirewallRule, runtime),
  EgressFirewallRule: makeProvider(specs.EgressFirewallRule, runtime),
  PortForwardingRule: makeProvider(specs.PortForwardingRule, runtime),
  LoadBalancerRule: makeProvider(specs.LoadBalancerRule, runtime),
  LbStickinessPolicy: makeProvider(specs.LbStickinessPolicy, runtime),
  LbHealthCheckPolicy: makeProvider(specs.LbHealthCheckPolicy, runtime),
  GlobalLoadBalancerRule: makeProvider(specs.GlobalLoadBalancerRule, runtime),
  Vpc: makeProvider(specs.Vpc, runtime),
  NetworkAclList: makeProvider(specs.NetworkAclList, runtime),
  NetworkAclRule: makeProvider(specs.NetworkAclRule, runtime),
  NetworkAclRuleset: makeProvider(specs.NetworkAclRuleset, runtime),
  PrivateGateway: makeProvider(specs.PrivateGateway, runtime),
  StaticRoute: makeProvider(specs.StaticRoute, runtime),
  RemoteAccessVpn: makeProvider(specs.RemoteAccessVpn, runtime),
  VpnUser: makeProvider(specs.VpnUser, runtime),
  VpnGateway: makeProvider(specs.VpnGateway, runtime),
  VpnCustomerGateway: makeProvider(specs.VpnCustomerGateway, runtime),
  VpnConnection: makeProvider(specs.VpnConnection, runtime),
  SecurityGroup: makeProvider(specs.SecurityGroup, runtime),
  SecurityGroupRule: makeProvider(specs.SecurityGroupRule, runtime),
  SecurityGroupRuleset: makeProvider(specs.SecurityGroupRuleset, runtime),
  Zone: makeProvider(specs.Zone, runtime),
  ZoneEnablement: makeProvider(specs.ZoneEnablement, runtime),
  NetworkPermission: makeProvider(specs.NetworkPermission, runtime),
  Pod: makeProvider(specs.Pod, runtime),
  PhysicalNetwork: makeProvider(specs.PhysicalNetwork, runtime),
  TrafficType: makeProvider(specs.TrafficType, runtime),
  NetworkServiceProvider: makeProvider(specs.NetworkServiceProvider, runtime),
  NetscalerLoadBalancer: makeProvider(specs.NetscalerLoadBalancer, runtime),
  PaloAltoFirewall: makeProvider(specs.PaloAltoFirewall, runtime),
  VnfTemplate: makeProvider(specs.VnfTemplate, runtime),
  VnfAppliance: makeProvider(specs.VnfAppliance, runtime),
  NetworkOffering: makeProvider(specs.NetworkOffering, runtime),
  VpcOffering: makeProvider(specs.VpcOffering, runtime),
};

export { ClientRuntime, makeProvider };
export type { DynamicProvider, ResourceSpec };
export { UNKNOWN } from "./adapter/check/unknown";
export { ResourceInitError, PartiallyCreatedError, StateVersionError } from "./adapter/lifecycle/errors";
/** The input names the sdk's base class writes: a resource's identity and its custom timeouts. */
export { IDENTITY_KEY, TIMEOUTS_KEY } from "./property-keys";
