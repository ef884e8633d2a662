// Instance (minimal): the virtual machine that static NAT, secondary IPs and load balancers need
// (deployVirtualMachine, updateVirtualMachine, destroyVirtualMachine with expunge,
// listVirtualMachines).
import { z } from "zod";
import { type CloudStackClient, type Params } from "../client";
import { failure } from "../adapter/check/failures";
import { defineSpec, ResolvedIds } from "../adapter/spec";
import { ApiObject, CheckFailure, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { sameText } from "../adapter/diff/comparators";
import { looksLikeUuid, nonEmpty } from "../validation/fields";
import { executeForObject, stillPresent } from "./common/job-result";
import { deployVm, expungeVm, hostName, readVm, withPassword } from "./common/instance-lifecycle";
import { currentOwner, ownerFailures, ownerInputs } from "./common/ownership";
import { findScoped } from "./common/scoped-lookup";
import { contains, parseCidr, parseIpv4, blockOf } from "../../ip/ipv4";
import { entriesOf, networksFromNics, nicsOf, sameNetworks } from "./common/instance-networks";
import { text } from "./common/attributes";
import { inputObject, textOrNameInput } from "./common/inputs";
import { securityGroupFailures } from "./common/instance-security-groups";
import { networkEntry, vmAttributes, vmPlacementInputs, vmDeployParams, vmIdLists, vmListReferences, vmNicAttributes, vmReferences, vmTransitional } from "./common/instance-shape";

export const instanceInputs = inputObject({
  name: hostName()
    .optional()
    .describe("The host name; CloudStack generates one when omitted. Changing it replaces the instance."),
  displayName: textOrNameInput("display name"),
  ...vmPlacementInputs("the instance", "The template, by name or id."),
  networks: z
    .array(networkEntry("the instance"))
    .min(1, { message: "must list at least one network (omit it in a basic zone)" })
    .optional()
    .describe(
      "The networks, in order: the first is the default NIC. Each may fix the instance's IP on it. Omit in a basic zone (the zone's network is used). Changing the list replaces the instance.",
    ),
  securityGroups: z
    .array(nonEmpty())
    .optional()
    .describe(
      "Security groups by name or by id (all one or all the other), on a network with the SecurityGroup service (a basic zone, or a shared network of an advanced zone); the account's default group when omitted. CloudStack changes them only while the instance is Stopped (updateVirtualMachine): then in place, otherwise a change replaces the instance.",
    ),
  ...ownerInputs("the instance"),
});

async function readInstance(client: CloudStackClient, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  return readVm(client, "listVirtualMachines", id, olds);
}

function securityGroupParams(groups: readonly string[] | undefined): Params {
  if (!groups || groups.length === 0) return {};
  return groups.every(looksLikeUuid) ? { securitygroupids: [...groups] } : { securitygroupnames: [...groups] };
}

function deployParams(inputs: z.infer<typeof instanceInputs>, ids: ResolvedIds, networkIds: readonly string[]): Params {
  return { ...vmDeployParams(inputs, ids, networkIds), ...securityGroupParams(inputs.securityGroups) };
}

function crossFieldFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures = ownerFailures(inputs, known);
  if (known("securityGroups") && Array.isArray(inputs.securityGroups)) {
    const groups = inputs.securityGroups.filter((g): g is string => typeof g === "string" && g !== UNKNOWN);
    const byId = groups.filter(looksLikeUuid).length;
    if (byId > 0 && byId < groups.length) {
      failures.push(failure("securityGroups", inputs.securityGroups, "mixes names and ids; CloudStack takes securitygroupids or securitygroupnames, not both"));
    }
  }
  if (known("networks")) {
    const entries = entriesOf(inputs.networks).filter((e) => e.network !== UNKNOWN);
    const seen = new Set<string>();
    for (const [i, entry] of entries.entries()) {
      const key = entry.network.toLowerCase();
      if (seen.has(key)) failures.push(failure(`networks.${i}.network`, entry.network, "is listed twice; an instance has one NIC per network"));
      seen.add(key);
    }
  }
  return failures;
}

const idList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : []);

/** A fixed IP, or the host name, taken again on a network the old instance still holds. */
function collides(olds: PropertyMap, news: PropertyMap): boolean {
  const before = entriesOf(olds.networks);
  const after = entriesOf(news.networks);
  const beforeIds = idList(olds.networkIds).map((id) => id.toLowerCase());
  const afterIds = idList(news.networkIds);
  // The same network by its resolved id, or by the same name or id as written.
  const shared = (network: string, i: number) =>
    network === UNKNOWN ||
    afterIds[i] === UNKNOWN ||
    (afterIds[i] !== undefined && beforeIds.includes(afterIds[i].toLowerCase())) ||
    before.some((b) => b.network.toLowerCase() === network.toLowerCase());
  const ipTaken = after.some(
    (a, i) => a.ipAddress !== undefined && (a.ipAddress === UNKNOWN || before.some((b) => b.ipAddress === a.ipAddress)) && shared(a.network, i),
  );
  // CloudStack refuses a host name already used in the network's domain; without networks
  // (a basic zone) the new instance lands on the zone's network, where the old one is.
  const sameName = typeof news.name === "string" && (news.name === UNKNOWN || sameText(news.name, olds.name));
  const nameTaken = sameName && (after.length === 0 || after.some((a, i) => shared(a.network, i)));
  return ipTaken || nameTaken;
}

/**
 * A fixed IP must be one CloudStack can give on that network: inside its CIDR, not its gateway,
 * network or broadcast address (IpAddressManagerImpl.acquireGuestIpAddress answers null, and
 * GuestNetworkGuru raises 533 "Unable to acquire Guest IP address for network ..."). Read from
 * the networks check resolved; a network without a CIDR (L2) is not judged here.
 */
async function fixedIpFailures(client: () => Promise<CloudStackClient>, inputs: PropertyMap, known: (key: string) => boolean): Promise<CheckFailure[]> {
  if (!known("networks") || !Array.isArray(inputs.networkIds)) return [];
  const ids = inputs.networkIds as unknown[];
  const entries = Array.isArray(inputs.networks) ? (inputs.networks as unknown[]) : [];
  const failures: CheckFailure[] = [];
  for (const [i, item] of entries.entries()) {
    const ip = item && typeof item === "object" ? (item as Record<string, unknown>).ipAddress : undefined;
    const id = ids[i];
    const address = typeof ip === "string" ? parseIpv4(ip) : undefined;
    if (address === undefined || typeof id !== "string" || id === UNKNOWN) continue;
    const network = await findScoped(await client(), "listNetworks", id, inputs);
    const cidr = network && typeof network.cidr === "string" ? parseCidr(network.cidr) : undefined;
    if (!network || !cidr) continue;
    const subnet = blockOf(cidr.address, cidr.prefix);
    const name = String(network.name ?? id);
    const refusal = `CloudStack cannot give it to the instance ("Unable to acquire Guest IP address for network ...", 533)`;
    let rule: string | undefined;
    if (!contains(subnet, address)) rule = `is outside network ${name}'s CIDR ${String(network.cidr)}: ${refusal}`;
    else if (ip === network.gateway) rule = `is network ${name}'s gateway: ${refusal}`;
    else if (subnet.prefix < 31 && (address === subnet.first || address === subnet.last)) {
      rule = `is the ${address === subnet.first ? "network" : "broadcast"} address of network ${name}'s CIDR ${String(network.cidr)}: ${refusal}`;
    }
    if (rule) failures.push(failure(`networks.${i}.ipAddress`, ip, rule));
  }
  return failures;
}

export const instanceSpec = defineSpec({
  kind: "Instance",
  description:
    "A CloudStack virtual machine (minimal): zone, service offering, template, ordered networks with optional fixed IPs, security groups where the network has the SecurityGroup service. Deleting it destroys and expunges it.",
  inputs: instanceInputs,
  attributes: z.object({
    ...vmAttributes("instance", "template", " (what NicSecondaryIp takes)"),
    publicIp: text("The public IP mapped to the instance by static NAT, if any (elastic IP in a basic zone)."),
    publicIpId: text("The id of that public IP."),
    instanceName: text("The hypervisor's name of the instance (root admin)."),
  }),
  references: vmReferences,
  listReferences: vmListReferences,
  defaultedByCloudStack: ["name", "displayName", "networks", "securityGroups", "account", "domainId", "projectId"],
  // UserVmManagerImpl.updateVirtualMachine takes new security groups only from a Stopped instance.
  inPlace: { displayName: true, securityGroups: (olds) => olds.state === "Stopped" },
  equal: {
    networks: sameNetworks,
    securityGroups: (a, b) => {
      const norm = (v: unknown) => (Array.isArray(v) ? v.map((x) => String(x).toLowerCase()).sort() : []);
      return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
    },
    name: sameText,
  },
  validate: crossFieldFailures,
  checkWithApi: async (client, inputs, known) => [...(await fixedIpFailures(client, inputs, known)), ...(await securityGroupFailures(client, inputs, known))],
  deleteBeforeReplace: collides,
  secretOutputs: ["password"],
  transitional: vmTransitional,

  create: (client, inputs, ids, lists) => deployVm(client, "deployVirtualMachine", deployParams(inputs, ids, lists.networkIds ?? [])),

  read: (client, id, olds) => readInstance(client, id, olds),

  async update(client, id, olds, news, _ids, changed) {
    const params: Params = {
      ...(changed.includes("displayName") && news.displayName !== undefined ? { displayname: news.displayName } : {}),
      // The new list replaces the instance's groups.
      ...(changed.includes("securityGroups") ? securityGroupParams(news.securityGroups) : {}),
    };
    if (Object.keys(params).length > 0) {
      const vm = await executeForObject(client, "updateVirtualMachine", { id, ...params }, "virtualmachine");
      return withPassword(vm, olds);
    }
    return stillPresent(await readInstance(client, id, olds), "Instance", id);
  },

  delete: (client, id) => expungeVm(client, id),

  inputsOf(vm, olds) {
    const groups = Array.isArray(vm.securitygroup) ? (vm.securitygroup as ApiObject[]) : [];
    const priorGroups = Array.isArray(olds.securityGroups) ? (olds.securityGroups as string[]) : [];
    const byId = priorGroups.length > 0 && priorGroups.every(looksLikeUuid);
    return {
      networks: networksFromNics(nicsOf(vm), olds),
      securityGroups: groups.length === 0 ? null : groups.map((g) => String(byId ? g.id : g.name)),
      ...currentOwner(vm, olds),
    };
  },

  idListsOf: vmIdLists,

  attributesOf: vmNicAttributes,

  errors: [
    { text: "Unable to acquire Guest IP address for network <network>", why: "The network's guest range is full: widen it (an IpRange on a shared network) or use another network." },
    { text: "Cannot perform this operation, Zone is currently disabled: <zone>", why: "Instances need an enabled zone: a ZoneEnablement resource enables one made by the program." },
    { text: "Unable to use network with id= <network>, permission denied", why: "The network belongs to another account or project: deploy the instance with that owner (`account` and `domainId`, or `projectId`)." },
  ],
});
