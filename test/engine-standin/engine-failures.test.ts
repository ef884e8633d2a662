// What the stand-in does when things go wrong, as the CLI does: a failed step lets the steps in
// flight finish, provider errors reach the output, and a run killed mid-step leaves pending
// operations in the state that the next run reports and acts on.
import * as assert from "assert";
import { RunResult } from "../../engine-standin/local-stack";
import { StackState } from "../../engine-standin/stack-files";
import { spawnStandIn } from "../support/kill-apply";
import { ToyWorld } from "./toy-fixture";

const ops = (r: RunResult): string[] => r.steps.filter((s) => s.type !== "pulumi:pulumi:Stack").map((s) => `${s.op} ${s.name}`);
const ok = (r: RunResult): RunResult => {
  assert.ok(r.ok, `run failed:\n${r.plan}`);
  return r;
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `up` in a child stand-in and kills it once the state shows `name` pending with `type`. */
async function killWhilePending(world: ToyWorld, name: string, type: "creating" | "updating"): Promise<StackState> {
  const child = spawnStandIn("up", {
    programDir: world.stack.options.programDir,
    stateDir: world.stack.options.stateDir,
    stack: world.stack.options.stack,
    env: { TOY_CLOUD_DIR: world.cloudDir },
  });
  let exited = false;
  void child.exit.then(() => (exited = true));
  try {
    for (;;) {
      const state = world.stack.state();
      if (state.pendingOperations?.some((op) => op.type === type && op.resource.name === name)) break;
      if (exited) throw new Error(`the run ended before ${name} was pending:\n${(await child.exit).stdout}`);
      await sleep(25);
    }
  } finally {
    child.killGroup();
  }
  const exit = await child.exit;
  assert.strictEqual(exit.signal, "SIGKILL");
  return world.stack.state();
}

describe("engine stand-in: failures, kills and pending operations", function () {
  this.timeout(120000);
  let world: ToyWorld;
  beforeEach(() => (world = new ToyWorld()));
  afterEach(() => world.cleanup());

  it("after a failed create, the creates in flight finish and are recorded, and no new step starts", async () => {
    world.declare([
      { name: "bad", value: "x", delayMs: 400 },
      { name: "slow1", value: "y", delayMs: 2500 },
      { name: "slow2", value: "z", delayMs: 2500 },
      { name: "after", value: "w", dependsOn: ["slow1"] },
    ]);
    world.refuseCreate("bad", true);
    const up = await world.stack.up();
    assert.strictEqual(up.ok, false);
    assert.ok(up.errors.some((e) => e.includes("toy:Thing bad create failed: bad create refused")), up.errors.join("\n"));
    const state = world.stack.state();
    const recorded = state.resources.filter((r) => r.custom).map((r) => r.name).sort();
    assert.deepStrictEqual(recorded, ["slow1", "slow2"], "both creates in flight were recorded");
    for (const name of ["slow1", "slow2"]) {
      assert.strictEqual(state.resources.find((r) => r.name === name)?.id, world.objectNamed(name)?.id, `${name}'s id is the object's`);
    }
    assert.deepStrictEqual(Object.values(world.objects()).map((o) => o.inputs.name).sort(), ["slow1", "slow2"], "no object outside the state");
    assert.strictEqual(world.objectNamed("after"), undefined, "nothing started after the failure");
    assert.strictEqual(state.pendingOperations, undefined);
  });

  it("reports an error thrown by check with its message, and a failed preview promises no create", async () => {
    world.declare([{ name: "a", value: "throw-check-1" }]);
    const preview = await world.stack.preview();
    assert.strictEqual(preview.ok, false);
    assert.ok(preview.errors.includes('toy:Thing a check failed: check exploded on "throw-check-1"'), preview.errors.join("\n"));
    assert.match(preview.plan, /^ {4}\+ toy:Thing a create \*\*failed\*\*: toy:Thing a check failed: check exploded/m);
    assert.match(preview.plan, /^ {4}preview failed$/m);
    assert.doesNotMatch(preview.plan, /to create/);
    const up = await world.stack.up();
    assert.ok(up.errors.includes('toy:Thing a check failed: check exploded on "throw-check-1"'), up.errors.join("\n"));
    assert.deepStrictEqual(world.objects(), {});
  });

  it("reports an error thrown by diff with its message", async () => {
    world.declare([{ name: "a", value: "one" }]);
    ok(await world.stack.up());
    world.declare([{ name: "a", value: "throw-diff-2" }]);
    const preview = await world.stack.preview();
    assert.strictEqual(preview.ok, false);
    assert.ok(preview.errors.includes('toy:Thing a diff failed: diff exploded on "throw-diff-2"'), preview.errors.join("\n"));
    assert.match(preview.plan, /~ toy:Thing a update \*\*failed\*\*: toy:Thing a diff failed/);
  });

  it("a create killed mid-step stays pending: the next up warns, creates it again and keeps the pending create until a refresh clears it", async () => {
    world.declare([
      { name: "fast", value: "one" },
      { name: "slow", value: "two", delayMs: 60000, dependsOn: ["fast"] },
    ]);
    const killed = await killWhilePending(world, "slow", "creating");
    assert.deepStrictEqual(
      killed.resources.filter((r) => r.custom).map((r) => r.name),
      ["fast"],
      "the pending create is not a resource of the state",
    );
    assert.deepStrictEqual(killed.pendingOperations?.map((op) => [op.type, op.resource.name, op.resource.id]), [["creating", "slow", undefined]]);

    world.declare([
      { name: "fast", value: "one" },
      { name: "slow", value: "two", dependsOn: ["fast"] },
    ]);
    const up = ok(await world.stack.up());
    const warning = up.logs.find((l) => l.severity === "warning")?.message ?? "";
    assert.ok(warning.startsWith("Attempting to deploy or update resources with 1 pending operations from previous deployment.\n"), warning);
    assert.ok(warning.includes(`  * ${killed.pendingOperations?.[0].resource.urn}, interrupted while creating\n`), warning);
    assert.deepStrictEqual(ops(up), ["same fast", "create slow"]);
    assert.ok(world.stack.state().resources.find((r) => r.name === "slow")?.id);
    assert.deepStrictEqual(world.stack.state().pendingOperations?.map((op) => op.type), ["creating"], "pending creates are carried forward");

    const keep = ok(await world.stack.refresh());
    assert.ok(keep.logs.some((l) => l.severity === "warning" && l.message.includes("1 pending create operations were left")));
    assert.strictEqual(world.stack.state().pendingOperations?.length, 1);
    ok(await world.stack.refresh({ clearPendingCreates: true }));
    assert.strictEqual(world.stack.state().pendingOperations, undefined);
    const quiet = ok(await world.stack.up());
    assert.deepStrictEqual(quiet.logs.filter((l) => l.severity === "warning"), []);
    assert.strictEqual(quiet.changed, false);
  });

  it("an update killed mid-step stays pending with the resource as it was; the next up runs it again", async () => {
    world.declare([{ name: "a", value: "one" }]);
    ok(await world.stack.up());
    world.declare([{ name: "a", value: "two", delayMs: 60000 }]);
    const killed = await killWhilePending(world, "a", "updating");
    assert.strictEqual(killed.resources.find((r) => r.name === "a")?.outputs.value, "one", "the state keeps the old outputs");
    assert.deepStrictEqual(killed.pendingOperations?.map((op) => [op.type, op.resource.name, op.resource.inputs.value]), [["updating", "a", "two"]]);

    world.declare([{ name: "a", value: "two" }]);
    world.clearJournal();
    const up = ok(await world.stack.up());
    assert.ok(up.logs.some((l) => l.message.includes("interrupted while updating")));
    assert.deepStrictEqual(ops(up), ["update a"]);
    assert.deepStrictEqual(world.journal().map((j) => j.op), ["update"]);
    assert.strictEqual(world.objectNamed("a")?.inputs.value, "two");
    assert.strictEqual(world.stack.state().pendingOperations, undefined, "a finished update leaves nothing pending");
  });
});
