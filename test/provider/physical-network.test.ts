// PhysicalNetwork through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { advancedZone, assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, startZoneFixture, updateTo, type Applied, type ZoneFixture } from "../support/zone-fixture";

describe("PhysicalNetwork against the simulator", function () {
  let fx: ZoneFixture;
  let zone: Applied;
  const provider = () => fx.admin.provider("PhysicalNetwork");
  const row = (id: string) => fx.sim.model.state.physicalNetworks.find((p) => p.uuid === id);
  const pnet = (extra: Record<string, unknown> = {}) => ({ name: "pnet", zone: "scratch", isolationMethod: "VLAN", vlanRanges: ["300-310", "311-320"], ...extra });

  startedForEachTest(startZoneFixture, async (started) => {
    fx = started;
    zone = await createFrom(fx.admin.provider("Zone"), advancedZone());
  });

  it("creates a physical network (Disabled unless asked) with CloudStack's default providers; the VLAN list as CloudStack merges it is no change", async () => {
    const made = await createFrom(provider(), pnet({ tags: "fast", networkSpeed: "10G" }));
    assertPlainJson(made.outs);
    assert.deepStrictEqual([made.outs.state, made.outs.broadcastDomainRange, made.outs.zoneId], ["Disabled", "ZONE", zone.id]);
    assert.deepStrictEqual(row(made.id)?.vnetRanges, [[300, 320]]);
    assert.deepStrictEqual((await plan(provider(), made, pnet({ tags: "fast", networkSpeed: "10G" }))).diff, NO_CHANGE);
    const read = await provider().read(made.id, made.outs);
    assert.deepStrictEqual(read.inputs?.vlanRanges, ["300-310", "311-320"], "the program's form stays while CloudStack's merged list equals it");
    assert.deepStrictEqual((await plan(provider(), { id: made.id, outs: read.props }, pnet({ tags: "fast", networkSpeed: "10G" }))).diff, NO_CHANGE);
    const providers = await fx.admin.client.list<Record<string, unknown>>("listNetworkServiceProviders", { physicalnetworkid: made.id });
    assert.strictEqual(providers.length, 5);
    const enabled = await createFrom(provider(), pnet({ name: "second", tags: "slow", state: "Enabled" }));
    assert.strictEqual(row(enabled.id)?.state, "Enabled");
  });

  it("changes VLAN ranges, tag, speed and state in place (the list replaces the set); name and isolation replace", async () => {
    const made = await createFrom(provider(), pnet());
    const changed = pnet({ vlanRanges: ["400-420"], tags: "fast", networkSpeed: "1G", state: "Enabled" });
    const updated = await updateTo(provider(), made, changed);
    assert.deepStrictEqual([row(made.id)?.vnetRanges, row(made.id)?.tags, row(made.id)?.networkSpeed, row(made.id)?.state], [[[400, 420]], "fast", "1G", "Enabled"]);
    assert.deepStrictEqual((await plan(provider(), updated, changed)).diff, NO_CHANGE);
    const untagged = await updateTo(provider(), updated, { ...changed, tags: undefined });
    assert.strictEqual(row(made.id)?.tags, undefined);
    assert.deepStrictEqual((await plan(provider(), untagged, { ...changed, tags: undefined })).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), untagged, { ...changed, tags: undefined, name: "other", isolationMethod: "VXLAN" })).diff, {
      changes: true,
      replaces: ["name", "isolationMethod"],
      deleteBeforeReplace: false,
    });
  });

  it("keeps CloudStack's refusal to drop a VLAN in use, and its 531 for a zone that is enabled", async () => {
    const made = await createFrom(provider(), pnet());
    row(made.id)!.allocatedVnets["305"] = "a-network";
    const shrink = (await plan(provider(), made, pnet({ vlanRanges: ["306-320"] }))).checked;
    const internalId = row(made.id)?.id;
    await assert.rejects(
      provider().update(made.id, made.outs, shrink),
      apiRefusal(431, `physicalnetwork PhysicalNetwork {"id": ${internalId}, "name": "pnet", "uuid": "${made.id}"} has allocated vnets in the range 300-305`),
    );
    assert.deepStrictEqual(row(made.id)?.vnetRanges, [[300, 320]]);

    const traffic = fx.admin.provider("TrafficType");
    for (const trafficType of ["Management", "Public"]) await createFrom(traffic, { physicalNetworkId: made.id, trafficType });
    await createFrom(fx.admin.provider("ZoneEnablement"), { zone: zone.id });
    const late = (await provider().check({}, pnet({ name: "late", tags: "late" }))).inputs;
    await assert.rejects(provider().create(late), apiRefusal(531, /^Cannot create PhysicalNetwork since the Zone is currently enabled, zone: Zone \{/));
  });

  it("sees out-of-band changes and deletions, deletes twice, reads from the id alone and adopts with importId", async () => {
    const made = await createFrom(provider(), pnet());
    await fx.admin.client.execute("updatePhysicalNetwork", { id: made.id, vlan: "300-330" });
    const read = await provider().read(made.id, made.outs);
    assert.deepStrictEqual(read.inputs?.vlanRanges, ["300-330"]);
    assert.deepStrictEqual((await plan(provider(), { id: made.id, outs: read.props }, pnet())).diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const fromId = await provider().read(made.id, {});
    assert.deepStrictEqual([fromId.inputs?.zone, fromId.inputs?.name], ["scratch", "pnet"]);
    const adopted = await provider().create((await provider().check({}, { ...pnet(), importId: made.id })).inputs);
    assert.strictEqual(adopted.id, made.id);
    assert.deepStrictEqual(row(made.id)?.vnetRanges, [[300, 320]], "adoption applies the declared ranges");
    await fx.admin.client.execute("deletePhysicalNetwork", { id: made.id });
    assert.deepStrictEqual(await provider().read(made.id, made.outs), { id: "", props: {} });
    await provider().delete(made.id, made.outs);
    const again = await createFrom(provider(), pnet({ name: "again" }));
    await provider().delete(again.id, again.outs);
    await provider().delete(again.id, again.outs);
    assert.strictEqual(row(again.id), undefined);
    assert.strictEqual(fx.sim.model.state.networkServiceProviders.filter((p) => p.physicalNetworkUuid === again.id).length, 0);
  });

  it("catches bad inputs at check and creates nothing", async () => {
    const failures = await checkFailures(fx.sim, provider(), pnet({ vlanRanges: ["310-300", "5", "4000-5000"], broadcastDomainRange: "REGION" }));
    assert.deepStrictEqual(
      failures.slice(0, 2).map((f) => f.reason),
      ['vlanRanges.0: "310-300" is backwards: its start must be at most its end', 'vlanRanges.1: "5" is not a VLAN range written "start-end", e.g. "100-110"'],
    );
    assert.strictEqual(failures.length, 3);
    assert.strictEqual(failures[2].property, "broadcastDomainRange");
    assert.match(failures[2].reason, /^broadcastDomainRange: "REGION" .*ZONE.*POD/);
    const bounds = await checkFailures(fx.sim, provider(), pnet({ vlanRanges: ["4000-5000"] }));
    assert.deepStrictEqual(bounds.map((f) => f.reason), ['vlanRanges: "4000-5000" goes past 4095, the highest id for isolation VLAN (CloudStack: "Vnet range has to be between 0 and 4095")']);
    assert.deepStrictEqual(await checkFailures(fx.sim, provider(), pnet({ vlanRanges: ["4000-5000"], isolationMethod: "VXLAN" })), []);
  });
});
