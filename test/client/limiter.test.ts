import { strict as assert } from "node:assert";
import { Limiter } from "../../provider/client/limiter";
import { wait } from "./scripted-server";

describe("client limiter", () => {
  it("runs at most `limit` tasks at once, in arrival order, and frees slots after failures", async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (id: number) => async () => {
      started.push(id);
      running++;
      peak = Math.max(peak, running);
      await wait(10);
      running--;
      if (id % 3 === 0) throw new Error(`task ${id} failed`);
      return id;
    };
    const results = await Promise.allSettled(Array.from({ length: 9 }, (_, id) => limiter.run(task(id))));
    assert.equal(peak, 2);
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["rejected", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"],
    );
    assert.equal(await limiter.run(async () => "free again"), "free again");
  });

  it("refuses a limit below one", () => {
    assert.throws(() => new Limiter(0), /positive integer/);
  });
});
