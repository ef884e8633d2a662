// The registry of lookup functions, by name. The sdk calls them in-process; the native plugin
// serves them through Invoke (token cloudstack:index:<name>); schema.json and docs/functions.md
// are generated from it.
import type { LookupFunction } from "./lookup-function";
import { getZone } from "./get-zone";
import { getDomain } from "./get-domain";
import { getAccount } from "./get-account";
import { getProject } from "./get-project";
import { getNetworkOffering } from "./get-network-offering";
import { getVpcOffering } from "./get-vpc-offering";
import { getServiceOffering } from "./get-service-offering";
import { getTemplate } from "./get-template";
import { getPhysicalNetwork } from "./get-physical-network";
import { getNetwork } from "./get-network";
import { getVpc } from "./get-vpc";
import { getNetworkAclList } from "./get-network-acl-list";
import { getPublicIpAddress } from "./get-public-ip-address";

export const functions: Record<string, LookupFunction> = {
  getZone,
  getDomain,
  getAccount,
  getProject,
  getNetworkOffering,
  getVpcOffering,
  getServiceOffering,
  getTemplate,
  getPhysicalNetwork,
  getNetwork,
  getVpc,
  getNetworkAclList,
  getPublicIpAddress,
};

export { LookupArgumentError, LookupError } from "./lookup-function";
export type { LookupFunction } from "./lookup-function";
