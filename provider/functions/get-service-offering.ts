// getServiceOffering: a compute offering by name, id or keyword (listServiceOfferings).
import { idArg, keywordArg, listLookup, nameArg, resultFields as r, zoneIdArg } from "./list-lookup";

export const getServiceOffering = listLookup({
  name: "getServiceOffering",
  noun: "service offering",
  description: "Finds one compute (service) offering. An Instance's `serviceOffering` takes its `name` or `id`.",
  listCommand: "listServiceOfferings",
  example: { name: "Small Instance" },
  args: {
    id: idArg("service offering"),
    name: nameArg("service offering"),
    keyword: keywordArg("offering's name or display text"),
    zoneId: zoneIdArg("offering is available"),
  },
  result: {
    id: r.id("service offering"),
    name: r.name("service offering"),
    displayText: r.text("The display text."),
    cpuNumber: r.number("The number of CPUs."),
    cpuSpeed: r.number("The CPU speed in MHz."),
    memory: r.number("The memory in MB."),
    storageType: r.text("shared or local."),
    offerHa: r.flag("Whether instances are restarted on another host when theirs fails."),
    isCustomized: r.flag("Whether CPU and memory are chosen at deployment."),
  },
});
