// Kinds of object that addressing inputs (ranges, public IPs, settings) name by name or id.
import { ReferenceKind } from "../../adapter/check/reference";

export const physicalNetworkReference: ReferenceKind = { noun: "physical network", listCommand: "listPhysicalNetworks" };

export const vpcReference: ReferenceKind = { noun: "VPC", listCommand: "listVPCs", listParams: { listall: true }, owned: true };

/** Account names are unique within a domain only: a name in two domains is ambiguous. */
export const accountReference: ReferenceKind = { noun: "account", listCommand: "listAccounts", listParams: { listall: true } };

export const domainReference: ReferenceKind = { noun: "domain", listCommand: "listDomains", listParams: { listall: true } };
