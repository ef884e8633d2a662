// Independent steps run concurrently up to the parallelism bound; dependents wait.
import * as assert from "assert";
import { ToyJournalEntry, ToyWorld } from "./toy-fixture";

const overlaps = (a: ToyJournalEntry, b: ToyJournalEntry): boolean => a.start < b.end && b.start < a.end;

describe("engine stand-in: parallelism", function () {
  this.timeout(60000);
  const worlds: ToyWorld[] = [];
  after(() => worlds.forEach((w) => w.cleanup()));

  const independent = [
    { name: "x", value: "1", delayMs: 600 },
    { name: "y", value: "2", delayMs: 600 },
    { name: "z", value: "3", delayMs: 600 },
  ];

  it("runs independent creates at the same time", async () => {
    const world = new ToyWorld({ parallel: 4 });
    worlds.push(world);
    world.declare(independent);
    const up = await world.stack.up();
    assert.ok(up.ok, up.plan);
    const [x, y, z] = ["x", "y", "z"].map((n) => world.journal().find((j) => j.name === n)!);
    assert.ok(overlaps(x, y) && overlaps(y, z) && overlaps(x, z), JSON.stringify(world.journal()));
  });

  it("runs one at a time with parallel = 1", async () => {
    const world = new ToyWorld({ parallel: 1 });
    worlds.push(world);
    world.declare(independent);
    const up = await world.stack.up();
    assert.ok(up.ok, up.plan);
    const journal = world.journal();
    assert.strictEqual(journal.length, 3);
    for (let i = 0; i < journal.length; i++) {
      for (let j = i + 1; j < journal.length; j++) assert.ok(!overlaps(journal[i], journal[j]), JSON.stringify(journal));
    }
  });

  it("starts a dependent only after what it depends on is done", async () => {
    const world = new ToyWorld({ parallel: 4 });
    worlds.push(world);
    world.declare([
      { name: "base", value: "1", delayMs: 500 },
      { name: "fromOutput", value: "2", valueFrom: "base" },
      { name: "explicit", value: "3", dependsOn: ["base"] },
    ]);
    const up = await world.stack.up();
    assert.ok(up.ok, up.plan);
    const byName = (n: string): ToyJournalEntry => world.journal().find((j) => j.name === n)!;
    assert.ok(byName("fromOutput").start >= byName("base").end);
    assert.ok(byName("explicit").start >= byName("base").end);
  });
});
