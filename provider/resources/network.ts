// Network: isolated, shared and L2 guest networks (createNetwork, updateNetwork, deleteNetwork,
// listNetworks; tags through createTags / deleteTags).
import { z } from "zod";
import type { CloudStackClient, Params } from "../client";
import { PartiallyCreatedError } from "../adapter/lifecycle/errors";
import { findById } from "../adapter/lifecycle/lookup";
import { listWhere } from "../adapter/lifecycle/read-batch";
import { CreateStamp, defineSpec, ResolvedIds } from "../adapter/spec";
import { ApiObject, CheckFailure, EXTRA, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { failure } from "../adapter/check/failures";
import { caseInsensitiveEnum, ipv4Address, ipv4Cidr, netmask, nonEmpty, tagMap } from "../validation/fields";
import { normalizeVlan, sameCidr, sameText, sameVlan } from "../adapter/diff/comparators";
import { overlaps } from "../../ip/ipv4";
import { tagsOf, textOrNull } from "./common/api-values";
import { executeForObject, stillPresent } from "./common/job-result";
import { given, inputObject, keptAsWritten, nameInput, networkDomainInput, textOrNameInput, UPDATED_IN_PLACE } from "./common/inputs";
import { currentOwner, ownerFailures, ownerInputs, ownerParams, ownerScope } from "./common/ownership";
import { byName, networkOfferingReference, zoneReference } from "./common/reference-kinds";
import { syncTags, tagsEqual } from "./common/tags";
import { addressingFailures, gatewayAndNetmask, subnetFromInputs } from "./common/network-addressing";
import { replaceTierAcl, vpcTierCollides, vpcTierFailures, vpcTierInputs } from "./common/vpc-tier";
import { flag, ownerNames, presentText, text } from "./common/attributes";

export const networkInputs = inputObject({
  name: nameInput("the network"),
  displayText: textOrNameInput("display text"),
  zone: nonEmpty().describe("The zone, by name or id. Changing it replaces the network."),
  networkOffering: nonEmpty().describe(
    "The network offering, by name or id (e.g. a NetworkOffering's `id` or `name`, which makes the network wait for it); it must be Enabled. It decides the type (Isolated, Shared, L2). Changing it updates an isolated network in place and replaces any other.",
  ),
  cidr: ipv4Cidr()
    .optional()
    .describe("The guest CIDR, e.g. 10.1.1.0/24, sent as gateway (its first host unless `gateway` is given) and netmask. Changing it replaces the network."),
  gateway: ipv4Address().optional().describe("The gateway; with `netmask`, an alternative to `cidr`. Changing it replaces the network."),
  netmask: netmask().optional().describe("The netmask, e.g. 255.255.255.0; goes with `gateway`. Changing it replaces the network."),
  startIp: ipv4Address().optional().describe("First IP of the range (shared networks); needs `cidr` or `gateway` and `netmask`. Changing it replaces the network."),
  endIp: ipv4Address().optional().describe("Last IP of the range (shared networks); defaults to `startIp`. Changing it replaces the network."),
  vlan: z.string().optional().describe(
    "The VLAN, e.g. \"100\" or \"vlan://100\" (root admin; offerings with specifyvlan). When omitted, the output shows the VLAN CloudStack assigned, which is unstable: an isolated network gets one when implemented and loses it when shut down. Changing it replaces the network.",
  ),
  networkDomain: networkDomainInput("", UPDATED_IN_PLACE),
  dns1: ipv4Address().optional().describe("First IPv4 DNS server; the zone's when omitted. Updated in place."),
  dns2: ipv4Address().optional().describe("Second IPv4 DNS server; the zone's when omitted. Updated in place."),
  ...ownerInputs("the network"),
  aclType: caseInsensitiveEnum(["Account", "Domain"]).optional().describe("Access control type: Account or Domain (shared networks). Changing it replaces the network."),
  subdomainAccess: z.boolean().optional().describe("With aclType Domain: whether subdomains may use the network. Changing it replaces the network."),
  guestVmCidr: ipv4Cidr()
    .optional()
    .describe(
      "IP reservation: the part of the network CIDR CloudStack gives to guest VMs (isolated networks, in state Implemented or Setup). Setting it equal to the network CIDR removes the reservation. Updated in place.",
    ),
  isolatedPvlan: z
    .string()
    .regex(/^\d+$/, { message: "must be a VLAN number, e.g. \"801\"" })
    .optional()
    .describe(
      "The secondary VLAN of a private VLAN (PVLAN), e.g. \"801\" (root admin; shared or L2 networks of an advanced zone without security groups; needs `vlan`, the primary VLAN). A promiscuous network's secondary VLAN is its primary one (the default when omitted). Changing it replaces the network.",
    ),
  isolatedPvlanType: caseInsensitiveEnum(["community", "isolated", "promiscuous"])
    .optional()
    .describe(
      "The private VLAN type: promiscuous (talks to every port of the PVLAN: gateways, DHCP), community (talks to its community and the promiscuous ports) or isolated (talks to the promiscuous ports only). When omitted, CloudStack takes promiscuous if `isolatedPvlan` equals `vlan`, isolated otherwise. Changing it replaces the network.",
    ),
  sourceNatIpAddress: ipv4Address()
    .optional()
    .describe(
      "The public IP that is the network's source NAT IP (isolated networks whose offering has SourceNat). Without it, the first public IP the network gets becomes the source NAT IP: the one CloudStack picks when the network is implemented, or, before that, the first PublicIpAddress acquired for it, which then cannot have static NAT and stays with the network when released. Given at creation, CloudStack acquires this address for the network at once, so a PublicIpAddress created later is an ordinary IP. Changed in place to an address already acquired for the network (a PublicIpAddress on it). When omitted the output keeps what was given, since CloudStack's network object does not name its source NAT IP.",
    ),
  ...vpcTierInputs,
  tags: tagMap().optional().describe("Resource tags. Updated in place."),
  restartTrigger: z
    .string()
    .optional()
    .describe(
      "Any text: when it changes to a new value, the next `pulumi up` restarts the network with cleanup (restartNetwork cleanup=true: its routers are destroyed and rebuilt). The network is never restarted otherwise; removing the value restarts nothing. Not for VPC tiers (restart the Vpc).",
    ),
  restartMakeRedundant: z
    .boolean()
    .optional()
    .describe(
      "With a restart that `restartTrigger` asks for: also make the network's routers redundant (restartNetwork makeredundant=true), which CloudStack allows when the offering's SourceNat service supports RedundantRouter. Updated in place: changing it alone restarts nothing.",
    ),
});

function isIsolated(olds: PropertyMap): boolean {
  return String(olds.type ?? "").toLowerCase() === "isolated";
}

/**
 * A network as read: with its source NAT IP when the network declares one (the network object
 * has no such field); without, as a create or an update returns it.
 */
type NetworkObject = ApiObject & { readonly [EXTRA]?: { readonly sourceNatIp: string | null } };

/** The address of the network's source NAT IP, or null while it has none (not implemented). */
async function sourceNatAddress(client: CloudStackClient, id: string, olds: PropertyMap): Promise<string | null> {
  const ips = await client.list<ApiObject>("listPublicIpAddresses", { ...ownerScope(olds), associatednetworkid: id, issourcenat: true });
  return textOrNull(ips.find((ip) => ip.issourcenat === true)?.ipaddress);
}

async function readNetwork(client: CloudStackClient, id: string, olds: PropertyMap): Promise<NetworkObject | undefined> {
  // A network being destroyed is gone for the engine's purposes.
  const network = await findById(client, "listNetworks", id, ownerScope(olds), { goneWhen: (n) => n.state === "Destroy" });
  // The extra call only for networks that declare their source NAT IP.
  if (!network || typeof olds.sourceNatIpAddress !== "string") return network;
  return { ...network, [EXTRA]: { sourceNatIp: await sourceNatAddress(client, id, olds) } };
}

/** Applies (or resets) an IP reservation; updateNetwork guestvmcidr is its own call. */
async function reserve(client: CloudStackClient, id: string, guestVmCidr: string): Promise<ApiObject> {
  return executeForObject(client, "updateNetwork", { id, guestvmcidr: guestVmCidr }, "network");
}

function effectiveGuestCidr(network: ApiObject): string | undefined {
  return typeof network.cidr === "string" ? network.cidr : undefined;
}

function createParams(inputs: z.infer<typeof networkInputs>, ids: ResolvedIds, stamp: CreateStamp): Params {
  const { gateway, netmask: mask } = gatewayAndNetmask(inputs);
  return {
    // The create's token: the next attempt of this create finds the network by it.
    externalid: stamp.token,
    name: inputs.name,
    displaytext: inputs.displayText,
    zoneid: ids.zoneId,
    networkofferingid: ids.networkOfferingId,
    gateway,
    netmask: mask,
    startip: inputs.startIp,
    endip: inputs.endIp,
    vlan: inputs.vlan,
    networkdomain: inputs.networkDomain,
    dns1: inputs.dns1,
    dns2: inputs.dns2,
    ...ownerParams(inputs),
    acltype: inputs.aclType,
    subdomainaccess: inputs.subdomainAccess,
    isolatedpvlan: inputs.isolatedPvlan,
    isolatedpvlantype: inputs.isolatedPvlanType,
    sourcenatipaddress: inputs.sourceNatIpAddress,
    vpcid: inputs.vpcId,
    aclid: inputs.aclId,
  };
}

/** The owner rules of every owned kind, and subdomainAccess, which only a Domain network takes. */
function ownershipFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures = ownerFailures(inputs, known);
  if (given(inputs, "subdomainAccess") && known("subdomainAccess") && known("aclType") && String(inputs.aclType ?? "").toLowerCase() !== "domain") {
    failures.push(failure("subdomainAccess", inputs.subdomainAccess, "applies only with aclType Domain"));
  }
  return failures;
}

/** Shared networks must not overlap in a zone, and a VLAN is used once: delete the old one first. */
function collides(olds: PropertyMap, news: PropertyMap): boolean {
  if (vpcTierCollides(olds, news)) return true;
  // The new network acquires its source NAT address at creation: the old one must let it go.
  if (news.sourceNatIpAddress !== undefined && (news.sourceNatIpAddress === UNKNOWN || news.sourceNatIpAddress === olds.sourceNatIpAddress)) return true;
  const sameZone = news.zoneId === UNKNOWN || news.zoneId === undefined || sameText(news.zoneId, olds.zoneId);
  if (!sameZone) return false;
  if (news.vlan !== undefined && (news.vlan === UNKNOWN || sameVlan(news.vlan, olds.vlan))) return true;
  if (String(olds.type ?? "").toLowerCase() !== "shared") return false;
  if ([news.cidr, news.gateway, news.netmask].includes(UNKNOWN)) return true;
  const before = subnetFromInputs(olds);
  const after = subnetFromInputs(news);
  return before === undefined || after === undefined || overlaps(before, after);
}

/**
 * CloudStack's private VLAN rules that need no API (NetworkServiceImpl.createGuestNetwork,
 * performBasicPrivateVlanChecks): a primary VLAN; promiscuous means the secondary VLAN equals the
 * primary, community and isolated that it differs and is given.
 */
function privateVlanFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  if (!["vlan", "isolatedPvlan", "isolatedPvlanType"].every(known)) return [];
  const secondary = typeof inputs.isolatedPvlan === "string" ? inputs.isolatedPvlan : undefined;
  const type = typeof inputs.isolatedPvlanType === "string" ? inputs.isolatedPvlanType.toLowerCase() : undefined;
  if (secondary === undefined && type === undefined) return [];
  const primary = typeof inputs.vlan === "string" ? normalizeVlan(inputs.vlan) : undefined;
  const property = secondary !== undefined ? "isolatedPvlan" : "isolatedPvlanType";
  if (primary === undefined) return [failure(property, inputs[property], "needs vlan, the primary VLAN of the private VLAN")];
  if (type === "promiscuous" && secondary !== undefined && secondary !== primary) {
    return [failure("isolatedPvlan", secondary, `must equal vlan (${primary}) for a promiscuous private VLAN`)];
  }
  if (type !== undefined && type !== "promiscuous" && secondary === undefined) {
    return [failure("isolatedPvlanType", inputs.isolatedPvlanType, "needs isolatedPvlan, the secondary VLAN (only a promiscuous network may omit it)")];
  }
  if (type !== undefined && type !== "promiscuous" && secondary === primary) {
    return [failure("isolatedPvlan", secondary, `must differ from vlan (${primary}) for a ${type} private VLAN`)];
  }
  return [];
}

/** The private VLAN a root admin reads in the broadcast URI, pvlan://<primary>-<p|c|i><secondary>. */
function privateVlanOf(network: ApiObject): PropertyMap {
  const match = /^pvlan:\/\/(\d+)-([pci])(\d+)$/i.exec(String(network.broadcasturi ?? ""));
  if (!match) return {};
  const types: Record<string, string> = { p: "promiscuous", c: "community", i: "isolated" };
  return { isolatedPvlan: match[3], isolatedPvlanType: types[match[2].toLowerCase()] };
}

export const networkSpec = defineSpec<typeof networkInputs, NetworkObject>({
  kind: "Network",
  description: "A CloudStack guest network: isolated, shared or L2.",
  inputs: networkInputs,
  attributes: z.object({
    zoneId: presentText("The id of the zone."),
    networkOfferingId: presentText("The id of the network offering."),
    state: presentText("Allocated, Setup, Implementing, Implemented, Shutdown or Destroy."),
    type: presentText("Isolated, Shared or L2."),
    networkCidr: text("With an IP reservation: the whole network CIDR (CloudStack's networkcidr); null otherwise."),
    reservedIpRange: text("With an IP reservation: the addresses kept out of the guest VM range."),
    broadcastUri: text("The broadcast URI, e.g. vlan://123 (root admin; set once implemented)."),
    broadcastDomainType: text("The broadcast domain type, e.g. Vlan."),
    trafficType: text("The traffic type, Guest for guest networks."),
    zoneName: text("The name of the zone."),
    networkOfferingName: text("The name of the network offering."),
    physicalNetworkId: text("The id of the physical network."),
    ...ownerNames,
    restartRequired: flag("Whether CloudStack asks for a network restart."),
  }),
  references: {
    zone: byName(zoneReference, "zone"),
    networkOffering: byName(networkOfferingReference, "networkOffering"),
  },
  defaultedByCloudStack: [
    "displayText",
    "cidr",
    "gateway",
    "netmask",
    "vlan",
    "networkDomain",
    "dns1",
    "dns2",
    "account",
    "domainId",
    "projectId",
    "aclType",
    "subdomainAccess",
    "guestVmCidr",
    "sourceNatIpAddress",
    "aclId",
    "isolatedPvlan",
    "isolatedPvlanType",
  ],
  inPlace: {
    name: true,
    displayText: true,
    networkDomain: true,
    dns1: true,
    dns2: true,
    guestVmCidr: true,
    sourceNatIpAddress: true,
    aclId: true,
    tags: true,
    restartTrigger: true,
    restartMakeRedundant: true,
    // updateNetwork changes the offering of isolated networks only (NetworkServiceImpl.updateGuestNetwork).
    networkOffering: isIsolated,
  },
  equal: {
    cidr: sameCidr,
    guestVmCidr: sameCidr,
    vlan: sameVlan,
    aclType: sameText,
    isolatedPvlanType: sameText,
    networkDomain: sameText,
    tags: tagsEqual,
  },
  validate(inputs, known) {
    return [...addressingFailures(inputs, known), ...ownershipFailures(inputs, known), ...privateVlanFailures(inputs, known)];
  },
  // A tier is checked against its VPC, which only the API can read.
  checkWithApi: vpcTierFailures,
  deleteBeforeReplace: collides,
  // Implementing ends in Implemented or Shutdown (NetworkOrchestrator.implementNetwork); Shutdown may stay stuck, so
  // delete does not wait on it.
  transitional: (network) => network.state === "Implementing",

  // createNetwork is sync and CloudStack accepts two networks alike: an earlier attempt's network
  // is found by the externalid it was created with.
  recognise: {
    when: "before",
    async find(client, inputs, ids, _lists, stamp) {
      if (stamp.token === undefined) return undefined;
      const candidates = await listWhere(client, "listNetworks", { ...ownerScope(inputs), listall: true }, { zoneid: ids.zoneId, name: inputs.name }, stamp.firstLook);
      const mine = candidates.find((network) => network.externalid === stamp.token && network.name === inputs.name && network.state !== "Destroy");
      return mine && readNetwork(client, String(mine.id), { ...inputs, ...ids });
    },
  },

  async create(client, inputs, ids, _lists, stamp) {
    let network = await executeForObject(client, "createNetwork", createParams(inputs, ids, stamp), "network");
    const id = String(network.id);
    try {
      if (inputs.tags && Object.keys(inputs.tags).length > 0) {
        await syncTags(client, "Network", id, {}, inputs.tags);
        network = { ...network, tags: Object.entries(inputs.tags).map(([key, value]) => ({ key, value })) };
      }
      if (inputs.guestVmCidr && !sameCidr(inputs.guestVmCidr, effectiveGuestCidr(network))) {
        network = { ...(await reserve(client, id, inputs.guestVmCidr)), tags: network.tags };
      }
    } catch (err) {
      const current = await readNetwork(client, id, { ...inputs, ...ids }).catch(() => undefined);
      throw new PartiallyCreatedError(current ?? network, err);
    }
    return network;
  },

  read: (client, id, olds) => readNetwork(client, id, olds),

  async update(client, id, olds, news, ids, changed) {
    const has = (key: string) => changed.includes(key);
    const params: Params = { id };
    if (has("name")) params.name = news.name;
    if (has("displayText")) params.displaytext = news.displayText;
    if (has("networkDomain")) params.networkdomain = news.networkDomain;
    if (has("dns1")) params.dns1 = news.dns1;
    if (has("dns2")) params.dns2 = news.dns2;
    if (has("networkOffering")) params.networkofferingid = ids.networkOfferingId;
    if (has("sourceNatIpAddress") && news.sourceNatIpAddress) params.sourcenatipaddress = news.sourceNatIpAddress;
    let network: ApiObject | undefined;
    if (Object.keys(params).length > 1) network = await executeForObject(client, "updateNetwork", params, "network");
    if (params.sourcenatipaddress !== undefined) {
      // CloudStack takes only an address already acquired for the network, and ignores any other.
      const now = await sourceNatAddress(client, id, olds);
      if (now !== news.sourceNatIpAddress) {
        throw new Error(
          `Network ${id}: ${String(news.sourceNatIpAddress)} did not become its source NAT IP (it is ${now ?? "none"}): ` +
            "updateNetwork accepts only a public IP already acquired for this network. Acquire it first (a PublicIpAddress with this ipAddress on the network), then set sourceNatIpAddress.",
        );
      }
      network = undefined;
    }
    if (has("tags")) {
      await syncTags(client, "Network", id, olds.tags, news.tags);
      network = undefined;
    }
    if (has("aclId") && news.aclId) {
      await replaceTierAcl(client, id, news.aclId);
      network = undefined;
    }
    // CloudStack refuses a reservation together with an offering change: a call of its own.
    if (has("guestVmCidr") && news.guestVmCidr) network = await reserve(client, id, news.guestVmCidr);
    // Only a new value restarts: removing the trigger just forgets it.
    if (has("restartTrigger") && news.restartTrigger !== undefined) {
      await client.execute("restartNetwork", { id, cleanup: true, makeredundant: news.restartMakeRedundant === true ? true : undefined });
      network = undefined;
    }
    if (has("tags") || !network) {
      const fresh = await readNetwork(client, id, { ...olds, sourceNatIpAddress: news.sourceNatIpAddress ?? olds.sourceNatIpAddress });
      return stillPresent(fresh, "Network", id);
    }
    return network;
  },

  delete: "deleteNetwork",

  inputsOf(network, olds) {
    return {
      // The network's whole CIDR: after an IP reservation CloudStack reports it as networkcidr.
      cidr: textOrNull(network.networkcidr) ?? textOrNull(network.cidr),
      ...keptAsWritten(olds, "startIp", "endIp", "isolatedPvlan", "isolatedPvlanType", "restartTrigger", "restartMakeRedundant"),
      ...privateVlanOf(network),
      ...currentOwner(network, olds),
      guestVmCidr: textOrNull(network.cidr),
      // Read only for networks that declare it; while the network has none, the declared one stands.
      sourceNatIpAddress: network[EXTRA]?.sourceNatIp ?? olds.sourceNatIpAddress,
      tags: tagsOf(network),
    };
  },

  errors: [
    { text: "Network with vlan <vlan> already exists or overlaps with other network vlans in zone <zone>", why: "Another network uses that VLAN: pick a free one, or omit `vlan` where the offering lets CloudStack choose." },
    { text: "Cannot specify vlanId when create a network from network offering with specifyvlan=false", why: "`vlan` needs an offering with specifyvlan (e.g. DefaultL2NetworkOfferingVlan); find one with `getNetworkOffering({ specifyVlan: true })`." },
    { text: "Network offering can't be used for VPC networks", why: "A VPC tier (`vpcId`) needs a VPC tier offering (forVpc), e.g. DefaultIsolatedNetworkOfferingForVpcNetworks." },
    { text: "Number of networks per VPC cannot surpass [<n>].", why: "The VPC has as many tiers as vpc.max.networks allows (3 by default): raise it with a ConfigurationSetting." },
    { text: "Active IPs like <ip> exist outside the Guest VM CIDR. Cannot apply reservation", why: "A `guestVmCidr` must contain every address in use; move or remove those instances first." },
  ],
});
