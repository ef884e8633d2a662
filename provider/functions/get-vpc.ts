// getVpc: a VPC by name, id, zone, CIDR or tags (listVPCs).
import { z } from "zod";
import { idArg, keywordArg, listLookup, nameArg, ownerArgs, resultFields as r, tagsArg, zoneIdArg } from "./list-lookup";

export const getVpc = listLookup({
  name: "getVpc",
  noun: "VPC",
  description:
    "Finds one VPC of the caller (or of the account or project named). CloudStack matches a VPC's name as a part of it; this function keeps only the exact name. A tier's `vpcId` and a NetworkAclList's `vpcId` take its `id`.",
  listCommand: "listVPCs",
  example: { name: "vpc-a" },
  args: {
    id: idArg("VPC"),
    name: nameArg("VPC"),
    keyword: keywordArg("VPC's name or display text"),
    zoneId: zoneIdArg("VPC"),
    cidr: z.string().min(1).optional().describe("Its super CIDR, e.g. 10.0.0.0/16."),
    state: z.enum(["Enabled", "Inactive"]).optional().describe("Enabled or Inactive."),
    ...ownerArgs("VPCs"),
    tags: tagsArg("VPC"),
  },
  result: {
    id: r.id("VPC"),
    name: r.name("VPC"),
    displayText: r.text("The display text."),
    cidr: r.text("Its super CIDR."),
    state: r.text("Enabled or Inactive."),
    zoneId: r.text("The id of its zone."),
    zoneName: r.text("The name of its zone."),
    vpcOfferingId: r.text("The id of its VPC offering."),
    vpcOfferingName: r.text("The name of its VPC offering."),
    networkDomain: r.text("Its network domain, shared by its tiers."),
    restartRequired: r.flag("Whether CloudStack asks for a restart."),
    ...r.owner(),
    tags: r.tags(),
  },
});
