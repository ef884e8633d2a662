// Provider errors reach the stand-in's output with their own message: a wrong secret key makes
// the Network's check fail on its first API call, and the run says why instead of only that the
// program exited.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { exampleStack, hostKeptBetweenRuns } from "../support/example-stack";

describe("engine stand-in: provider errors on a Network", function () {
  this.timeout(120000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  it("a wrong secret key shows CloudStack's 401 in the preview and the up, and nothing is created", async () => {
    const { stack, cleanup } = exampleStack("isolated-web-network", sim, hostKeptBetweenRuns);
    try {
      stack.setConfig("cloudstack:secretKey", "not-the-secret-key", { secret: true });
      for (const run of [await stack.preview(), await stack.up()]) {
        assert.strictEqual(run.ok, false);
        const reported = run.errors.find((e) => e.startsWith("cloudstack:Network web check failed: "));
        assert.ok(reported, run.errors.join("\n"));
        assert.match(reported, /\(401\)/);
        assert.ok(run.plan.includes(reported), run.plan);
      }
      assert.deepStrictEqual(stack.state().resources.filter((r) => r.custom), []);
    } finally {
      cleanup();
    }
  });
});
