// ZoneEnablement through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { advancedZone, checkFailures, createFrom, NO_CHANGE, plan, startZoneFixture, zoneWithPhysicalNetwork, type ZoneFixture } from "../support/zone-fixture";

describe("ZoneEnablement against the simulator", function () {
  let fx: ZoneFixture;
  const provider = () => fx.admin.provider("ZoneEnablement");
  const state = (id: string) => fx.sim.model.state.zones.find((z) => z.uuid === id)?.allocationState;

  startedForEachTest(startZoneFixture, (started) => (fx = started));

  async function withTraffic(types: string[]) {
    const made = await zoneWithPhysicalNetwork(fx);
    for (const trafficType of types) await createFrom(fx.admin.provider("TrafficType"), { physicalNetworkId: made.pnet.id, trafficType });
    return made;
  }

  it("enables a zone once Management and Public traffic exist, and disables it on delete, twice", async () => {
    const { zone } = await withTraffic(["Management", "Public", "Guest"]);
    const enablement = await createFrom(provider(), { zone: "scratch" });
    assert.strictEqual(enablement.id, zone.id);
    assert.strictEqual(enablement.outs.zoneId, zone.id);
    assert.strictEqual(enablement.outs.allocationState, "Enabled");
    assert.strictEqual(state(zone.id), "Enabled");
    assert.deepStrictEqual((await plan(provider(), enablement, { zone: zone.id })).diff, NO_CHANGE);
    // The Zone resource sees the state as an attribute, not as a change.
    const zoneRead = await fx.admin.provider("Zone").read(zone.id, zone.outs);
    assert.strictEqual(zoneRead.props.allocationState, "Enabled");
    assert.deepStrictEqual((await plan(fx.admin.provider("Zone"), { id: zone.id, outs: zoneRead.props }, advancedZone())).diff, NO_CHANGE);

    await provider().delete(enablement.id, enablement.outs);
    assert.strictEqual(state(zone.id), "Disabled");
    await provider().delete(enablement.id, enablement.outs);
    assert.strictEqual(state(zone.id), "Disabled");
  });

  it("keeps CloudStack's refusal to enable a zone without Management traffic", async () => {
    const { zone } = await withTraffic(["Guest"]);
    const inputs = (await provider().check({}, { zone: zone.id })).inputs;
    await assert.rejects(
      provider().create(inputs),
      apiRefusal(431, "Cannot enable this Zone since: Unable to find the default physical network with traffic=Management in the specified zone id"),
    );
    assert.strictEqual(state(zone.id), "Disabled");
  });

  it("reads a zone disabled out of band as gone (the next up enables it again); get and importId read the zone", async () => {
    const { zone } = await withTraffic(["Management", "Public"]);
    const enablement = await createFrom(provider(), { zone: zone.id });
    await fx.admin.client.execute("updateZone", { id: zone.id, allocationstate: "Disabled" });
    assert.deepStrictEqual(await provider().read(enablement.id, enablement.outs), { id: "", props: {} });
    const again = await createFrom(provider(), { zone: zone.id });
    assert.strictEqual(state(zone.id), "Enabled");
    const read = await provider().read(again.id, {});
    assert.strictEqual(read.inputs?.zone, "scratch");
    const adopted = await provider().create((await provider().check({}, { zone: zone.id, importId: zone.id })).inputs);
    assert.strictEqual(adopted.id, zone.id);
  });

  it("replaces when the zone changes, and names a zone that does not exist at check", async () => {
    const { zone } = await withTraffic(["Management", "Public"]);
    const enablement = await createFrom(provider(), { zone: zone.id });
    const other = await plan(provider(), enablement, { zone: "Sandbox-simulator" });
    assert.deepStrictEqual(other.diff, { changes: true, replaces: ["zone"], deleteBeforeReplace: false });
    const failures = await checkFailures(fx.sim, provider(), { zone: "no-such-zone" });
    assert.strictEqual(failures.length, 1);
    assert.strictEqual(failures[0].property, "zone");
    assert.match(failures[0].reason, /no-such-zone/);
  });
});
