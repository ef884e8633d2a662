// The stand-in killed (kill -9 of its process group) mid-apply of an example, then `up` again:
// the killed run left its step pending in the state, the next run says so and finishes, and a
// second preview shows no changes. The kill points are ones the provider survives today: after
// createNetwork and after associateIpAddress (a kind whose second create does not collide with
// the first). Orphans and duplicates per kind are counted by the fault tests.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForEachTest } from "../support/fixture-hooks";
import { exampleStack } from "../support/example-stack";
import { killUpAfterMutations } from "../support/kill-apply";

describe("engine stand-in: killed mid-apply, then up again", function () {
  this.timeout(180000);
  let sim: RunningSimulator;
  startedForEachTest(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  for (const [afterMutations, command, kind] of [
    [1, "createNetwork", "Network"],
    [5, "associateIpAddress", "PublicIpAddress"],
  ] as const) {
    it(`lb-web-tier killed right after its ${command} (mutating request ${afterMutations}) converges on the next up`, async () => {
      const { stack, cleanup } = exampleStack("lb-web-tier", sim);
      try {
        const killed = await killUpAfterMutations(stack, sim.endpoint, afterMutations);
        assert.ok(killed.killed, `the apply finished before ${afterMutations} mutations: ${killed.mutations.join(", ")}`);
        assert.strictEqual(killed.exit.signal, "SIGKILL");
        assert.strictEqual(killed.mutations[afterMutations - 1], command);
        const pending = killed.state.pendingOperations ?? [];
        assert.deepStrictEqual(
          pending.map((op) => [op.type, op.resource.type]),
          [["creating", `pulumi-nodejs:dynamic/cloudstack:${kind}`]],
          "the create in flight was left pending",
        );

        const up = await stack.up();
        assert.ok(up.ok, `${up.plan}\n${up.errors.join("\n")}`);
        assert.ok(
          up.logs.some((l) => l.severity === "warning" && l.message.startsWith("Attempting to deploy or update resources with 1 pending operations")),
          up.plan,
        );
        assert.ok(up.steps.some((s) => s.op === "create" && s.urn === pending[0].resource.urn), "the pending create ran again");

        const preview = await stack.preview();
        assert.ok(preview.ok, preview.plan);
        assert.strictEqual(preview.changed, false, preview.plan);
      } finally {
        cleanup();
      }
    });
  }
});
