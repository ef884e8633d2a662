// The two-stack layout (examples/stack-network and examples/stack-app) through the engine
// stand-in: the application stack reads the network stack's outputs with a StackReference, which
// the stand-in serves from its state directory as the engine's builtin provider serves it from
// the backend. Order matters as it does with the CLI: network up, app up; app destroy, network
// destroy.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { exampleStack } from "../support/example-stack";
import { adminList, listAllNetworks } from "../support/simulator-lists";

describe("two-stack layout through the engine stand-in (StackReference)", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  it("stack-app reads stack-network's ids; its instance lands in that network; preview unchanged; destroy in reverse order", async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "two-stacks-"));
    try {
      const network = exampleStack("stack-network", sim, { stateDir }).stack;
      const app = exampleStack("stack-app", sim, { stateDir }).stack;

      // Before the network stack exists, the app's preview fails, naming the missing stack.
      const early = await app.preview();
      assert.strictEqual(early.ok, false);
      assert.match(early.errors.join("\n"), /stack reference "stack-network\/dev": stack stack-network\/dev has no state in/);

      const netUp = await network.up();
      assert.ok(netUp.ok, `${netUp.plan}\n${netUp.errors.join("\n")}`);
      const appUp = await app.up();
      assert.ok(appUp.ok, `${appUp.plan}\n${appUp.errors.join("\n")}`);
      assert.match(appUp.plan, /pulumi:pulumi:StackReference network read/);
      assert.strictEqual(appUp.outputs.inNetwork, netUp.outputs.networkId);
      const [vm] = await adminList(sim, "listVirtualMachines", "virtualmachine", { listall: "true", id: String(appUp.outputs.instanceId) });
      const nics = vm!.nic as Array<Record<string, unknown>>;
      assert.strictEqual(nics[0]!.networkid, netUp.outputs.networkId);
      assert.strictEqual(vm!.zoneid, netUp.outputs.zoneId);

      const preview = await app.preview();
      assert.ok(preview.ok, preview.plan);
      assert.strictEqual(preview.changed, false, preview.plan);

      const appDown = await app.destroy();
      assert.ok(appDown.ok, `${appDown.plan}\n${appDown.errors.join("\n")}`);
      assert.deepStrictEqual(app.state().resources, []);
      const netDown = await network.destroy();
      assert.ok(netDown.ok, `${netDown.plan}\n${netDown.errors.join("\n")}`);
      assert.deepStrictEqual((await listAllNetworks(sim)).filter((n) => n.id === netUp.outputs.networkId && n.state !== "Destroy"), []);
    } finally {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
