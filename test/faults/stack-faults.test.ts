// A representative slice of the fault runs (the whole matrix is `make faults`, recorded in
// bench/RESULTS.md): a stack applied through the engine stand-in while the simulator injects all
// six kinds of fault, and the stand-in killed mid-apply. Each must converge with nothing left in
// CloudStack that the state does not know, and nothing made twice.
import * as assert from "assert";
import { FAULT_KINDS, startSimulator, type RunningSimulator } from "../../simulator";
import { startedForEachTest } from "../support/fixture-hooks";
import type { StackState } from "../../engine-standin";
import { adminList } from "../support/simulator-lists";
import { rawCall } from "../simulator/raw-client";
import { leftovers, takeInventory } from "../support/fault-inventory";
import { destroyAll, FAULT_STACK, stackOn, upKilledThenRerun, upUnderFaults } from "../support/fault-stacks";

describe("faults: a stack applied while things go wrong", function () {
  this.timeout(300_000);
  let sim: RunningSimulator;
  startedForEachTest(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  it("converges within 3 runs under 10% faults of every kind, with no orphan and no duplicate", async () => {
    const { stack, cleanup } = stackOn(sim, FAULT_STACK, { "fault-stack:networks": "1" });
    try {
      const baseline = await takeInventory(sim);
      const outcome = await upUnderFaults(sim, stack, { rate: 0.1, kinds: [...FAULT_KINDS], seed: 11, delayMs: 100 });
      assert.ok(outcome.injected > 0, "faults were injected");
      assert.ok(outcome.runsToConverge > 0, outcome.errors.join("\n"));
      assert.ok(outcome.settled, "a preview after the up shows no changes");
      assert.deepStrictEqual(outcome.orphans, []);
      assert.deepStrictEqual(outcome.duplicates, []);
      assert.strictEqual(stack.state().resources.filter((r) => r.custom).length, 11);

      const destroyed = await destroyAll(sim, stack);
      assert.ok(destroyed.ok, destroyed.errors.join("\n"));
      assert.deepStrictEqual(leftovers(baseline, await takeInventory(sim), stack.state()).orphans, []);
    } finally {
      cleanup();
    }
  });

  for (const afterMutations of [2, 6]) {
    it(`converges with no orphan after the stand-in is killed at mutating request ${afterMutations}`, async () => {
      const { stack, cleanup } = stackOn(sim, FAULT_STACK, { "fault-stack:networks": "1" });
      try {
        const outcome = await upKilledThenRerun(sim, stack, afterMutations);
        assert.ok(!outcome.killedAt.startsWith("not killed"), outcome.killedAt);
        assert.ok(outcome.runsToConverge === 1, `killed after ${outcome.killedAt}: ${outcome.errors.join("\n")}`);
        assert.ok(outcome.settled, "a preview after the rerun shows no changes");
        assert.deepStrictEqual(outcome.orphans, [], `killed after ${outcome.killedAt}`);
        assert.deepStrictEqual(outcome.duplicates, []);
      } finally {
        cleanup();
      }
    });
  }
});

describe("faults: the inventory that counts orphans and duplicates", function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  startedForEachTest(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  it("reports an object the state does not know as an orphan, and one sharing a known object's name as a duplicate", async () => {
    const baseline = await takeInventory(sim);
    const make = async (name: string): Promise<string> => {
      const zones = await adminList(sim, "listZones", "zone", { name: "Sandbox-simulator" });
      const offerings = await adminList(sim, "listNetworkOfferings", "networkoffering", { name: "DefaultIsolatedNetworkOfferingWithSourceNatService" });
      const res = await rawCall(sim.endpoint, sim.admin, "createNetwork", {
        name,
        displaytext: name,
        zoneid: String(zones[0]!.id),
        networkofferingid: String(offerings[0]!.id),
      });
      return String((res.body.createnetworkresponse as { network: { id: string } }).network.id);
    };
    const known = await make("inventory-known");
    const twin = await make("inventory-known");
    const stray = await make("inventory-stray");
    const state = { version: 1, resources: [{ urn: "urn:x", type: "t", name: "n", custom: true, id: known, inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {} }] } as unknown as StackState;
    const found = leftovers(baseline, await takeInventory(sim), state);
    assert.deepStrictEqual(found.orphans.map((line) => line.split(" ")[1]).sort(), [twin, stray].sort());
    assert.deepStrictEqual(found.duplicates.map((line) => line.split(" ")[1]), [twin]);
  });
});
