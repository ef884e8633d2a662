// getVpcOffering: a VPC offering by name, id, state or services (listVPCOfferings).
import { z } from "zod";
import { idArg, keywordArg, listLookup, nameArg, resultFields as r, zoneIdArg } from "./list-lookup";
import { servicesArg, servicesOf } from "./offering-services";

export const getVpcOffering = listLookup({
  name: "getVpcOffering",
  noun: "VPC offering",
  description: "Finds one VPC offering (disabled ones are listed too: give `state: \"Enabled\"` to skip them). A Vpc's `vpcOffering` takes its `name` or `id`.",
  listCommand: "listVPCOfferings",
  example: { name: "Default VPC offering", state: "Enabled" },
  args: {
    id: idArg("VPC offering"),
    name: nameArg("VPC offering"),
    keyword: keywordArg("offering's name or display text"),
    state: z.enum(["Enabled", "Disabled"]).optional().describe("Enabled or Disabled."),
    isDefault: z.boolean().optional().describe("True for the offerings CloudStack ships."),
    supportedServices: servicesArg("offering"),
    zoneId: zoneIdArg("offering is available"),
  },
  result: {
    id: r.id("VPC offering"),
    name: r.name("VPC offering"),
    displayText: r.text("The display text."),
    state: r.text("Enabled or Disabled."),
    isDefault: r.flag("True for an offering CloudStack ships."),
    distributedVpcRouter: r.flag("Whether the VPC router is distributed."),
    services: z.array(z.string()).describe("The services the offering provides, e.g. SourceNat, NetworkACL."),
  },
  resultOf: (item) => ({ services: servicesOf(item) }),
});
