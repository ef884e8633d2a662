// Network.get through the engine stand-in and the real dynamic-provider host: the engine reads
// the object (ReadResource), records it as external, and never deletes it.
import * as assert from "assert";
import * as path from "path";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { exampleStack, hostKeptBetweenRuns } from "../support/example-stack";
import { listAllNetworks } from "../support/simulator-lists";

const readerDir = path.join(__dirname, "..", "..", "..", "test", "engine-standin", "fixtures", "get-network");

describe("engine stand-in: Network.get", function () {
  this.timeout(180000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  it("reads a network another stack manages, and leaves it alone on destroy", async () => {
    const owner = exampleStack("isolated-web-network", sim, hostKeptBetweenRuns);
    const reader = exampleStack(readerDir, sim, hostKeptBetweenRuns);
    try {
      const up = await owner.stack.up();
      assert.ok(up.ok, up.plan);
      reader.stack.setConfig("get-network:networkId", String(up.outputs.networkId));

      const read = await reader.stack.up();
      assert.ok(read.ok, read.plan);
      assert.deepStrictEqual(read.steps.filter((s) => s.name === "existing").map((s) => s.op), ["read"]);
      assert.match(read.plan, /> cloudstack:Network existing read/);
      assert.strictEqual(read.outputs.name, "web-tier");
      assert.strictEqual(read.outputs.cidr, "10.1.1.0/24");
      const existing = reader.stack.state().resources.find((r) => r.name === "existing");
      assert.strictEqual(existing?.external, true);
      assert.strictEqual(existing?.id, up.outputs.networkId);

      const destroy = await reader.stack.destroy();
      assert.ok(destroy.ok, destroy.plan);
      assert.deepStrictEqual(destroy.steps.filter((s) => s.name === "existing").map((s) => s.op), ["discard"]);
      assert.strictEqual((await listAllNetworks(sim)).filter((n) => n.name === "web-tier").length, 1);

      reader.stack.setConfig("get-network:networkId", "6e8c1ad1-0000-4000-8000-000000000000");
      const missing = await reader.stack.up();
      assert.strictEqual(missing.ok, false, missing.plan);
      assert.ok((await owner.stack.destroy()).ok);
    } finally {
      owner.cleanup();
      reader.cleanup();
    }
  });
});
