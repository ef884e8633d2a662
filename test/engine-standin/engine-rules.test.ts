// The stand-in's engine rules in isolation, and the resource options it receives whole.
import * as assert from "assert";
import { durationSeconds } from "../../engine-standin/custom-timeouts";
import { deleteWaves } from "../../engine-standin/delete-order";
import { annotateSecrets, isSecret, makeSecret, markAdditionalSecrets, stripSecrets } from "../../engine-standin/property-values";
import { ResourceState } from "../../engine-standin/stack-files";
import { ToyWorld } from "./toy-fixture";

const state = (urn: string, dependencies: string[] = [], parent?: string): ResourceState => ({
  urn,
  type: "t",
  name: urn,
  custom: true,
  ...(parent ? { parent } : {}),
  inputs: {},
  outputs: {},
  dependencies,
  propertyDependencies: {},
});

describe("engine stand-in: rules", () => {
  it("re-marks outputs that share a name with a secret input, recursing into objects", () => {
    const ins = { a: makeSecret("x"), nested: { inner: makeSecret("y"), plain: "p" }, list: [makeSecret(1)], plain: "q" };
    const outs = annotateSecrets({ a: "x", nested: { inner: "y", plain: "p" }, list: [1], plain: "q", extra: "e" }, ins);
    assert.ok(isSecret(outs.a));
    assert.ok(isSecret((outs.nested as Record<string, unknown>).inner));
    assert.ok(!isSecret((outs.nested as Record<string, unknown>).plain));
    assert.ok(isSecret(outs.list), "an array holding a secret is secret as a whole");
    assert.ok(!isSecret(outs.plain) && !isSecret(outs.extra));
    assert.deepStrictEqual(stripSecrets(outs), { a: "x", nested: { inner: "y", plain: "p" }, list: [1], plain: "q", extra: "e" });
  });

  it("marks additionalSecretOutputs, but never id", () => {
    const outs = markAdditionalSecrets({ id: "i", password: "pw", other: "o" }, ["id", "password", "missing"]);
    assert.ok(!isSecret(outs.id) && isSecret(outs.password) && !isSecret(outs.other));
    assert.ok(!("missing" in outs));
  });

  it("orders deletes in waves, dependents first, parents after children", () => {
    const a = state("a");
    const b = state("b", ["a"]);
    const c = state("c", [], "b");
    const d = state("d");
    const waves = deleteWaves([a, b, c, d]).map((w) => w.map((r) => r.urn).sort());
    assert.deepStrictEqual(waves, [["c", "d"], ["b"], ["a"]]);
  });

  it("reads customTimeouts durations as Go writes them", () => {
    assert.strictEqual(durationSeconds("30s"), 30);
    assert.strictEqual(durationSeconds("1h30m"), 5400);
    assert.strictEqual(durationSeconds("1.5m"), 90);
    assert.strictEqual(durationSeconds(undefined), undefined);
    assert.throws(() => durationSeconds("ten minutes"), /invalid duration/);
  });

  describe("resource options from the whole RegisterResourceRequest", function () {
    this.timeout(60000);
    let world: ToyWorld;
    before(() => (world = new ToyWorld()));
    after(() => world.cleanup());

    it("records customTimeouts, protect and additionalSecretOutputs, and refuses to delete a protected resource", async () => {
      world.declare([
        { name: "a", value: "one", customTimeouts: { create: "2m", delete: "30s" }, protect: true, additionalSecretOutputs: ["generated"] },
      ]);
      const up = await world.stack.up();
      assert.ok(up.ok, up.plan);
      const a = world.stack.state().resources.find((r) => r.name === "a")!;
      assert.deepStrictEqual(a.customTimeouts, { create: "2m", delete: "30s" });
      assert.strictEqual(a.protect, true);
      assert.deepStrictEqual(a.additionalSecretOutputs, ["generated"]);
      const destroy = await world.stack.destroy();
      assert.strictEqual(destroy.ok, false);
      assert.ok(destroy.errors.some((e) => e.includes("cannot be deleted because it is protected")));
      assert.ok(world.objectNamed("a"), "still there");
    });
  });
});
