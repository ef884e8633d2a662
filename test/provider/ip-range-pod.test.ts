// IpRange with `pod`: a basic zone's guest range, given per pod (createVlanIpRange podid), through
// the adapter against the simulator over real HTTP. The zone and its parts are made with the
// package's own kinds, in the order a basic zone needs.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, startZoneFixture, type Applied, type ZoneFixture } from "../support/zone-fixture";

describe("IpRange with a pod (basic zone) against the simulator", function () {
  let fx: ZoneFixture;
  let zone: Applied;
  let pod: Applied;
  let network: Applied;
  const provider = () => fx.admin.provider("IpRange");
  const range = (extra: Record<string, unknown> = {}) => ({
    pod: "basic-pod",
    network: "guest",
    gateway: "192.168.30.1",
    netmask: "255.255.255.0",
    startIp: "192.168.30.100",
    endIp: "192.168.30.150",
    ...extra,
  });

  startedForEachTest(startZoneFixture, async (started) => {
    fx = started;
    zone = await createFrom(fx.admin.provider("Zone"), { name: "basic", networkType: "Basic", dns1: "8.8.8.8", internalDns1: "10.0.0.2" });
    pod = await createFrom(fx.admin.provider("Pod"), {
      name: "basic-pod",
      zone: zone.id,
      gateway: "192.168.30.1",
      netmask: "255.255.255.0",
      startIp: "192.168.30.10",
      endIp: "192.168.30.50",
    });
    await createFrom(fx.admin.provider("PhysicalNetwork"), { name: "basic-pnet", zone: zone.id, broadcastDomainRange: "POD" });
    network = await createFrom(fx.admin.provider("Network"), { name: "guest", zone: zone.id, networkOffering: "DefaultSharedNetworkOfferingWithSGService" });
  });

  it("creates a pod's guest range (forVirtualNetwork false by default), reads it back with its pod, plans no change", async () => {
    const made = await createFrom(provider(), range());
    assertPlainJson(made.outs);
    assert.deepStrictEqual([made.outs.podId, made.outs.networkId, made.outs.zoneId], [pod.id, network.id, zone.id]);
    const row = fx.sim.model.state.vlanIpRanges.find((r) => r.uuid === made.id);
    assert.deepStrictEqual([row?.podUuid, row?.forVirtualNetwork], [pod.id, false]);
    assert.deepStrictEqual((await plan(provider(), made, range())).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), made, range({ pod: pod.id }))).diff, NO_CHANGE, "the pod by id is the same pod");
    const fromId = await provider().read(made.id, {});
    assert.strictEqual(fromId.props?.podId, pod.id);
    await provider().delete(made.id, made.outs);
    await provider().delete(made.id, made.outs);
    assert.ok(!fx.sim.model.state.vlanIpRanges.some((r) => r.uuid === made.id && !r.removed));
  });

  it("without a network, CloudStack takes the basic zone's one guest network", async () => {
    const made = await createFrom(provider(), range({ network: undefined, zone: zone.id }));
    assert.strictEqual(made.outs.networkId, network.id);
  });

  it("refuses at check a pod with forVirtualNetwork true; CloudStack's refusals come back as they are", async () => {
    const failures = await checkFailures(fx.sim, provider(), range({ network: undefined, zone: zone.id, forVirtualNetwork: true }));
    assert.deepStrictEqual(failures.map((f) => f.property), ["forVirtualNetwork"]);
    assert.match(failures[0].reason, /cannot be true with pod: CloudStack takes a pod only for a basic zone's guest range/);
    await assert.rejects(
      createFrom(provider(), range({ startIp: "192.168.30.40", endIp: "192.168.30.60" })),
      apiRefusal(431, "The Start IP and EndIP address range overlap with private IP :192.168.30.10:192.168.30.50"),
    );
  });
});
