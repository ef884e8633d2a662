// PaloAltoFirewall through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, startZoneFixture, updateTo, zoneWithPhysicalNetwork, type Applied, type ZoneFixture } from "../support/zone-fixture";

const URL = "https://10.147.40.20?publicinterface=ethernet1/1&privateinterface=ethernet1/2&publicnetwork=untrust&privatenetwork=trust&pavr=default";

describe("PaloAltoFirewall against the simulator", function () {
  let fx: ZoneFixture;
  let pnet: Applied;
  const firewall = () => fx.admin.provider("PaloAltoFirewall");
  const nsp = () => fx.admin.provider("NetworkServiceProvider");
  const row = (id: string) => fx.sim.model.state.externalDevices.find((d) => d.uuid === id);
  const inputs = (extra: Record<string, unknown> = {}) => ({ physicalNetworkId: pnet.id, url: URL, username: "admin", password: "pa-secret", ...extra });

  startedForEachTest(startZoneFixture, async (started) => {
    fx = started;
    ({ pnet } = await zoneWithPhysicalNetwork(fx));
  });

  it("is refused until the PaloAlto provider is added; once a device exists the provider can be enabled", async () => {
    const { inputs: checked } = await firewall().check({}, inputs());
    await assert.rejects(firewall().create(checked), apiRefusal(530, /^Network Service Provider: PaloAlto is not enabled in the physical network: PhysicalNetwork \{.*\} to add this device$/));

    const providerNews = { physicalNetworkId: pnet.id, name: "PaloAlto", state: "Disabled" };
    const provider = await createFrom(nsp(), providerNews);
    const made = await createFrom(firewall(), inputs({ capacity: 10 }));
    assertPlainJson(made.outs);
    assert.deepStrictEqual([made.outs.ipAddress, made.outs.state, made.outs.provider, made.outs.capacity], ["10.147.40.20", "Enabled", "PaloAlto", 10]);
    assert.deepStrictEqual((await plan(firewall(), made, inputs({ capacity: 10 }))).diff, NO_CHANGE);
    await updateTo(nsp(), provider, { ...providerNews, state: "Enabled" });
    assert.strictEqual(fx.sim.model.state.networkServiceProviders.find((p) => p.uuid === provider.id)?.state, "Enabled");
  });

  it("changes capacity in place, replaces on URL or credentials, sees drift, reads from the id alone and deletes twice", async () => {
    await createFrom(nsp(), { physicalNetworkId: pnet.id, name: "PaloAlto", state: "Disabled" });
    const made = await createFrom(firewall(), inputs());
    assert.strictEqual(made.outs.capacity, 50, "CloudStack's default capacity");
    const updated = await updateTo(firewall(), made, inputs({ capacity: 12 }));
    assert.deepStrictEqual([updated.outs.capacity, row(made.id)?.capacity], [12, 12]);
    for (const [key, value] of Object.entries({ url: URL + "&timeout=60", username: "other", password: "other" })) {
      assert.deepStrictEqual((await plan(firewall(), updated, inputs({ capacity: 12, [key]: value }))).diff, { changes: true, replaces: [key], deleteBeforeReplace: false });
    }

    await fx.admin.client.execute("configurePaloAltoFirewall", { fwdeviceid: made.id, fwdevicecapacity: 3 });
    const drifted = await firewall().read(made.id, updated.outs);
    assert.strictEqual(drifted.inputs?.capacity, 3);
    const fromId = await firewall().read(made.id, {});
    assert.deepStrictEqual([fromId.inputs?.physicalNetworkId, fromId.props.ipAddress], [pnet.id, "10.147.40.20"]);
    const adopted = await firewall().create((await firewall().check({}, { ...inputs({ capacity: 3 }), importId: made.id })).inputs);
    assert.strictEqual(adopted.id, made.id);

    await firewall().delete(made.id, made.outs);
    assert.strictEqual(row(made.id), undefined);
    assert.strictEqual((await firewall().read(made.id, made.outs)).id, "");
    await firewall().delete(made.id, made.outs);
  });

  it("names a URL without the settings PaloAltoResource needs, and a bad capacity, at check", async () => {
    const failures = await checkFailures(fx.sim, firewall(), inputs({ url: "https://10.0.0.6?publicinterface=ethernet1/1", capacity: -1, username: "" }));
    assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["capacity", "url", "username"]);
    assert.match(failures.find((f) => f.property === "url")!.reason, /lacks the query parameter\(s\) privateinterface, publicnetwork, privatenetwork, pavr,/);
    assert.strictEqual(failures.find((f) => f.property === "username")!.reason, "username: [secret] must not be empty");
  });
});
