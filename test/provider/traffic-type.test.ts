// TrafficType through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, startZoneFixture, updateTo, zoneWithPhysicalNetwork, type Applied, type ZoneFixture } from "../support/zone-fixture";

describe("TrafficType against the simulator", function () {
  let fx: ZoneFixture;
  let pnet: Applied;
  const provider = () => fx.admin.provider("TrafficType");
  const row = (id: string) => fx.sim.model.state.trafficTypes.find((t) => t.uuid === id);

  startedForEachTest(startZoneFixture, async (started) => {
    fx = started;
    ({ pnet } = await zoneWithPhysicalNetwork(fx));
  });

  it("adds a traffic type with its labels and plans no change after, whatever the case of the type", async () => {
    const news = { physicalNetworkId: pnet.id, trafficType: "Management", kvmLabel: "cloudbr0", vmwareLabel: "vSwitch0" };
    const made = await createFrom(provider(), news);
    assertPlainJson(made.outs);
    assert.deepStrictEqual(row(made.id)?.labels, { kvm: "cloudbr0", vmware: "vSwitch0" });
    assert.deepStrictEqual((await plan(provider(), made, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), made, { ...news, trafficType: "management" })).diff, NO_CHANGE);
  });

  it("updates labels in place (removing one clears it); the type and the physical network replace", async () => {
    const made = await createFrom(provider(), { physicalNetworkId: pnet.id, trafficType: "Guest", kvmLabel: "cloudbr0", hypervLabel: "Ethernet0" });
    const changed = { physicalNetworkId: pnet.id, trafficType: "Guest", kvmLabel: "cloudbr1", xenLabel: "xenbr0", ovm3Label: "bond0" };
    const updated = await updateTo(provider(), made, changed);
    assert.deepStrictEqual(row(made.id)?.labels, { kvm: "cloudbr1", xen: "xenbr0", ovm3: "bond0" });
    assert.deepStrictEqual((await plan(provider(), updated, changed)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), updated, { ...changed, trafficType: "Public" })).diff, { changes: true, replaces: ["trafficType"], deleteBeforeReplace: false });
  });

  it("keeps CloudStack's uniqueness: once per physical network, system types once per zone", async () => {
    await createFrom(provider(), { physicalNetworkId: pnet.id, trafficType: "Public" });
    const twice = (await provider().check({}, { physicalNetworkId: pnet.id, trafficType: "Public" })).inputs;
    await assert.rejects(provider().create(twice), apiRefusal(530, "This physical network already supports the traffic type: Public"));
    const second = await createFrom(fx.admin.provider("PhysicalNetwork"), { name: "second", zone: "scratch", tags: "storage" });
    const elsewhere = (await provider().check({}, { physicalNetworkId: second.id, trafficType: "Public" })).inputs;
    await assert.rejects(
      provider().create(elsewhere),
      apiRefusal(530, "Fail to add the traffic type to physical network because Zone already has a physical network with this traffic type: Public"),
    );
  });

  it("sees out-of-band changes and deletions, deletes twice, reads from the id alone and adopts with importId", async () => {
    const made = await createFrom(provider(), { physicalNetworkId: pnet.id, trafficType: "Storage", kvmLabel: "cloudbr0" });
    await fx.admin.client.execute("updateTrafficType", { id: made.id, kvmnetworklabel: "cloudbr9" });
    const read = await provider().read(made.id, made.outs);
    assert.strictEqual(read.inputs?.kvmLabel, "cloudbr9");
    const fromId = await provider().read(made.id, {});
    assert.deepStrictEqual([fromId.inputs?.physicalNetworkId, fromId.inputs?.trafficType], [pnet.id, "Storage"]);
    const adopted = await provider().create((await provider().check({}, { physicalNetworkId: pnet.id, trafficType: "Storage", kvmLabel: "cloudbr0", importId: made.id })).inputs);
    assert.strictEqual(adopted.id, made.id);
    assert.strictEqual(row(made.id)?.labels.kvm, "cloudbr0");
    await fx.admin.client.execute("deleteTrafficType", { id: made.id });
    assert.deepStrictEqual(await provider().read(made.id, made.outs), { id: "", props: {} });
    await provider().delete(made.id, made.outs);
    const again = await createFrom(provider(), { physicalNetworkId: pnet.id, trafficType: "Storage" });
    await provider().delete(again.id, again.outs);
    await provider().delete(again.id, again.outs);
    assert.strictEqual(row(again.id), undefined);
  });

  it("catches bad inputs at check and creates nothing", async () => {
    const failures = await checkFailures(fx.sim, provider(), { physicalNetworkId: "pnet", trafficType: "Control", kvmLabel: "" });
    assert.deepStrictEqual(failures.map((f) => f.property), ["physicalNetworkId", "trafficType", "kvmLabel"]);
    assert.match(failures[1].reason, /^trafficType: "Control" is not one of "Public", "Guest", "Management", "Storage"$/);
  });
});
