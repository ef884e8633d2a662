// getAccount: an account by name, id, domain or type (listAccounts).
import { z } from "zod";
import { domainIdArg, idArg, keywordArg, listLookup, nameArg, resultFields as r } from "./list-lookup";

export const getAccount = listLookup({
  name: "getAccount",
  noun: "account",
  description:
    "Finds one account the caller may see (a user: their own; an admin: those of their domain and below). Owner inputs take its `name` as `account` with its `domainId`.",
  listCommand: "listAccounts",
  example: { name: "user" },
  fixedParams: { listall: true },
  args: {
    id: idArg("account"),
    name: nameArg("account"),
    keyword: keywordArg("account's name"),
    domainId: domainIdArg("account (e.g. getDomain's `id`)"),
    accountType: z.number().int().min(0).max(6).optional().describe("0 user, 1 root admin, 2 domain admin (CloudStack's account types)."),
    state: z.string().min(1).optional().describe("enabled, disabled or locked."),
  },
  result: {
    id: r.id("account"),
    name: r.name("account"),
    accountType: r.number("0 user, 1 root admin, 2 domain admin."),
    roleType: r.text("User, Admin, DomainAdmin or ResourceAdmin."),
    domainId: z.string().describe("The id of the account's domain."),
    domain: r.text("The name of the account's domain."),
    state: r.text("enabled, disabled or locked."),
    networkDomain: r.text("The network domain of the account's guest networks."),
  },
});
