// Secrets on a real Network, through the SDK's real dynamic-provider host and the stand-in's
// engine rules: the API secret key never reaches state, logs or plan; a secret input stays
// secret in the state's inputs and outputs and in the stack output.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { exampleStack, hostKeptBetweenRuns } from "../support/example-stack";
import { isSecret } from "../../engine-standin/property-values";

const programDir = path.join(__dirname, "..", "..", "..", "test", "engine-standin", "fixtures", "secret-network");

describe("engine stand-in: secrets on a Network", function () {
  this.timeout(180000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  it("keeps the secret input secret and the API secret key out of every file and printout", async () => {
    const domain = "hidden-domain.internal";
    const { stack, cleanup } = exampleStack(programDir, sim, hostKeptBetweenRuns);
    try {
      stack.setConfig("secret-network:networkDomain", domain, { secret: true });
      const up = await stack.up();
      assert.ok(up.ok, up.plan);
      const preview = await stack.preview();
      assert.strictEqual(preview.changed, false, preview.plan);
      const refresh = await stack.refresh();
      assert.ok(refresh.ok, refresh.plan);

      const network = stack.state().resources.find((r) => r.name === "private");
      assert.ok(network);
      assert.ok(isSecret(network.inputs.networkDomain), "input stays secret");
      assert.ok(isSecret(network.outputs.networkDomain), "the output of the same name is secret");
      assert.ok(isSecret(up.outputs.networkDomain), "the stack output is secret");

      const stateText = fs.readFileSync(stack.statePath, "utf8");
      const configText = fs.readFileSync(stack.files.configPath, "utf8");
      for (const [what, text] of [
        ["state", stateText],
        ["config", configText],
        ["plans", [up.plan, preview.plan, refresh.plan].join("\n")],
        ["logs", [...up.logs, ...preview.logs, ...refresh.logs].map((l) => l.message).join("\n")],
      ]) {
        assert.ok(!text.includes(sim.admin.secretKey), `API secret key found in ${what}`);
        assert.ok(!text.includes(domain), `secret network domain found in clear text in ${what}`);
      }
      assert.ok((await stack.destroy()).ok);
    } finally {
      cleanup();
    }
  });
});
