// Drift on a real Network, through the engine stand-in and the simulator: an out-of-band rename
// is recorded by refresh and undone by the next up; an out-of-band delete leaves the state on
// refresh and the next up recreates the network.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { rawCallAndWait } from "../simulator/raw-client";
import { exampleStack, hostKeptBetweenRuns } from "../support/example-stack";
import { listAllNetworks } from "../support/simulator-lists";

describe("engine stand-in: drift on a Network", function () {
  this.timeout(180000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  const networkNamed = async (name: string): Promise<Array<Record<string, unknown>>> =>
    (await listAllNetworks(sim)).filter((n) => n.name === name);

  it("refresh records a rename made with a raw API call; the next preview shows the update; up restores it", async () => {
    const { stack, cleanup } = exampleStack("isolated-web-network", sim, hostKeptBetweenRuns);
    try {
      const up = await stack.up();
      assert.ok(up.ok, up.plan);
      const id = String(up.outputs.networkId);
      const renamed = await rawCallAndWait(sim.endpoint, sim.admin, "updateNetwork", { id, name: "renamed-by-hand" });
      assert.strictEqual(renamed.status, 200, JSON.stringify(renamed.body));

      const refresh = await stack.refresh();
      assert.ok(refresh.ok, refresh.plan);
      const step = refresh.steps.find((s) => s.name === "web");
      assert.ok(step?.diffKeys.includes("name"), refresh.plan);
      assert.match(refresh.plan, /~ cloudstack:Network web refresh \[diff: .*~name/);
      const web = stack.state().resources.find((r) => r.name === "web");
      assert.strictEqual(web?.outputs.name, "renamed-by-hand");
      assert.strictEqual(web?.inputs.name, "renamed-by-hand", "refresh returned the refreshed inputs");

      const preview = await stack.preview();
      assert.ok(preview.ok, preview.plan);
      assert.deepStrictEqual(preview.steps.filter((s) => s.name === "web").map((s) => s.op), ["update"]);
      assert.match(preview.plan, /~ cloudstack:Network web update \[diff: .*~name/);
      assert.strictEqual((await networkNamed("renamed-by-hand")).length, 1, "preview changed nothing");

      const fix = await stack.up();
      assert.ok(fix.ok, fix.plan);
      const back = await networkNamed("web-tier");
      assert.strictEqual(back.length, 1);
      assert.strictEqual(back[0].id, id, "updated in place, same network");
      assert.strictEqual((await stack.preview()).changed, false);
      assert.ok((await stack.destroy()).ok);
    } finally {
      cleanup();
    }
  });

  it("refresh drops a network deleted out of band; the next up creates it again", async () => {
    const { stack, cleanup } = exampleStack("isolated-web-network", sim, hostKeptBetweenRuns);
    try {
      const up = await stack.up();
      assert.ok(up.ok, up.plan);
      const id = String(up.outputs.networkId);
      const deleted = await rawCallAndWait(sim.endpoint, sim.admin, "deleteNetwork", { id });
      assert.strictEqual(deleted.status, 200, JSON.stringify(deleted.body));

      const refresh = await stack.refresh();
      assert.ok(refresh.ok, refresh.plan);
      assert.deepStrictEqual(refresh.steps.filter((s) => s.name === "web").map((s) => s.gone), [true]);
      assert.ok(!stack.state().resources.some((r) => r.name === "web"));

      const again = await stack.up();
      assert.ok(again.ok, again.plan);
      assert.deepStrictEqual(again.steps.filter((s) => s.name === "web").map((s) => s.op), ["create"]);
      assert.notStrictEqual(again.outputs.networkId, id);
      assert.ok((await stack.destroy()).ok);
    } finally {
      cleanup();
    }
  });
});
