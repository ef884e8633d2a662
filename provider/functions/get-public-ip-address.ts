// getPublicIpAddress: an acquired public IP by address, id, network, VPC or tags (listPublicIpAddresses).
import { z } from "zod";
import { idArg, keywordArg, listLookup, ownerArgs, resultFields as r, tagsArg, zoneIdArg } from "./list-lookup";

export const getPublicIpAddress = listLookup({
  name: "getPublicIpAddress",
  noun: "public IP address",
  description:
    "Finds one public IP address acquired by the caller (or the account or project named), e.g. a network's source NAT IP (`isSourceNat: true` with `associatedNetworkId`). Rules (FirewallRule, PortForwardingRule, LoadBalancerRule, StaticNat) take its `id` as `ipAddressId`.",
  listCommand: "listPublicIpAddresses",
  example: { tags: { role: "lb" } },
  labelField: "ipaddress",
  args: {
    id: idArg("public IP address"),
    ipAddress: z.string().min(1).optional().describe("The address, e.g. 203.0.113.10."),
    keyword: keywordArg("address"),
    zoneId: zoneIdArg("address"),
    associatedNetworkId: z.string().min(1).optional().describe("The id of the guest network it is associated with (e.g. getNetwork's `id`)."),
    vpcId: z.string().min(1).optional().describe("The id of the VPC it belongs to."),
    isSourceNat: z.boolean().optional().describe("True for a network's source NAT IP."),
    isStaticNat: z.boolean().optional().describe("True while static NAT maps it to an instance."),
    ...ownerArgs("addresses"),
    tags: tagsArg("address"),
  },
  result: {
    id: r.id("public IP address"),
    ipAddress: z.string().describe("The address."),
    state: r.text("Allocated, Allocating, Releasing, Reserved or Free."),
    zoneId: r.text("The id of its zone."),
    zoneName: r.text("The name of its zone."),
    associatedNetworkId: r.text("The id of the guest network it is associated with."),
    associatedNetworkName: r.text("The name of that network."),
    vpcId: r.text("The id of the VPC it belongs to."),
    isSourceNat: r.flag("True for its network's source NAT IP."),
    isStaticNat: r.flag("True while static NAT maps it to an instance."),
    isPortable: r.flag("True for a portable IP."),
    virtualMachineId: r.text("With static NAT: the id of the instance."),
    vlanId: r.text("The id of the public IP range it comes from."),
    ...r.owner(),
    tags: r.tags(),
  },
});
