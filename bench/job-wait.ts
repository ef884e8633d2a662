// Job waiting: how soon waitForJob notices that a CloudStack job finished, and how many
// queryAsyncJobResult polls that costs, beside the schedules of go-cloudstack (poll at once,
// then sleep 1, 2, 3 ... 15 s) and python-cs (poll at once, then every 2 s) on the same jobs.
// A local server in this process answers queryAsyncJobResult like CloudStack for jobs that
// finish at known times; it does not check signatures, since only waiting is measured here.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { CloudStackClient } from "../provider/client";
import { runAsScript } from "./results-file";

const JOBS = 200;
const SHORTEST_MS = 100;
const LONGEST_MS = 10_000;
/** Job starts are spread over this window so 200 waiters do not all poll in the same millisecond. */
const START_WINDOW_MS = 3_000;

interface BenchJob {
  startedAt: number;
  durationMs: number;
  polls: number;
}

class JobServer {
  private readonly jobs = new Map<string, BenchJob>();
  private readonly server: Server;
  private nextId = 1;

  constructor() {
    this.server = createServer((req, res) => {
      const query = new URLSearchParams((req.url ?? "").split("?")[1] ?? "");
      const job = this.jobs.get(query.get("jobid") ?? "");
      res.setHeader("content-type", "application/json; charset=UTF-8");
      if (query.get("command") !== "queryAsyncJobResult" || !job) {
        res.statusCode = 431;
        res.end(JSON.stringify({ errorresponse: { uuidList: [], errorcode: 431, cserrorcode: 4350, errortext: "Unable to find job" } }));
        return;
      }
      job.polls++;
      const done = performance.now() >= job.startedAt + job.durationMs;
      const fields = done
        ? { jobstatus: 1, jobprocstatus: 0, jobresultcode: 0, jobresulttype: "object", jobresult: { success: true } }
        : { jobstatus: 0, jobprocstatus: 0, jobresultcode: 0 };
      res.end(JSON.stringify({ queryasyncjobresultresponse: { jobid: query.get("jobid"), cmd: "org.apache.cloudstack.api.command.user.network.RestartNetworkCmd", ...fields } }));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, "127.0.0.1", done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/client/api`;
  }

  /** Registers a job that starts now and succeeds durationMs later. */
  startJob(durationMs: number): { jobId: string; job: BenchJob } {
    const jobId = `bench-job-${this.nextId++}`;
    const job = { startedAt: performance.now(), durationMs, polls: 0 };
    this.jobs.set(jobId, job);
    return { jobId, job };
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

const STRATEGIES: ReadonlyArray<Strategy> = [
  { label: "this client (waitForJob)", wait: (client, jobId) => client.waitForJob(jobId) },
  { label: "go-cloudstack (0, then +1, +2 ... +15 s)", wait: (client, jobId) => replaySchedule(client, jobId, (i) => Math.min(i, 15) * 1000) },
  { label: "python-cs (0, then every 2 s)", wait: (client, jobId) => replaySchedule(client, jobId, (i) => (i === 0 ? 0 : 2000)) },
];

interface Outcome {
  durationMs: number;
  delayMs: number;
  polls: number;
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

async function runStrategy(server: JobServer, client: CloudStackClient, strategy: Strategy, durations: ReadonlyArray<number>): Promise<Outcome[]> {
  return Promise.all(
    durations.map(async (durationMs, index) => {
      await sleep((START_WINDOW_MS * index) / durations.length);
      const { jobId, job } = server.startJob(durationMs);
      await strategy.wait(client, jobId);
      const noticedAt = performance.now();
      return { durationMs, delayMs: noticedAt - (job.startedAt + job.durationMs), polls: job.polls };
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
  meanPolls: number;
  maxPolls: number;
  medianRatio: number;
  p90Ratio: number;
  withinBudget: number;
}

function summarize(label: string, outcomes: ReadonlyArray<Outcome>): Summary {
  const delays = outcomes.map((o) => o.delayMs);
  return {
    label,
    medianDelay: percentile(delays, 0.5),
    p90Delay: percentile(delays, 0.9),
    maxDelay: Math.max(...delays),
    meanPolls: outcomes.reduce((sum, o) => sum + o.polls, 0) / outcomes.length,
    maxPolls: Math.max(...outcomes.map((o) => o.polls)),
    medianRatio: percentile(outcomes.map((o) => o.delayMs / medianAllowance(o.durationMs)), 0.5),
    p90Ratio: percentile(outcomes.map((o) => o.delayMs / p90Allowance(o.durationMs)), 0.9),
    withinBudget: outcomes.filter((o) => o.polls <= pollBudget(o.durationMs)).length / outcomes.length,
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
      `${s.meanPolls.toFixed(1)} (${s.maxPolls})`,
      s.medianRatio.toFixed(2),
      s.p90Ratio.toFixed(2),
      `${Math.round(s.withinBudget * 100)}%`,
    ].join(" | "),
  );
  return [
    "| schedule | median delay | p90 delay | max delay | polls/job mean (max) | median delay / allowance (a) | p90 delay / allowance (b) | jobs within poll budget (c) |",
    "|---|---|---|---|---|---|---|---|",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}

function targets(ours: Summary): string {
  const check = (met: boolean) => (met ? "met" : "NOT met");
  return [
    `Delay: time from a job's end to the moment the waiter has the answer. ${JOBS} jobs, durations evenly spread over 0.1-10 s, started over ${START_WINDOW_MS / 1000} s, every schedule run at the same time on its own client (maxInFlight 8).`,
    "",
    `- (a) per job, delay / max(100 ms, 10% of job time); target median <= 1: ${check(ours.medianRatio <= 1)} (${ours.medianRatio.toFixed(2)})`,
    `- (b) per job, delay / max(250 ms, 25% of job time); target p90 <= 1: ${check(ours.p90Ratio <= 1)} (${ours.p90Ratio.toFixed(2)})`,
    `- (c) per job, polls <= 4 + 1.5 per second of job time; target every job: ${check(ours.withinBudget === 1)} (${Math.round(ours.withinBudget * 100)}%)`,
  ].join("\n");
}

/** Runs the three schedules over the same jobs and returns the markdown table with the targets. */
export async function runJobWaitBench(): Promise<string> {
  const server = new JobServer();
  const url = await server.listen();
  const clients = STRATEGIES.map(() => new CloudStackClient({ apiUrl: url, apiKey: "bench-api-key", secretKey: "bench-secret-key" }));
  try {
    const durations = jobDurations();
    const outcomes = await Promise.all(STRATEGIES.map((strategy, i) => runStrategy(server, clients[i]!, strategy, durations)));
    const summaries = STRATEGIES.map((strategy, i) => summarize(strategy.label, outcomes[i]!));
    return `${table(summaries)}\n\n${targets(summaries[0]!)}`;
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
  }
}

export const JOB_WAIT_HEADING = "## Job waiting";

/** The table with how it was measured, as recorded in bench/RESULTS.md. */
export async function jobWaitSection(): Promise<string> {
  const began = performance.now();
  const markdown = await runJobWaitBench();
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`;
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; \`node dist/bench/job-wait.js\`, ${seconds} s.\n\n${markdown}`;
}

if (require.main === module) {
  runAsScript(JOB_WAIT_HEADING, jobWaitSection);
}
