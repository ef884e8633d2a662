// Kinds of object that inputs name by name or id: what check lists to resolve a name, and whether
// the object has an owner scope.
import { ReferenceKind } from "../../adapter/check/reference";
import type { ReferenceInput } from "../../adapter/spec";

export const zoneReference: ReferenceKind = { noun: "zone", listCommand: "listZones" };

export const networkOfferingReference: ReferenceKind = {
  noun: "network offering",
  listCommand: "listNetworkOfferings",
};

export const vpcOfferingReference: ReferenceKind = { noun: "VPC offering", listCommand: "listVPCOfferings" };

export const physicalNetworkReference: ReferenceKind = { noun: "physical network", listCommand: "listPhysicalNetworks" };

/** Pod names are unique within a zone only: a name used in two zones is ambiguous. */
export const podReference: ReferenceKind = { noun: "pod", listCommand: "listPods" };

export const vpcReference: ReferenceKind = { noun: "VPC", listCommand: "listVPCs", listParams: { listall: true }, owned: true };

/** Account names are unique within a domain only: a name in two domains is ambiguous. */
export const accountReference: ReferenceKind = { noun: "account", listCommand: "listAccounts", listParams: { listall: true } };

export const domainReference: ReferenceKind = { noun: "domain", listCommand: "listDomains", listParams: { listall: true } };

export const serviceOfferingReference: ReferenceKind = { noun: "service offering", listCommand: "listServiceOfferings" };

/** listTemplates needs a filter; "executable" is every template the caller may deploy. */
export const templateReference: ReferenceKind = {
  noun: "template",
  listCommand: "listTemplates",
  listParams: { templatefilter: "executable" },
};

/** Instances and networks of every account the caller may see (an admin's included). */
export const virtualMachineReference: ReferenceKind = {
  noun: "virtual machine",
  listCommand: "listVirtualMachines",
  listParams: { listall: true },
  owned: true,
};

export const guestNetworkReference: ReferenceKind = {
  noun: "network",
  listCommand: "listNetworks",
  listParams: { listall: true },
  owned: true,
};

/**
 * A reference input `input` (e.g. "zone") resolved to the id property `<input>Id` and read back
 * from the object's `<prefix>id` field, the prefix being the input in lower case unless given
 * (a public IP names its network `associatednetwork...`).
 */
export function byId(kind: ReferenceKind, input: string, prefix = input.toLowerCase()): ReferenceInput {
  return { idProperty: `${input}Id`, field: `${prefix}id`, kind };
}

/** The same, read back as the object's `<prefix>name` where it has one: a name written stays a name. */
export function byName(kind: ReferenceKind, input: string, prefix = input.toLowerCase()): ReferenceInput {
  return { ...byId(kind, input, prefix), nameField: `${prefix}name` };
}
