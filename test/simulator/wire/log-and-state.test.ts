import assert from "assert";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { rawCall, rawCallAndWait } from "../raw-client";
import { readStateFile } from "../../../simulator/wire/state-file";
import { FAKE_KEYS, FakeBackend, startFake } from "./fake-backend";

describe("simulator wire: request log and state file", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "cloudstack-sim-wire-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("appends one JSON line per request, without apiKey or signature", async () => {
    const logPath = join(dir, "requests.log");
    writeFileSync(logPath, '{"earlier":"line"}\n');
    const sim = await startFake({ logPath });
    try {
      await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones", { keyword: "a b" });
      await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones", {}, { signature: "bad" });
      await rawCall(sim.endpoint, FAKE_KEYS.alice, "createNetwork", { name: "n" }, { method: "POST" });
    } finally {
      await sim.wire.close();
    }
    const lines = readFileSync(logPath, "utf8").trimEnd().split("\n");
    assert.strictEqual(lines.length, 4);
    assert.strictEqual(lines[0], '{"earlier":"line"}');
    const entries = lines.slice(1).map((l) => JSON.parse(l) as { command: string; params: Record<string, string>; status: number });
    assert.deepStrictEqual(entries.map((e) => [e.command, e.status]), [
      ["listZones", 200],
      ["listZones", 401],
      ["createNetwork", 431],
    ]);
    assert.strictEqual(entries[0]!.params.keyword, "a b");
    assert.strictEqual(entries[2]!.params.name, "n");
    for (const e of entries) {
      assert.ok(!("apiKey" in e.params) && !("signature" in e.params), JSON.stringify(e));
      assert.strictEqual(e.params.signatureVersion, "3");
    }
    assert.ok(!readFileSync(logPath, "utf8").includes(FAKE_KEYS.alice.apiKey));
  });

  it("uses $CLOUDSTACK_SIM_LOG when no log path is given", async () => {
    const logPath = join(dir, "env.log");
    const saved = process.env.CLOUDSTACK_SIM_LOG;
    process.env.CLOUDSTACK_SIM_LOG = logPath;
    try {
      const sim = await startFake();
      await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones");
      await sim.wire.close();
    } finally {
      if (saved === undefined) delete process.env.CLOUDSTACK_SIM_LOG;
      else process.env.CLOUDSTACK_SIM_LOG = saved;
    }
    assert.strictEqual(JSON.parse(readFileSync(logPath, "utf8")).command, "listZones");
  });

  it("writes the state after changes and finished jobs, and a restart from it keeps the objects", async () => {
    const statePath = join(dir, "state.json");
    const first = await startFake({ statePath, jobMs: 50 });
    let keptId: string;
    let jobid: string;
    try {
      assert.deepStrictEqual(readStateFile(statePath)?.model, { networks: [], nextId: 1 }, "written at start");
      const a = await rawCall(first.endpoint, FAKE_KEYS.alice, "createNetwork", { name: "a", networkofferingid: "o", zoneid: "z" });
      const b = await rawCall(first.endpoint, FAKE_KEYS.alice, "createNetwork", { name: "b", networkofferingid: "o", zoneid: "z" });
      keptId = (a.body.createnetworkresponse as { network: { id: string } }).network.id;
      const goneId = (b.body.createnetworkresponse as { network: { id: string } }).network.id;
      const deleted = await rawCallAndWait(first.endpoint, FAKE_KEYS.alice, "deleteNetwork", { id: goneId });
      jobid = (deleted.body.queryasyncjobresultresponse as { jobid: string }).jobid;
      await first.wire.flushState();
      const onDisk = readStateFile(statePath)!;
      assert.deepStrictEqual((onDisk.model as { networks: Array<{ id: string }> }).networks.map((n) => n.id), [keptId]);
      assert.strictEqual(onDisk.jobs.find((j) => j.jobid === jobid)?.status, 1);
    } finally {
      await first.wire.close();
    }
    assert.deepStrictEqual(readdirSync(dir), ["state.json"], "no temporary file left behind");

    const saved = readStateFile(statePath)!;
    const second = await startFake({ statePath, restoredJobs: saved.jobs }, new FakeBackend(saved.model));
    try {
      const list = await rawCall(second.endpoint, FAKE_KEYS.alice, "listNetworks");
      const networks = (list.body.listnetworksresponse as { network: Array<{ id: string; name: string }> }).network;
      assert.deepStrictEqual(networks.map((n) => [n.id, n.name]), [[keptId, "a"]]);
      const job = await rawCall(second.endpoint, FAKE_KEYS.alice, "queryAsyncJobResult", { jobid });
      assert.strictEqual((job.body.queryasyncjobresultresponse as { jobstatus: number }).jobstatus, 1);
    } finally {
      await second.wire.close();
    }
  });

  it("fails, after a restart, a job that was still pending when the state was written", async () => {
    const statePath = join(dir, "state.json");
    const first = await startFake({ statePath, jobMs: 60_000 });
    let jobid: string;
    try {
      const created = await rawCall(first.endpoint, FAKE_KEYS.alice, "createNetwork", { name: "a", networkofferingid: "o", zoneid: "z" });
      const id = (created.body.createnetworkresponse as { network: { id: string } }).network.id;
      const started = await rawCall(first.endpoint, FAKE_KEYS.alice, "deleteNetwork", { id });
      jobid = (started.body.deletenetworkresponse as { jobid: string }).jobid;
      await first.wire.flushState();
    } finally {
      await first.wire.close();
    }
    const saved = readStateFile(statePath)!;
    const second = await startFake({ statePath, restoredJobs: saved.jobs }, new FakeBackend(saved.model));
    try {
      const r = await rawCall(second.endpoint, FAKE_KEYS.alice, "queryAsyncJobResult", { jobid });
      const job = r.body.queryasyncjobresultresponse as { jobstatus: number; jobresultcode: number };
      assert.strictEqual(job.jobstatus, 2);
      assert.strictEqual(job.jobresultcode, 530);
      assert.strictEqual(second.backend.networks.length, 1, "the interrupted delete never ran");
    } finally {
      await second.wire.close();
    }
  });
});
