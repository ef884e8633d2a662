// Names and ids that inputs give are resolved once per process and caller
// (adapter/check/lookup-cache.ts), and resolved again once something says the object is gone.
import * as assert from "assert";
import { resolveReference } from "../../provider/adapter/check/reference";
import { findById } from "../../provider/adapter/lifecycle/lookup";
import { makeProvider, specs } from "../../provider";
import { CloudStackClient } from "../../provider/client";
import { guestNetworkReference, networkOfferingReference, zoneReference } from "../../provider/resources/common/reference-kinds";
import { countedCaller, CountedSimulator, startCountedSimulator } from "../support/counted-caller";
import { startedForEachTest } from "../support/fixture-hooks";
import { ISOLATED, ZONE } from "../support/network-fixture";

async function idOf(client: CloudStackClient, value: string, kind = guestNetworkReference): Promise<string | undefined> {
  const resolution = await resolveReference(client, "network", value, kind);
  return "id" in resolution ? resolution.id : undefined;
}

async function createNetwork(client: CloudStackClient, name: string): Promise<string> {
  const [zone] = await client.list<{ id: string }>("listZones", { name: ZONE });
  const [offering] = await client.list<{ id: string }>("listNetworkOfferings", { name: ISOLATED });
  const answer = await client.execute("createNetwork", { name, zoneid: zone.id, networkofferingid: offering.id });
  return String((answer.network as { id: string }).id);
}

describe("lookups once per process", function () {
  let w: CountedSimulator;
  startedForEachTest(startCountedSimulator, (started) => (w = started));

  it("resolves a name once: the second resolution, and those that overlap the first, cost nothing", async () => {
    const client = w.admin.client;
    const first = await Promise.all([1, 2, 3].map(() => resolveReference(client, "zone", ZONE, zoneReference)));
    assert.strictEqual(new Set(first.map((r) => ("id" in r ? r.id : "failed"))).size, 1);
    assert.deepStrictEqual(w.admin.take(), ["listZones [name,page,pagesize]"]);
    const again = await resolveReference(client, "zone", ZONE, zoneReference);
    assert.deepStrictEqual(again, first[0]);
    assert.deepStrictEqual(w.admin.take(), []);
  });

  it("serves every network's check with one zone and one offering lookup", async () => {
    const provider = makeProvider(specs.Network, w.admin.runtime);
    const checks = await Promise.all(
      Array.from({ length: 20 }, (_, i) => provider.check({}, { name: `n-${i}`, zone: ZONE, networkOffering: ISOLATED })),
    );
    assert.ok(checks.every((c) => c.failures.length === 0));
    assert.deepStrictEqual(w.admin.take().sort(), ["listNetworkOfferings [name,page,pagesize]", "listZones [name,page,pagesize]"]);
  });

  it("finds by name a network created after the name matched nothing", async () => {
    const client = w.admin.client;
    const missing = await resolveReference(client, "network", "made-later", guestNetworkReference);
    assert.ok("failure" in missing);
    const id = await createNetwork(client, "made-later");
    assert.strictEqual(await idOf(client, "made-later"), id);
  });

  it("resolves a name again once a read finds its object gone", async () => {
    const client = w.admin.client;
    const old = await createNetwork(client, "replaced");
    assert.strictEqual(await idOf(client, "replaced"), old);
    // Deleted behind this process's back (a client of its own, as another process), and another
    // network takes the name.
    const other = new CloudStackClient({ apiUrl: w.sim.endpoint, apiKey: w.sim.admin.apiKey, secretKey: w.sim.admin.secretKey });
    try {
      await other.execute("deleteNetwork", { id: old });
      const fresh = await createNetwork(other, "replaced");
      assert.strictEqual(await idOf(client, "replaced"), old, "nothing has said the old one is gone yet");
      assert.strictEqual(await findById(client, "listNetworks", old, {}), undefined);
      w.admin.take();
      assert.strictEqual(await idOf(client, "replaced"), fresh);
      assert.ok(w.admin.take().length > 0, "looked up again");
    } finally {
      await other.close();
    }
  });

  it("resolves a name again after this process deleted its object", async () => {
    const provider = makeProvider(specs.Network, w.admin.runtime);
    const checked = await provider.check({}, { name: "deleted-here", zone: ZONE, networkOffering: ISOLATED });
    const created = await provider.create(checked.inputs);
    const client = w.admin.client;
    assert.strictEqual(await idOf(client, "deleted-here"), created.id);
    await provider.delete(created.id, created.outs);
    assert.strictEqual(await idOf(client, "deleted-here"), undefined);
  });

  it("looks an id up again after a create given it is refused with 431", async () => {
    const client = w.admin.client;
    const offering = await idOf(client, ISOLATED, networkOfferingReference);
    assert.ok(offering);
    const provider = makeProvider(specs.Network, w.admin.runtime);
    const checked = await provider.check({}, { name: "refused", zone: ZONE, networkOffering: ISOLATED });
    // The zone id check resolved, now one that CloudStack does not know.
    await assert.rejects(provider.create({ ...checked.inputs, zoneId: "6f1b9c3e-0d2a-4e5f-9a8b-7c6d5e4f3a2b" }));
    w.admin.take();
    assert.strictEqual(await idOf(client, ISOLATED, networkOfferingReference), offering);
    assert.deepStrictEqual(w.admin.take(), ["listNetworkOfferings [name,page,pagesize]"], "the offering the refused create was given is looked up again");
  });

  it("creates an egress rule with the network its check resolved, without reading it again", async () => {
    await createNetwork(w.admin.client, "egress-net");
    const provider = makeProvider(specs.EgressFirewallRule, w.admin.runtime);
    const checked = await provider.check({}, { network: "egress-net", protocol: "tcp", startPort: 80 });
    assert.deepStrictEqual(checked.failures, []);
    w.admin.take();
    await provider.create(checked.inputs);
    assert.deepStrictEqual(
      w.admin.take().filter((sent) => !sent.startsWith("queryAsyncJobResult ")),
      ["createEgressFirewallRule [customjobid,networkid,protocol,startport]"],
    );
  });

  it("keeps the lookups of two callers apart", async () => {
    await idOf(w.admin.client, ISOLATED, networkOfferingReference);
    w.admin.take();
    const user = await countedCaller(w.sim, "user");
    try {
      await idOf(user.client, ISOLATED, networkOfferingReference);
      assert.deepStrictEqual(user.take(), ["listNetworkOfferings [name,page,pagesize]"]);
      // The admin's own entry is still there.
      await idOf(w.admin.client, ISOLATED, networkOfferingReference);
      assert.deepStrictEqual(w.admin.take(), []);
    } finally {
      await user.runtime.close();
    }
  });
});
