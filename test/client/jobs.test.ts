import { strict as assert } from "node:assert";
import { CloudStackClient, JobDeadlineError, JobFailedError } from "../../provider/client";
import { nextPollDelay } from "../../provider/client/poll-schedule";
import { startedForSuite } from "../fixture-hooks";
import { envelope, type Script } from "./scripted-server";
import { startScriptedClient } from "./scripted-client";

interface FakeJob {
  startedAt: number;
  durationMs: number;
  outcome: { status: 1 | 2; result: Record<string, unknown> };
  polls: number;
}

describe("client async jobs", () => {
  let client: CloudStackClient;
  const jobs = new Map<string, FakeJob>();
  let nextJob: Omit<FakeJob, "startedAt" | "polls"> & { createdId?: string } = {
    durationMs: 0,
    outcome: { status: 1, result: { success: true } },
  };

  // Starts a job per command; queryAsyncJobResult answers pending until the job's duration is over.
  const jobServer: Script = (req) => {
    const command = req.params.command!;
    if (command === "queryAsyncJobResult") {
      const job = jobs.get(req.params.jobid!)!;
      job.polls++;
      const done = Date.now() - job.startedAt >= job.durationMs;
      const fields = done
        ? { jobid: req.params.jobid, jobstatus: job.outcome.status, jobresultcode: job.outcome.status === 1 ? 0 : 530, jobresult: job.outcome.result }
        : { jobid: req.params.jobid, jobstatus: 0, jobprocstatus: 0, jobresultcode: 0 };
      return { body: envelope(command, { ...fields, cmd: "org.apache.cloudstack.api.command.user.network.RestartNetworkCmd" }) };
    }
    const jobid = `job-${jobs.size + 1}`;
    jobs.set(jobid, { ...nextJob, startedAt: Date.now(), polls: 0 });
    return { body: envelope(command, nextJob.createdId ? { id: nextJob.createdId, jobid } : { jobid }) };
  };
  startedForSuite(() => startScriptedClient(jobServer, { apiKey: "k-123456", secretKey: "s-1234567890" }), (started) => ({ client } = started));

  it("start() returns the job id, and the object id for async-create commands", async () => {
    nextJob = { durationMs: 0, outcome: { status: 1, result: { success: true } }, createdId: "ip-42" };
    const started = await client.start("associateIpAddress", { zoneid: "z1" });
    assert.deepEqual(started, { jobId: `job-${jobs.size}`, id: "ip-42" });
  });

  it("execute() waits for an async command and resolves to its jobresult, noticing a quick job quickly", async () => {
    const network = { id: "n1", name: "tier1", state: "Implemented" };
    nextJob = { durationMs: 120, outcome: { status: 1, result: { network } } };
    const began = Date.now();
    const result = await client.execute("restartNetwork", { id: "n1" });
    const took = Date.now() - began;
    assert.deepEqual(result, { network });
    const job = jobs.get(`job-${jobs.size}`)!;
    assert.ok(took >= 120 && took < 500, `a 120 ms job was noticed after ${took} ms`);
    assert.ok(job.polls >= 2 && job.polls <= 3, `${job.polls} polls for a 120 ms job`);
  });

  it("throws JobFailedError with the job's errorcode, cserrorcode, errortext and job id", async () => {
    const errortext = "Failed to create firewall rule: conflicts with rule 7";
    nextJob = { durationMs: 30, outcome: { status: 2, result: { errorcode: 537, cserrorcode: 4360, errortext } } };
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
    nextJob = { durationMs: 0, outcome: { status: 2, result: { errorcode: 530, errortext: "boom" } } };
    const { jobId } = await client.start("restartNetwork", { id: "n1" });
    const error = await client.waitForJob(jobId).catch((e: unknown) => e);
    assert.ok(error instanceof JobFailedError);
    assert.equal(error.command, "restartNetwork");
  });

  it("throws JobDeadlineError carrying job id and object id at the deadline, and waiting again resumes the job", async () => {
    nextJob = { durationMs: 900, outcome: { status: 1, result: { ipaddress: { id: "ip-7" } } }, createdId: "ip-7" };
    const began = Date.now();
    const error = await client.execute("associateIpAddress", { zoneid: "z1" }, { deadlineMs: 300 }).catch((e: unknown) => e);
    const took = Date.now() - began;
    assert.ok(error instanceof JobDeadlineError);
    const jobId = `job-${jobs.size}`;
    assert.equal(error.jobId, jobId);
    assert.equal(error.objectId, "ip-7");
    assert.equal(error.command, "associateIpAddress");
    assert.equal(error.deadlineMs, 300);
    assert.ok(took >= 300 && took < 700, `gave up after ${took} ms`);
    assert.match(error.message, new RegExp(`job ${jobId} for object ip-7 .*still running in CloudStack`));
    assert.match(error.message, /waiting again on job .* resumes it instead of creating a duplicate/i);

    const startsBefore = jobs.size;
    assert.deepEqual(await client.waitForJob(jobId, { command: "associateIpAddress", objectId: "ip-7" }), { ipaddress: { id: "ip-7" } });
    assert.equal(jobs.size, startsBefore, "no new job was started");
  });

  it("counts polls in stats", async () => {
    const before = { ...client.stats };
    nextJob = { durationMs: 0, outcome: { status: 1, result: { success: true } } };
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
