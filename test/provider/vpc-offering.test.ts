// VpcOffering through the adapter against the simulator over real HTTP: services CloudStack adds,
// capabilities, in place against replacing changes, a VPC on it, the refusals kept.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, startZoneFixture, updateTo, type ZoneFixture } from "../support/zone-fixture";
import { ZONE } from "../support/network-fixture";

const vpcOffering = (extra: Record<string, unknown> = {}) => ({
  name: "redundant-vpc",
  services: [{ name: "Dhcp" }, { name: "Dns" }, { name: "UserData" }, { name: "StaticNat" }, { name: "PortForwarding" }, { name: "Lb", providers: ["VpcVirtualRouter", "InternalLbVm"] }],
  redundantRouter: true,
  state: "Enabled",
  ...extra,
});

describe("VpcOffering against the simulator", function () {
  let fx: ZoneFixture;
  const provider = () => fx.admin.provider("VpcOffering");
  const row = (id: string) => fx.sim.model.state.vpcOfferings.find((o) => o.uuid === id);

  startedForEachTest(startZoneFixture, (started) => {
    fx = started;
  });

  it("creates an offering with the services CloudStack adds read back with no diff, and a VPC on it", async () => {
    const made = await createFrom(provider(), vpcOffering());
    assertPlainJson(made.outs);
    assert.deepStrictEqual([made.outs.state, made.outs.redundantRouter, made.outs.distributedRouter, made.outs.isDefault], ["Enabled", true, null, false], "no Connectivity service: no distributed router capability to report");
    assert.strictEqual(row(made.id)?.redundantRouter, true);
    assert.deepStrictEqual(row(made.id)?.services.map((s) => s.name).sort(), ["Dhcp", "Dns", "Gateway", "Lb", "NetworkACL", "PortForwarding", "SourceNat", "StaticNat", "UserData"]);
    assert.deepStrictEqual((await plan(provider(), made, vpcOffering())).diff, NO_CHANGE);
    const fromId = await provider().read(made.id, {});
    assert.strictEqual(fromId.inputs?.name, "redundant-vpc");
    const vpc = await createFrom(fx.admin.provider("Vpc"), { name: "on-offering", zone: ZONE, vpcOffering: "redundant-vpc", cidr: "10.80.0.0/16" });
    assert.strictEqual(vpc.outs.vpcOfferingId, made.id);
  });

  it("changes name, display text, state, sort key and zones in place; services and capabilities replace", async () => {
    const made = await createFrom(provider(), vpcOffering());
    const [zone] = await fx.admin.client.list<Record<string, unknown>>("listZones", { name: ZONE });
    const changed = vpcOffering({ name: "renamed", displayText: "Renamed", state: "Disabled", sortKey: 3, zoneIds: [String(zone.id)] });
    const updated = await updateTo(provider(), made, changed);
    assert.deepStrictEqual([row(made.id)?.name, row(made.id)?.displaytext, row(made.id)?.state, row(made.id)?.sortKey, row(made.id)?.zoneUuids], ["renamed", "Renamed", "Disabled", 3, [zone.id]]);
    assert.deepStrictEqual((await plan(provider(), updated, changed)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), updated, { ...changed, services: [{ name: "Dhcp" }], redundantRouter: false })).diff, {
      changes: true,
      replaces: ["services", "redundantRouter"],
      deleteBeforeReplace: false,
    });
  });

  it("keeps CloudStack's refusals: a disabled offering for a VPC, deleting one in use; distributed routing needs a provider that has it", async () => {
    const disabled = await createFrom(provider(), vpcOffering({ name: "off", state: undefined }));
    assert.strictEqual(row(disabled.id)?.state, "Disabled");
    const vpcs = fx.admin.provider("Vpc");
    const onDisabled = (await vpcs.check({}, { name: "refused", zone: ZONE, vpcOffering: disabled.id, cidr: "10.81.0.0/16" })).inputs;
    await assert.rejects(vpcs.create(onDisabled), apiRefusal(431, "Unable to find vpc offering in Enabled state by specified id"));

    const used = await createFrom(provider(), vpcOffering({ name: "used" }));
    const vpc = await createFrom(vpcs, { name: "user", zone: ZONE, vpcOffering: used.id, cidr: "10.82.0.0/16" });
    await assert.rejects(provider().delete(used.id, used.outs), (err: unknown) => {
      apiRefusal(431, /^Can't delete vpc offering VPCOffering \{"id": \d+, "uuid": "[0-9a-f-]+", "name": "used"\} as its used by 1 vpcs\. To make the network offering unavailable, disable it$/)(err);
      assert.match((err as Error).message, /Delete the 1 vpcs that use the offering first/);
      return true;
    });
    await vpcs.delete(vpc.id, vpc.outs);
    await provider().delete(used.id, used.outs);
    assert.ok(row(used.id)?.removed);

    const nicira = (await provider().check({}, vpcOffering({ name: "nvp", redundantRouter: undefined, distributedRouter: true, services: [{ name: "Dhcp" }, { name: "Connectivity" }] }))).inputs;
    await assert.rejects(provider().create(nicira), apiRefusal(431, "Provider NiciraNvp does not support DistributedRouter  capability."));
    const ovs = await createFrom(provider(), vpcOffering({ name: "ovs", redundantRouter: undefined, distributedRouter: true, services: [{ name: "Dhcp" }, { name: "Connectivity", providers: ["Ovs"] }] }));
    assert.deepStrictEqual([row(ovs.id)?.distributedRouter, ovs.outs.distributedRouter], [true, true]);
  });

  it("sees out-of-band changes and deletions, deletes twice and adopts with importId", async () => {
    const made = await createFrom(provider(), vpcOffering());
    await fx.admin.client.execute("updateVPCOffering", { id: made.id, state: "Disabled" });
    const read = await provider().read(made.id, made.outs);
    assert.strictEqual(read.inputs?.state, "Disabled");
    assert.deepStrictEqual((await plan(provider(), { id: made.id, outs: read.props }, vpcOffering())).diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const adopted = await provider().create((await provider().check({}, { ...vpcOffering(), importId: made.id })).inputs);
    assert.strictEqual(adopted.id, made.id);
    assert.strictEqual(row(made.id)?.state, "Enabled");
    await fx.admin.client.execute("deleteVPCOffering", { id: made.id });
    assert.deepStrictEqual(await provider().read(made.id, made.outs), { id: "", props: {} });
    await provider().delete(made.id, made.outs);
  });

  it("catches bad inputs at check and creates nothing", async () => {
    const failures = await checkFailures(fx.sim, provider(), {
      name: "bad",
      services: [{ name: "Firewall" }, { name: "Dhcp", providers: ["VpcVirtualRouter", "ConfigDrive"] }, { name: "Connectivity", providers: ["Ovs"] }],
      redundantRouter: true,
    });
    assert.deepStrictEqual(failures.map((f) => f.reason), [
      'services[1].providers: ["VpcVirtualRouter","ConfigDrive"] has several providers: only Lb may have more than one (CloudStack: "In the current release only one provider can be specified for the service if the service is not LB")',
      'services[0].name: "Firewall" is not a VPC service (CloudStack: "Service Firewall is not supported in VPC"); VPC tiers use NetworkACL',
      "redundantRouter: true cannot be combined with the Connectivity service: CloudStack checks every capability against the Connectivity providers, which lack RedundantRouter",
    ]);
    const none = await checkFailures(fx.sim, provider(), { name: "empty", services: [], regionLevelVpc: true });
    assert.deepStrictEqual(none.map((f) => f.property), ["services"]);
    assert.match(none[0].reason, /Supported services needs to be provided/);
    assert.ok(!fx.sim.model.state.vpcOfferings.some((o) => o.name === "bad" || o.name === "empty"));
  });
});
