// The workflow mechanisms as a user meets them, running Pulumi programs through the engine
// stand-in (engine-standin/) and the SDK's real dynamic-provider host against the simulator:
// customTimeouts on a create whose job outlives it, adopting with importId, and an output the
// class marks secret by default (additionalSecretOutputs).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startSimulator, RunningSimulator } from "../../simulator";
import { isSecret, RunResult } from "../../engine-standin";
import { exampleStack, hostKeptBetweenRuns } from "../support/example-stack";
import { listAllNetworks } from "../support/simulator-lists";
import { rawCall } from "../simulator/raw-client";

/** The plan and the error logs of a run, for assertion messages. */
function explain(run: RunResult): string {
  return [run.plan, ...run.logs.filter((l) => l.severity === "error").map((l) => l.message)].join("\n");
}

const fixtures = path.join(__dirname, "..", "..", "..", "test", "workflow", "fixtures");
const SLOW_MS = 1500;

describe("workflow through the engine stand-in", function () {
  this.timeout(180_000);
  let sim: RunningSimulator;
  const slow = new Set<string>();

  before(async () => (sim = await startSimulator({ jobDurationMs: (command) => (slow.has(command) ? SLOW_MS : 20) })));
  afterEach(() => slow.clear());
  after(async () => sim.close());

  const named = async (name: string) => (await listAllNetworks(sim)).filter((n) => n.name === name);

  it("records a create cut short by customTimeouts, and the next up finishes it without a duplicate", async () => {
    const { stack, cleanup } = exampleStack(path.join(fixtures, "workflow-network"), sim, hostKeptBetweenRuns);
    try {
      stack.setConfig("workflow-network:name", "deadline-web");
      stack.setConfig("workflow-network:createTimeout", "300ms");
      slow.add("createTags");
      const first = await stack.up();
      assert.strictEqual(first.ok, false, explain(first));
      assert.match(String(first.steps.find((step) => step.name === "web")?.error), /was created but not completed: CloudStack createTags job .* did not finish within 300 ms/);
      const recorded = stack.state().resources.find((r) => r.name === "web");
      assert.ok(recorded, "the engine recorded the resource");
      assert.ok(recorded.id && sim.model.findNetwork(recorded.id));
      assert.strictEqual((recorded.outputs.__pendingJob as Record<string, unknown>).command, "createTags");

      const second = await stack.up();
      assert.ok(second.ok, explain(second));
      assert.deepStrictEqual(second.steps.filter((s) => s.name === "web").map((s) => s.op), ["update"]);
      assert.deepStrictEqual(second.outputs.tags, { team: "web" });
      assert.strictEqual((await named("deadline-web")).length, 1, "one network, not two");
      assert.strictEqual(stack.state().resources.find((r) => r.name === "web")?.outputs.__pendingJob, undefined);

      const preview = await stack.preview();
      assert.strictEqual(preview.changed, false, preview.plan);
      assert.ok((await stack.destroy()).ok);
      assert.deepStrictEqual(await named("deadline-web"), []);
    } finally {
      cleanup();
    }
  });

  it("adopts an existing network with importId: no create in CloudStack, then owned by the stack", async () => {
    const made = await rawCall(sim.endpoint, sim.admin, "createNetwork", {
      name: "made-by-hand",
      displaytext: "made-by-hand",
      zoneid: sim.model.state.zones.find((z) => z.name === "Sandbox-simulator")!.uuid,
      networkofferingid: sim.model.state.networkOfferings.find((o) => o.name === "DefaultIsolatedNetworkOfferingWithSourceNatService")!.uuid,
      gateway: "10.42.0.1",
      netmask: "255.255.255.0",
    });
    assert.strictEqual(made.status, 200, JSON.stringify(made.body));
    const id = String(((made.body.createnetworkresponse as Record<string, unknown>).network as Record<string, unknown>).id);

    const { stack, cleanup } = exampleStack(path.join(fixtures, "workflow-network"), sim, hostKeptBetweenRuns);
    try {
      stack.setConfig("workflow-network:name", "adopted-web");
      stack.setConfig("workflow-network:cidr", "10.42.0.0/24");
      stack.setConfig("workflow-network:importId", id);
      const before = (await listAllNetworks(sim)).length;
      const up = await stack.up();
      assert.ok(up.ok, explain(up));
      assert.strictEqual(up.outputs.networkId, id);
      assert.strictEqual((await listAllNetworks(sim)).length, before, "nothing was created");
      const [network] = await named("adopted-web");
      assert.strictEqual(network?.id, id, "the name was applied in place");

      const preview = await stack.preview();
      assert.strictEqual(preview.changed, false, preview.plan);
      assert.ok((await stack.destroy()).ok);
      assert.strictEqual(sim.model.findNetwork(id), undefined, "the stack owned it, so destroy deleted it");
    } finally {
      cleanup();
    }
  });

  it("refuses to adopt a network whose CIDR differs, and creates nothing", async () => {
    const { stack, cleanup } = exampleStack(path.join(fixtures, "workflow-network"), sim, hostKeptBetweenRuns);
    const owner = exampleStack(path.join(fixtures, "workflow-network"), sim, hostKeptBetweenRuns);
    try {
      owner.stack.setConfig("workflow-network:name", "owned-elsewhere");
      owner.stack.setConfig("workflow-network:cidr", "10.43.0.0/24");
      const owned = await owner.stack.up();
      assert.ok(owned.ok, explain(owned));

      stack.setConfig("workflow-network:name", "owned-elsewhere");
      stack.setConfig("workflow-network:cidr", "10.44.0.0/24");
      stack.setConfig("workflow-network:importId", String(owned.outputs.networkId));
      const before = (await listAllNetworks(sim)).length;
      const up = await stack.up();
      assert.strictEqual(up.ok, false, explain(up));
      assert.match(String(up.steps.find((step) => step.name === "web")?.error), /cidr is "10\.43\.0\.0\/24" there but "10\.44\.0\.0\/24" in the program/);
      assert.strictEqual((await listAllNetworks(sim)).length, before);
      assert.deepStrictEqual(stack.state().resources.filter((r) => r.name === "web"), [], "nothing recorded");
      assert.ok((await owner.stack.destroy()).ok);
    } finally {
      cleanup();
      owner.cleanup();
    }
  });

  it("keeps an output the class marks secret by default out of the state file, plan and logs", async () => {
    const { stack, cleanup } = exampleStack(path.join(fixtures, "generated-secret"), sim, hostKeptBetweenRuns);
    try {
      const up = await stack.up();
      assert.ok(up.ok, explain(up));
      const network = stack.state().resources.find((r) => r.name === "private");
      assert.ok(network);
      assert.ok(isSecret(network.outputs.networkDomain), "the generated network domain is secret in state");
      assert.ok(isSecret(up.outputs.networkDomain), "and in the stack output");
      const generated = sim.model.findNetwork(String(network.id))?.networkDomain;
      assert.ok(generated && generated.length > 3, "CloudStack generated a network domain");

      const preview = await stack.preview();
      const texts: Array<[string, string]> = [
        ["state", fs.readFileSync(stack.statePath, "utf8")],
        ["plans", [up.plan, preview.plan].join("\n")],
        ["logs", [...up.logs, ...preview.logs].map((l) => l.message).join("\n")],
      ];
      for (const [what, text] of texts) {
        assert.ok(!text.includes(generated), `the generated domain appears in clear text in ${what}`);
        assert.ok(!text.includes(sim.admin.secretKey), `the API secret key appears in ${what}`);
      }
      assert.ok((await stack.destroy()).ok);
    } finally {
      cleanup();
    }
  });
});
