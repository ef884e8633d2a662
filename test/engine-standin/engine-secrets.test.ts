// Secrets as the engine treats them: stripped before the provider, re-marked on outputs that
// share a name with a secret input, marked by additionalSecretOutputs, and never in clear text
// in the state file or the printed plan.
import * as assert from "assert";
import * as fs from "fs";
import { isSecret } from "../../engine-standin/property-values";
import { ToyWorld } from "./toy-fixture";

describe("engine stand-in: secrets", function () {
  this.timeout(60000);
  let world: ToyWorld;
  beforeEach(() => (world = new ToyWorld()));
  afterEach(() => world.cleanup());

  it("keeps secret inputs and generated secrets out of the state file and the plan", async () => {
    const secret = "hunter2-very-secret";
    world.stack.setConfig("toy:apiToken", "config-secret-token", { secret: true });
    world.declare([{ name: "a", value: "one", secret, additionalSecretOutputs: ["generated"] }]);
    const up = await world.stack.up();
    assert.ok(up.ok, up.plan);

    const object = world.objectNamed("a")!;
    assert.strictEqual(object.inputs.secretValue, secret, "the provider received the plain value");
    const generated = object.generated;

    const state = world.stack.state().resources.find((r) => r.name === "a")!;
    assert.ok(isSecret(state.inputs.secretValue), "secret input stays secret");
    assert.ok(isSecret(state.outputs.secretValue), "output sharing a secret input's name is re-marked");
    assert.ok(isSecret(state.outputs.generated), "additionalSecretOutputs marks generated outputs");
    assert.ok(!isSecret(state.outputs.value));
    assert.ok(isSecret(up.outputs.aSecret), "stack output stays secret");

    const files = [world.stack.statePath, world.stack.files.configPath].map((p) => fs.readFileSync(p, "utf8"));
    for (const text of files) {
      for (const clear of [secret, generated, "config-secret-token"]) {
        assert.ok(!text.includes(clear), `${clear} found in clear text`);
      }
    }
    const printed = [up.plan, (await world.stack.preview()).plan, (await world.stack.refresh()).plan].join("\n");
    for (const clear of [secret, generated, "config-secret-token"]) assert.ok(!printed.includes(clear));
    assert.match(up.plan, /aSecret: \[secret\]/);
  });

  it("decrypts secrets only with the stack's key", async () => {
    world.declare([{ name: "a", value: "one", secret: "another-secret-value" }]);
    assert.ok((await world.stack.up()).ok);
    fs.writeFileSync(world.stack.files.keyPath, "00".repeat(32));
    assert.throws(() => world.stack.state(), /unable to authenticate|Unsupported state/);
  });
});
