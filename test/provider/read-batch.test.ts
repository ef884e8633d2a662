// Reads that arrive together are served by one list of their scope (adapter/lifecycle/read-batch.ts),
// and an object the list does not show is still judged gone by the read by id.
import * as assert from "assert";
import { findById } from "../../provider/adapter/lifecycle/lookup";
import { listWhere } from "../../provider/adapter/lifecycle/read-batch";
import type { CloudStackClient } from "../../provider/client";
import type { RunningSimulator } from "../../simulator";
import { CountedCaller, startCountedSimulator } from "../support/counted-caller";
import { startedForEachTest } from "../support/fixture-hooks";
import { ISOLATED, ZONE } from "../support/network-fixture";
import { simProjectId } from "../support/seed-ids";

interface World {
  sim: RunningSimulator;
  caller: CountedCaller;
  zoneId: string;
  offeringId: string;
  close(): Promise<void>;
}

/** A counted simulator and the ids of the zone and the offering the networks are created with. */
async function startWorld(): Promise<World> {
  const { sim, admin: caller, close } = await startCountedSimulator();
  const [zone] = await caller.client.list<{ id: string }>("listZones", { name: ZONE });
  const [offering] = await caller.client.list<{ id: string }>("listNetworkOfferings", { name: ISOLATED });
  caller.take();
  return { sim, caller, zoneId: zone.id, offeringId: offering.id, close };
}

async function createNetworks(w: World, client: CloudStackClient, prefix: string, n: number, extra: Record<string, string> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const answer = await client.execute("createNetwork", { name: `${prefix}-${i}`, zoneid: w.zoneId, networkofferingid: w.offeringId, ...extra });
    ids.push(String((answer.network as { id: string }).id));
  }
  return ids;
}

/** Every read at once, as a refresh sends them. */
function readAll(client: CloudStackClient, command: string, ids: readonly string[], scope: Record<string, string> = {}) {
  return Promise.all(ids.map((id) => findById(client, command, id, scope)));
}

const lists = (sent: readonly string[], command: string) => sent.filter((s) => s.startsWith(`${command} `));

describe("coalesced reads against the simulator", function () {
  let w: World;
  startedForEachTest(startWorld, (started) => (w = started));

  it("serves reads that arrive together with one list of their scope, each read its own object", async () => {
    const ids = await createNetworks(w, w.caller.client, "batch", 12);
    w.caller.take();
    const read = await readAll(w.caller.client, "listNetworks", ids);
    assert.deepStrictEqual(
      read.map((n) => n?.id),
      ids,
    );
    assert.deepStrictEqual(w.caller.take(), ["listNetworks [listall,page,pagesize]"]);
  });

  it("reads a soft-deleted network that the list no longer shows by id, and finds it gone as a lone read does", async () => {
    const ids = await createNetworks(w, w.caller.client, "soft", 3);
    await w.caller.client.execute("deleteNetwork", { id: ids[1] });
    const alone = await findById(w.caller.client, "listNetworks", ids[1], {});
    assert.strictEqual(alone, undefined);
    w.caller.take();
    const read = await readAll(w.caller.client, "listNetworks", ids);
    assert.deepStrictEqual(
      read.map((n) => n?.id),
      [ids[0], undefined, ids[2]],
    );
    // The list, then the deleted one by id (an empty list for a soft-deleted network).
    assert.deepStrictEqual(w.caller.take(), ["listNetworks [listall,page,pagesize]", "listNetworks [id,page,pagesize]"]);
  });

  it("reads a hard-deleted rule by id after the list, and finds it gone (431) as a lone read does", async () => {
    const [networkId] = await createNetworks(w, w.caller.client, "rules", 1);
    const ruleIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ip = await w.caller.client.execute("associateIpAddress", { networkid: networkId });
      const ipId = String((ip.ipaddress as { id: string }).id);
      const rule = await w.caller.client.execute("createFirewallRule", { ipaddressid: ipId, protocol: "tcp", startport: 22 });
      ruleIds.push(String((rule.firewallrule as { id: string }).id));
    }
    await w.caller.client.execute("deleteFirewallRule", { id: ruleIds[2] });
    await assert.rejects(w.caller.client.list("listFirewallRules", { id: ruleIds[2] }), (err: { errorcode?: number }) => err.errorcode === 431);
    w.caller.take();
    const read = await readAll(w.caller.client, "listFirewallRules", ruleIds);
    assert.deepStrictEqual(
      read.map((r) => r?.id),
      [ruleIds[0], ruleIds[1], undefined],
    );
    assert.deepStrictEqual(w.caller.take(), ["listFirewallRules [listall,page,pagesize]", "listFirewallRules [id,page,pagesize]"]);
  });

  it("lists a project's scope with its projectid; read without it, each finds what a lone read finds", async () => {
    const projectId = simProjectId(w.sim);
    const ids = await createNetworks(w, w.caller.client, "proj", 3, { projectid: projectId });
    w.caller.take();
    const inProject = await readAll(w.caller.client, "listNetworks", ids, { projectid: projectId });
    assert.deepStrictEqual(
      inProject.map((n) => n?.id),
      ids,
    );
    assert.deepStrictEqual(w.caller.take(), ["listNetworks [listall,page,pagesize,projectid]"]);

    // Without the project, each read finds what a lone read finds (by id, once the list, which
    // skips projects' objects, does not show it).
    const alone: (string | undefined)[] = [];
    for (const id of ids) alone.push((await findById(w.caller.client, "listNetworks", id, {}))?.id as string | undefined);
    w.caller.take();
    const outside = await readAll(w.caller.client, "listNetworks", ids);
    assert.deepStrictEqual(
      outside.map((n) => n?.id),
      alone,
    );
    assert.deepStrictEqual(w.caller.take(), ["listNetworks [listall,page,pagesize]", ...ids.map(() => "listNetworks [id,page,pagesize]")]);
  });

  it("sends a lone read by id, as before", async () => {
    const [id] = await createNetworks(w, w.caller.client, "lone", 1);
    w.caller.take();
    assert.strictEqual((await findById(w.caller.client, "listNetworks", id, {}))?.id, id);
    assert.deepStrictEqual(w.caller.take(), ["listNetworks [id,page,pagesize]"]);
  });

  it("serves later reads from the list while nothing changes, and reads again once this process changes something", async () => {
    const ids = await createNetworks(w, w.caller.client, "view", 6);
    w.caller.take();
    await readAll(w.caller.client, "listNetworks", ids.slice(0, 2));
    assert.strictEqual(w.caller.take().length, 1);
    // A refresh's next reads, a few at a time.
    await readAll(w.caller.client, "listNetworks", ids.slice(2, 4));
    await findById(w.caller.client, "listNetworks", ids[4], {});
    assert.deepStrictEqual(w.caller.take(), [], "served by the list already read");

    await w.caller.client.execute("deleteNetwork", { id: ids[5] });
    w.caller.take();
    assert.strictEqual(await findById(w.caller.client, "listNetworks", ids[5], {}), undefined);
    assert.deepStrictEqual(w.caller.take(), ["listNetworks [id,page,pagesize]"], "the change made the list stale");
  });

  it("shares one list among recognition searches that arrive together, filtering each by its fields", async () => {
    await createNetworks(w, w.caller.client, "find", 4);
    w.caller.take();
    const found = await Promise.all(
      ["find-0", "find-2", "nothing"].map((name) => listWhere(w.caller.client, "listNetworks", { listall: true }, { zoneid: w.zoneId, name })),
    );
    assert.deepStrictEqual(
      found.map((items) => items.map((n) => n.name)),
      [["find-0"], ["find-2"], []],
    );
    assert.deepStrictEqual(w.caller.take(), ["listNetworks [listall,page,pagesize]"]);

    // A lone search after a failed attempt sends its own filtered list, always afresh.
    const lone = await listWhere(w.caller.client, "listNetworks", { listall: true }, { zoneid: w.zoneId, name: "find-1" });
    assert.deepStrictEqual(
      lone.map((n) => n.name),
      ["find-1"],
    );
    assert.deepStrictEqual(w.caller.take(), ["listNetworks [listall,name,page,pagesize,zoneid]"]);
  });
});
