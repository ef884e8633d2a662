// A long job through the engine stand-in and the real dynamic-provider host: the provider says
// what it waits for on the host's stderr, which the CLI (and the stand-in) shows as info lines.
import * as assert from "assert";
import * as path from "path";
import { startSimulator, RunningSimulator } from "../../simulator";
import { JOB_PROGRESS } from "../../provider/client";
import { startedForSuite } from "../support/fixture-hooks";
import { exampleStack } from "../support/example-stack";

const programDir = path.join(__dirname, "..", "..", "..", "test", "engine-standin", "fixtures", "slow-job");
const slowJobMs = JOB_PROGRESS.afterMs + 1500;

describe("engine stand-in: progress of a long job", function () {
  this.timeout(120000);
  let sim: RunningSimulator;
  startedForSuite(
    () => startSimulator({ jobMs: 20, jobDurationMs: (command) => (command === "associateIpAddress" ? slowJobMs : 20) }),
    (started) => (sim = started),
  );

  it("shows the command, its job id and the time waited while the job runs, once and not per poll", async () => {
    const { stack, cleanup } = exampleStack(programDir, sim);
    try {
      const up = await stack.up();
      assert.ok(up.ok, up.plan);
      const progress = up.logs.filter((l) => /^cloudstack: associateIpAddress \(job [0-9a-f-]{36}.*\) still running after \d+ s$/.test(l.message));
      assert.strictEqual(progress.length, 1, up.logs.map((l) => l.message).join("\n"));
      assert.strictEqual(progress[0]!.severity, "info");
      assert.match(up.plan, /still running after/);
      assert.ok((await stack.destroy()).ok);
    } finally {
      cleanup();
    }
  });
});
