import { strict as assert } from "node:assert";
import { CloudStackClient, describeProgress, JobDeadlineError, JobFailedError, type JobProgress } from "../../provider/client";
import { waitForJobResult } from "../../provider/client/jobs";
import { nextPollDelay } from "../../provider/client/poll-schedule";
import { startedForSuite } from "../support/fixture-hooks";
import { envelope, type Script } from "./scripted-server";
import { startScriptedClient } from "./scripted-client";

interface FakeJob {
  /** How many polls are answered "pending" before the outcome; counted, not timed, so load cannot change it. */
  pendingPolls: number;
  outcome: { status: 1 | 2; result: Record<string, unknown> };
  polls: number;
}

/** When the poll schedule polls, in ms from the start, up to `untilMs`. */
function pollTimes(untilMs: number): number[] {
  const times: number[] = [];
  let gap: number | undefined;
  for (let at = 0; ; ) {
    gap = nextPollDelay(gap, at);
    if (at + gap > untilMs) return times;
    at += gap;
    times.push(at);
  }
}

describe("client async jobs", () => {
  let client: CloudStackClient;
  const jobs = new Map<string, FakeJob>();
  let nextJob: Omit<FakeJob, "polls"> & { createdId?: string } = {
    pendingPolls: 0,
    outcome: { status: 1, result: { success: true } },
  };

  // Starts a job per command; queryAsyncJobResult answers pending for the job's first pendingPolls polls.
  const jobServer: Script = (req) => {
    const command = req.params.command!;
    if (command === "queryAsyncJobResult") {
      const job = jobs.get(req.params.jobid!)!;
      job.polls++;
      const done = job.polls > job.pendingPolls;
      const fields = done
        ? { jobid: req.params.jobid, jobstatus: job.outcome.status, jobresultcode: job.outcome.status === 1 ? 0 : 530, jobresult: job.outcome.result }
        : { jobid: req.params.jobid, jobstatus: 0, jobprocstatus: 0, jobresultcode: 0 };
      return { body: envelope(command, { ...fields, cmd: "org.apache.cloudstack.api.command.user.network.RestartNetworkCmd" }) };
    }
    const jobid = `job-${jobs.size + 1}`;
    jobs.set(jobid, { ...nextJob, polls: 0 });
    return { body: envelope(command, nextJob.createdId ? { id: nextJob.createdId, jobid } : { jobid }) };
  };
  startedForSuite(() => startScriptedClient(jobServer, { apiKey: "k-123456", secretKey: "s-1234567890" }), (started) => ({ client } = started));

  it("start() returns the job id, and the object id for async-create commands", async () => {
    nextJob = { pendingPolls: 0, outcome: { status: 1, result: { success: true } }, createdId: "ip-42" };
    const started = await client.start("associateIpAddress", { zoneid: "z1" });
    assert.deepEqual(started, { jobId: `job-${jobs.size}`, id: "ip-42" });
  });

  // How soon a quick job is noticed is the poll schedule's (first poll at 50 ms, three in the
  // first 700 ms: "client poll schedule" below); here, that the wait polls on until the job ends.
  it("execute() waits for an async command, polling until the job ends, and resolves to its jobresult", async () => {
    const network = { id: "n1", name: "tier1", state: "Implemented" };
    nextJob = { pendingPolls: 2, outcome: { status: 1, result: { network } } };
    const result = await client.execute("restartNetwork", { id: "n1" });
    assert.deepEqual(result, { network });
    const job = jobs.get(`job-${jobs.size}`)!;
    assert.equal(job.polls, 3, "two pending answers, then the result: no poll more");
  });

  it("throws JobFailedError with the job's errorcode, cserrorcode, errortext and job id", async () => {
    const errortext = "Failed to create firewall rule: conflicts with rule 7";
    nextJob = { pendingPolls: 1, outcome: { status: 2, result: { errorcode: 537, cserrorcode: 4360, errortext } } };
    const error = await client.execute("createFirewallRule", { ipaddressid: "ip-1" }).catch((e: unknown) => e);
    assert.ok(error instanceof JobFailedError);
    assert.equal(error.jobId, `job-${jobs.size}`);
    assert.equal(error.errorcode, 537);
    assert.equal(error.cserrorcode, 4360);
    assert.equal(error.errortext, errortext);
    assert.equal(error.command, "createFirewallRule");
    assert.match(error.message, /^CloudStack createFirewallRule failed \(537, cserrorcode 4360\): Failed to create firewall rule: conflicts with rule 7\. .*network rule/);
    assert.match(error.message, new RegExp(`job ${error.jobId}`));
  });

  it("names the command from the job's class when waitForJob is called on its own", async () => {
    nextJob = { pendingPolls: 0, outcome: { status: 2, result: { errorcode: 530, errortext: "boom" } } };
    const { jobId } = await client.start("restartNetwork", { id: "n1" });
    const error = await client.waitForJob(jobId).catch((e: unknown) => e);
    assert.ok(error instanceof JobFailedError);
    assert.equal(error.command, "restartNetwork");
  });

  it("throws JobDeadlineError carrying job id and object id at the deadline, and waiting again resumes the job", async () => {
    // The job stays pending until the test lets it end, after the deadline error.
    nextJob = { pendingPolls: Infinity, outcome: { status: 1, result: { ipaddress: { id: "ip-7" } } }, createdId: "ip-7" };
    const error = await client.execute("associateIpAddress", { zoneid: "z1" }, { deadlineMs: 300 }).catch((e: unknown) => e);
    assert.ok(error instanceof JobDeadlineError);
    const jobId = `job-${jobs.size}`;
    const job = jobs.get(jobId)!;
    assert.equal(error.jobId, jobId);
    assert.equal(error.objectId, "ip-7");
    assert.equal(error.command, "associateIpAddress");
    assert.equal(error.deadlineMs, 300);
    // It stopped polling at the deadline: no more polls than the schedule fits into 300 ms, the
    // last one cut short to end at the deadline (a slow machine only makes fewer).
    const fitting = pollTimes(300).length + 1;
    assert.ok(job.polls >= 1 && job.polls <= fitting, `${job.polls} polls before a 300 ms deadline, at most ${fitting}`);
    assert.match(error.message, new RegExp(`job ${jobId} for object ip-7 .*still running in CloudStack`));
    assert.match(error.message, /waiting again on job .* resumes it instead of creating a duplicate/i);

    job.pendingPolls = 0;
    const startsBefore = jobs.size;
    assert.deepEqual(await client.waitForJob(jobId, { command: "associateIpAddress", objectId: "ip-7" }), { ipaddress: { id: "ip-7" } });
    assert.equal(jobs.size, startsBefore, "no new job was started");
  });

  it("counts polls in stats", async () => {
    const before = { ...client.stats };
    nextJob = { pendingPolls: 0, outcome: { status: 1, result: { success: true } } };
    await client.execute("restartNetwork", { id: "n1" });
    assert.equal(client.stats.polls - before.polls, 1);
    assert.equal(client.stats.requests - before.requests, 2);
  });
});

describe("client poll schedule", () => {
  const schedule = (untilMs: number): Array<{ at: number; gap: number }> => {
    const polls: Array<{ at: number; gap: number }> = [];
    let elapsed = 0;
    let gap: number | undefined;
    while (elapsed < untilMs) {
      gap = nextPollDelay(gap, elapsed);
      elapsed += gap;
      polls.push({ at: elapsed, gap });
    }
    return polls;
  };

  it("polls first after 50 ms and three times within the first 700 ms", () => {
    const polls = schedule(700);
    assert.equal(polls[0]!.at, 50);
    assert.equal(polls.filter((p) => p.at <= 700).length, 3);
  });

  it("keeps each gap within 15% of elapsed time once past 4 s, and never above 2 s", () => {
    for (const { at, gap } of schedule(120_000)) {
      assert.ok(gap <= 2_000, `gap ${gap} at ${at}`);
      const waited = at - gap;
      if (waited >= 4_000 && waited <= 13_000) assert.ok(gap <= 0.15 * waited + 1, `gap ${gap} after ${waited} ms`);
    }
    const late = schedule(120_000).filter((p) => p.at > 60_000);
    assert.ok(late.every((p) => p.gap === 2_000));
  });

  it("stays within 4 + 1.5 polls per second of job for jobs up to 10 minutes", () => {
    const polls = schedule(600_000);
    for (let job = 100; job <= 600_000; job += 50) {
      const needed = polls.findIndex((p) => p.at >= job) + 1;
      assert.ok(needed <= 4 + (1.5 * job) / 1000, `${needed} polls for a ${job} ms job`);
    }
  });
});

describe("client job progress", () => {
  it("reports a job still pending after `afterMs`, then at most every `everyMs`, naming command, job and object", async () => {
    const reports: JobProgress[] = [];
    let polls = 0;
    const result = await waitForJobResult(
      async () => {
        polls++;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return polls < 25 ? { jobstatus: 0 } : { jobstatus: 1, jobresult: { success: true } };
      },
      { jobId: "job-1", objectId: "net-1", command: "createNetwork", deadlineMs: 60_000, clean: (t) => t, onProgress: (p) => reports.push(p), progressTiming: { afterMs: 40, everyMs: 80 } },
    );
    assert.deepEqual(result, { success: true });
    assert.ok(reports.length >= 1, "a job pending past afterMs is reported");
    assert.ok(reports.every((r) => r.command === "createNetwork" && r.jobId === "job-1" && r.objectId === "net-1"));
    assert.ok(reports[0]!.elapsedMs >= 40);
    for (let i = 1; i < reports.length; i++) assert.ok(reports[i]!.elapsedMs - reports[i - 1]!.elapsedMs >= 80, "reports are spaced by everyMs");
    assert.ok(reports.length < polls, "not a report per poll");
    assert.equal(describeProgress({ command: "createNetwork", jobId: "job-1", objectId: "net-1", elapsedMs: 12_400 }), "createNetwork (job job-1, object net-1) still running after 12 s");
  });

  it("reports nothing for a job that ends before `afterMs`", async () => {
    const reports: JobProgress[] = [];
    await waitForJobResult(async () => ({ jobstatus: 1, jobresult: {} }), { jobId: "quick", deadlineMs: 60_000, clean: (t) => t, onProgress: (p) => reports.push(p) });
    assert.deepEqual(reports, []);
  });
});
