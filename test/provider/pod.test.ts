// Pod through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { advancedZone, assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, startZoneFixture, updateTo, type Applied, type ZoneFixture } from "../support/zone-fixture";

describe("Pod against the simulator", function () {
  let fx: ZoneFixture;
  let zone: Applied;
  const provider = () => fx.admin.provider("Pod");
  const podRow = (id: string) => fx.sim.model.state.pods.find((p) => p.uuid === id);
  const pod = (extra: Record<string, unknown> = {}) => ({
    name: "pod1",
    zone: "scratch",
    gateway: "172.16.0.1",
    netmask: "255.255.255.0",
    startIp: "172.16.0.10",
    endIp: "172.16.0.50",
    ...extra,
  });

  startedForEachTest(startZoneFixture, async (started) => {
    fx = started;
    zone = await createFrom(fx.admin.provider("Zone"), advancedZone());
  });

  it("creates a pod in a zone and plans no change after; the zone then offers templates", async () => {
    const templatesBefore = await fx.admin.client.list("listTemplates", { templatefilter: "executable", zoneid: zone.id });
    assert.strictEqual(templatesBefore.length, 0, "no secondary storage before a pod");
    const made = await createFrom(provider(), pod());
    assertPlainJson(made.outs);
    assert.deepStrictEqual([made.outs.zoneId, made.outs.zoneName, made.outs.allocationState], [zone.id, "scratch", "Enabled"]);
    assert.deepStrictEqual((await plan(provider(), made, pod({ zone: zone.id }))).diff, NO_CHANGE);
    const templates = await fx.admin.client.list("listTemplates", { templatefilter: "executable", zoneid: zone.id });
    assert.ok(templates.length > 0);
  });

  it("updates the name, the range and the allocation state in place; another zone replaces it", async () => {
    const made = await createFrom(provider(), pod());
    const changed = pod({ name: "pod-a", gateway: "172.16.1.1", startIp: "172.16.1.10", endIp: "172.16.1.90", allocationState: "Disabled" });
    const updated = await updateTo(provider(), made, changed);
    const row = podRow(made.id);
    assert.deepStrictEqual([row?.name, row?.gateway, row?.startIp, row?.endIp, row?.allocationState], ["pod-a", "172.16.1.1", "172.16.1.10", "172.16.1.90", "Disabled"]);
    assert.deepStrictEqual((await plan(provider(), updated, changed)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), updated, { ...changed, zone: "Sandbox-simulator" })).diff, { changes: true, replaces: ["zone"], deleteBeforeReplace: false });
  });

  it("sees out-of-band changes and deletions; deletes twice; reads from the id alone and adopts with importId", async () => {
    const made = await createFrom(provider(), pod());
    await fx.admin.client.execute("updatePod", { id: made.id, endip: "172.16.0.60" });
    const read = await provider().read(made.id, made.outs);
    assert.strictEqual(read.inputs?.endIp, "172.16.0.60");
    assert.deepStrictEqual((await plan(provider(), { id: made.id, outs: read.props }, pod())).diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const fromId = await provider().read(made.id, {});
    assert.deepStrictEqual([fromId.inputs?.zone, fromId.inputs?.startIp], ["scratch", "172.16.0.10"]);
    await fx.admin.client.execute("deletePod", { id: made.id });
    assert.deepStrictEqual(await provider().read(made.id, made.outs), { id: "", props: {} });
    await provider().delete(made.id, made.outs);

    const byHand = await fx.admin.client.execute("createPod", { zoneid: zone.id, name: "pod2", gateway: "172.16.2.1", netmask: "255.255.255.0", startip: "172.16.2.10", endip: "172.16.2.20" });
    const id = String((byHand.pod as Record<string, unknown>).id);
    const news = pod({ name: "pod2", gateway: "172.16.2.1", startIp: "172.16.2.10", endIp: "172.16.2.30" });
    const adopted = await provider().create((await provider().check({}, { ...news, importId: id })).inputs);
    assert.strictEqual(adopted.id, id);
    assert.strictEqual(podRow(id)?.endIp, "172.16.2.30");
    await provider().delete(id, adopted.outs);
    await provider().delete(id, adopted.outs);
    assert.strictEqual(podRow(id), undefined);
  });

  it("catches bad inputs at check and keeps CloudStack's refusals", async () => {
    const failures = await checkFailures(fx.sim, provider(), pod({ gateway: "172.16.0.20", endIp: "172.16.1.50", netmask: "255.0.255.0" }));
    assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["netmask"]);
    const ranged = await checkFailures(fx.sim, provider(), pod({ endIp: "172.16.1.50" }));
    assert.deepStrictEqual(ranged.map((f) => f.reason), [
      'endIp: "172.16.1.50" is outside the gateway\'s subnet 172.16.0.0/24 (start and end must be in the gateway\'s subnet)',
    ]);
    const inside = await checkFailures(fx.sim, provider(), pod({ gateway: "172.16.0.20" }));
    assert.deepStrictEqual(inside.map((f) => f.reason), ['gateway: "172.16.0.20" is inside the range (CloudStack: "The gateway shouldn\'t overlap start/end ip addresses")']);
    await createFrom(provider(), pod());
    const twice = (await provider().check({}, pod({ gateway: "172.16.5.1", startIp: "172.16.5.10", endIp: "172.16.5.20" }))).inputs;
    const zoneId = fx.sim.model.state.zones.find((z) => z.uuid === zone.id)?.id;
    await assert.rejects(provider().create(twice), apiRefusal(431, `A pod with name: pod1 already exists in zone ${zoneId}. Please specify a different pod name. `));
    assert.strictEqual(fx.sim.model.state.pods.length, 1, "a pod of the same name in another subnet is not taken over");
  });
});
