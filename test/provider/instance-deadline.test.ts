// An instance whose deploy job outlives the create deadline: the engine records it (id, outputs,
// pending job) and the next update waits for that job instead of deploying another instance.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { ClientRuntime, makeProvider, ResourceInitError, specs } from "../../provider";
import { runtimeFor } from "../support/provider-fixture";
import { allInstances, instanceInputs } from "../support/instance-fixture";
import { createFrom, ISOLATED, ZONE } from "../support/network-fixture";

describe("Instance: a deploy past its deadline", function () {
  this.timeout(30000);
  let sim: RunningSimulator;
  let runtime: ClientRuntime;
  before(async () => {
    sim = await startSimulator({ jobMs: 10, jobDurationMs: (command) => (command === "deployVirtualMachine" ? 1500 : 10) });
    runtime = runtimeFor(sim);
  });
  after(async () => {
    await runtime.close();
    await sim.close();
  });

  it("is recorded with its pending job, and the next update finishes it without a second deploy", async () => {
    const network = await createFrom(makeProvider(specs.Network, runtime), { name: "slow-net", zone: ZONE, networkOffering: ISOLATED });
    const provider = makeProvider(specs.Instance, runtime);
    const news = { ...instanceInputs("slow-vm", { networks: [{ network: network.id }] }), __timeouts: { create: "200ms" } };
    const checked = await provider.check({}, news);
    assert.deepStrictEqual(checked.failures, []);

    let recorded: ResourceInitError | undefined;
    await assert.rejects(provider.create(checked.inputs), (err: unknown) => {
      assert.ok(err instanceof ResourceInitError, String(err));
      recorded = err;
      return true;
    });
    assert.ok(recorded!.properties.__pendingJob, "the outputs carry the pending job");
    const diff = await provider.diff(recorded!.id, recorded!.properties, checked.inputs);
    assert.strictEqual(diff.changes, true, "the pending job makes the next run an update");

    const updated = await provider.update(recorded!.id, recorded!.properties, checked.inputs);
    assert.strictEqual(updated.outs.state, "Running");
    assert.strictEqual(updated.outs.__pendingJob, undefined);
    const client = await runtime.client();
    assert.deepStrictEqual((await allInstances(client)).filter((v) => v.name === "slow-vm").map((v) => v.id), [recorded!.id]);
  });
});
