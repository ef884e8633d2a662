// Zone through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { advancedZone, assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, replace, startZoneFixture, updateTo, type ZoneFixture } from "../support/zone-fixture";

describe("Zone against the simulator", function () {
  let fx: ZoneFixture;
  const provider = () => fx.admin.provider("Zone");
  const zoneRow = (id: string) => fx.sim.model.state.zones.find((z) => z.uuid === id);

  startedForEachTest(startZoneFixture, (started) => (fx = started));

  it("creates a Disabled zone and plans no change after, whatever the case of networkType", async () => {
    const news = advancedZone({ dns2: "8.8.4.4", networkDomain: "corp.example" });
    const zone = await createFrom(provider(), news);
    assertPlainJson(zone.outs);
    assert.strictEqual(zone.outs.allocationState, "Disabled");
    assert.strictEqual(zone.outs.securityGroupsEnabled, false);
    assert.deepStrictEqual([zoneRow(zone.id)?.guestCidr, zoneRow(zone.id)?.domainSuffix], ["10.10.0.0/16", "corp.example"]);
    assert.deepStrictEqual((await plan(provider(), zone, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), zone, { ...news, networkType: "advanced" })).diff, NO_CHANGE);
    const read = await provider().read(zone.id, zone.outs);
    assert.deepStrictEqual((await plan(provider(), { id: zone.id, outs: read.props }, news)).diff, NO_CHANGE);
  });

  it("updates name, DNS servers, guest CIDR and network domain in place; the network type and security groups replace", async () => {
    const zone = await createFrom(provider(), advancedZone());
    const changed = advancedZone({ name: "renamed", dns1: "1.1.1.1", dns2: "1.0.0.1", internalDns1: "10.0.0.3", guestCidr: "10.20.0.0/16", networkDomain: "lab.example", localStorageEnabled: true });
    const updated = await updateTo(provider(), zone, changed);
    const row = zoneRow(zone.id);
    assert.deepStrictEqual([row?.name, row?.dns1, row?.dns2, row?.internalDns1, row?.guestCidr, row?.domainSuffix, row?.localStorageEnabled], [
      "renamed",
      "1.1.1.1",
      "1.0.0.1",
      "10.0.0.3",
      "10.20.0.0/16",
      "lab.example",
      true,
    ]);
    assert.deepStrictEqual((await plan(provider(), updated, changed)).diff, NO_CHANGE);
    // updateZone cannot clear dns2: removing it keeps the zone's value, and plans nothing.
    assert.deepStrictEqual((await plan(provider(), updated, { ...changed, dns2: undefined })).diff, NO_CHANGE);

    const basic = await plan(provider(), updated, { ...changed, networkType: "Basic", guestCidr: undefined });
    assert.deepStrictEqual(basic.diff.replaces, ["networkType"]);
    const withGroups = await plan(provider(), updated, { ...changed, securityGroupsEnabled: true });
    assert.deepStrictEqual(withGroups.diff, { changes: true, replaces: ["securityGroupsEnabled"], deleteBeforeReplace: false });
    const replaced = await replace(provider(), updated, (await plan(provider(), updated, { ...changed, name: "with-groups", securityGroupsEnabled: true })).checked);
    assert.strictEqual(zoneRow(updated.id), undefined);
    assert.strictEqual(zoneRow(replaced.id)?.securityGroupsEnabled, true);
  });

  it("sees a zone changed out of band, and one deleted out of band as gone; deletes twice", async () => {
    const zone = await createFrom(provider(), advancedZone());
    await fx.admin.client.execute("updateZone", { id: zone.id, dns1: "9.9.9.9" });
    const read = await provider().read(zone.id, zone.outs);
    assert.strictEqual(read.inputs?.dns1, "9.9.9.9");
    const drift = await plan(provider(), { id: zone.id, outs: read.props }, advancedZone());
    assert.deepStrictEqual(drift.diff, { changes: true, replaces: [], deleteBeforeReplace: false });

    await fx.admin.client.execute("deleteZone", { id: zone.id });
    assert.deepStrictEqual(await provider().read(zone.id, zone.outs), { id: "", props: {} });
    await provider().delete(zone.id, zone.outs);

    const again = await createFrom(provider(), advancedZone({ name: "again" }));
    await provider().delete(again.id, again.outs);
    assert.strictEqual(zoneRow(again.id), undefined);
    await provider().delete(again.id, again.outs);
  });

  it("reads from the id alone, as get() does, and adopts with importId", async () => {
    const made = await fx.admin.client.execute("createZone", { name: "by-hand", networktype: "Advanced", dns1: "8.8.8.8", internaldns1: "10.0.0.2" });
    const id = String((made.zone as Record<string, unknown>).id);
    const read = await provider().read(id, {});
    assert.strictEqual(read.inputs?.name, "by-hand");
    assert.strictEqual(read.props.guestCidr, null, "a zone made without a guest CIDR has none");
    const news = { name: "by-hand", networkType: "Advanced", dns1: "8.8.8.8", internalDns1: "10.0.0.2", guestCidr: "10.30.0.0/16" };
    const adopted = await provider().create((await provider().check({}, { ...news, importId: id })).inputs);
    assert.strictEqual(adopted.id, id);
    assert.strictEqual(zoneRow(id)?.guestCidr, "10.30.0.0/16", "inputs that change in place are applied on adoption");
    const basic = (await provider().check({}, { ...news, networkType: "Basic", guestCidr: undefined, importId: id })).inputs;
    await assert.rejects(provider().create(basic), /cannot adopt Zone .*networkType is "Advanced" there but "Basic"/);
  });

  it("catches bad inputs at check, naming the field, the value and the rule, and creates nothing", async () => {
    const failures = await checkFailures(fx.sim, provider(), advancedZone({ dns1: "8.8.8", guestCidr: "8.8.0.0/16", networkType: "Edge" }));
    assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["dns1", "guestCidr", "networkType"]);
    assert.ok(failures.some((f) => f.reason.includes('guestCidr: "8.8.0.0/16" is not RFC 1918 or RFC 6598 space')), JSON.stringify(failures));
    const basic = await checkFailures(fx.sim, provider(), advancedZone({ networkType: "Basic", securityGroupsEnabled: false }));
    assert.deepStrictEqual(basic.map((f) => f.reason), [
      'guestCidr: "10.10.0.0/16" is not allowed in a Basic zone (CloudStack: "guestCidrAddress parameter is not supported for Basic zone")',
      "securityGroupsEnabled: false cannot be false in a Basic zone, which always isolates guests with security groups",
    ]);
    const missing = await checkFailures(fx.sim, provider(), { name: "x" });
    assert.deepStrictEqual(missing.map((f) => f.property).sort(), ["dns1", "internalDns1", "networkType"]);
  });

  it("keeps CloudStack's refusals: a name in use is refused, never taken over; deleting a zone with a physical network", async () => {
    const taken = (await provider().check({}, advancedZone({ name: "Sandbox-simulator" }))).inputs;
    await assert.rejects(provider().create(taken), apiRefusal(431, "A zone with that name already exists. Please specify a unique zone name."));
    const zone = await createFrom(provider(), advancedZone());
    await createFrom(fx.admin.provider("PhysicalNetwork"), { name: "pnet", zone: zone.id });
    await assert.rejects(provider().delete(zone.id, zone.outs), apiRefusal(530, "The zone cannot be deleted because there are physical networks in this zone."));
    assert.ok(zoneRow(zone.id));
  });
});
