// NetworkOffering through the adapter against the simulator over real HTTP: an offering and the
// networks made from it, in place against replacing changes, CloudStack's refusals kept.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, startZoneFixture, updateTo, type ZoneFixture } from "../support/zone-fixture";
import { ZONE } from "../support/network-fixture";

const VR = ["VirtualRouter"];

/** A persistent isolated offering with the virtual router's services. */
export const persistentOffering = (extra: Record<string, unknown> = {}) => ({
  name: "persistent-web",
  displayText: "Persistent isolated networks",
  guestIpType: "Isolated",
  persistent: true,
  services: ["Dhcp", "Dns", "UserData", "SourceNat", "StaticNat", "PortForwarding", "Lb"].map((name) => ({ name, providers: VR })),
  state: "Enabled",
  ...extra,
});

describe("NetworkOffering against the simulator", function () {
  let fx: ZoneFixture;
  const provider = () => fx.admin.provider("NetworkOffering");
  const row = (id: string) => fx.sim.model.state.networkOfferings.find((o) => o.uuid === id);

  startedForEachTest(startZoneFixture, (started) => {
    fx = started;
  });

  it("creates an enabled persistent offering read back with no diff; a network on it is Implemented with a VLAN at once", async () => {
    const made = await createFrom(provider(), persistentOffering({ sourceNatType: "peraccount", redundantRouter: true, networkRate: 500, tags: "web" }));
    assertPlainJson(made.outs);
    assert.deepStrictEqual([made.outs.state, made.outs.persistent, made.outs.redundantRouter, made.outs.isDefault, made.outs.forVpc], ["Enabled", true, true, false, false]);
    // CloudStack adds Firewall (the virtual router's PortForwarding brings it) and Gateway (hidden).
    assert.deepStrictEqual(row(made.id)?.services.map((s) => s.name).sort(), ["Dhcp", "Dns", "Firewall", "Lb", "PortForwarding", "SourceNat", "StaticNat", "UserData"]);
    assert.deepStrictEqual((await plan(provider(), made, persistentOffering({ sourceNatType: "peraccount", redundantRouter: true, networkRate: 500, tags: "web" }))).diff, NO_CHANGE);
    const fromId = await provider().read(made.id, {});
    assert.deepStrictEqual([fromId.inputs?.name, fromId.inputs?.guestIpType, fromId.inputs?.persistent], ["persistent-web", "Isolated", true]);

    const network = await createFrom(fx.admin.provider("Network"), { name: "on-persistent", zone: ZONE, networkOffering: "persistent-web", cidr: "10.70.1.0/24" });
    assert.deepStrictEqual([network.outs.state, network.outs.networkOfferingId], ["Implemented", made.id]);
    assert.match(String(network.outs.vlan), /^\d+$/, "a guest VLAN allocated without any instance");

    const plain = await createFrom(provider(), persistentOffering({ name: "plain", persistent: undefined }));
    const allocated = await createFrom(fx.admin.provider("Network"), { name: "on-plain", zone: ZONE, networkOffering: plain.id, cidr: "10.70.2.0/24" });
    assert.deepStrictEqual([allocated.outs.state, allocated.outs.vlan ?? null], ["Allocated", null], "a non-persistent isolated network waits for its first instance");
  });

  it("changes name, display text, state, availability, sort key, tag, domains and zones in place; the rest replaces", async () => {
    const made = await createFrom(provider(), persistentOffering());
    const [domain] = await fx.admin.client.list<Record<string, unknown>>("listDomains", { name: "ROOT" });
    const [zone] = await fx.admin.client.list<Record<string, unknown>>("listZones", { name: ZONE });
    const changed = persistentOffering({
      name: "renamed",
      displayText: "Renamed",
      state: "Disabled",
      availability: "Required",
      sortKey: 7,
      tags: "fast",
      domainIds: [String(domain.id)],
      zoneIds: [String(zone.id)],
    });
    // The built-in Required offering must give that up first: only one offering may be Required.
    const [builtIn] = await fx.admin.client.list<Record<string, unknown>>("listNetworkOfferings", { availability: "Required" });
    await fx.admin.client.execute("updateNetworkOffering", { id: String(builtIn.id), availability: "Optional" });
    const updated = await updateTo(provider(), made, changed);
    assert.deepStrictEqual(
      [row(made.id)?.name, row(made.id)?.displaytext, row(made.id)?.state, row(made.id)?.availability, row(made.id)?.sortKey, row(made.id)?.tags, row(made.id)?.domainUuids, row(made.id)?.zoneUuids],
      ["renamed", "Renamed", "Disabled", "Required", 7, "fast", [domain.id], [zone.id]],
    );
    assert.deepStrictEqual((await plan(provider(), updated, changed)).diff, NO_CHANGE);
    const widened = await updateTo(provider(), updated, { ...changed, tags: undefined, domainIds: undefined, zoneIds: undefined });
    assert.deepStrictEqual([row(made.id)?.tags, row(made.id)?.domainUuids, row(made.id)?.zoneUuids], [undefined, [], []]);
    assert.deepStrictEqual((await plan(provider(), widened, { ...changed, tags: undefined, domainIds: undefined, zoneIds: undefined })).diff, NO_CHANGE);
    const replacing = persistentOffering({ ...changed, tags: undefined, domainIds: undefined, zoneIds: undefined, persistent: false, guestIpType: "L2", services: [] });
    assert.deepStrictEqual((await plan(provider(), widened, { ...replacing, availability: undefined })).diff, {
      changes: true,
      replaces: ["guestIpType", "services", "persistent"],
      deleteBeforeReplace: false,
    });
  });

  it("keeps CloudStack's refusals: a disabled offering for a network, deleting one in use, a capability the provider lacks", async () => {
    const disabled = await createFrom(provider(), persistentOffering({ name: "off", state: undefined }));
    assert.strictEqual(row(disabled.id)?.state, "Disabled", "CloudStack creates offerings Disabled");
    const network = fx.admin.provider("Network");
    const onDisabled = (await network.check({}, { name: "refused", zone: ZONE, networkOffering: disabled.id, cidr: "10.70.3.0/24" })).inputs;
    await assert.rejects(network.create(onDisabled), (err: unknown) => {
      apiRefusal(431, "Can't use specified network offering id as its state is not Enabled")(err);
      assert.match((err as Error).message, /enable it \(a NetworkOffering's state: "Enabled"\)/);
      return true;
    });

    const used = await createFrom(provider(), persistentOffering({ name: "used" }));
    const on = await createFrom(network, { name: "user", zone: ZONE, networkOffering: used.id, cidr: "10.70.4.0/24" });
    await assert.rejects(provider().delete(used.id, used.outs), (err: unknown) => {
      apiRefusal(431, /^Can't delete network offering NetworkOffering \{"id": \d+, "name": "used", "trafficType": "Guest", "uuid": "[0-9a-f-]+"\} as its used by 1 networks\. To make the network offering unavailable, disable it$/)(err);
      assert.match((err as Error).message, /Delete the 1 networks that use the offering first.*set its state to Disabled/);
      return true;
    });
    await network.delete(on.id, on.outs);
    await provider().delete(used.id, used.outs);
    assert.ok(row(used.id)?.removed, "deleted once no network uses it");

    const perZone = (await provider().check({}, persistentOffering({ name: "perzone", sourceNatType: "perzone" }))).inputs;
    await assert.rejects(
      provider().create(perZone),
      apiRefusal(530, "Service SourceNat doesn't support value perzone for capability SupportedSourceNatTypes for element=VirtualRouter implementing Provider=VirtualRouter"),
    );
    const netscalerDhcp = (await provider().check({}, { name: "ns", guestIpType: "Isolated", services: [{ name: "Dhcp", providers: ["Netscaler"] }] })).inputs;
    await assert.rejects(provider().create(netscalerDhcp), apiRefusal(530, "Netscaler Provider cannot provide service Dhcp"));
  });

  it("makes a basic-zone NetScaler offering with elastic IP and elastic LB, read back with no diff", async () => {
    const elastic = {
      name: "eip-elb",
      guestIpType: "Shared",
      specifyVlan: true,
      specifyIpRanges: true,
      services: [
        { name: "Dhcp", providers: VR },
        { name: "Dns", providers: VR },
        { name: "UserData", providers: VR },
        { name: "SecurityGroup", providers: ["SecurityGroupProvider"] },
        { name: "StaticNat", providers: ["Netscaler"] },
        { name: "Lb", providers: ["Netscaler"] },
      ],
      elasticIp: true,
      associatePublicIp: true,
      elasticLb: true,
      lbIsolation: "dedicated",
      state: "Enabled",
    };
    const made = await createFrom(provider(), elastic);
    assert.deepStrictEqual(row(made.id)?.serviceCapabilities?.StaticNat, [{ name: "ElasticIp", value: "true" }, { name: "AssociatePublicIP", value: "true" }]);
    assert.deepStrictEqual([made.outs.elasticIp, made.outs.associatePublicIp, made.outs.elasticLb, made.outs.lbIsolation], [true, true, true, "dedicated"]);
    assert.deepStrictEqual((await plan(provider(), made, elastic)).diff, NO_CHANGE);
  });

  it("sees out-of-band changes and deletions, deletes twice and adopts with importId", async () => {
    const made = await createFrom(provider(), persistentOffering());
    await fx.admin.client.execute("updateNetworkOffering", { id: made.id, state: "Disabled", displaytext: "changed by hand" });
    const read = await provider().read(made.id, made.outs);
    assert.deepStrictEqual([read.inputs?.state, read.inputs?.displayText], ["Disabled", "changed by hand"]);
    assert.deepStrictEqual((await plan(provider(), { id: made.id, outs: read.props }, persistentOffering())).diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const adopted = await provider().create((await provider().check({}, { ...persistentOffering(), importId: made.id })).inputs);
    assert.strictEqual(adopted.id, made.id);
    assert.deepStrictEqual([row(made.id)?.state, row(made.id)?.displaytext], ["Enabled", "Persistent isolated networks"], "adoption applies the declared values");
    await fx.admin.client.execute("deleteNetworkOffering", { id: made.id });
    assert.deepStrictEqual(await provider().read(made.id, made.outs), { id: "", props: {} });
    await provider().delete(made.id, made.outs);
    const again = await createFrom(provider(), persistentOffering({ name: "again" }));
    await provider().delete(again.id, again.outs);
    await provider().delete(again.id, again.outs);
    assert.ok(row(again.id)?.removed);
  });

  it("catches bad inputs at check and creates nothing", async () => {
    const failures = await checkFailures(fx.sim, provider(), {
      name: "bad",
      guestIpType: "Isolated",
      persistent: true,
      specifyIpRanges: true,
      services: [
        { name: "SourceNat", providers: ["VirtualRouter", "PaloAlto"] },
        { name: "SourceNat" },
        { name: "SecurityGroup" },
      ],
      associatePublicIp: true,
      elasticLb: true,
    });
    assert.deepStrictEqual(
      failures.map((f) => f.reason),
      [
        'services[0].providers: ["VirtualRouter","PaloAlto"] has several providers: only Lb may have more than one (CloudStack: "In the current release only one provider can be specified for the service if the service is not LB")',
        'services[1].name: "SourceNat" is listed twice: give each service once, with all its providers',
        "elasticLb: true needs the Lb service among `services`: it is a capability of Lb",
        "associatePublicIp: true needs the StaticNat service among `services`: it is a capability of StaticNat",
        'associatePublicIp: true needs elasticIp: true (CloudStack: "Capability AssociatePublicIP can only be set when capability ElasticIp is true")',
        'services: "SecurityGroup" is a service of Shared offerings only (CloudStack: "Security group service is supported for network offerings with guest ip type Shared")',
        "specifyIpRanges: true cannot be true for an Isolated offering with SourceNat: its networks take IPs from the zone's public ranges",
      ],
    );
    const shared = await checkFailures(fx.sim, provider(), { name: "shared", guestIpType: "Shared", persistent: true, services: [{ name: "Gateway" }] });
    assert.deepStrictEqual(
      shared.map((f) => f.property),
      ["services.0.name", "specifyIpRanges", "persistent"],
    );
    assert.match(shared[0].reason, /Gateway/);
    assert.ok(!(fx.sim.model.state.networkOfferings.some((o) => o.name === "bad" || o.name === "shared")));
  });
});
