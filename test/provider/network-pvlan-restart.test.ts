// Network's private VLANs and restartTrigger through the adapter against the simulator: PVLAN
// networks created, read back with no diff (the type read from the broadcast URI), replaced when
// the PVLAN changes, drift seen, bad pairs named at check; restartTrigger restarting in place,
// with makeRedundant where the offering allows it.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { checkFailures, createFrom, NO_CHANGE, plan, updateTo, type Applied } from "../support/addressing-fixture";
import { L2, PERSISTENT, SHARED, ZONE, startFixture, type Fixture } from "../support/network-fixture";

const L2_VLAN = "DefaultL2NetworkOfferingVlan";

describe("Network private VLANs and restartTrigger against the simulator", function () {
  let fx: Fixture;
  const row = (id: string) => fx.sim.model.state.networks.find((n) => n.uuid === id);

  startedForEachTest(startFixture, (started) => (fx = started));

  const shared = (name: string, extra: Record<string, unknown>) => ({
    name,
    zone: ZONE,
    networkOffering: SHARED,
    cidr: "10.44.0.0/24",
    startIp: "10.44.0.10",
    endIp: "10.44.0.50",
    ...extra,
  });

  it("creates promiscuous, community and isolated networks on one primary VLAN and plans no change after", async () => {
    const promiscuous = await createFrom(fx.provider, shared("pvlan-p", { vlan: "440", isolatedPvlanType: "promiscuous" }));
    const community = await createFrom(fx.provider, { name: "pvlan-c", zone: ZONE, networkOffering: L2_VLAN, vlan: "440", isolatedPvlan: "441", isolatedPvlanType: "community" });
    const isolated = await createFrom(fx.provider, { name: "pvlan-i", zone: ZONE, networkOffering: L2_VLAN, vlan: "440", isolatedPvlan: "442" });
    assert.deepStrictEqual([promiscuous, community, isolated].map((n) => n.outs.broadcastUri), ["pvlan://440-p440", "pvlan://440-c441", "pvlan://440-i442"]);
    assert.deepStrictEqual([row(isolated.id)?.isolatedPvlan, row(isolated.id)?.isolatedPvlanType], ["442", "Isolated"]);
    for (const [made, news] of [
      [promiscuous, shared("pvlan-p", { vlan: "440", isolatedPvlanType: "promiscuous" })],
      [community, { name: "pvlan-c", zone: ZONE, networkOffering: L2_VLAN, vlan: "440", isolatedPvlan: "441", isolatedPvlanType: "community" }],
      [isolated, { name: "pvlan-i", zone: ZONE, networkOffering: L2_VLAN, vlan: "440", isolatedPvlan: "442" }],
    ] as Array<[Applied, Record<string, unknown>]>) {
      assert.deepStrictEqual((await plan(fx.provider, made, news)).diff, NO_CHANGE);
      const read = await fx.provider.read(made.id, made.outs);
      assert.deepStrictEqual((await fx.provider.diff(made.id, read.props, (await fx.provider.check(read.props, news)).inputs)).changes, false);
    }
    // Read from the id alone, the pair comes from the broadcast URI.
    const fromId = await fx.provider.read(community.id, {});
    assert.deepStrictEqual([fromId.inputs?.vlan, fromId.inputs?.isolatedPvlan, fromId.inputs?.isolatedPvlanType], ["440", "441", "community"]);
    const changed = await plan(fx.provider, community, { name: "pvlan-c", zone: ZONE, networkOffering: L2_VLAN, vlan: "440", isolatedPvlan: "443", isolatedPvlanType: "community" });
    assert.deepStrictEqual(changed.diff.replaces, ["isolatedPvlan"]);
    const retyped = await plan(fx.provider, community, { name: "pvlan-c", zone: ZONE, networkOffering: L2_VLAN, vlan: "440", isolatedPvlan: "441", isolatedPvlanType: "isolated" });
    assert.deepStrictEqual(retyped.diff.replaces, ["isolatedPvlanType"]);
    // A second isolated network on the primary VLAN is refused by CloudStack.
    const second = (await fx.provider.check({}, { name: "pvlan-i2", zone: ZONE, networkOffering: L2_VLAN, vlan: "440", isolatedPvlan: "444", isolatedPvlanType: "isolated" })).inputs;
    await assert.rejects(fx.provider.create(second), apiRefusal(431, /^Network with primary vlan 440 and secondary vlan 444 type Isolated already exists or overlaps with other network pvlans in zone /));
  });

  it("sees a PVLAN changed out of band", async () => {
    const made = await createFrom(fx.provider, { name: "pvlan-d", zone: ZONE, networkOffering: L2_VLAN, vlan: "450", isolatedPvlan: "451", isolatedPvlanType: "community" });
    const record = row(made.id);
    if (record) record.isolatedPvlanType = "Isolated";
    const read = await fx.provider.read(made.id, made.outs);
    assert.strictEqual(read.inputs?.isolatedPvlanType, "isolated");
  });

  it("names bad private VLAN pairs at check and creates nothing", async () => {
    const failures = async (news: Record<string, unknown>) => (await checkFailures(fx.sim, fx.provider, { name: "bad", zone: ZONE, networkOffering: L2_VLAN, ...news })).map((f) => `${f.property}: ${f.reason}`);
    assert.deepStrictEqual(await failures({ isolatedPvlan: "461" }), ['isolatedPvlan: isolatedPvlan: "461" needs vlan, the primary VLAN of the private VLAN']);
    assert.deepStrictEqual(await failures({ vlan: "460", isolatedPvlan: "461", isolatedPvlanType: "promiscuous" }), [
      'isolatedPvlan: isolatedPvlan: "461" must equal vlan (460) for a promiscuous private VLAN',
    ]);
    assert.deepStrictEqual(await failures({ vlan: "460", isolatedPvlanType: "community" }), [
      'isolatedPvlanType: isolatedPvlanType: "community" needs isolatedPvlan, the secondary VLAN (only a promiscuous network may omit it)',
    ]);
    assert.deepStrictEqual(await failures({ vlan: "460", isolatedPvlan: "460", isolatedPvlanType: "isolated" }), [
      'isolatedPvlan: isolatedPvlan: "460" must differ from vlan (460) for a isolated private VLAN',
    ]);
    assert.deepStrictEqual(await failures({ vlan: "460", isolatedPvlan: "x" }), ['isolatedPvlan: isolatedPvlan: "x" must be a VLAN number, e.g. "801"']);
  });

  it("restarts in place when restartTrigger changes, and makes the routers redundant when asked and allowed", async () => {
    const news = { name: "restarted", zone: ZONE, networkOffering: PERSISTENT, restartTrigger: "r1" };
    const made = await createFrom(fx.provider, news);
    const record = row(made.id);
    if (record) record.restartRequired = true;
    assert.deepStrictEqual((await plan(fx.provider, made, news)).diff, NO_CHANGE);
    const restarted = await updateTo(fx.provider, made, { ...news, restartTrigger: "r2" });
    assert.strictEqual(row(made.id)?.restartRequired, false, "the restart happened");
    assert.strictEqual(restarted.outs.restartTrigger, "r2");
    // Removing the trigger restarts nothing.
    if (record) record.restartRequired = true;
    const { restartTrigger: _dropped, ...without } = news;
    const forgotten = await updateTo(fx.provider, restarted, without);
    assert.strictEqual(row(made.id)?.restartRequired, true);
    // The default offering's SourceNat does not support redundant routers: CloudStack's refusal.
    await assert.rejects(
      updateTo(fx.provider, forgotten, { ...without, restartTrigger: "r3", restartMakeRedundant: true }),
      apiRefusal(431, /^Redundant router is not supported by the network offering NetworkOffering \{"id": \d+, "uuid": "[^"]+", "name": "DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent", "trafficType": "Guest"\}$/),
    );
    const offering = fx.sim.model.state.networkOfferings.find((o) => o.name === PERSISTENT);
    if (offering) offering.redundantRouter = true;
    await updateTo(fx.provider, forgotten, { ...without, restartTrigger: "r3", restartMakeRedundant: true });
    assert.strictEqual(row(made.id)?.redundantRouter, true);
    const l2 = await createFrom(fx.provider, { name: "l2-restart", zone: ZONE, networkOffering: L2 });
    assert.deepStrictEqual((await plan(fx.provider, l2, { name: "l2-restart", zone: ZONE, networkOffering: L2, restartTrigger: "x" })).diff.replaces, []);
  });
});
