import assert from "assert";
import { rawCall, rawCallAndWait } from "../raw-client";
import { FAKE_KEYS, FakeSimulator, startFake } from "./fake-backend";

type Job = Record<string, unknown> & { jobid: string; jobstatus: number };

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/;

describe("simulator wire: async jobs", () => {
  let sim: FakeSimulator;
  let networkId: string;

  const createNetwork = async (s: FakeSimulator, creds = FAKE_KEYS.alice): Promise<string> => {
    const r = await rawCall(s.endpoint, creds, "createNetwork", { name: "n", networkofferingid: "o", zoneid: "z" });
    return (r.body.createnetworkresponse as { network: { id: string } }).network.id;
  };
  const jobOf = (body: Record<string, unknown>): Job => body.queryasyncjobresultresponse as Job;
  const query = async (s: FakeSimulator, jobid: string, creds = FAKE_KEYS.alice) =>
    rawCall(s.endpoint, creds, "queryAsyncJobResult", { jobid });

  before(async () => {
    sim = await startFake({ jobMs: 200 });
    networkId = await createNetwork(sim);
  });
  after(() => sim.wire.close());

  it("answers {jobid}, reports jobstatus 0 while pending, then the object on success", async () => {
    const started = await rawCall(sim.endpoint, FAKE_KEYS.alice, "updateNetwork", { id: networkId, name: "renamed" });
    assert.strictEqual(started.status, 200);
    const envelope = started.body.updatenetworkresponse as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(envelope), ["jobid"]);
    const jobid = envelope.jobid as string;

    const pending = jobOf((await query(sim, jobid)).body);
    assert.strictEqual(pending.jobstatus, 0);
    assert.strictEqual(pending.jobresultcode, 0);
    assert.ok(!("jobresult" in pending) && !("completed" in pending));
    assert.strictEqual(sim.backend.networks[0]?.name, "n", "the change must wait for the job");

    const final = await waitFor(sim, jobid);
    assert.strictEqual(final.jobstatus, 1);
    assert.strictEqual(final.jobresultcode, 0);
    assert.strictEqual(final.jobresulttype, "object");
    assert.deepStrictEqual(final.jobresult, { network: { id: networkId, name: "renamed", account: "alice" } });
    assert.strictEqual(final.cmd, "org.apache.cloudstack.api.command.user.network.UpdateNetworkCmd");
    assert.strictEqual(final.jobinstancetype, "Network");
    assert.strictEqual(final.jobinstanceid, networkId);
    assert.strictEqual(final.accountid, "account-alice");
    assert.strictEqual(final.account, "alice");
    assert.strictEqual(final.userid, "user-alice");
    assert.strictEqual(final.domainid, "domain-root");
    assert.strictEqual(final.jobprocstatus, 0);
    assert.match(final.created as string, DATE);
    assert.match(final.completed as string, DATE);
    assert.strictEqual(final.jobid, jobid);
  });

  it("reports a failed job with ApiAsyncJobDispatcher's code, uuidList and text", async () => {
    const r = await rawCallAndWait(sim.endpoint, FAKE_KEYS.alice, "restartNetwork", { id: networkId });
    const job = jobOf(r.body);
    assert.strictEqual(r.status, 200);
    assert.strictEqual(job.jobstatus, 2);
    // A NetworkRuleConflictException (537 / 4360 when a command answers it synchronously) is not a
    // ServerApiException: inside a job it is reported as 530.
    assert.strictEqual(job.jobresultcode, 530);
    assert.strictEqual(job.jobresulttype, "object");
    assert.deepStrictEqual(job.jobresult, { uuidList: [], errorcode: 530, errortext: "Failed to restart network: rule conflict" });
  });

  it("reports success without an object as {success:true, details}, and answers {id, jobid} for a created id", async () => {
    const started = await rawCall(sim.endpoint, FAKE_KEYS.alice, "createTags", {
      resourceids: networkId,
      resourcetype: "Network",
      "tags[0].key": "a",
      "tags[0].value": "b",
    });
    const envelope = started.body.createtagsresponse as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(envelope), ["id", "jobid"]);
    assert.strictEqual(envelope.id, "created-object-1");
    const job = await waitFor(sim, envelope.jobid as string);
    assert.deepStrictEqual(job.jobresult, { success: true, details: "tagged" });
  });

  it("runs jobs with the same queue key one after the other, and other keys concurrently", async () => {
    // Durations chosen so that the order in which the jobs apply tells how they were queued,
    // with no clock reading: "second" (short) ends after "first" (long) only if it waited for
    // it, and "elsewhere" (short, another network) ends before "first" only if it did not.
    const durations: Record<string, number> = { first: 600, second: 10, elsewhere: 10 };
    const queued = await startFake({ jobMs: 0, jobDurationMs: (_command, params) => durations[params.name ?? ""] ?? 0 });
    try {
      const network = await createNetwork(queued);
      const other = await createNetwork(queued);
      const ids: string[] = [];
      // Submitted one after the other, so that "first" is ahead of "second" in its queue.
      for (const [id, name] of [[network, "first"], [network, "second"], [other, "elsewhere"]]) {
        ids.push(await start(queued, "updateNetwork", { id, name }));
      }
      const jobs = await Promise.all(ids.map((id) => waitFor(queued, id)));
      assert.ok(jobs.every((j) => j.jobstatus === 1));
      assert.deepStrictEqual(
        queued.backend.runs.map((r) => r.label),
        ["elsewhere", "first", "second"],
      );
      // Same-key jobs apply in submission order.
      assert.strictEqual(queued.backend.networks.find((n) => n.id === network)?.name, "second");
    } finally {
      await queued.wire.close();
    }
  });

  it("finishes jobs at once with jobMs 0, and honours jobDurationMs per command", async () => {
    const fast = await startFake({ jobMs: 0, jobDurationMs: (command) => (command === "deleteNetwork" ? 300 : 0) });
    try {
      const id = await createNetwork(fast);
      const jobid = await start(fast, "updateNetwork", { id, name: "quick" });
      await new Promise((r) => setTimeout(r, 20));
      assert.strictEqual(jobOf((await query(fast, jobid)).body).jobstatus, 1);
      const slow = await start(fast, "deleteNetwork", { id });
      await new Promise((r) => setTimeout(r, 20));
      assert.strictEqual(jobOf((await query(fast, slow)).body).jobstatus, 0);
      assert.strictEqual((await waitFor(fast, slow)).jobstatus, 1);
    } finally {
      await fast.wire.close();
    }
  });

  it("lets a user query only their own jobs; the root admin sees all", async () => {
    const jobid = await start(sim, "updateNetwork", { id: networkId, name: "mine" });
    const bob = await query(sim, jobid, FAKE_KEYS.bob);
    assert.strictEqual(bob.status, 531);
    const e = bob.body.queryasyncjobresultresponse as Record<string, unknown>;
    assert.strictEqual(e.errorcode, 531);
    assert.strictEqual(e.cserrorcode, 4365);
    assert.strictEqual((await query(sim, jobid, FAKE_KEYS.admin)).status, 200);
    await waitFor(sim, jobid);
  });

  it("answers 431 for a job id that does not exist", async () => {
    const r = await query(sim, "00000000-0000-0000-0000-000000000000");
    assert.strictEqual(r.status, 431);
    assert.match((r.body.queryasyncjobresultresponse as { errortext: string }).errortext, /^Invalid parameter jobid value=/);
  });

  it("lists the caller's jobs with listAsyncJobs, paged", async () => {
    // Five jobs of its own (on five networks, so they run side by side), whatever ran before.
    const networks = await Promise.all([1, 2, 3, 4, 5].map(() => createNetwork(sim)));
    const started = await Promise.all(networks.map((id) => start(sim, "updateNetwork", { id, name: "listed" })));
    await Promise.all(started.map((id) => waitFor(sim, id)));
    const mine = await rawCall(sim.endpoint, FAKE_KEYS.alice, "listAsyncJobs");
    const body = mine.body.listasyncjobsresponse as { count: number; asyncjobs: Job[] };
    assert.ok(body.count >= 5);
    assert.ok(body.asyncjobs.every((j) => j.accountid === "account-alice"));
    const page = await rawCall(sim.endpoint, FAKE_KEYS.alice, "listAsyncJobs", { page: "2", pagesize: "2" });
    const paged = page.body.listasyncjobsresponse as { count: number; asyncjobs: Job[] };
    assert.strictEqual(paged.count, body.count);
    assert.deepStrictEqual(paged.asyncjobs.map((j) => j.jobid), body.asyncjobs.slice(2, 4).map((j) => j.jobid));
    assert.deepStrictEqual((await rawCall(sim.endpoint, FAKE_KEYS.bob, "listAsyncJobs")).body, { listasyncjobsresponse: {} });
    const all = await rawCall(sim.endpoint, FAKE_KEYS.admin, "listAsyncJobs", { listall: "true" });
    assert.strictEqual((all.body.listasyncjobsresponse as { count: number }).count, body.count);
  });

  it("describes the available commands with listApis", async () => {
    const r = await rawCall(sim.endpoint, FAKE_KEYS.alice, "listApis", { name: "updateNetwork" });
    const apis = (r.body.listapisresponse as { count: number; api: Array<Record<string, unknown>> }).api;
    assert.strictEqual(apis.length, 1);
    assert.strictEqual(apis[0]!.name, "updateNetwork");
    assert.strictEqual(apis[0]!.isasync, true);
    const params = apis[0]!.params as Array<{ name: string; type: string; required: boolean }>;
    assert.deepStrictEqual(params.find((p) => p.name === "id"), {
      name: "id",
      description: "the ID of the network",
      type: "uuid",
      length: 255,
      required: true,
      related: "listNetworks",
    });
    assert.ok((apis[0]!.response as Array<{ name: string }>).some((f) => f.name === "networkcidr"));
    assert.ok(!params.some((p) => p.name === "hideipaddressusage"), "admin-only parameter shown to a user");
    const all = await rawCall(sim.endpoint, FAKE_KEYS.alice, "listApis");
    const names = (all.body.listapisresponse as { api: Array<{ name: string }> }).api.map((a) => a.name);
    assert.ok(names.includes("queryAsyncJobResult") && names.includes("listZones"));
    assert.ok(!names.includes("listProjects"), "a command without a handler is listed");
  });
});

async function start(sim: FakeSimulator, command: string, params: Record<string, string>): Promise<string> {
  const r = await rawCall(sim.endpoint, FAKE_KEYS.alice, command, params);
  assert.strictEqual(r.status, 200, JSON.stringify(r.body));
  return (r.body[`${command.toLowerCase()}response`] as { jobid: string }).jobid;
}

async function waitFor(sim: FakeSimulator, jobid: string): Promise<Job> {
  for (let i = 0; i < 400; i++) {
    const r = await rawCall(sim.endpoint, FAKE_KEYS.admin, "queryAsyncJobResult", { jobid });
    const job = r.body.queryasyncjobresultresponse as Job;
    if (job.jobstatus !== 0) return job;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`job ${jobid} never finished`);
}
