// getPhysicalNetwork: a physical network by name, id or zone (listPhysicalNetworks, root admins).
import { idArg, keywordArg, listLookup, nameArg, resultFields as r, zoneIdArg } from "./list-lookup";

export const getPhysicalNetwork = listLookup({
  name: "getPhysicalNetwork",
  noun: "physical network",
  description: "Finds one physical network (root admins only, as CloudStack lists them). TrafficType, IpRange and DedicatedGuestVlanRange take its `id`.",
  listCommand: "listPhysicalNetworks",
  example: { name: "Sandbox-pnet" },
  args: {
    id: idArg("physical network"),
    name: nameArg("physical network"),
    keyword: keywordArg("physical network's name"),
    zoneId: zoneIdArg("physical network"),
  },
  result: {
    id: r.id("physical network"),
    name: r.name("physical network"),
    zoneId: r.text("The id of its zone."),
    zoneName: r.text("The name of its zone."),
    state: r.text("Enabled or Disabled."),
    vlan: r.text("Its guest VLAN ranges, e.g. 100-200."),
    isolationMethods: r.text("How it isolates guest traffic, e.g. VLAN."),
    broadcastDomainRange: r.text("ZONE or POD."),
    networkSpeed: r.text("Its speed, e.g. 1G."),
    tags: r.text("Its tags (CloudStack's comma-separated network tags, not resource tags)."),
  },
});
