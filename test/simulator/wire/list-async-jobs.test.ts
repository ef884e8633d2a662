// listAsyncJobs as QueryManagerImpl.searchForAsyncJobsInternal answers it: the caller's jobs in
// id order, completed ones included, bounded by startdate (created at or after it) and keyword.
import assert from "assert";
import { rawCall, rawCallAndWait } from "../raw-client";
import { FAKE_KEYS, FakeSimulator, startFake } from "./fake-backend";

type Job = Record<string, unknown> & { jobid: string; created: string; cmd: string };

const listed = async (sim: FakeSimulator, params: Record<string, string>): Promise<Job[]> => {
  const r = await rawCall(sim.endpoint, FAKE_KEYS.alice, "listAsyncJobs", params);
  assert.strictEqual(r.status, 200, JSON.stringify(r.body));
  return ((r.body.listasyncjobsresponse as { asyncjobs?: Job[] }).asyncjobs ?? []);
};

describe("simulator wire: listAsyncJobs startdate and keyword", function () {
  this.timeout(20_000);
  let sim: FakeSimulator;
  let early: Job;
  let late: Job;

  before(async () => {
    sim = await startFake({ jobMs: 0 });
    const network = await rawCall(sim.endpoint, FAKE_KEYS.alice, "createNetwork", { name: "n", networkofferingid: "o", zoneid: "z" });
    const id = (network.body.createnetworkresponse as { network: { id: string } }).network.id;
    await rawCallAndWait(sim.endpoint, FAKE_KEYS.alice, "updateNetwork", { id, name: "early" });
    // `created` has whole seconds: the second job starts in a later second than the first.
    const firstSecond = Math.floor(Date.now() / 1000);
    while (Math.floor(Date.now() / 1000) === firstSecond) await new Promise((r) => setTimeout(r, 50));
    await rawCallAndWait(sim.endpoint, FAKE_KEYS.alice, "restartNetwork", { id });
    [early, late] = await listed(sim, {});
  });
  after(() => sim.wire.close());

  it("keeps the jobs created at or after startdate, completed ones included", async () => {
    assert.notStrictEqual(early.created, late.created);
    assert.deepStrictEqual((await listed(sim, { startdate: late.created })).map((j) => j.jobid), [late.jobid]);
    assert.deepStrictEqual((await listed(sim, { startdate: early.created })).map((j) => j.jobid), [early.jobid, late.jobid]);
    // The same moment written with a colon in the offset, and one in another zone.
    const lateAt = new Date(Date.parse(late.created.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")));
    const inZone = new Date(lateAt.getTime() + 2 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "+02:00");
    assert.deepStrictEqual((await listed(sim, { startdate: inZone })).map((j) => j.jobid), [late.jobid]);
    assert.deepStrictEqual(await listed(sim, { startdate: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "+0000") }), []);
  });

  it("reads a date without a zone in the server's zone (UTC), and a date alone as that day's midnight", async () => {
    const day = early.created.slice(0, 10);
    assert.deepStrictEqual((await listed(sim, { startdate: day })).map((j) => j.jobid), [early.jobid, late.jobid]);
    const nextDay = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    assert.deepStrictEqual(await listed(sim, { startdate: nextDay }), []);
    const spaced = late.created.slice(0, 19).replace("T", " ");
    assert.deepStrictEqual((await listed(sim, { startdate: spaced })).map((j) => j.jobid), [late.jobid]);
  });

  it("matches keyword in the command's class name, pages in id order", async () => {
    assert.deepStrictEqual((await listed(sim, { keyword: "restartnetwork" })).map((j) => j.jobid), [late.jobid]);
    assert.deepStrictEqual((await listed(sim, { page: "2", pagesize: "1", startdate: early.created })).map((j) => j.jobid), [late.jobid]);
    const first = await rawCall(sim.endpoint, FAKE_KEYS.alice, "listAsyncJobs", { page: "1", pagesize: "1", startdate: early.created });
    assert.strictEqual((first.body.listasyncjobsresponse as { count: number }).count, 2);
  });
});
