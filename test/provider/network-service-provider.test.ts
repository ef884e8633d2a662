// NetworkServiceProvider through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, startZoneFixture, updateTo, zoneWithPhysicalNetwork, type Applied, type ZoneFixture } from "../support/zone-fixture";

describe("NetworkServiceProvider against the simulator", function () {
  let fx: ZoneFixture;
  let pnet: Applied;
  const provider = () => fx.admin.provider("NetworkServiceProvider");
  const row = (id: string) => fx.sim.model.state.networkServiceProviders.find((p) => p.uuid === id);
  const elementOf = (nspId: string) => fx.sim.model.state.providerElements.find((e) => e.nspUuid === nspId);

  startedForEachTest(startZoneFixture, async (started) => {
    fx = started;
    ({ pnet } = await zoneWithPhysicalNetwork(fx));
  });

  it("takes over the VirtualRouter CloudStack added, enables its element then the provider, and puts both back to Disabled on delete", async () => {
    const [existing] = await fx.admin.client.list<Record<string, unknown>>("listNetworkServiceProviders", { physicalnetworkid: pnet.id, name: "VirtualRouter" });
    const news = { physicalNetworkId: pnet.id, name: "VirtualRouter", state: "Enabled" };
    const made = await createFrom(provider(), news);
    assertPlainJson(made.outs);
    assert.strictEqual(made.id, existing.id, "the default provider is taken over, not added twice");
    assert.deepStrictEqual([made.outs.adopted, made.outs.elementId, row(made.id)?.state], [true, elementOf(made.id)?.uuid, "Enabled"]);
    assert.strictEqual(elementOf(made.id)?.enabled, true);
    assert.deepStrictEqual((await plan(provider(), made, news)).diff, NO_CHANGE);

    await provider().delete(made.id, made.outs);
    assert.deepStrictEqual([row(made.id)?.state, elementOf(made.id)?.enabled], ["Disabled", false], "CloudStack's default provider stays, Disabled");
    await provider().delete(made.id, made.outs);
  });

  it("adds a provider CloudStack did not, with a service list; deleting it removes it, twice", async () => {
    const news = { physicalNetworkId: pnet.id, name: "PaloAlto", state: "Disabled", services: ["Firewall"] };
    const made = await createFrom(provider(), news);
    assert.deepStrictEqual([made.outs.adopted, made.outs.elementId, row(made.id)?.services], [false, null, ["Firewall"]]);
    assert.deepStrictEqual((await plan(provider(), made, news)).diff, NO_CHANGE);
    const enable = (await plan(provider(), made, { ...news, state: "Enabled" })).checked;
    // A Palo Alto provider is ready only once an enabled device is added: CloudStack's refusal is kept.
    await assert.rejects(provider().update(made.id, made.outs, enable), apiRefusal(530, "Provider is not ready, cannot Enable the provider, please configure the provider first"));
    await provider().delete(made.id, made.outs);
    assert.strictEqual(row(made.id), undefined);
    await provider().delete(made.id, made.outs);
  });

  it("changes state and services in place (in any order, Gateway coming with SourceNat); the name replaces", async () => {
    const made = await createFrom(provider(), { physicalNetworkId: pnet.id, name: "VpcVirtualRouter", state: "Disabled" });
    const changed = { physicalNetworkId: pnet.id, name: "VpcVirtualRouter", state: "Enabled", services: ["SourceNat", "Dhcp", "Dns", "NetworkACL"] };
    const updated = await updateTo(provider(), made, changed);
    assert.deepStrictEqual([row(made.id)?.state, elementOf(made.id)?.enabled], ["Enabled", true]);
    assert.deepStrictEqual(row(made.id)?.services, ["SourceNat", "Dhcp", "Dns", "NetworkACL"]);
    assert.deepStrictEqual((await plan(provider(), updated, { ...changed, services: ["Dns", "Dhcp", "NetworkACL", "SourceNat", "Gateway"] })).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), updated, { ...changed, name: "VirtualRouter" })).diff, { changes: true, replaces: ["name"], deleteBeforeReplace: false });
    const internalLb = await createFrom(provider(), { physicalNetworkId: pnet.id, name: "InternalLbVm", state: "Enabled" });
    assert.strictEqual(elementOf(internalLb.id)?.enabled, true);
  });

  it("creates the element of a VirtualRouter added by hand before enabling it", async () => {
    const [vr] = await fx.admin.client.list<Record<string, unknown>>("listNetworkServiceProviders", { physicalnetworkid: pnet.id, name: "VirtualRouter" });
    await fx.admin.client.execute("deleteNetworkServiceProvider", { id: String(vr.id) });
    const made = await createFrom(provider(), { physicalNetworkId: pnet.id, name: "VirtualRouter", state: "Enabled" });
    assert.notStrictEqual(made.id, vr.id);
    assert.deepStrictEqual([made.outs.adopted, row(made.id)?.state, elementOf(made.id)?.enabled], [false, "Enabled", true]);
  });

  it("sees a provider disabled out of band, reads from the id alone and adopts with importId", async () => {
    const made = await createFrom(provider(), { physicalNetworkId: pnet.id, name: "SecurityGroupProvider", state: "Enabled" });
    await fx.admin.client.execute("updateNetworkServiceProvider", { id: made.id, state: "Disabled" });
    const read = await provider().read(made.id, made.outs);
    assert.strictEqual(read.inputs?.state, "Disabled");
    assert.deepStrictEqual((await plan(provider(), { id: made.id, outs: read.props }, { physicalNetworkId: pnet.id, name: "SecurityGroupProvider", state: "Enabled" })).diff, {
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const fromId = await provider().read(made.id, {});
    assert.deepStrictEqual([fromId.inputs?.name, fromId.inputs?.physicalNetworkId, fromId.props.adopted], ["SecurityGroupProvider", pnet.id, true]);
    const adopted = await provider().create((await provider().check({}, { physicalNetworkId: pnet.id, name: "SecurityGroupProvider", state: "Enabled", importId: made.id })).inputs);
    assert.strictEqual(adopted.id, made.id);
    assert.strictEqual(row(made.id)?.state, "Enabled");
  });

  it("catches bad inputs at check and keeps CloudStack's refusal of an unknown provider", async () => {
    const failures = await checkFailures(fx.sim, provider(), { physicalNetworkId: pnet.id, name: "", state: "On" });
    assert.deepStrictEqual(failures.map((f) => f.property), ["name", "state"]);
    const unknown = (await provider().check({}, { physicalNetworkId: pnet.id, name: "Bogus", state: "Disabled" })).inputs;
    await assert.rejects(provider().create(unknown), apiRefusal(431, "Invalid Network Service Provider=Bogus"));
  });
});
