// getNetwork: a guest network by name, id, zone, VPC or tags (listNetworks).
import { z } from "zod";
import { idArg, keywordArg, listLookup, nameArg, ownerArgs, resultFields as r, tagsArg, zoneIdArg } from "./list-lookup";

export const getNetwork = listLookup({
  name: "getNetwork",
  noun: "network",
  description:
    "Finds one guest network of the caller (or of the account or project named). Inputs that name a network (`network` of PublicIpAddress and Instance networks) also take its `name`; its `id` goes where an id is asked for, e.g. `networkId`.",
  listCommand: "listNetworks",
  example: { name: "web", tags: { tier: "web" } },
  args: {
    id: idArg("network"),
    name: nameArg("network"),
    keyword: keywordArg("network's name or display text"),
    zoneId: zoneIdArg("network"),
    vpcId: z.string().min(1).optional().describe("The id of the VPC whose tier it is (e.g. getVpc's `id`)."),
    type: z.enum(["Isolated", "Shared", "L2"]).optional().describe("Isolated, Shared or L2."),
    ...ownerArgs("networks"),
    tags: tagsArg("network"),
  },
  result: {
    id: r.id("network"),
    name: r.name("network"),
    displayText: r.text("The display text."),
    type: r.text("Isolated, Shared or L2."),
    state: r.text("Allocated, Setup, Implemented, Shutdown..."),
    zoneId: r.text("The id of its zone."),
    zoneName: r.text("The name of its zone."),
    networkOfferingId: r.text("The id of its network offering."),
    networkOfferingName: r.text("The name of its network offering."),
    cidr: r.text("Its guest CIDR."),
    gateway: r.text("Its gateway."),
    netmask: r.text("Its netmask."),
    networkDomain: r.text("Its network domain."),
    vlan: r.text("Its VLAN, when CloudStack shows it (root admins)."),
    vpcId: r.text("The id of the VPC whose tier it is."),
    aclId: r.text("The id of its network ACL list (VPC tiers)."),
    physicalNetworkId: r.text("The id of its physical network."),
    ...r.owner(),
    tags: r.tags(),
  },
});
