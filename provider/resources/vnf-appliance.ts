// VnfAppliance: an instance of a VNF template (CloudStack 4.19+; deployVnfAppliance,
// updateVirtualMachine, destroyVirtualMachine with expunge, listVnfAppliances). Its networks
// follow the template's VNF NICs by device id; CloudStack opens the template's management ports
// for it (VnfTemplateManagerImpl), and the delete removes what that made.
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient, type Params } from "../client";
import { failure } from "../adapter/check/failures";
import { UNKNOWN } from "../adapter/check/unknown";
import { sameText } from "../adapter/diff/comparators";
import { defineSpec, ResolvedIds } from "../adapter/spec";
import { ApiObject, ApiObjectWith, CheckFailure, EXTRA, PropertyMap } from "../adapter/types";
import { parseCidr } from "../../ip/ipv4";
import { text } from "./common/attributes";
import { inputObject, keptAsWritten, textOrNameInput } from "./common/inputs";
import { deployVm, expungeVm, hostName, readVm } from "./common/instance-lifecycle";
import { entriesOf, networksFromNics, nicsOf, sameNetworks } from "./common/instance-networks";
import { executeForObject, stillPresent } from "./common/job-result";
import { currentOwner, ownerFailures, ownerInputs } from "./common/ownership";
import { networkEntry, vmAttributes, vmPlacementInputs, vmDeployParams, vmIdLists, vmListReferences, vmNicAttributes, vmReferences, vmTransitional } from "./common/instance-shape";
import { warn } from "./common/warnings";

/** VnfTemplateManagerImpl.VNF_SECURITY_GROUP_NAME: the prefix of the group CloudStack makes for an appliance. */
const VNF_GROUP_PREFIX = "VNF_SecurityGroup_";

export const vnfApplianceInputs = inputObject({
  name: hostName().optional().describe("The host name; CloudStack generates one when omitted. Updated in place (updateVirtualMachine)."),
  displayName: textOrNameInput("display name"),
  ...vmPlacementInputs("the appliance", "The VNF template (a VnfTemplate), by name or id; a template that is not VNF is refused at check."),
  networks: z
    .array(networkEntry("the appliance"))
    .min(1, { message: "must list at least one network: CloudStack refuses a VNF appliance without (\"VNF nics list is empty\")" })
    .describe(
      "The networks in the order of the template's VNF NICs: the first gets device id 0 (the default NIC), the next 1, and so on; each NIC the template marks required needs one. Each may fix the appliance's IP on it. Changing the list replaces the appliance.",
    ),
  vnfConfigureManagement: z
    .boolean()
    .optional()
    .describe(
      "Whether CloudStack makes a security group opening the template's management ports for the appliance, in a zone with security groups; false when omitted. On isolated networks CloudStack opens the ports whatever this says (a public IP with static NAT and firewall rules). Changing it replaces the appliance.",
    ),
  vnfCidrList: z
    .array(
      z.string().refine((c) => parseCidr(c) !== undefined, { message: "is not a valid IPv4 CIDR (a.b.c.d/n with n <= 32): CloudStack refuses it (\"Invalid cidr for VNF appliance\")" }),
    )
    .optional()
    .describe("The source CIDRs allowed to reach the management ports; 0.0.0.0/0 when omitted. Changing it replaces the appliance."),
  ...ownerInputs("the appliance"),
});

const managementIpOutput = z.object({
  id: z.string().describe("The public IP's id."),
  ipAddress: z.string().describe("The public IP address."),
  networkId: z.string().describe("The isolated network it belongs to."),
});

type Inputs = z.infer<typeof vnfApplianceInputs>;
type ManagementIp = z.infer<typeof managementIpOutput>;

/** A read: the instance, with the public IPs CloudStack gave its management NICs. */
type Appliance = ApiObjectWith<ManagementIp[]>;

function deployParams(inputs: Inputs, ids: ResolvedIds, networkIds: readonly string[]): Params {
  return {
    ...vmDeployParams(inputs, ids, networkIds),
    vnfconfiguremanagement: inputs.vnfConfigureManagement,
    vnfcidrlist: inputs.vnfCidrList ? [...inputs.vnfCidrList] : undefined,
  };
}

/** The device ids of the template's management NICs, as the appliance reports them (vnfnics). */
function managementDevices(vm: ApiObject): Set<number> {
  const nics = Array.isArray(vm.vnfnics) ? (vm.vnfnics as ApiObject[]) : [];
  return new Set(nics.filter((n) => n.management !== false).map((n) => Number(n.deviceid)));
}

/**
 * The public IPs with static NAT to the appliance on its management networks
 * (VnfTemplateManagerImpl.createIsolatedNetworkRulesForVnfAppliance made them).
 */
async function managementIps(client: CloudStackClient, vm: ApiObject): Promise<ManagementIp[]> {
  const devices = managementDevices(vm);
  const raw = Array.isArray(vm.nic) ? (vm.nic as ApiObject[]) : [];
  const networks = raw.filter((n) => devices.has(Number(n.deviceid))).map((n) => String(n.networkid));
  const found: ManagementIp[] = [];
  for (const networkId of networks) {
    const ips = await client.list<ApiObject>("listPublicIpAddresses", { associatednetworkid: networkId, isstaticnat: true, listall: true });
    for (const ip of ips) {
      if (String(ip.virtualmachineid) === String(vm.id)) found.push({ id: String(ip.id), ipAddress: String(ip.ipaddress), networkId });
    }
  }
  return found;
}

const withManagementIps = async (client: CloudStackClient, vm: ApiObject): Promise<Appliance> => ({ ...vm, [EXTRA]: await managementIps(client, vm) });

async function readAppliance(client: CloudStackClient, id: string, olds: PropertyMap): Promise<Appliance | undefined> {
  const vm = await readVm(client, "listVnfAppliances", id, olds);
  return vm && withManagementIps(client, vm);
}

const vnfGroupOf = (vm: ApiObject): string | null => {
  const groups = Array.isArray(vm.securitygroup) ? (vm.securitygroup as ApiObject[]) : [];
  const group = groups.find((g) => String(g.name).startsWith(VNF_GROUP_PREFIX));
  return group ? String(group.id) : null;
};

/** Runs a cleanup step whose object may be gone already (431); any other refusal is a warning. */
async function cleanup(what: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (err) {
    if (err instanceof CloudStackApiError && err.errorcode === 431) return;
    warn(`${what} was left in place: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Destroy with expunge, then what CloudStack leaves behind: expunging disables the static NAT
 * and revokes its firewall rules but keeps the public IPs allocated
 * (UserVmManagerImpl.cleanupVmResources, RulesManagerImpl.disableStaticNat), and takes the
 * appliance out of its security group without deleting the group. Both were made for the
 * appliance alone: the IPs are released and the group deleted.
 */
async function destroyAppliance(client: CloudStackClient, id: string, olds: PropertyMap): Promise<void> {
  await expungeVm(client, id);
  const ips = Array.isArray(olds.managementIps) ? (olds.managementIps as ManagementIp[]) : [];
  for (const ip of ips) await cleanup(`the management public IP ${ip.ipAddress}`, () => client.execute("disassociateIpAddress", { id: ip.id }));
  const group = typeof olds.managementSecurityGroupId === "string" ? olds.managementSecurityGroupId : undefined;
  if (group) await cleanup(`the management security group ${group}`, () => client.execute("deleteSecurityGroup", { id: group }));
}

function crossFieldFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures = ownerFailures(inputs, known);
  if (known("networks")) {
    const seen = new Set<string>();
    for (const [i, entry] of entriesOf(inputs.networks).entries()) {
      if (entry.network === UNKNOWN) continue;
      if (seen.has(entry.network.toLowerCase())) failures.push(failure(`networks.${i}.network`, entry.network, "is listed twice; an appliance has one NIC per network"));
      seen.add(entry.network.toLowerCase());
    }
  }
  return failures;
}

/**
 * UserVmManagerImpl.verifyTemplate and VnfTemplateManagerImpl.validateVnfApplianceNics, read from
 * the template check resolved: it must be a VNF template, and each NIC it marks required needs a
 * network at its device id.
 */
async function templateFailures(client: () => Promise<CloudStackClient>, inputs: PropertyMap, known: (key: string) => boolean): Promise<CheckFailure[]> {
  if (!known("template") || typeof inputs.templateId !== "string" || inputs.templateId === UNKNOWN) return [];
  const templateId = inputs.templateId;
  const listed = await (await client()).list<ApiObject>("listTemplates", { templatefilter: "executable", id: templateId }).catch(() => []);
  const template = listed.find((t) => String(t.id).toLowerCase() === templateId.toLowerCase());
  if (!template) return [];
  if (template.templatetype !== "VNF") {
    return [failure("template", inputs.template, `is a ${String(template.templatetype)} template, not a VNF one: CloudStack refuses it ("Can't deploy VNF appliance from a non-VNF template")`)];
  }
  if (!known("networks") || !Array.isArray(inputs.networks)) return [];
  const count = inputs.networks.length;
  const nics = Array.isArray(template.vnfnics) ? (template.vnfnics as ApiObject[]) : [];
  return nics
    .filter((nic) => nic.required !== false && Number(nic.deviceid) >= count)
    .map((nic) =>
      failure(
        "networks",
        inputs.networks,
        `gives ${count} network(s), but the template's NIC ${String(nic.name)} (device id ${String(nic.deviceid)}) is required: CloudStack refuses it ("VNF nic is required but not found")`,
      ),
    );
}

export const vnfApplianceSpec = defineSpec({
  kind: "VnfAppliance",
  description:
    "A VNF appliance (CloudStack 4.19+): an instance of a VNF template, its networks in the order of the template's NICs, with CloudStack opening the template's management ports (a security group, or a public IP with static NAT and firewall rules on isolated networks). Deleting it destroys and expunges it and removes that IP and group.",
  inputs: vnfApplianceInputs,
  attributes: z.object({
    ...vmAttributes("appliance", "VNF template"),
    managementIps: z.array(managementIpOutput).describe("The public IPs CloudStack gave the management NICs on isolated networks (static NAT, firewall rules for the management ports)."),
    managementPublicIp: text("The first of those public IPs, if any: where the management ports are reached."),
    managementSecurityGroupId: text("The id of the security group CloudStack made for the management ports (VNF_SecurityGroup_...), if any."),
  }),
  references: vmReferences,
  listReferences: vmListReferences,
  defaultedByCloudStack: ["name", "displayName", "vnfConfigureManagement", "vnfCidrList", "account", "domainId", "projectId"],
  // UserVmManagerImpl.updateVirtualMachine changes the display name and the host name of any instance.
  inPlace: { name: true, displayName: true },
  equal: {
    networks: sameNetworks,
    name: sameText,
    vnfCidrList: (a, b) => JSON.stringify(Array.isArray(a) && a.length > 0 ? a : ["0.0.0.0/0"]) === JSON.stringify(Array.isArray(b) && b.length > 0 ? b : ["0.0.0.0/0"]),
    vnfConfigureManagement: (a, b) => (a === true) === (b === true),
  },
  validate: crossFieldFailures,
  checkWithApi: templateFailures,
  secretOutputs: ["password"],
  transitional: vmTransitional,

  async create(client, inputs, ids, lists) {
    const vm = await deployVm(client, "deployVnfAppliance", deployParams(inputs, ids, lists.networkIds ?? []));
    // The deploy's answer has no view of the management IPs: read them as a refresh would.
    return withManagementIps(client, vm);
  },

  read: (client, id, olds) => readAppliance(client, id, olds),

  async update(client, id, olds, news, _ids, changed) {
    const params: Params = {
      ...(changed.includes("displayName") && news.displayName !== undefined ? { displayname: news.displayName } : {}),
      ...(changed.includes("name") && news.name !== undefined ? { name: news.name } : {}),
    };
    if (Object.keys(params).length > 0) await executeForObject(client, "updateVirtualMachine", { id, ...params }, "virtualmachine");
    return stillPresent(await readAppliance(client, id, olds), "VnfAppliance", id);
  },

  delete: (client, id, _object, olds) => destroyAppliance(client, id, olds),

  inputsOf(vm, olds) {
    return {
      networks: networksFromNics(nicsOf(vm), olds),
      ...keptAsWritten(olds, "vnfConfigureManagement", "vnfCidrList"),
      ...currentOwner(vm, olds),
    };
  },

  idListsOf: vmIdLists,

  attributesOf(vm: Appliance) {
    const ips = vm[EXTRA];
    return {
      ...vmNicAttributes(vm),
      managementIps: ips,
      managementPublicIp: ips[0]?.ipAddress ?? null,
      managementSecurityGroupId: vnfGroupOf(vm),
    };
  },

  errors: [
    { text: "Can't deploy VNF appliance from a non-VNF template", why: "The template is a plain one: register the image as a VnfTemplate." },
    { text: "VNF nic is required but not found: <nic>", why: "The template marks more NICs required than `networks` gives: add a network for each, in device-id order." },
    { text: "Invalid cidr for VNF appliance: <cidr>", why: "Each `vnfCidrList` entry must be an IPv4 CIDR." },
    {
      text: "Template [<template>] has not been completely downloaded to the zone [<zone>].",
      why: "The template is still downloading: give `template` the VnfTemplate resource's id (its create waits for the download), or wait until the template's isReady is true.",
    },
    { text: "The template <internal id> is not available for use", why: "The template is registered in another zone: register it in the appliance's zone." },
  ],
});
