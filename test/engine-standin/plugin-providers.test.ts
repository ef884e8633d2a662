// The engine stand-in driving the native plugin as the CLI does: the default provider from the
// stack's config and an explicit provider resource with another account's keys, one plugin
// process each, in one stack.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalStack, linkPackage } from "../../engine-standin";
import { startSimulator, RunningSimulator } from "../../simulator";
import type { PluginLaunch } from "../../engine-standin/plugin-host";
import { makeProvider, specs } from "../../provider";
import { runtimeFor } from "../support/provider-fixture";
import { createFrom, ISOLATED, ZONE } from "../support/network-fixture";

const programDir = path.join(__dirname, "..", "..", "..", "test", "engine-standin", "fixtures", "two-accounts");

describe("engine stand-in: two provider instances of the plugin in one stack", function () {
  this.timeout(240_000);
  let sim: RunningSimulator;
  let stateDir: string;

  before(async () => {
    sim = await startSimulator({ jobMs: 20 });
    linkPackage(programDir);
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "two-accounts-"));
  });

  after(async () => {
    await sim?.close();
    if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
  });

  /**
   * The stack, served by the plugin launched as `launch`: the admin's keys in the stack's config
   * (the default provider), the user's for the explicit provider, none in the environment.
   */
  function twoAccountsStack(dir: string, launch: PluginLaunch, adoptNetworkId: string): LocalStack {
    const stack = new LocalStack({ programDir, stack: "dev", stateDir: dir, plugin: launch, env: { CLOUDSTACK_API_URL: "", CLOUDSTACK_API_KEY: "", CLOUDSTACK_SECRET_KEY: "" } });
    stack.setConfig("cloudstack:apiUrl", sim.endpoint);
    stack.setConfig("cloudstack:apiKey", sim.admin.apiKey);
    stack.setConfig("cloudstack:secretKey", sim.admin.secretKey, { secret: true });
    stack.setConfig("two-accounts:otherApiUrl", sim.endpoint);
    stack.setConfig("two-accounts:otherApiKey", sim.user.apiKey);
    stack.setConfig("two-accounts:otherSecretKey", sim.user.secretKey, { secret: true });
    stack.setConfig("two-accounts:adoptNetworkId", adoptNetworkId);
    return stack;
  }

  it("manages a network in each account and imports an existing one: up, an unchanged preview, destroy", async () => {
    const runtime = runtimeFor(sim);
    const existing = await createFrom(makeProvider(specs.Network, runtime), { name: "adopted-net", zone: ZONE, networkOffering: ISOLATED, cidr: "10.1.83.0/24" });
    await runtime.close();
    const stack = twoAccountsStack(stateDir, "exec", existing.id);

    const up = await stack.up();
    assert.ok(up.ok, `${up.plan}\n${up.errors.join("\n")}`);
    assert.strictEqual(up.outputs.mineAccount, "admin");
    assert.strictEqual(up.outputs.theirsAccount, "user");
    assert.deepStrictEqual(up.steps.filter((s) => s.name === "adopted-net").map((s) => s.op), ["import"]);
    assert.strictEqual(stack.state().resources.find((r) => r.name === "adopted-net")?.id, existing.id);
    const owner = (id: unknown) => sim.model.state.networks.find((n) => n.uuid === id)?.accountUuid;
    assert.ok(owner(up.outputs.mineId) && owner(up.outputs.theirsId));
    assert.notStrictEqual(owner(up.outputs.mineId), owner(up.outputs.theirsId));
    const state = stack.state().resources;
    const provider = state.find((r) => r.type === "pulumi:providers:cloudstack");
    assert.ok(provider?.id, "the explicit provider is a resource of the stack");
    assert.strictEqual(state.find((r) => r.name === "other-account-net")?.provider, `${provider!.urn}::${provider!.id}`);
    assert.ok(!fs.readFileSync(stack.statePath, "utf8").includes(sim.user.secretKey), "the provider's secret key is kept encrypted in the state file");

    const preview = await stack.preview();
    assert.ok(preview.ok, preview.plan);
    assert.strictEqual(preview.changed, false, preview.plan);

    const destroy = await stack.destroy();
    assert.ok(destroy.ok, `${destroy.plan}\n${destroy.errors.join("\n")}`);
    assert.deepStrictEqual(stack.state().resources, []);
    for (const id of [up.outputs.mineId, up.outputs.theirsId, existing.id]) {
      assert.ok(sim.model.state.networks.every((n) => n.uuid !== id || n.state === "Destroy"), `network ${String(id)} deleted`);
    }
  });

  it("previews the same stack with the plugin run as a folder through @pulumi/pulumi's cmd/run-plugin", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "two-accounts-run-plugin-"));
    try {
      const stack = twoAccountsStack(dir, "run-plugin", "6e8c1ad1-0000-4000-8000-000000000000");
      const preview = await stack.preview();
      // The default provider's check passes; the import of an id that does not exist fails, as the engine's does.
      const step = (name: string) => preview.steps.find((s) => s.name === name);
      assert.strictEqual(step("default-account-net")?.op, "create", preview.plan);
      assert.strictEqual(step("default-account-net")?.error, undefined, preview.plan);
      assert.strictEqual(step("adopted-net")?.op, "import", preview.plan);
      assert.match(String(step("adopted-net")?.error), /resource '6e8c1ad1-0000-4000-8000-000000000000' does not exist/, preview.plan);
      assert.strictEqual(preview.ok, false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
