// Fixed programs with their expected step sequences, run through the engine stand-in with the
// real SDK and the SDK's real dynamic-provider host.
import * as assert from "assert";
import * as fs from "fs";
import { RunResult } from "../../engine-standin/local-stack";
import { ToyWorld } from "./toy-fixture";

const ops = (r: RunResult): string[] => r.steps.filter((s) => s.type !== "pulumi:pulumi:Stack").map((s) => `${s.op} ${s.name}`);
const ok = (r: RunResult): RunResult => {
  assert.ok(r.ok, `run failed:\n${r.plan}`);
  return r;
};

describe("engine stand-in: step sequences", function () {
  this.timeout(120000);
  let world: ToyWorld;
  beforeEach(() => (world = new ToyWorld()));
  afterEach(() => world.cleanup());

  it("creates in dependency order, then a second preview and up change nothing", async () => {
    world.declare([
      { name: "a", value: "one" },
      { name: "b", value: "two", valueFrom: "a" },
      { name: "c", value: "three", dependsOn: ["b"] },
    ]);
    const preview = ok(await world.stack.preview());
    assert.deepStrictEqual(ops(preview), ["create a", "create b", "create c"]);
    assert.match(preview.plan, /^ {4}\+ toy:Thing a create$/m);
    assert.match(preview.plan, /\+ 4 to create/);
    assert.deepStrictEqual(world.objects(), {}, "preview created nothing");
    assert.ok(!fs.existsSync(world.stack.statePath), "preview wrote no state");

    const up = ok(await world.stack.up());
    assert.deepStrictEqual(ops(up), ["create a", "create b", "create c"]);
    assert.deepStrictEqual(up.outputs.serials, [1, 2, 3]);
    assert.strictEqual(world.objectNamed("b")?.inputs.value, "two-1", "b saw a's real output");
    const b = world.stack.state().resources.find((r) => r.name === "b");
    assert.ok(b?.propertyDependencies.value.some((u) => u.endsWith("::a")), "b's value depends on a");
    const c = world.stack.state().resources.find((r) => r.name === "c");
    assert.ok(c?.dependencies.some((u) => u.endsWith("::b")), "c depends on b");

    const again = ok(await world.stack.preview());
    assert.deepStrictEqual(ops(again), ["same a", "same b", "same c"]);
    assert.strictEqual(again.changed, false);
    assert.match(again.plan, /no changes/);
    world.clearJournal();
    const upAgain = ok(await world.stack.up());
    assert.strictEqual(upAgain.changed, false);
    assert.deepStrictEqual(world.journal(), [], "a second up calls no create, update or delete");
  });

  it("previews an update with the changed input and applies it in place", async () => {
    world.declare([{ name: "a", value: "one" }]);
    ok(await world.stack.up());
    const id = world.objectNamed("a")?.id;
    world.declare([{ name: "a", value: "uno" }]);
    const preview = ok(await world.stack.preview());
    assert.deepStrictEqual(ops(preview), ["update a"]);
    assert.match(preview.plan, /^ {4}~ toy:Thing a update \[diff: ~value\]$/m);
    assert.strictEqual(world.objectNamed("a")?.inputs.value, "one", "preview mutated nothing");
    const up = ok(await world.stack.up());
    assert.deepStrictEqual(ops(up), ["update a"]);
    assert.strictEqual(world.objectNamed("a")?.id, id);
    assert.strictEqual(world.objectNamed("a")?.inputs.value, "uno");
  });

  it("replaces create-before-delete: the old object goes at the end of the run", async () => {
    world.declare([
      { name: "a", value: "one" },
      { name: "b", value: "two", valueFrom: "a" },
    ]);
    ok(await world.stack.up());
    const oldId = world.objectNamed("a")?.id;
    world.declare([
      { name: "a", value: "one", zone: "z2" },
      { name: "b", value: "two", valueFrom: "a" },
    ]);
    const preview = ok(await world.stack.preview());
    assert.match(preview.plan, /^ {4}\+- toy:Thing a replace \[diff: ~zone\] \[replace: zone\]$/m);
    world.clearJournal();
    const up = ok(await world.stack.up());
    assert.deepStrictEqual(ops(up), ["create-replacement a", "replace a", "update b", "delete-replaced a"]);
    assert.deepStrictEqual(
      world.journal().map((j) => `${j.op} ${j.name}`),
      ["create a", "update b", "delete a"],
    );
    assert.strictEqual(Object.keys(world.objects()).length, 2);
    assert.notStrictEqual(world.objectNamed("a")?.id, oldId);
    assert.ok(world.stack.state().resources.every((r) => !r.delete), "no replaced object left in state");
  });

  it("replaces delete-before-replace when the provider asks for it", async () => {
    world.declare([{ name: "a", value: "one", dbr: true }]);
    ok(await world.stack.up());
    world.declare([{ name: "a", value: "one", zone: "z2", dbr: true }]);
    world.clearJournal();
    const up = ok(await world.stack.up());
    assert.deepStrictEqual(ops(up), ["delete-replaced a", "create-replacement a", "replace a"]);
    assert.deepStrictEqual(world.journal().map((j) => j.op), ["delete", "create"]);
    assert.match(up.plan, /\+- toy:Thing a replace \[diff: ~zone\] \[replace: zone\] \[delete before replace\]/);
  });

  it("replaces delete-before-replace when the resource option asks for it", async () => {
    world.declare([{ name: "a", value: "one", deleteBeforeReplace: true }]);
    ok(await world.stack.up());
    world.declare([{ name: "a", value: "one", zone: "z2", deleteBeforeReplace: true }]);
    world.clearJournal();
    const up = ok(await world.stack.up());
    assert.deepStrictEqual(ops(up), ["delete-replaced a", "create-replacement a", "replace a"]);
    assert.deepStrictEqual(world.journal().map((j) => j.op), ["delete", "create"]);
  });

  it("deletes what left the program in reverse dependency order", async () => {
    world.declare([
      { name: "a", value: "one" },
      { name: "b", value: "two", valueFrom: "a" },
      { name: "c", value: "three", dependsOn: ["b"] },
      { name: "keep", value: "k" },
    ]);
    ok(await world.stack.up());
    world.declare([{ name: "keep", value: "k" }]);
    const preview = ok(await world.stack.preview());
    assert.match(preview.plan, /- 3 to delete/);
    assert.strictEqual(Object.keys(world.objects()).length, 4, "preview deleted nothing");
    world.clearJournal();
    const up = ok(await world.stack.up());
    assert.deepStrictEqual(ops(up), ["same keep", "delete c", "delete b", "delete a"]);
    assert.deepStrictEqual(world.journal().map((j) => `${j.op} ${j.name}`), ["delete c", "delete b", "delete a"]);
    assert.deepStrictEqual(Object.values(world.objects()).map((o) => o.inputs.name), ["keep"]);
  });

  it("destroys in reverse dependency order and empties the state", async () => {
    world.declare([
      { name: "a", value: "one" },
      { name: "b", value: "two", valueFrom: "a" },
      { name: "c", value: "three", dependsOn: ["b"] },
    ]);
    ok(await world.stack.up());
    world.clearJournal();
    const destroy = ok(await world.stack.destroy());
    assert.deepStrictEqual(ops(destroy), ["delete c", "delete b", "delete a"]);
    assert.deepStrictEqual(world.journal().map((j) => `${j.op} ${j.name}`), ["delete c", "delete b", "delete a"]);
    assert.deepStrictEqual(world.stack.state().resources, []);
    assert.deepStrictEqual(world.objects(), {});
  });

  it("retries a create that failed part way through update, not a second create", async () => {
    world.declare([{ name: "a", value: "one" }]);
    world.failCreate("a", true);
    const failed = await world.stack.up();
    assert.strictEqual(failed.ok, false);
    assert.match(failed.plan, /\+ toy:Thing a create \*\*failed\*\*: .*a was created but did not become ready/);
    const recorded = world.stack.state().resources.find((r) => r.name === "a");
    assert.ok(recorded?.id, "the engine recorded the object's id");
    assert.deepStrictEqual(recorded?.initErrors, ["a is not ready"]);

    world.failCreate("a", false);
    const preview = ok(await world.stack.preview());
    assert.deepStrictEqual(ops(preview), ["update a"], "init errors force an update even with no diff");
    world.clearJournal();
    const retry = ok(await world.stack.up());
    assert.deepStrictEqual(ops(retry), ["update a"]);
    assert.deepStrictEqual(world.journal().map((j) => j.op), ["update"]);
    assert.strictEqual(Object.keys(world.objects()).length, 1, "no duplicate object");
    assert.strictEqual(world.stack.state().resources.find((r) => r.name === "a")?.initErrors, undefined);
  });

  it("stops on a check failure with the property and reason, creating nothing", async () => {
    world.declare([{ name: "a", value: "invalid-thing" }]);
    const up = await world.stack.up();
    assert.strictEqual(up.ok, false);
    assert.ok(
      up.errors.some((e) => e.includes(`property value has a problem: value: "invalid-thing" must not start with "invalid"`)),
      up.errors.join("\n"),
    );
    assert.deepStrictEqual(world.objects(), {});
  });

  it("keeps ignored inputs at their old values", async () => {
    world.declare([{ name: "a", value: "one", ignoreChanges: ["value"] }]);
    ok(await world.stack.up());
    world.declare([{ name: "a", value: "two", ignoreChanges: ["value"] }]);
    const preview = ok(await world.stack.preview());
    assert.deepStrictEqual(ops(preview), ["same a"]);
  });

  it("passes unknown values through preview as unknowns", async () => {
    world.declare([
      { name: "a", value: "one" },
      { name: "b", value: "two", valueFrom: "a" },
    ]);
    const preview = ok(await world.stack.preview());
    assert.deepStrictEqual(ops(preview), ["create a", "create b"]);
    assert.strictEqual(preview.outputs.serials, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    assert.match(preview.plan, /serials: output<unknown>/);
  });
});
