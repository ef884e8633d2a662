// getTemplate: a template by name, id, zone, hypervisor or tags (listTemplates).
import { z } from "zod";
import { listOf } from "../resources/common/api-values";
import { idArg, keywordArg, listLookup, nameArg, ownerArgs, resultFields as r, tagsArg, zoneIdArg } from "./list-lookup";

export const getTemplate = listLookup({
  name: "getTemplate",
  noun: "template",
  description:
    "Finds one template. `templateFilter` says whose templates are searched (CloudStack's templatefilter: executable by default, every template the caller may deploy). A template in several zones is one match; `zoneIds` lists its zones. An Instance's `template` takes its `name` or `id`.",
  listCommand: "listTemplates",
  example: { name: "CentOS 5.6 (64-bit) no GUI (Simulator)", isReady: true },
  args: {
    id: idArg("template"),
    name: nameArg("template"),
    keyword: keywordArg("template's name"),
    templateFilter: z
      .enum(["featured", "self", "selfexecutable", "sharedexecutable", "executable", "community", "all"])
      .default("executable")
      .describe("Whose templates: executable (default: every template the caller may deploy), featured, self, selfexecutable, sharedexecutable, community or all (admins)."),
    zoneId: zoneIdArg("template is in"),
    hypervisor: z.string().min(1).optional().describe("The hypervisor, e.g. KVM, VMware, XenServer, Simulator."),
    isReady: z.boolean().optional().describe("True for templates ready to deploy."),
    ...ownerArgs("templates"),
    tags: tagsArg("template"),
  },
  result: {
    id: r.id("template"),
    name: r.name("template"),
    displayText: r.text("The display text."),
    hypervisor: r.text("The hypervisor, e.g. KVM."),
    format: r.text("The disk format, e.g. QCOW2, VHD."),
    osTypeName: r.text("The guest OS type."),
    isReady: r.flag("Whether the template is ready to deploy (in at least one zone)."),
    isPublic: r.flag("Whether every account may use it."),
    isFeatured: r.flag("Whether it is featured."),
    passwordEnabled: r.flag("Whether CloudStack sets the instance's password."),
    templateType: r.text("USER, BUILTIN, SYSTEM, ROUTING or PERHOST."),
    zoneIds: z.array(z.string()).describe("The zones the template is in (of those listed)."),
    ...r.owner(),
    tags: r.tags(),
  },
  resultOf: (_item, rows) => ({
    zoneIds: [...new Set(rows.flatMap((row) => listOf(row.zoneid)))],
    isReady: rows.some((row) => row.isready === true),
  }),
});
