// Job waiting: how soon waitForJob notices that a CloudStack job finished, and how many poll
// requests that costs, beside each job polled on its own with the same schedule (this client
// before the shared poller), go-cloudstack's schedule (poll at once, then sleep 1, 2, 3 ... 15 s,
// as Terraform's provider does for every job) and python-cs's (poll at once, then every 2 s) on
// the same jobs. A local server in this process answers queryAsyncJobResult and listAsyncJobs
// (the caller's jobs, `startdate`, paging) like CloudStack for jobs that finish at known times;
// each schedule runs as its own account; signatures are not checked, since only waiting is
// measured here.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { CloudStackClient } from "../provider/client";
import { formatCloudStackTime, parseCloudStackTime } from "../provider/client/cloudstack-time";
import { nextPollDelay } from "../provider/client/poll-schedule";
import { runAsScript } from "./results-file";

const JOBS = 200;
const SHORTEST_MS = 100;
const LONGEST_MS = 10_000;
/** Job starts are spread over this window so 200 waiters do not all poll in the same millisecond. */
const START_WINDOW_MS = 3_000;
const CONCURRENT_JOBS = 200;
const CONCURRENT_JOB_MS = 10_000;
const CONCURRENT_START_MS = 1_000;
const MAX_POLLS_PER_SECOND = 10;

interface BenchJob {
  jobid: string;
  account: string;
  startedAt: number;
  /** Wall-clock creation time, as `created` shows it. */
  createdMs: number;
  durationMs: number;
}

const json = (value: unknown): string => JSON.stringify(value);

class JobServer {
  private readonly jobs = new Map<string, BenchJob>();
  private readonly server: Server;
  private nextId = 1;
  /** Poll requests (queryAsyncJobResult and listAsyncJobs) by account, with their times. */
  readonly polls = new Map<string, number[]>();

  constructor() {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => this.answer(new URLSearchParams(`${(req.url ?? "").split("?")[1] ?? ""}&${body}`), res));
    });
  }

  private answer(query: URLSearchParams, res: ServerResponse): void {
    {
      const account = query.get("apiKey") ?? "";
      const command = query.get("command");
      res.setHeader("content-type", "application/json; charset=UTF-8");
      if (command === "queryAsyncJobResult" || command === "listAsyncJobs") {
        const times = this.polls.get(account) ?? [];
        times.push(performance.now());
        this.polls.set(account, times);
      }
      if (command === "listAsyncJobs") {
        res.end(json({ listasyncjobsresponse: this.list(account, query) }));
        return;
      }
      // A job of the given duration (in `id`), under the customjobid the client sent.
      if (command === "restartNetwork") {
        const jobId = query.get("customjobid") ?? `bench-job-${this.nextId++}`;
        this.jobs.set(jobId, { jobid: jobId, account, startedAt: performance.now(), createdMs: Date.now(), durationMs: Number(query.get("id")) });
        res.end(json({ restartnetworkresponse: { jobid: jobId } }));
        return;
      }
      const job = this.jobs.get(query.get("jobid") ?? "");
      if (command !== "queryAsyncJobResult" || !job) {
        res.statusCode = 431;
        res.end(json({ errorresponse: { uuidList: [], errorcode: 431, cserrorcode: 4350, errortext: "Unable to find job" } }));
        return;
      }
      res.end(json({ queryasyncjobresultresponse: this.view(job) }));
    }
  }

  /** The caller's jobs created at or after startdate, in creation order, one page. */
  private list(account: string, query: URLSearchParams): Record<string, unknown> {
    const since = parseCloudStackTime(query.get("startdate") ?? undefined) ?? -Infinity;
    const mine = [...this.jobs.values()].filter((job) => job.account === account && job.createdMs >= since);
    const size = Number(query.get("pagesize") ?? 500);
    const page = Number(query.get("page") ?? 1);
    const items = mine.slice((page - 1) * size, page * size).map((job) => this.view(job));
    return items.length === 0 ? {} : { count: mine.length, asyncjobs: items };
  }

  private view(job: BenchJob): Record<string, unknown> {
    const done = performance.now() >= job.startedAt + job.durationMs;
    const fields = done
      ? { jobstatus: 1, jobprocstatus: 0, jobresultcode: 0, jobresulttype: "object", jobresult: { success: true } }
      : { jobstatus: 0, jobprocstatus: 0, jobresultcode: 0 };
    return { jobid: job.jobid, cmd: "org.apache.cloudstack.api.command.user.network.RestartNetworkCmd", created: formatCloudStackTime(job.createdMs), ...fields };
  }

  async listen(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, "127.0.0.1", done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/client/api`;
  }

  job(jobId: string): BenchJob {
    return this.jobs.get(jobId)!;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Replays a fixed sleep schedule with plain queryAsyncJobResult calls. */
async function replaySchedule(client: CloudStackClient, jobId: string, sleepBeforePoll: (pollIndex: number) => number): Promise<void> {
  for (let pollIndex = 0; ; pollIndex++) {
    await sleep(sleepBeforePoll(pollIndex));
    const answer = await client.request("queryAsyncJobResult", { jobid: jobId });
    if (answer.jobstatus !== 0) return;
  }
}

interface Strategy {
  label: string;
  wait: (client: CloudStackClient, jobId: string) => Promise<unknown>;
}

/** The wait before each poll on this client's schedule, from the previous waits. */
function ownSchedule(): (pollIndex: number) => number {
  let delay: number | undefined;
  let elapsed = 0;
  return () => {
    delay = nextPollDelay(delay, elapsed);
    elapsed += delay;
    return delay;
  };
}

const STRATEGIES: ReadonlyArray<Strategy> = [
  { label: "this client (waitForJob, one poller per account)", wait: (client, jobId) => client.waitForJob(jobId) },
  { label: "each job polled on its own, same schedule (this client before)", wait: (client, jobId) => replaySchedule(client, jobId, ownSchedule()) },
  { label: "go-cloudstack (0, then +1, +2 ... +15 s)", wait: (client, jobId) => replaySchedule(client, jobId, (i) => Math.min(i, 15) * 1000) },
  { label: "python-cs (0, then every 2 s)", wait: (client, jobId) => replaySchedule(client, jobId, (i) => (i === 0 ? 0 : 2000)) },
];

interface Outcome {
  durationMs: number;
  delayMs: number;
}

/** Durations evenly spread over [0.1 s, 10 s], in a fixed shuffled order so starts mix short and long jobs. */
function jobDurations(): number[] {
  const durations = Array.from({ length: JOBS }, (_, i) => SHORTEST_MS + ((LONGEST_MS - SHORTEST_MS) * i) / (JOBS - 1));
  let seed = 20261127;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = durations.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [durations[i], durations[j]] = [durations[j]!, durations[i]!];
  }
  return durations;
}

async function runStrategy(
  server: JobServer,
  client: CloudStackClient,
  strategy: Strategy,
  durations: ReadonlyArray<number>,
  startWindowMs: number,
): Promise<Outcome[]> {
  return Promise.all(
    durations.map(async (durationMs, index) => {
      await sleep((startWindowMs * index) / durations.length);
      const { jobId } = await client.start("restartNetwork", { id: String(durationMs) });
      const job = server.job(jobId);
      await strategy.wait(client, jobId);
      const noticedAt = performance.now();
      return { durationMs, delayMs: noticedAt - (job.startedAt + job.durationMs) };
    }),
  );
}

/** Nearest-rank percentile. */
function percentile(values: ReadonlyArray<number>, p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const medianAllowance = (durationMs: number) => Math.max(100, 0.1 * durationMs);
const p90Allowance = (durationMs: number) => Math.max(250, 0.25 * durationMs);
const pollBudget = (durationMs: number) => 4 + (1.5 * durationMs) / 1000;

interface Summary {
  label: string;
  medianDelay: number;
  p90Delay: number;
  maxDelay: number;
  /** Poll requests of the account (queryAsyncJobResult and listAsyncJobs) per job. */
  pollsPerJob: number;
  /** Poll requests per second: mean over the run, and the most in any one second. */
  meanRate: number;
  peakRate: number;
  medianRatio: number;
  p90Ratio: number;
  /** The account's poll requests within the sum of the jobs' poll budgets. */
  withinBudget: boolean;
}

/** The most of `times` (ms) in any span of one second. */
function peakPerSecond(times: ReadonlyArray<number>): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

function summarize(label: string, outcomes: ReadonlyArray<Outcome>, pollTimes: ReadonlyArray<number>): Summary {
  const delays = outcomes.map((o) => o.delayMs);
  const spanS = pollTimes.length < 2 ? 1 : (Math.max(...pollTimes) - Math.min(...pollTimes)) / 1000;
  return {
    label,
    medianDelay: percentile(delays, 0.5),
    p90Delay: percentile(delays, 0.9),
    maxDelay: Math.max(...delays),
    pollsPerJob: pollTimes.length / outcomes.length,
    meanRate: pollTimes.length / spanS,
    peakRate: peakPerSecond(pollTimes),
    medianRatio: percentile(outcomes.map((o) => o.delayMs / medianAllowance(o.durationMs)), 0.5),
    p90Ratio: percentile(outcomes.map((o) => o.delayMs / p90Allowance(o.durationMs)), 0.9),
    withinBudget: pollTimes.length <= outcomes.reduce((sum, o) => sum + pollBudget(o.durationMs), 0),
  };
}

const ms = (value: number) => `${Math.round(value)} ms`;

function table(summaries: ReadonlyArray<Summary>): string {
  const rows = summaries.map((s) =>
    [
      s.label,
      ms(s.medianDelay),
      ms(s.p90Delay),
      ms(s.maxDelay),
      s.pollsPerJob.toFixed(1),
      `${s.meanRate.toFixed(1)} (${s.peakRate})`,
      s.medianRatio.toFixed(2),
      s.p90Ratio.toFixed(2),
      s.withinBudget ? "yes" : "no",
    ].join(" | "),
  );
  return [
    "| schedule | median delay | p90 delay | max delay | poll requests per job | poll requests/s mean (peak in 1 s) | median delay / allowance (a) | p90 delay / allowance (b) | polls within budget (c) |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}

const check = (met: boolean) => (met ? "met" : "NOT met");

function targets(ours: Summary): string {
  return [
    `- (a) per job, delay / max(100 ms, 10% of job time); target median <= 1: ${check(ours.medianRatio <= 1)} (${ours.medianRatio.toFixed(2)})`,
    `- (b) per job, delay / max(250 ms, 25% of job time); target p90 <= 1: ${check(ours.p90Ratio <= 1)} (${ours.p90Ratio.toFixed(2)})`,
    `- (c) the account's poll requests <= the sum over its jobs of 4 + 1.5 per second of job time: ${check(ours.withinBudget)} (${ours.pollsPerJob.toFixed(1)} per job)`,
  ].join("\n");
}

/** Every schedule over the same jobs, each as its own account on its own client, at the same time. */
async function runScenario(durations: ReadonlyArray<number>, startWindowMs: number): Promise<Summary[]> {
  const server = new JobServer();
  const url = await server.listen();
  const accounts = STRATEGIES.map((_, i) => `bench-account-${i}-${process.pid}-${Date.now()}`);
  const clients = accounts.map((apiKey) => new CloudStackClient({ apiUrl: url, apiKey, secretKey: "bench-secret-key" }));
  try {
    const outcomes = await Promise.all(STRATEGIES.map((strategy, i) => runStrategy(server, clients[i]!, strategy, durations, startWindowMs)));
    return STRATEGIES.map((strategy, i) => summarize(strategy.label, outcomes[i]!, server.polls.get(accounts[i]!) ?? []));
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
  }
}

/** The jobs of mixed durations, then 200 concurrent 10 s jobs; markdown with the targets. */
export async function runJobWaitBench(): Promise<string> {
  const mixed = await runScenario(jobDurations(), START_WINDOW_MS);
  const concurrent = await runScenario(
    Array.from({ length: CONCURRENT_JOBS }, () => CONCURRENT_JOB_MS),
    CONCURRENT_START_MS,
  );
  const ours = concurrent[0]!;
  return [
    `### ${JOBS} jobs of 0.1-10 s`,
    "",
    `Durations evenly spread over 0.1-10 s, started over ${START_WINDOW_MS / 1000} s. Delay: time from a job's end to the moment the waiter has the answer.`,
    "",
    table(mixed),
    "",
    targets(mixed[0]!),
    "",
    `### ${CONCURRENT_JOBS} concurrent ${CONCURRENT_JOB_MS / 1000} s jobs`,
    "",
    `Started over ${CONCURRENT_START_MS / 1000} s.`,
    "",
    table(concurrent),
    "",
    `- poll requests per second in total, target <= ${MAX_POLLS_PER_SECOND}: ${check(ours.peakRate <= MAX_POLLS_PER_SECOND)} (peak ${ours.peakRate} in any second, mean ${ours.meanRate.toFixed(1)})`,
    `- median delay / allowance <= 1: ${check(ours.medianRatio <= 1)} (${ours.medianRatio.toFixed(2)}, median delay ${ms(ours.medianDelay)})`,
  ].join("\n");
}

export const JOB_WAIT_HEADING = "## Job waiting";

/** The table with how it was measured, as recorded in bench/RESULTS.md. */
export async function jobWaitSection(): Promise<string> {
  const began = performance.now();
  const markdown = await runJobWaitBench();
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`;
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; \`node dist/bench/job-wait.js\`, ${seconds} s.`,
    "Each schedule runs at the same time as the others, as its own account on its own client (maxInFlight 8), against a",
    "local server answering queryAsyncJobResult and listAsyncJobs like CloudStack. \"Each job polled on its own\" replays",
    "this client's schedule with one queryAsyncJobResult per job, as it polled before the shared poller; go-cloudstack's",
    "schedule is what Terraform's provider runs for every job.",
    "",
    markdown,
  ].join("\n");
}

if (require.main === module) {
  runAsScript(JOB_WAIT_HEADING, jobWaitSection);
}
