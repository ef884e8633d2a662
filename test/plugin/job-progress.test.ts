// The native plugin reports a long job through Engine.Log under the resource that waits for it, as
// an ephemeral info line the CLI shows beside that resource.
import * as assert from "assert";
import { JOB_PROGRESS } from "../../provider/client";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startEngineService, startPluginHost, type EngineStandIn, type PluginHost } from "../../engine-standin/plugin-host";
import { adminList } from "../support/simulator-lists";

describe("plugin: progress of a long job", function () {
  this.timeout(120000);
  let sim: RunningSimulator;
  let engine: EngineStandIn;
  let plugin: PluginHost;

  before(async () => {
    sim = await startSimulator({ jobMs: 20, jobDurationMs: (command) => (command === "associateIpAddress" ? JOB_PROGRESS.afterMs + 1500 : 20) });
    engine = await startEngineService();
    plugin = await startPluginHost({ launch: "exec", engine: engine.address, env: { CLOUDSTACK_API_URL: "", CLOUDSTACK_API_KEY: "", CLOUDSTACK_SECRET_KEY: "" } });
    await plugin.configureProvider({ apiUrl: sim.endpoint, apiKey: sim.admin.apiKey, secretKey: sim.admin.secretKey });
  });
  after(async () => {
    await plugin?.close();
    await engine?.close();
    await sim?.close();
  });

  it("logs the command, job id and time waited under the waiting resource's URN, once for a job of 6.5 s", async () => {
    const [network] = await adminList(sim, "listNetworks", "network", { listall: "true" });
    assert.ok(network, "the simulator's seed has a network");
    const urn = "urn:pulumi:test::test::cloudstack:index:PublicIpAddress::slow-ip";
    const created = await plugin.create(urn, { network: String(network.id) });
    const progress = engine.logs.filter((entry) => /^associateIpAddress \(job [0-9a-f-]{36}.*\) still running after \d+ s$/.test(entry.message));
    assert.strictEqual(progress.length, 1, engine.logs.map((entry) => `${entry.urn} ${entry.message}`).join("\n"));
    assert.strictEqual(progress[0]!.urn, urn);
    assert.ok(progress[0]!.ephemeral && progress[0]!.severity === "info");
    await plugin.delete(urn, created.id, created.properties);
  });
});
