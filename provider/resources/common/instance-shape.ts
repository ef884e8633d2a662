// The parts of a virtual machine's spec that Instance and VnfAppliance share: a network entry,
// the NIC output, the attributes read from listVirtualMachines' fields, the zone / offering /
// template references and the network list reference, and how NICs become outputs.
import { z } from "zod";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { ipv4Address, nonEmpty } from "../../validation/fields";
import { textOrNull } from "./api-values";
import { flag, ownerNames, presentText, text } from "./attributes";
import type { Params } from "../../client";
import type { ResolvedIds } from "../../adapter/spec";
import { entriesOf, networkParams, nicsOf } from "./instance-networks";
import { ownerParams } from "./ownership";
import { byName, guestNetworkReference, serviceOfferingReference, templateReference, zoneReference } from "./reference-kinds";

/** One network of the instance, in NIC order, by name or id, with an optional fixed IP. */
/** Where a VM runs and from what, each by name or id; `template` describes the template input. */
export const vmPlacementInputs = (noun: string, template: string) => ({
  zone: nonEmpty().describe(`The zone, by name or id. Changing it replaces ${noun}.`),
  serviceOffering: nonEmpty().describe(`The service offering, by name or id. Changing it replaces ${noun}.`),
  template: nonEmpty().describe(`${template} Changing it replaces ${noun}.`),
});

export const networkEntry = (noun: string) =>
  z
    .object({
      network: nonEmpty().describe("The network, by name or id (usually a Network's `id`)."),
      ipAddress: ipv4Address().optional().describe(`A fixed IPv4 address for ${noun} on this network; CloudStack picks one when omitted.`),
    })
    .strict();

const nicOutput = (what: string) =>
  z.object({
    id: z.string().describe(`The NIC's id${what}.`),
    networkId: z.string().describe("The id of the NIC's network."),
    networkName: z.string().nullable().describe("The name of the NIC's network."),
    ipAddress: z.string().nullable().describe("The NIC's IPv4 address."),
    isDefault: z.boolean().describe("Whether this is the default NIC."),
    macAddress: z.string().nullable().describe("The NIC's MAC address."),
    secondaryIps: z.array(z.string()).describe("Secondary IPv4 addresses on the NIC."),
  });

/**
 * The attributes every virtual machine kind has; `noun` is "instance" or "appliance", `nicIdUse`
 * what a NIC's id serves for (appended to its description).
 */
export function vmAttributes(noun: string, templateNoun: string, nicIdUse = "") {
  return {
    zoneId: presentText("The id of the zone."),
    serviceOfferingId: presentText("The id of the service offering."),
    templateId: presentText(`The id of the ${templateNoun}.`),
    networkIds: z.array(z.string()).describe(`The ids of the ${noun}'s networks, in NIC order (default first).`),
    nics: z.array(nicOutput(nicIdUse)).describe(`The ${noun}'s NICs, default first: id, network and IP of each.`),
    ipAddress: text("The IPv4 address of the default NIC."),
    password: text("The password CloudStack generated at deploy, for a password-enabled template; a secret output."),
    passwordEnabled: flag("Whether the template is password enabled."),
    state: presentText(`The ${noun} state, e.g. Running or Stopped.`),
    zoneName: text("The name of the zone."),
    serviceOfferingName: text("The name of the service offering."),
    templateName: text("The name of the template."),
    ...ownerNames,
  };
}

export const vmReferences = {
  zone: byName(zoneReference, "zone"),
  serviceOffering: byName(serviceOfferingReference, "serviceOffering"),
  // CloudStack lists a template once per zone it is in: the instance's zone is looked in first.
  template: { ...byName(templateReference, "template"), preferIn: { param: "zoneid", idProperty: "zoneId" } },
};

// Networks are resolved at check, in the owner scope; their ids decide a change.
export const vmListReferences = {
  networks: { idProperty: "networkIds", field: "network", kind: guestNetworkReference },
};

/** A moving instance: delete waits it out. */
export const vmTransitional = (vm: ApiObject) => vm.state === "Starting" || vm.state === "Stopping" || vm.state === "Migrating";

export const vmIdLists = (vm: ApiObject) => ({ networkIds: nicsOf(vm).map((nic) => nic.networkId) });

/** The NIC attributes: the networks' ids, the NICs, the default NIC's IP. */
export function vmNicAttributes(vm: ApiObject): PropertyMap {
  const nics = nicsOf(vm);
  const primary = nics.find((nic) => nic.isDefault) ?? nics[0];
  return { networkIds: nics.map((nic) => nic.networkId), nics, ipAddress: primary?.ipAddress ?? textOrNull(vm.ipaddress) };
}

/** What every deploy command takes from the inputs: zone, offering, template, names, owner, networks in order. */
export function vmDeployParams(
  inputs: { name?: string; displayName?: string; networks?: unknown; account?: string; domainId?: string; projectId?: string },
  ids: ResolvedIds,
  networkIds: readonly string[],
): Params {
  return {
    zoneid: ids.zoneId,
    serviceofferingid: ids.serviceOfferingId,
    templateid: ids.templateId,
    name: inputs.name,
    displayname: inputs.displayName,
    ...ownerParams(inputs),
    ...networkParams(entriesOf(inputs.networks), networkIds),
  };
}
