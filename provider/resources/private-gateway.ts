// PrivateGateway: a VPC's gateway to a private network, on a VLAN or an associated network
// (createPrivateGateway, deletePrivateGateway, listPrivateGateways; its ACL changed in place with
// replaceNetworkACLList gatewayid=).
import { z } from "zod";
import type { Params } from "../client";
import { failure } from "../adapter/check/failures";
import { defineSpec } from "../adapter/spec";
import { CheckFailure, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { ipv4Address, uuid } from "../validation/fields";
import { subnetInputs } from "./common/ip-range-rules";
import { sameVlan } from "../adapter/diff/comparators";
import { contains, parseIpv4, prefixOfNetmask, blockOf } from "../../ip/ipv4";
import { textOrNull } from "./common/api-values";
import { exactlyOneFailures, given, inputObject } from "./common/inputs";
import { executeForObject, stillPresent } from "./common/job-result";
import { ownerAttributes } from "./common/ownership";
import { scopedReader } from "./common/scoped-lookup";
import { text } from "./common/attributes";

export const privateGatewayInputs = inputObject({
  vpcId: uuid().describe("The id of the VPC (e.g. a Vpc's `id`). Changing it replaces the gateway."),
  ipAddress: ipv4Address().describe("The VPC router's IP on the private network; once per private network in a zone. Changing it replaces the gateway."),
  ...subnetInputs("the private network", "the gateway"),
  vlan: z
    .string()
    .optional()
    .describe("The VLAN of the private network, e.g. \"500\" (root admin only). Give this or `associatedNetworkId`. Changing it replaces the gateway."),
  associatedNetworkId: uuid()
    .optional()
    .describe("The id of an existing network of the VPC owner to use as the private network. Give this or `vlan`. Changing it replaces the gateway."),
  physicalNetworkId: uuid().optional().describe("The physical network of the VLAN (root admin). Changing it replaces the gateway."),
  sourceNatSupported: z
    .boolean()
    .optional()
    .describe("Whether the VPC router source-NATs traffic leaving through this gateway; false when omitted. Changing it replaces the gateway."),
  aclId: uuid()
    .optional()
    .describe("The id of the ACL list for the gateway (one of the VPC's, or CloudStack's default_allow or default_deny, found with getNetworkAclList); default_deny when omitted. Changed in place with replaceNetworkACLList."),
});

/** Private gateways are soft-deleted: a read by id of a deleted one answers {} (docs/cloudstack-rules.md, "Gone"). */
// The gateway's owner (its VPC's) is recorded among the outputs, and reads pass it.
const readGateway = scopedReader("listPrivateGateways");

function placementFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures = exactlyOneFailures(inputs, known, "vlan", "associatedNetworkId", "give one or the other");
  if (known("ipAddress") && known("gateway") && known("netmask")) {
    const prefix = prefixOfNetmask(String(inputs.netmask ?? ""));
    const gateway = parseIpv4(String(inputs.gateway ?? ""));
    const address = parseIpv4(String(inputs.ipAddress ?? ""));
    if (prefix !== undefined && gateway !== undefined && address !== undefined) {
      const subnet = blockOf(gateway, prefix);
      if (!contains(subnet, address)) failures.push(failure("ipAddress", inputs.ipAddress, `is not in the subnet of gateway ${String(inputs.gateway)}/${prefix}`));
      if (address === gateway) failures.push(failure("ipAddress", inputs.ipAddress, "is the gateway's own address"));
    }
  }
  return failures;
}

/** The same VPC gets one gateway per VLAN and CIDR, and a private IP is used once. */
function collides(olds: PropertyMap, news: PropertyMap): boolean {
  if (news.vpcId !== UNKNOWN && news.vpcId !== olds.vpcId) return false;
  if (news.ipAddress === UNKNOWN || news.ipAddress === olds.ipAddress) return true;
  if (news.vlan === UNKNOWN || (given(news, "vlan") && sameVlan(news.vlan, olds.vlan))) return true;
  return news.associatedNetworkId === UNKNOWN || (given(news, "associatedNetworkId") && news.associatedNetworkId === olds.associatedNetworkId);
}

export const privateGatewaySpec = defineSpec({
  kind: "PrivateGateway",
  description:
    "A VPC private gateway: the VPC router's leg on a private network (a VLAN, root admin, or an associated network), with optional source NAT and its own ACL list (changed in place). Static routes through it must be deleted before it.",
  inputs: privateGatewayInputs,
  attributes: z.object({
    state: text("Creating, then Ready once applied."),
    aclName: text("The name of the gateway's ACL list."),
    vpcName: text("The name of the VPC."),
    zoneId: text("The id of the VPC's zone."),
    associatedNetworkName: text("The name of the associated network, if any."),
    ...ownerAttributes(),
  }),
  defaultedByCloudStack: ["vlan", "physicalNetworkId", "sourceNatSupported", "aclId"],
  inPlace: { aclId: true },
  equal: { vlan: sameVlan, sourceNatSupported: (a, b) => (a === true) === (b === true) },
  validate: placementFailures,
  deleteBeforeReplace: collides,

  async create(client, inputs) {
    const params: Params = {
      vpcid: inputs.vpcId,
      ipaddress: inputs.ipAddress,
      gateway: inputs.gateway,
      netmask: inputs.netmask,
      vlan: inputs.vlan,
      associatednetworkid: inputs.associatedNetworkId,
      physicalnetworkid: inputs.physicalNetworkId,
      sourcenatsupported: inputs.sourceNatSupported,
      aclid: inputs.aclId,
    };
    return executeForObject(client, "createPrivateGateway", params, "privategateway");
  },

  read: (client, id, olds) => readGateway(client, id, olds),

  async update(client, id, olds, news, _ids, changed) {
    if (changed.includes("aclId") && news.aclId !== undefined) {
      await client.execute("replaceNetworkACLList", { aclid: news.aclId, gatewayid: id });
    }
    return stillPresent(await readGateway(client, id, olds), "PrivateGateway", id);
  },

  delete: "deletePrivateGateway",

  inputsOf(gateway, olds) {
    return {
      // Only root admins see the VLAN.
      vlan: textOrNull(gateway.vlan) ?? olds.vlan ?? null,
      physicalNetworkId: textOrNull(gateway.physicalnetworkid) ?? olds.physicalNetworkId ?? null,
    };
  },

  attributesOf: (gateway) => ({ associatedNetworkName: textOrNull(gateway.associatednetwork) }),

  errors: [
    { text: "Private ip address <ip> already used for private gateway in zone <zone>", why: "Each private gateway of a zone has its own address." },
    { text: "Private gateway and network acl are not in the same vpc.", why: "`aclId` must be a list of the gateway's VPC, or a default list." },
  ],
});
