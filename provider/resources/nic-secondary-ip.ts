// NicSecondaryIp: an extra IPv4 address on an instance's NIC (addIpToNic, removeIpFromNic; read
// through listNics, which needs the instance's id).
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient } from "../client";
import { defineSpec } from "../adapter/spec";
import { ApiObject, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { ipv4Address, uuid } from "../validation/fields";
import { executeForObject, stillPresent } from "./common/job-result";
import { presentText, text } from "./common/attributes";
import { inputObject } from "./common/inputs";

export const nicSecondaryIpInputs = inputObject({
  nicId: uuid().describe("The id of the NIC (an Instance's `nics[i].id`). Changing it replaces the address."),
  ipAddress: ipv4Address()
    .optional()
    .describe("The secondary IPv4 address, in the NIC's network; CloudStack picks a free one when omitted. Changing it replaces the address."),
});

const sameId = (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();

function secondaryIn(nic: ApiObject, id: string, vmId: string): ApiObject | undefined {
  const ips = Array.isArray(nic.secondaryip) ? (nic.secondaryip as ApiObject[]) : [];
  const ip = ips.find((item) => sameId(item?.id, id));
  return ip && { ...ip, nicid: nic.id, networkid: ip.networkid ?? nic.networkid, virtualmachineid: vmId };
}

/** By the instance's NICs; an expunged instance or a removed NIC answers 431 (ParamProcessWorker). */
async function readThroughNics(client: CloudStackClient, id: string, vmId: string, nicId: unknown): Promise<ApiObject | undefined> {
  let nics: ApiObject[];
  try {
    nics = await client.list<ApiObject>("listNics", { virtualmachineid: vmId, nicid: typeof nicId === "string" ? nicId : undefined });
  } catch (err) {
    if (err instanceof CloudStackApiError && err.errorcode === 431) return undefined;
    throw err;
  }
  for (const nic of nics) {
    const found = secondaryIn(nic, id, vmId);
    if (found) return found;
  }
  return undefined;
}

/** Without a recorded instance (Resource.get), the instances' NICs are searched. */
async function readThroughInstances(client: CloudStackClient, id: string): Promise<ApiObject | undefined> {
  const vms = await client.list<ApiObject>("listVirtualMachines", { listall: true });
  for (const vm of vms) {
    for (const nic of Array.isArray(vm.nic) ? (vm.nic as ApiObject[]) : []) {
      const found = secondaryIn(nic, id, String(vm.id));
      if (found) return found;
    }
  }
  return undefined;
}

function readSecondaryIp(client: CloudStackClient, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  return typeof olds.virtualMachineId === "string"
    ? readThroughNics(client, id, olds.virtualMachineId, olds.nicId)
    : readThroughInstances(client, id);
}

export const nicSecondaryIpSpec = defineSpec({
  kind: "NicSecondaryIp",
  description: "A secondary IPv4 address on an instance's NIC, given or chosen by CloudStack; static NAT can map a public IP to it (vmGuestIp).",
  inputs: nicSecondaryIpInputs,
  attributes: z.object({
    virtualMachineId: presentText("The id of the instance the NIC belongs to."),
    networkId: text("The id of the NIC's network."),
  }),
  defaultedByCloudStack: ["ipAddress"],
  alwaysOutput: ["ipAddress"],
  // The same address cannot be on the network twice: the old one goes first.
  deleteBeforeReplace: (olds, news) => news.ipAddress === UNKNOWN || (typeof news.ipAddress === "string" && news.ipAddress === olds.ipAddress),

  async create(client, inputs) {
    const secondaryIp = await executeForObject(client, "addIpToNic", { nicid: inputs.nicId, ipaddress: inputs.ipAddress }, "nicsecondaryip");
    return { nicid: inputs.nicId, ...secondaryIp };
  },

  read: (client, id, olds) => readSecondaryIp(client, id, olds),

  async update(client, id, olds) {
    return stillPresent(await readSecondaryIp(client, id, olds), "NicSecondaryIp", id);
  },

  delete: "removeIpFromNic",


  errors: [
    { text: "Failed to assign secondary ip to nic", why: "The address is in use or outside the NIC's network." },
  ],
});
