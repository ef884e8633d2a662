// Kinds of object that instance-related inputs name by name or id.
import { ReferenceKind } from "../../adapter/check/reference";

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
