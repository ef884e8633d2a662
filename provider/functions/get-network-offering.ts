// getNetworkOffering: a network offering by name, id, guest IP type, state or services (listNetworkOfferings).
import { z } from "zod";
import { idArg, keywordArg, listLookup, nameArg, resultFields as r, zoneIdArg } from "./list-lookup";
import { servicesArg, servicesOf } from "./offering-services";

export const getNetworkOffering = listLookup({
  name: "getNetworkOffering",
  noun: "network offering",
  description:
    "Finds one network offering (disabled ones are listed too: give `state: \"Enabled\"` to skip them). A Network's `networkOffering` takes its `name` or `id`; VPC tiers need one with `forVpc`, e.g. DefaultIsolatedNetworkOfferingForVpcNetworks, or DefaultIsolatedNetworkOfferingForVpcNetworksNoLB for a tier without a load balancer.",
  listCommand: "listNetworkOfferings",
  example: { name: "DefaultIsolatedNetworkOfferingForVpcNetworksNoLB" },
  args: {
    id: idArg("network offering"),
    name: nameArg("network offering"),
    keyword: keywordArg("offering's name or display text"),
    guestIpType: z.enum(["Isolated", "Shared", "L2"]).optional().describe("Isolated, Shared or L2."),
    state: z.enum(["Enabled", "Disabled", "Inactive"]).optional().describe("Enabled, Disabled or Inactive."),
    forVpc: z.boolean().optional().describe("True for VPC tier offerings, false for the others."),
    isDefault: z.boolean().optional().describe("True for the offerings CloudStack ships."),
    specifyVlan: z.boolean().optional().describe("Whether networks of the offering take a `vlan`."),
    sourceNatSupported: z.boolean().optional().describe("Whether the offering has the SourceNat service."),
    supportedServices: servicesArg("offering"),
    zoneId: zoneIdArg("offering is available"),
  },
  result: {
    id: r.id("network offering"),
    name: r.name("network offering"),
    displayText: r.text("The display text."),
    guestIpType: r.text("Isolated, Shared or L2."),
    trafficType: r.text("Guest for guest network offerings."),
    state: r.text("Enabled, Disabled or Inactive."),
    forVpc: r.flag("True for a VPC tier offering."),
    isDefault: r.flag("True for an offering CloudStack ships."),
    isPersistent: r.flag("Whether networks of the offering are implemented when created."),
    specifyVlan: r.flag("Whether networks of the offering take a `vlan`."),
    specifyIpRanges: r.flag("Whether networks of the offering take IP ranges."),
    conserveMode: r.flag("Whether one public IP may carry several services."),
    egressDefaultPolicy: r.flag("True when egress is allowed by default."),
    availability: r.text("Required, Optional or Unavailable."),
    networkRate: r.number("The data rate in Mb/s."),
    services: z.array(z.string()).describe("The services the offering provides, e.g. SourceNat, Lb."),
  },
  resultOf: (item) => ({ services: servicesOf(item) }),
});
