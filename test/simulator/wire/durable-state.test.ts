// The state file is durable: answers wait for the write, writes are grouped, the file is 0600,
// no temporary file survives, and a finished job is reported only once it is on disk.
import assert from "assert";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { rawCall } from "../raw-client";
import { readStateFile, StateFile } from "../../../simulator/wire/state-file";
import { FAKE_KEYS, startFake } from "./fake-backend";
import { killUnderLoad } from "../../../bench/kill-nine";

describe("simulator wire: durable state file", function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "cloudstack-sim-durable-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const networksOnDisk = (path: string): string[] =>
    ((readStateFile(path)?.model as { networks: Array<{ id: string }> }).networks ?? []).map((n) => n.id);

  it("answers each create only once its network is in the file", async () => {
    const statePath = join(dir, "state.json");
    const sim = await startFake({ statePath });
    try {
      const creates = Array.from({ length: 30 }, async (_, i) => {
        const r = await rawCall(sim.endpoint, FAKE_KEYS.alice, "createNetwork", { name: `n${i}`, networkofferingid: "o", zoneid: "z" });
        assert.strictEqual(r.status, 200, JSON.stringify(r.body));
        const id = (r.body.createnetworkresponse as { network: { id: string } }).network.id;
        // Read at the moment the answer arrives, with no flush in between.
        assert.ok(networksOnDisk(statePath).includes(id), `${id} acknowledged but not on disk`);
      });
      await Promise.all(creates);
    } finally {
      await sim.wire.close();
    }
  });

  it("groups commits: callers arriving during a write share the next single write, taken after their change", async () => {
    let version = 0;
    const written: number[] = [];
    const file = new StateFile(join(dir, "state.json"), () => {
      written.push(version);
      return { modelJson: JSON.stringify({ version }), jobs: [] };
    });
    version = 1;
    const first = Array.from({ length: 10 }, () => file.commit());
    await new Promise((r) => setImmediate(r));
    // The first write has taken its snapshot (version 1); these changes come after it.
    version = 2;
    const second = Array.from({ length: 10 }, () => file.commit());
    await Promise.all([...first, ...second]);
    assert.deepStrictEqual(written, [1, 2], "one write per group, each with the state as of its callers");
    assert.strictEqual(file.writes, 2);
    assert.deepStrictEqual((readStateFile(join(dir, "state.json"))?.model as { version: number }).version, 2);
  });

  it("writes the file with mode 0600, also over a file that was world-readable", async () => {
    const statePath = join(dir, "state.json");
    writeFileSync(statePath, "{}", { mode: 0o644 });
    chmodSync(statePath, 0o644);
    const file = new StateFile(statePath, () => ({ modelJson: "{}", jobs: [] }));
    await file.commit();
    assert.strictEqual(statSync(statePath).mode & 0o777, 0o600);
  });

  it("removes temporary files a killed writer left, and only those", () => {
    const statePath = join(dir, "state.json");
    writeFileSync(join(dir, "state.json.4242.tmp"), "partial");
    writeFileSync(join(dir, "state.json.backup"), "keep");
    writeFileSync(join(dir, "other.json.4242.tmp"), "keep");
    new StateFile(statePath, () => ({ modelJson: "{}", jobs: [] }));
    assert.deepStrictEqual(readdirSync(dir).sort(), ["other.json.4242.tmp", "state.json.backup"]);
  });

  it("rejects a failed write and leaves no temporary file behind", async () => {
    // A folder where the state file should be: the rename over it fails.
    const statePath = join(dir, "state.json");
    mkdirSync(statePath);
    writeFileSync(join(statePath, "keep"), "x");
    const file = new StateFile(statePath, () => ({ modelJson: "{}", jobs: [] }));
    await assert.rejects(file.commit());
    assert.deepStrictEqual(readdirSync(dir), ["state.json"]);
  });

  it("answers 530 naming the state file when its write fails, instead of acknowledging", async () => {
    const folder = join(dir, "gone");
    mkdirSync(folder);
    const sim = await startFake({ statePath: join(folder, "state.json") });
    try {
      rmSync(folder, { recursive: true, force: true });
      const r = await rawCall(sim.endpoint, FAKE_KEYS.alice, "createNetwork", { name: "n", networkofferingid: "o", zoneid: "z" });
      assert.strictEqual(r.status, 530);
      const body = r.body.createnetworkresponse as { errorcode: number; errortext: string };
      assert.match(body.errortext, /^The simulator could not save its state file: /);
      // Reads do not wait for the file.
      assert.strictEqual((await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones")).status, 200);
    } finally {
      mkdirSync(folder);
      await sim.wire.close();
    }
  });

  it("reports a job done only when its completion is on disk", async () => {
    const statePath = join(dir, "state.json");
    const sim = await startFake({ statePath, jobMs: 0 });
    try {
      const created = await rawCall(sim.endpoint, FAKE_KEYS.alice, "createNetwork", { name: "n", networkofferingid: "o", zoneid: "z" });
      const id = (created.body.createnetworkresponse as { network: { id: string } }).network.id;
      const jobids: string[] = [];
      for (let i = 0; i < 10; i++) {
        const r = await rawCall(sim.endpoint, FAKE_KEYS.alice, "updateNetwork", { id, name: `name ${i}` });
        jobids.push((r.body.updatenetworkresponse as { jobid: string }).jobid);
      }
      for (const jobid of jobids) {
        for (;;) {
          const r = await rawCall(sim.endpoint, FAKE_KEYS.alice, "queryAsyncJobResult", { jobid });
          const job = r.body.queryasyncjobresultresponse as { jobstatus: number };
          if (job.jobstatus === 0) continue;
          // Read at the moment the job is reported done.
          const onDisk = readStateFile(statePath)!.jobs.find((j) => j.jobid === jobid);
          assert.strictEqual(onDisk?.status, job.jobstatus, `job ${jobid} reported ${job.jobstatus} before it was on disk`);
          break;
        }
      }
    } finally {
      await sim.wire.close();
    }
  });

  it("loses no acknowledged create over 2 kill -9s of the CLI under load", async () => {
    const report = await killUnderLoad({ statePath: join(dir, "state.json"), kills: 2, clients: 8 });
    for (const round of report.rounds) assert.ok(round.acknowledged > 0, "the load got acknowledged creates before the kill");
    assert.deepStrictEqual(report.rounds.map((r) => r.lost), [0, 0]);
    assert.deepStrictEqual(report.strayFiles, []);
    assert.strictEqual(report.mode, 0o600);
  });
});
