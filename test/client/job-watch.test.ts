// The account's shared job watcher, on a fake clock against a fake CloudStack job table: one
// request per poll round for all due waits, finished jobs handed over early, fallbacks to
// queryAsyncJobResult, failing polls, and look-ups by customjobid served by one listing.
import { strict as assert } from "node:assert";
import { CloudStackApiError } from "../../provider/client";
import { formatCloudStackTime, parseCloudStackTime } from "../../provider/client/cloudstack-time";
import { JobWatch, type JobChannel, type JobRecord } from "../../provider/client/job-watch";
import { nextPollDelay } from "../../provider/client/poll-schedule";
import { FakeClock, settle } from "./fake-clock";

/** The server's clock runs this far ahead of the local one. */
const SERVER_AHEAD_MS = 5_000;

interface FakeJob {
  jobid: string;
  createdMs: number;
  finishesAt: number;
  /** Another account's job: listAsyncJobs (the caller's own jobs) does not show it. */
  foreign?: boolean;
}

class FakeJobs implements JobChannel {
  readonly jobs: FakeJob[] = [];
  readonly calls: Array<{ kind: "query" | "list"; jobId?: string; params?: Record<string, unknown> }> = [];
  failListing: unknown;

  constructor(private readonly clock: FakeClock) {}

  /** A job started now; answers at local +20 ms; created in the server's clock. */
  start(jobid: string, runsMs: number, extra: Partial<FakeJob> = {}): FakeJob {
    const job = { jobid, createdMs: this.clock.now() + 10 + SERVER_AHEAD_MS, finishesAt: this.clock.now() + runsMs, ...extra };
    this.jobs.push(job);
    return job;
  }

  record(job: FakeJob): JobRecord {
    const done = this.clock.now() >= job.finishesAt;
    return { jobid: job.jobid, jobstatus: done ? 1 : 0, created: formatCloudStackTime(job.createdMs), ...(done ? { jobresult: { success: true } } : {}) };
  }

  async query(jobId: string): Promise<JobRecord> {
    this.calls.push({ kind: "query", jobId });
    const job = this.jobs.find((j) => j.jobid === jobId);
    if (!job) throw new CloudStackApiError({ status: 431, errorcode: 431, command: "queryAsyncJobResult", errortext: `Invalid parameter jobid value=${jobId}` });
    return this.record(job);
  }

  async listPage(params: { page: number; pagesize: number; startdate?: string }): Promise<{ items: JobRecord[]; count?: number }> {
    this.calls.push({ kind: "list", params });
    if (this.failListing !== undefined) throw this.failListing;
    const since = params.startdate === undefined ? -Infinity : parseCloudStackTime(params.startdate)!;
    const mine = this.jobs.filter((j) => !j.foreign && j.createdMs >= since);
    const page = mine.slice((params.page - 1) * params.pagesize, params.page * params.pagesize).map((j) => this.record(j));
    return { items: page, count: mine.length };
  }

  count(kind: "query" | "list"): number {
    return this.calls.filter((c) => c.kind === kind).length;
  }
}

/** A wait as waitForJobResult runs it, on the fake clock. */
async function follow(clock: FakeClock, watch: JobWatch, jobId: string, channel: JobChannel): Promise<JobRecord> {
  const started = clock.now();
  let delay: number | undefined;
  for (;;) {
    const elapsed = clock.now() - started;
    delay = nextPollDelay(delay, elapsed);
    const job = await watch.observe(jobId, started + elapsed + delay, channel);
    if (job.jobstatus !== 0) return job;
  }
}

describe("client job watcher (shared per account)", () => {
  let clock: FakeClock;
  let server: FakeJobs;
  let watch: JobWatch;

  beforeEach(() => {
    clock = new FakeClock();
    server = new FakeJobs(clock);
    watch = new JobWatch(clock);
  });

  /** Starts jobs as the client does: the start is recorded with the command's send and answer times. */
  const startJobs = (count: number, runsMs: (i: number) => number, prefix = "job"): string[] =>
    Array.from({ length: count }, (_, i) => {
      const jobid = `${prefix}-${i}`;
      server.start(jobid, runsMs(i));
      watch.started(jobid, clock.now(), clock.now() + 20);
      return jobid;
    });

  it("answers all due waits with one request per poll round once a job taught it the server's clock", async () => {
    // They end together, so no round is left with a single job (which is asked for alone).
    const ids = startJobs(60, () => 2_000);
    await clock.advance(20);
    const waits = ids.map((id) => follow(clock, watch, id, server));
    const outcomes: JobRecord[] = [];
    void Promise.all(waits).then((done) => outcomes.push(...done));
    for (let t = 0; t < 8_000 && outcomes.length === 0; t += 25) await clock.advance(25);
    assert.equal(outcomes.length, 60);
    assert.ok(outcomes.every((job) => job.jobstatus === 1));
    // One queryAsyncJobResult taught the clock; every round, that one included, sent one listing
    // (a round with one due job lists too, as the listing also answers the other recent jobs).
    assert.equal(server.count("query"), 1, JSON.stringify(server.calls.filter((c) => c.kind === "query")));
    assert.equal(server.count("list"), watch.stats.ticks);
    assert.ok(watch.stats.ticks < 60, `${watch.stats.ticks} poll rounds for 60 jobs`);
    // The listings start no later than the jobs' creation, and at most 3 s before it (a second of
    // margin, whole seconds in `created` and in `startdate`, the round trip of the start).
    const earliest = Math.min(...server.jobs.map((j) => j.createdMs));
    for (const call of server.calls.filter((c) => c.kind === "list")) {
      const since = parseCloudStackTime(call.params!.startdate)!;
      assert.ok(since <= earliest && since >= earliest - 3_000, `startdate ${String(call.params!.startdate)}`);
    }
  });

  it("hands a finished job to its wait at the next poll round, before the wait is due", async () => {
    const [early, ...others] = startJobs(3, (i) => (i === 0 ? 300 : 60_000));
    await clock.advance(20);
    let seen: JobRecord | undefined;
    void watch.observe(early!, clock.now() + 5_000, server).then((job) => (seen = job));
    for (const id of others) void follow(clock, watch, id, server);
    await clock.advance(1_000);
    assert.equal(seen?.jobstatus, 1, "the finished job waited for its own due time");
    assert.equal(server.calls.filter((c) => c.kind === "query" && c.jobId === early).length, 0, "it was asked for alone");
  });

  it("asks for a job the listing does not show with queryAsyncJobResult, and for it alone from then on", async () => {
    const ids = startJobs(3, () => 60_000);
    server.start("foreign", 60_000, { foreign: true });
    watch.started("foreign", clock.now(), clock.now() + 20);
    await clock.advance(20);
    for (const id of [...ids, "foreign"]) void follow(clock, watch, id, server);
    await clock.advance(700);
    const foreignQueries = server.calls.filter((c) => c.kind === "query" && c.jobId === "foreign").length;
    const listings = server.count("list");
    assert.ok(listings >= 2, `${listings} listings`);
    // Asked for in the round whose listing missed it and in every round after that.
    assert.ok(foreignQueries >= listings - 1, `${foreignQueries} queries of the unlisted job for ${listings} listings`);
    assert.equal(server.calls.filter((c) => c.kind === "query" && c.jobId !== "foreign").length, 1, "only the teaching query for the others");
  });

  it("ends the due waits with the listing's error when it fails, as a failing poll; waits not due go on", async () => {
    const ids = startJobs(4, () => 60_000);
    await clock.advance(20);
    // Teach the clock first, with the listing still working.
    const warmup = ids.slice(0, 2).map((id) => watch.observe(id, clock.now() + 50, server));
    await clock.advance(200);
    await Promise.all(warmup);
    const broken = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    server.failListing = broken;
    const failures: unknown[] = [];
    for (const id of ids.slice(0, 2)) watch.observe(id, clock.now() + 50, server).catch((e: unknown) => failures.push(e));
    const later: { job?: JobRecord } = {};
    void watch.observe(ids[2]!, clock.now() + 3_000, server).then((job) => (later.job = job));
    await clock.advance(200);
    assert.deepEqual(failures, [broken, broken]);
    const laterJob = (): JobRecord | undefined => later.job;
    assert.equal(laterJob(), undefined);
    server.failListing = undefined;
    await clock.advance(3_000);
    assert.equal(laterJob()?.jobstatus, 0, "the wait that was not due got its answer once due");
  });

  it("asks for every job alone once the account may not list jobs", async () => {
    const ids = startJobs(3, () => 400);
    server.failListing = new CloudStackApiError({
      status: 401,
      errorcode: 401,
      command: "listAsyncJobs",
      errortext: "The given command 'listAsyncJobs' either does not exist, is not available for user.",
    });
    await clock.advance(20);
    const done: JobRecord[] = [];
    for (const id of ids) void follow(clock, watch, id, server).then((job) => done.push(job));
    await clock.advance(2_000);
    assert.equal(done.length, 3);
    assert.equal(server.count("list"), 1, "listAsyncJobs was tried again after the refusal");
    assert.ok(server.count("query") >= 3);
  });

  describe("look-ups by customjobid", () => {
    it("lists the account's jobs once; an id neither listed then nor sent since by this process does not exist, with no request of its own", async () => {
      server.start("made-earlier", 0);
      const first = Promise.all(["never-sent-1", "never-sent-2"].map((id) => watch.find(id, server)));
      await clock.advance(20);
      assert.deepEqual(await first, [undefined, undefined]);
      assert.deepEqual(server.calls.map((c) => c.kind), ["list"]);
      assert.equal(server.calls[0]!.params!.startdate, undefined, "an earlier run's job can be old: no startdate");

      // Later look-ups of ids this process never sent: answered by that listing.
      const later = Promise.all(["never-sent-3", "never-sent-4", "never-sent-5"].map((id) => watch.find(id, server)));
      await clock.advance(20);
      assert.deepEqual(await later, [undefined, undefined, undefined]);
      assert.deepEqual(server.calls.map((c) => c.kind), ["list"]);
    });

    it("asks CloudStack for a job the listing showed and for one this process sent", async () => {
      server.start("made-earlier", 0);
      const earlier = watch.find("made-earlier", server);
      await clock.advance(20);
      await settle();
      assert.equal((await earlier)?.jobstatus, 1);
      assert.deepEqual(server.calls.map((c) => c.kind), ["list", "query"]);

      // Sent after the listing: the listing cannot tell, so CloudStack is asked.
      watch.sending("sent-here");
      server.start("sent-here", 60_000);
      const sent = watch.find("sent-here", server);
      await clock.advance(20);
      await settle();
      assert.equal((await sent)?.jobstatus, 0);
      assert.deepEqual(server.calls.map((c) => c.kind), ["list", "query", "query"]);

      // A resend's look-up of an id sent but never run: asked, and absent.
      watch.sending("sent-lost");
      const lost = watch.find("sent-lost", server);
      await clock.advance(20);
      await settle();
      assert.equal(await lost, undefined);
      assert.deepEqual(server.calls.map((c) => c.kind), ["list", "query", "query", "query"]);
    });

    it("asks for each look-up once the account holds more jobs than 4 pages", async () => {
      for (let i = 0; i < 4 * 500 + 1; i++) server.start(`old-${i}`, 0);
      const answers = Promise.all([watch.find("old-3", server), watch.find("missing", server)]);
      await clock.advance(20);
      await settle();
      const [found, missing] = await answers;
      assert.equal(found?.jobid, "old-3");
      assert.equal(missing, undefined);
      assert.deepEqual(server.calls.map((c) => c.kind), ["list", "list", "list", "list", "query", "query"], "4 pages listed, then each look-up asked alone");
      assert.deepEqual(server.calls.slice(0, 4).map((c) => c.params!.page), [1, 2, 3, 4]);
    });

    it("serves look-ups arriving together with one listing once it asks, and a lone one with queryAsyncJobResult", async () => {
      server.failListing = new CloudStackApiError({ status: 530, errorcode: 530, command: "listAsyncJobs", errortext: "internal error" });
      const lone = watch.find("alone", server);
      await clock.advance(20);
      await settle();
      assert.equal(await lone, undefined);
      assert.deepEqual(server.calls.map((c) => c.kind), ["list", "query"], "the failed listing is not trusted: the look-up asks");
      server.failListing = undefined;
      for (const id of ["sent-a", "sent-b"]) {
        watch.sending(id);
        server.start(id, 0);
      }
      const together = Promise.all(["sent-a", "sent-b", "sent-c"].map((id) => (watch.sending(id), watch.find(id, server))));
      await clock.advance(20);
      await settle();
      assert.deepEqual((await together).map((job) => job?.jobid), ["sent-a", "sent-b", undefined]);
      assert.deepEqual(server.calls.slice(2).map((c) => c.kind), ["list"], "ids sent here skip the earlier jobs' listing: one listing answers the three");
    });
  });
});
