// getDomain: a domain by name, id, path or level (listDomains).
import { z } from "zod";
import { idArg, keywordArg, listLookup, nameArg, resultFields as r } from "./list-lookup";

export const getDomain = listLookup({
  name: "getDomain",
  noun: "domain",
  description: "Finds one domain the caller may see (a user: their own; an admin: their domain and below). `domainId` inputs (owners of networks, dedicated ranges) take its `id`.",
  listCommand: "listDomains",
  example: { name: "ROOT" },
  fixedParams: { listall: true },
  args: {
    id: idArg("domain"),
    name: nameArg("domain"),
    keyword: keywordArg("domain's name"),
    level: z.number().int().min(0).optional().describe("The depth in the domain tree: 0 for ROOT."),
    path: z.string().min(1).optional().describe("The full path, e.g. ROOT/sales, matched exactly."),
  },
  localFilters: { path: (item, value) => item.path === value },
  result: {
    id: r.id("domain"),
    name: r.name("domain"),
    path: r.text("The full path, e.g. ROOT/sales."),
    level: r.number("The depth in the domain tree: 0 for ROOT."),
    parentDomainId: r.text("The id of the parent domain; null for ROOT."),
    parentDomainName: r.text("The name of the parent domain."),
    state: r.text("Active or Inactive."),
    networkDomain: r.text("The network domain of the domain's guest networks."),
  },
});
