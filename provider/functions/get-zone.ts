// getZone: a zone by name, id, keyword or network type (listZones).
import { z } from "zod";
import { idArg, keywordArg, listLookup, nameArg, resultFields as r } from "./list-lookup";

export const getZone = listLookup({
  name: "getZone",
  noun: "zone",
  description: "Finds one zone. Users see enabled zones only; root admins see every zone.",
  listCommand: "listZones",
  example: { name: "Sandbox-simulator" },
  args: {
    id: idArg("zone"),
    name: nameArg("zone"),
    keyword: keywordArg("zone's name"),
    networkType: z.enum(["Basic", "Advanced"]).optional().describe("Basic or Advanced."),
  },
  result: {
    id: r.id("zone"),
    name: r.name("zone"),
    networkType: r.text("Basic or Advanced."),
    allocationState: r.text("Enabled or Disabled."),
    securityGroupsEnabled: r.flag("Whether the zone's guest networks use security groups."),
    dns1: r.text("The zone's first DNS server."),
    dns2: r.text("The zone's second DNS server."),
    domain: r.text("The network domain of the zone's guest networks (CloudStack's `domain`)."),
    guestCidrAddress: r.text("The default guest CIDR of an advanced zone."),
    localStorageEnabled: r.flag("Whether instances may use local storage."),
  },
});
