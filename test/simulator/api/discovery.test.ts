import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { assertError, startFixture, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: zones, offerings, regions, domains, capabilities", function () {
  this.timeout(20_000);
  let f: Fixture;
  startedForSuite(startFixture, (started) => (f = started));

  it("lists the advanced zone Sandbox-simulator", async () => {
    // Also seeded: the basic zone Sandbox-basic, a second advanced zone for GSLB and an advanced
    // zone with security groups.
    const zones = (await f.list(f.user, "listZones")).filter((z) => z.networktype === "Advanced");
    assert.deepStrictEqual(zones.map((z) => z.name).sort(), ["Sandbox-advanced-sg", "Sandbox-simulator", "Sandbox-simulator-2"]);
    const z = zones.find((zone) => zone.name === "Sandbox-simulator")!;
    assert.strictEqual(z.name, "Sandbox-simulator");
    assert.strictEqual(z.networktype, "Advanced");
    assert.strictEqual(z.securitygroupsenabled, false);
    assert.strictEqual(z.dns1, "10.147.28.6");
    assert.strictEqual(z.internaldns1, "10.147.28.6");
    assert.strictEqual(z.guestcidraddress, "10.1.1.0/24");
    assert.strictEqual(z.allocationstate, "Enabled");
    assert.deepStrictEqual(await f.list(f.user, "listZones", { name: "nope" }), []);
    assert.strictEqual((await f.list(f.user, "listZones", { id: String(z.id) })).length, 1);
    assert.strictEqual((await f.list(f.user, "listZones", { keyword: "sandbox" })).length, 4);
    const ghost = "11111111-2222-4333-8444-555555555555";
    assertError(await f.call(f.user, "listZones", { id: ghost }), 431, 4350, uuidNotFoundText("id", ghost));
  });

  it("lists the physical network with its VLAN range to root admins only", async () => {
    const pnets = await f.list(f.admin, "listPhysicalNetworks", { zoneid: String((await f.list(f.user, "listZones", { name: "Sandbox-simulator" }))[0].id) });
    assert.strictEqual(pnets.length, 1);
    assert.strictEqual(pnets[0].vlan, "100-200");
    assert.strictEqual(pnets[0].isolationmethods, "VLAN");
    assert.strictEqual(pnets[0].zonename, "Sandbox-simulator");
    assertError(await f.call(f.user, "listPhysicalNetworks"), 432, 9999, "The given command does not exist or it is not available for user");
  });

  it("lists CloudStack's default network offerings with services and providers, Gateway left out as CloudStack answers", async () => {
    const all = await f.list(f.user, "listNetworkOfferings");
    const byName = new Map(all.map((o) => [String(o.name), o]));
    for (const name of [
      "DefaultIsolatedNetworkOfferingWithSourceNatService",
      "DefaultSharedNetworkOffering",
      "DefaultL2NetworkOffering",
      "DefaultIsolatedNetworkOfferingForVpcNetworks",
      "DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent",
    ]) {
      assert.ok(byName.has(name), `missing ${name}`);
      assert.strictEqual(byName.get(name)?.state, "Enabled");
    }
    const iso = byName.get("DefaultIsolatedNetworkOfferingWithSourceNatService") as Obj;
    assert.strictEqual(iso.guestiptype, "Isolated");
    assert.strictEqual(iso.specifyvlan, false);
    assert.strictEqual(iso.specifyipranges, false);
    const services = iso.service as Obj[];
    assert.deepStrictEqual(
      services.map((s) => s.name).sort(),
      ["Dhcp", "Dns", "Firewall", "Lb", "PortForwarding", "SourceNat", "StaticNat", "UserData", "Vpn"],
    );
    assert.ok(services.every((s) => JSON.stringify(s.provider) === '[{"name":"VirtualRouter"}]'));
    const shared = byName.get("DefaultSharedNetworkOffering") as Obj;
    assert.strictEqual(shared.specifyvlan, true);
    assert.strictEqual(shared.specifyipranges, true);
    assert.deepStrictEqual((shared.service as Obj[]).map((s) => s.name).sort(), ["Dhcp", "Dns", "UserData"]);
    assert.deepStrictEqual(byName.get("DefaultL2NetworkOffering")?.service, []);
    const vpc = byName.get("DefaultIsolatedNetworkOfferingForVpcNetworks") as Obj;
    assert.strictEqual(vpc.forvpc, true);
    assert.ok((vpc.service as Obj[]).some((s) => s.name === "NetworkACL" && JSON.stringify(s.provider) === '[{"name":"VpcVirtualRouter"}]'));
    assert.strictEqual(byName.get("DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent")?.ispersistent, true);
  });

  it("filters offerings the way providers look them up", async () => {
    const shared = await f.list(f.user, "listNetworkOfferings", { guestiptype: "Shared" });
    assert.ok(shared.length > 0 && shared.every((o) => o.guestiptype === "Shared"));
    const vpc = await f.list(f.user, "listNetworkOfferings", { forvpc: "true" });
    assert.ok(vpc.length > 0 && vpc.every((o) => o.forvpc === true));
    const withSnat = await f.list(f.user, "listNetworkOfferings", { supportedservices: "SourceNat", forvpc: "false" });
    assert.ok(withSnat.every((o) => (o.service as Obj[]).some((s) => s.name === "SourceNat")));
    assert.strictEqual((await f.list(f.user, "listNetworkOfferings", { name: "DefaultL2NetworkOffering" })).length, 1);
  });

  it("lists the region, the ROOT domain and the capabilities", async () => {
    const regions = await f.list(f.user, "listRegions");
    assert.deepStrictEqual(regions.map((r) => [r.id, r.name, r.gslbserviceenabled]), [
      [1, "Local", true],
      [2, "Sandbox-region-2", false],
    ]);
    assert.strictEqual(regions[0].endpoint, "http://127.0.0.1:8080/client/");
    const domains = await f.list(f.admin, "listDomains");
    assert.strictEqual(domains.length, 1);
    assert.strictEqual(domains[0].name, "ROOT");
    assert.strictEqual(domains[0].path, "ROOT");
    const caps = await f.call(f.user, "listCapabilities");
    const capability = caps.body.capability as Obj;
    // True because the basic zone has security groups.
    assert.strictEqual(capability.securitygroupsenabled, true);
    assert.strictEqual(typeof capability.cloudstackversion, "string");
    assert.strictEqual(capability.allowuserexpungerecovervm, false);
  });
});
