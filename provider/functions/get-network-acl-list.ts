// getNetworkAclList: an ACL list of a VPC, or a default one (default_allow, default_deny) (listNetworkACLLists).
import { z } from "zod";
import { idArg, keywordArg, listLookup, nameArg, ownerArgs, resultFields as r } from "./list-lookup";

export const getNetworkAclList = listLookup({
  name: "getNetworkAclList",
  noun: "network ACL list",
  description:
    "Finds one network ACL list: one of a VPC, or one of CloudStack's default lists, `default_allow` (allows all traffic) and `default_deny` (denies all), which every VPC may use. With `vpcId`, the VPC's lists and the default ones are searched. A tier's `aclId` takes its `id`.",
  listCommand: "listNetworkACLLists",
  example: { name: "default_deny" },
  args: {
    id: idArg("ACL list"),
    name: nameArg("ACL list"),
    keyword: keywordArg("ACL list's name or description"),
    vpcId: z.string().min(1).optional().describe("The id of the VPC whose lists to search (e.g. getVpc's `id`)."),
    networkId: z.string().min(1).optional().describe("The id of a tier: finds the list it uses."),
    ...ownerArgs("ACL lists"),
  },
  result: {
    id: r.id("ACL list"),
    name: r.name("ACL list"),
    description: r.text("Its description."),
    vpcId: r.text("The id of its VPC; null for a default list."),
    vpcName: r.text("The name of its VPC."),
    isDefault: z.boolean().describe("True for CloudStack's default lists (default_allow, default_deny), which belong to no VPC."),
  },
  resultOf: (item) => ({ isDefault: typeof item.vpcid !== "string" || item.vpcid === "" }),
});
