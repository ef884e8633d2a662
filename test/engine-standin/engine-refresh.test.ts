// refresh records drift and drops what is gone; `get` reads without managing.
import * as assert from "assert";
import { ToyWorld } from "./toy-fixture";

describe("engine stand-in: refresh and get", function () {
  this.timeout(60000);
  let world: ToyWorld;
  beforeEach(() => (world = new ToyWorld()));
  afterEach(() => world.cleanup());

  it("records an out-of-band change, and the next up restores the declared state", async () => {
    world.declare([{ name: "a", value: "declared" }]);
    assert.ok((await world.stack.up()).ok);
    const id = world.objectNamed("a")!.id;
    world.mutate(id, (o) => {
      o.inputs.value = "changed-by-hand";
    });
    const refresh = await world.stack.refresh();
    assert.ok(refresh.ok, refresh.plan);
    assert.deepStrictEqual(refresh.steps.map((s) => [s.op, s.name, s.diffKeys]), [["refresh", "a", ["value"]]]);
    assert.match(refresh.plan, /~ toy:Thing a refresh \[diff: ~value\]/);
    const state = world.stack.state().resources.find((r) => r.name === "a")!;
    assert.strictEqual(state.outputs.value, "changed-by-hand");
    assert.strictEqual(state.inputs.value, "changed-by-hand", "refreshed inputs come from the provider's read");

    const preview = await world.stack.preview();
    assert.match(preview.plan, /~ toy:Thing a update \[diff: ~value\]/);
    assert.ok((await world.stack.up()).ok);
    assert.strictEqual(world.objectNamed("a")!.inputs.value, "declared");
  });

  it("drops an object deleted out of band, and the next up recreates it", async () => {
    world.declare([{ name: "a", value: "one" }]);
    assert.ok((await world.stack.up()).ok);
    world.mutate(world.objectNamed("a")!.id, () => "delete");
    const refresh = await world.stack.refresh();
    assert.ok(refresh.ok, refresh.plan);
    assert.strictEqual(refresh.steps[0].gone, true);
    assert.match(refresh.plan, /- toy:Thing a refresh \[gone\]/);
    assert.ok(!world.stack.state().resources.some((r) => r.name === "a"));
    const up = await world.stack.up();
    assert.ok(up.ok, up.plan);
    assert.deepStrictEqual(up.steps.filter((s) => s.name === "a").map((s) => s.op), ["create"]);
    assert.ok(world.objectNamed("a"));
  });

  it("reads an existing object with get, records it as external, and never deletes it", async () => {
    world.declare([{ name: "owner", value: "one" }]);
    assert.ok((await world.stack.up()).ok);
    const id = world.objectNamed("owner")!.id;

    // A second stack over the same toy cloud reads the first stack's object.
    const other = new ToyWorld({ stack: "reader", cloudDir: world.cloudDir });
    try {
      const reader = other.stack;
      reader.setConfig("toy:resources", JSON.stringify([{ name: "seen", getId: id }]));
      const up = await reader.up();
      assert.ok(up.ok, up.plan);
      assert.deepStrictEqual(up.steps.filter((s) => s.name === "seen").map((s) => s.op), ["read"]);
      const seen = reader.state().resources.find((r) => r.name === "seen")!;
      assert.strictEqual(seen.external, true);
      assert.strictEqual(seen.outputs.value, "one");
      const destroy = await reader.destroy();
      assert.ok(destroy.ok, destroy.plan);
      assert.ok(world.objectNamed("owner"), "destroying the reader left the object alone");

      reader.setConfig("toy:resources", JSON.stringify([{ name: "seen", getId: "no-such-id" }]));
      const missing = await reader.up();
      assert.strictEqual(missing.ok, false);
      assert.ok(missing.errors.some((e) => e.includes("resource 'no-such-id' does not exist")), missing.errors.join("\n"));
    } finally {
      other.cleanup();
    }
  });
});
