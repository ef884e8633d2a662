// Every command handler of the simulator's model side, by exact command name.
import type { SimulatorModel } from "../model";
import type { Handler } from "../wire/types";
import { accountHandlers } from "./accounts";
import { addressHandlers } from "./addresses";
import { capabilityHandlers } from "./capabilities";
import { catalogHandlers } from "./catalog";
import { configurationHandlers } from "./configurations";
import { infrastructureHandlers } from "./infrastructure";
import { instanceHandlers } from "./instances";
import { networkAclHandlers } from "./network-acls";
import { networkHandlers } from "./networks";
import { networkPermissionHandlers } from "./network-permissions";
import { nicHandlers } from "./nics";
import { privateGatewayHandlers } from "./private-gateways";
import { securityGroupHandlers } from "./security-groups";
import { staticNatHandlers } from "./static-nat";
import { staticRouteHandlers } from "./static-routes";
import { tagHandlers } from "./tags";
import { vlanRangeHandlers } from "./vlan-ranges";
import { vpcHandlers } from "./vpcs";
import { firewallHandlers } from "./firewall";
import { portForwardingHandlers } from "./port-forwarding";
import { loadBalancerHandlers } from "./load-balancers";
import { gslbHandlers } from "./gslb";
import { remoteAccessVpnHandlers } from "./vpn-remote-access";
import { siteToSiteVpnHandlers } from "./vpn-site-to-site";
import { zoneHandlers } from "./zones";
import { physicalNetworkHandlers } from "./physical-networks";
import { externalDeviceHandlers } from "./external-devices";
import { vnfApplianceHandlers } from "./vnf-appliances";
import { vnfTemplateHandlers } from "./vnf-templates";
import { offeringHandlers } from "./offerings";

export function buildHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    ...capabilityHandlers(model),
    ...accountHandlers(model),
    ...infrastructureHandlers(model),
    ...networkHandlers(model),
    ...networkPermissionHandlers(model),
    ...tagHandlers(model),
    ...configurationHandlers(model),
    ...catalogHandlers(model),
    ...instanceHandlers(model),
    ...nicHandlers(model),
    ...securityGroupHandlers(model),
    ...vlanRangeHandlers(model),
    ...addressHandlers(model),
    ...staticNatHandlers(model),
    ...vpcHandlers(model),
    ...networkAclHandlers(model),
    ...privateGatewayHandlers(model),
    ...staticRouteHandlers(model),
    ...firewallHandlers(model),
    ...portForwardingHandlers(model),
    ...loadBalancerHandlers(model),
    ...gslbHandlers(model),
    ...remoteAccessVpnHandlers(model),
    ...siteToSiteVpnHandlers(model),
    ...zoneHandlers(model),
    ...physicalNetworkHandlers(model),
    ...externalDeviceHandlers(model),
    ...vnfTemplateHandlers(model),
    ...vnfApplianceHandlers(model),
    ...offeringHandlers(model),
  };
}
