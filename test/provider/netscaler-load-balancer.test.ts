// NetscalerLoadBalancer through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { netscalerLoadBalancerSpec } from "../../provider/resources/netscaler-load-balancer";
import {
  assertPlainJson,
  checkFailures,
  createFrom,
  NO_CHANGE,
  plan,
  replace,
  startZoneFixture,
  updateTo,
  zoneWithPhysicalNetwork,
  type Applied,
  type ZoneFixture,
} from "../support/zone-fixture";

const URL = "https://10.147.40.10?publicinterface=1/1&privateinterface=1/2";

describe("NetscalerLoadBalancer against the simulator", function () {
  let fx: ZoneFixture;
  let pnet: Applied;
  const device = () => fx.admin.provider("NetscalerLoadBalancer");
  const row = (id: string) => fx.sim.model.state.externalDevices.find((d) => d.uuid === id);
  const vpx = (extra: Record<string, unknown> = {}) => ({
    physicalNetworkId: pnet.id,
    url: URL,
    username: "nsroot",
    password: "nsroot-secret",
    deviceType: "NetscalerVPXLoadBalancer",
    ...extra,
  });
  const addProvider = () => createFrom(fx.admin.provider("NetworkServiceProvider"), { physicalNetworkId: pnet.id, name: "Netscaler", state: "Enabled" });

  startedForEachTest(startZoneFixture, async (started) => {
    fx = started;
    ({ pnet } = await zoneWithPhysicalNetwork(fx));
  });

  it("is refused with CloudStack's text until the physical network has a Netscaler provider", async () => {
    const { inputs } = await device().check({}, vpx());
    await assert.rejects(device().create(inputs), apiRefusal(530, /^Network Service Provider: Netscaler is not enabled in the physical network: PhysicalNetwork \{.*\} to add this device$/));
  });

  it("adds a device, configures the capacity and dedication it asks for, reads it back with no diff and keeps the credentials secret", async () => {
    await addProvider();
    const news = vpx({ capacity: 20, dedicated: true });
    const made = await createFrom(device(), news);
    assertPlainJson(made.outs);
    assert.deepStrictEqual(
      [made.outs.ipAddress, made.outs.state, made.outs.provider, made.outs.capacity, made.outs.dedicated, made.outs.gslbProvider],
      ["10.147.40.10", "Enabled", "Netscaler", 20, true, false],
    );
    assert.deepStrictEqual([row(made.id)?.capacity, row(made.id)?.dedicated, row(made.id)?.details.publicinterface], [20, true, "1/1"]);
    assert.deepStrictEqual((await plan(device(), made, news)).diff, NO_CHANGE);
    assert.deepStrictEqual(netscalerLoadBalancerSpec.secretOutputs, ["username", "password"]);
    const read = await device().read(made.id, made.outs);
    assert.deepStrictEqual([read.inputs?.url, read.inputs?.username, read.inputs?.password], [URL, "nsroot", "nsroot-secret"], "the URL and credentials are kept as written");
  });

  it("changes capacity and dedication in place; type, URL, credentials and GSLB settings replace", async () => {
    await addProvider();
    const made = await createFrom(device(), vpx());
    assert.deepStrictEqual([made.outs.capacity, made.outs.dedicated], [50, false], "CloudStack's default capacity, shared");
    const updated = await updateTo(device(), made, vpx({ capacity: 5, dedicated: true }));
    assert.deepStrictEqual([updated.outs.capacity, row(made.id)?.capacity, row(made.id)?.dedicated], [5, 5, true]);
    assert.deepStrictEqual((await plan(device(), updated, vpx({ capacity: 5 }))).diff, NO_CHANGE, "an omitted dedication is CloudStack's");
    const shared = await updateTo(device(), updated, vpx({ capacity: 5, dedicated: false }));
    assert.strictEqual(row(made.id)?.dedicated, false);
    for (const [key, value] of Object.entries({ deviceType: "NetscalerMPXLoadBalancer", url: URL + "&numretries=3", username: "other", password: "other" })) {
      assert.deepStrictEqual((await plan(device(), shared, vpx({ capacity: 5, dedicated: false, [key]: value }))).diff, { changes: true, replaces: [key], deleteBeforeReplace: false });
    }
    const gslb = vpx({ capacity: 5, dedicated: false, gslbProvider: true, gslbProviderPublicIp: "203.0.113.50", gslbProviderPrivateIp: "10.147.40.50" });
    const { checked, diff } = await plan(device(), shared, gslb);
    assert.deepStrictEqual(diff.replaces.sort(), ["gslbProvider", "gslbProviderPrivateIp", "gslbProviderPublicIp"]);
    const replaced = await replace(device(), shared, checked);
    assert.deepStrictEqual([row(made.id), row(replaced.id)?.gslbProvider, row(replaced.id)?.gslbPublicIp], [undefined, true, "203.0.113.50"]);
  });

  it("sees a capacity changed out of band, reads from the id alone, adopts with importId and deletes twice", async () => {
    await addProvider();
    const made = await createFrom(device(), vpx({ capacity: 20 }));
    await fx.admin.client.execute("configureNetscalerLoadBalancer", { lbdeviceid: made.id, lbdevicecapacity: 30 });
    const drifted = await device().read(made.id, made.outs);
    assert.strictEqual(drifted.inputs?.capacity, 30);
    assert.deepStrictEqual((await plan(device(), { id: made.id, outs: drifted.props }, vpx({ capacity: 20 }))).diff, { changes: true, replaces: [], deleteBeforeReplace: false });

    const fromId = await device().read(made.id, {});
    assert.deepStrictEqual([fromId.inputs?.physicalNetworkId, fromId.inputs?.deviceType, fromId.props.ipAddress], [pnet.id, "NetscalerVPXLoadBalancer", "10.147.40.10"]);
    const adopted = await device().create((await device().check({}, { ...vpx({ capacity: 30 }), importId: made.id })).inputs);
    assert.strictEqual(adopted.id, made.id);

    await device().delete(made.id, made.outs);
    assert.strictEqual(row(made.id), undefined);
    assert.strictEqual((await device().read(made.id, made.outs)).id, "", "gone once deleted");
    await device().delete(made.id, made.outs);
  });

  it("associates pods for a basic zone's elastic IPs in place, sends them with every change, clears them when omitted, and names an unknown pod at check", async () => {
    await addProvider();
    const pods: Applied[] = [];
    for (const [name, third] of [["ns-pod-a", 30], ["ns-pod-b", 31]] as const) {
      pods.push(await createFrom(fx.admin.provider("Pod"), { name, zone: String(fx.sim.model.state.physicalNetworks.find((p) => p.uuid === pnet.id)?.zoneUuid), gateway: `172.16.${third}.1`, netmask: "255.255.255.0", startIp: `172.16.${third}.10`, endIp: `172.16.${third}.20` }));
    }
    const podsOf = (id: string) => row(id)?.podUuids;
    const made = await createFrom(device(), vpx({ podIds: [pods[0].id] }));
    assert.deepStrictEqual(podsOf(made.id), [pods[0].id]);
    assert.deepStrictEqual((await plan(device(), made, vpx({ podIds: [pods[0].id] }))).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(device(), made, vpx())).diff, { changes: true, replaces: [], deleteBeforeReplace: false }, "omitted means none");
    const both = await updateTo(device(), made, vpx({ podIds: [pods[0].id, pods[1].id] }));
    assert.deepStrictEqual(podsOf(made.id), [pods[0].id, pods[1].id]);
    // CloudStack fails a configure without podids on a device with pods: the written ones go along.
    const resized = await updateTo(device(), both, vpx({ capacity: 7, podIds: [pods[0].id, pods[1].id] }));
    assert.deepStrictEqual([row(made.id)?.capacity, podsOf(made.id)], [7, [pods[0].id, pods[1].id]]);
    const drifted = await device().read(made.id, resized.outs);
    assert.deepStrictEqual(drifted.inputs?.podIds, [pods[0].id, pods[1].id], "as many pods as written: kept as written");
    const row0 = row(made.id);
    if (row0) row0.podUuids = [pods[1].id];
    const changed = await device().read(made.id, resized.outs);
    const internalId = fx.sim.model.state.pods.find((p) => p.uuid === pods[1].id)?.id;
    assert.deepStrictEqual(changed.inputs?.podIds, [`pod #${internalId}`], "another count is drift, named as CloudStack names pods here: by internal id");
    assert.deepStrictEqual((await plan(device(), { id: made.id, outs: changed.props }, vpx({ capacity: 7, podIds: [pods[0].id, pods[1].id] }))).diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const cleared = await updateTo(device(), { id: made.id, outs: changed.props }, vpx({ capacity: 7 }));
    assert.deepStrictEqual(podsOf(made.id), []);
    assert.deepStrictEqual((await plan(device(), cleared, vpx({ capacity: 7, podIds: [] }))).diff, NO_CHANGE, "[] and omitted are the same");
    const twice = await checkFailures(fx.sim, device(), vpx({ podIds: [pods[0].id, pods[0].id] }));
    assert.deepStrictEqual(twice.map((f) => f.reason), [`podIds.1: "${pods[0].id}" is listed twice; a pod is associated with the device once`]);
    const unknown = await checkFailures(fx.sim, device(), vpx({ podIds: [pods[0].id, "0b8f4c3e-7d52-4a61-9c1e-5f2a3b4c5d6e"] }));
    assert.deepStrictEqual(unknown.map((f) => f.reason), ['podIds.1: "0b8f4c3e-7d52-4a61-9c1e-5f2a3b4c5d6e" is not the id of a pod: CloudStack refuses it (invalid value for podids)']);
  });

  it("is the GSLB provider of its physical network once: a second is refused with CloudStack's text", async () => {
    await addProvider();
    const gslb = (ip: string) =>
      vpx({ url: `https://${ip}?publicinterface=1/1&privateinterface=1/2`, gslbProvider: true, gslbProviderPublicIp: "203.0.113.50", gslbProviderPrivateIp: "10.147.40.50" });
    const first = await createFrom(device(), gslb("10.147.40.11"));
    assert.deepStrictEqual([first.outs.gslbProvider, first.outs.exclusiveGslbProvider, first.outs.gslbProviderPublicIp], [true, false, "203.0.113.50"]);
    const { inputs } = await device().check({}, gslb("10.147.40.12"));
    await assert.rejects(device().create(inputs), apiRefusal(530, "There is a GSLB service provider configured in the zone already."));
  });

  it("enables the Netscaler provider with no device at all, as NetscalerElement.isReady allows", async () => {
    const provider = await addProvider();
    assert.strictEqual(fx.sim.model.state.networkServiceProviders.find((p) => p.uuid === provider.id)?.state, "Enabled");
  });

  it("names bad inputs at check, and keeps CloudStack's refusals of what check cannot see", async () => {
    const failures = await checkFailures(fx.sim, device(), {
      ...vpx({ url: "https://10.0.0.1?publicinterface=1/1", deviceType: "NetscalerSDXLoadBalancer", dedicated: true, capacity: 0 }),
      gslbProvider: true,
      gslbProviderPublicIp: "not-an-ip",
    });
    assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["capacity", "dedicated", "gslbProvider", "gslbProviderPrivateIp", "gslbProviderPublicIp", "url"]);
    assert.match(failures.find((f) => f.property === "url")!.reason, /^url: "https:\/\/10\.0\.0\.1\?publicinterface=1\/1" lacks the query parameter\(s\) privateinterface/);
    assert.match(failures.find((f) => f.property === "dedicated")!.reason, /only Netscaler VPX load balancers can be dedicated/);
    const exclusive = await checkFailures(fx.sim, device(), vpx({ exclusiveGslbProvider: true }));
    assert.deepStrictEqual(exclusive.map((f) => f.reason), ['exclusiveGslbProvider: true needs gslbProvider: true (a device can be the exclusive GSLB provider only if it is a GSLB provider)']);
    const noHost = await checkFailures(fx.sim, device(), vpx({ url: "10.0.0.1" }));
    assert.deepStrictEqual(noHost.map((f) => f.property), ["url"]);
    const secret = await checkFailures(fx.sim, device(), vpx({ password: "" }));
    assert.deepStrictEqual(secret.map((f) => f.reason), ["password: [secret] must not be empty"]);

    // The URL's own dedication: only the add sees it.
    await addProvider();
    const { inputs } = await device().check({}, vpx({ url: URL + "&lbdevicededicated=true", deviceType: "NetscalerMPXLoadBalancer" }));
    await assert.rejects(device().create(inputs), apiRefusal(431, "Only Netscaler VPX load balancers can be specified for dedicated use"));
  });
});
