// getProject: a project by name, id or tags (listProjects).
import { idArg, keywordArg, listLookup, nameArg, ownerArgs, resultFields as r, tagsArg } from "./list-lookup";

const { account, domainId } = ownerArgs("projects");

export const getProject = listLookup({
  name: "getProject",
  noun: "project",
  description:
    "Finds one project the caller may use (root admins: every project). Resources take its `id` as `projectId`, and objects in it are found only with that `projectId`.",
  listCommand: "listProjects",
  example: { name: "simproject" },
  fixedParams: { listall: true },
  args: {
    id: idArg("project"),
    name: nameArg("project"),
    keyword: keywordArg("project's name"),
    account,
    domainId,
    tags: tagsArg("project"),
  },
  result: {
    id: r.id("project"),
    name: r.name("project"),
    displayText: r.text("The display text."),
    state: r.text("Active, Disabled or Suspended."),
    domainId: r.text("The id of the project's domain."),
    domain: r.text("The name of the project's domain."),
    projectAccountName: r.text("The account CloudStack made for the project, which owns its objects."),
    tags: r.tags(),
  },
});
