// Simulator throughput: the real simulator (model + wire) in a child process, as users run it,
// driven by 16 concurrent keep-alive clients on the same machine. Reads are listZones; writes
// are createNetwork (synchronous) with and without a state file, and with the state file again
// from 64 clients: with --state an answer waits for its fsync, and group commit puts every
// request that arrives during a write into the next one, so the rate follows the concurrency.
import { spawn, ChildProcess } from "child_process";
import { mkdtempSync, rmSync } from "fs";
import { cpus, tmpdir } from "os";
import { join, resolve } from "path";
import { createInterface } from "readline";
import { Pool } from "undici";
import { computeSignature } from "../simulator/wire/signature";
import { runAsScript } from "./results-file";

const CLIENTS = 16;
const WIDE_CLIENTS = 64;
const STATE_WRITE_TARGET = 1_000;
const WARMUP_MS = 500;
const MEASURE_MS = 3_000;
const READ_TARGET = 2_000;

interface Started {
  child: ChildProcess;
  endpoint: string;
  apiKey: string;
  secretKey: string;
}

async function startChild(args: ReadonlyArray<string>): Promise<Started> {
  const cli = resolve(__dirname, "..", "simulator", "cli.js");
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const firstLine = await new Promise<string>((res, rej) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      lines.close();
      res(line);
    });
    child.once("exit", (code) => rej(new Error(`simulator exited with ${code} before listening`)));
  });
  const info = JSON.parse(firstLine) as { endpoint: string; apiKey: string; secretKey: string };
  return { child, ...info };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((res) => {
    if (child.exitCode !== null) return res();
    child.once("exit", () => res());
    child.kill("SIGTERM");
  });
}

function signedQuery(sim: Started, command: string, params: Record<string, string>): string {
  const expires = new Date(Date.now() + 600_000).toISOString().replace(/\.\d{3}Z$/, "+0000");
  const all: Record<string, string> = { ...params, command, response: "json", apiKey: sim.apiKey, signatureVersion: "3", expires };
  all.signature = computeSignature(all, sim.secretKey);
  return new URLSearchParams(all).toString();
}

async function callJson(pool: Pool, path: string, query: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await pool.request({ path: `${path}?${query}`, method: "GET" });
  const body = (await res.body.json()) as Record<string, unknown>;
  return { status: res.statusCode, body };
}

interface Measured {
  label: string;
  requests: number;
  errors: number;
  seconds: number;
}

/** Runs CLIENTS loops of `one` for WARMUP_MS, then counts completed requests for MEASURE_MS. */
async function measure(label: string, pool: Pool, path: string, one: () => string, clients = CLIENTS): Promise<Measured> {
  let counting = false;
  let stop = false;
  let requests = 0;
  let errors = 0;
  const loop = async (): Promise<void> => {
    while (!stop) {
      const res = await pool.request({ path: `${path}?${one()}`, method: "GET" });
      await res.body.dump();
      if (counting) {
        requests++;
        if (res.statusCode !== 200) errors++;
      }
    }
  };
  const loops = Array.from({ length: clients }, loop);
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  counting = true;
  const t0 = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, MEASURE_MS));
  counting = false;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  stop = true;
  await Promise.all(loops);
  return { label, requests, errors, seconds };
}

function firstId(body: Record<string, unknown>, envelope: string, key: string, where?: (o: Record<string, unknown>) => boolean): string {
  const items = ((body[envelope] as Record<string, unknown> | undefined)?.[key] ?? []) as Array<Record<string, unknown>>;
  const found = items.find((o) => (where ? where(o) : true));
  if (!found || typeof found.id !== "string") throw new Error(`no ${key} found in ${JSON.stringify(body).slice(0, 300)}`);
  return found.id;
}

async function runAgainst(
  args: ReadonlyArray<string>,
  rows: ReadonlyArray<"read" | "write">,
  suffix: string,
  clients = CLIENTS,
): Promise<Measured[]> {
  const sim = await startChild(args);
  const url = new URL(sim.endpoint);
  const pool = new Pool(url.origin, { connections: clients, pipelining: 1 });
  try {
    const zones = await callJson(pool, url.pathname, signedQuery(sim, "listZones", {}));
    const zoneId = firstId(zones.body, "listzonesresponse", "zone", (z) => z.networktype === "Advanced");
    const offerings = await callJson(pool, url.pathname, signedQuery(sim, "listNetworkOfferings", { zoneid: zoneId, guestiptype: "Isolated", state: "Enabled" }));
    const offeringId = firstId(offerings.body, "listnetworkofferingsresponse", "networkoffering", (o) => o.specifyvlan !== true);
    const out: Measured[] = [];
    let n = 0;
    for (const row of rows) {
      if (row === "read") {
        out.push(await measure(`listZones${suffix}`, pool, url.pathname, () => signedQuery(sim, "listZones", {})));
      } else {
        out.push(
          await measure(`createNetwork${suffix}`, pool, url.pathname, () =>
            signedQuery(sim, "createNetwork", {
              name: `bench-${n++}`,
              displaytext: "bench",
              zoneid: zoneId,
              networkofferingid: offeringId,
            }),
            clients,
          ),
        );
      }
    }
    return out;
  } finally {
    await pool.close();
    await stopChild(sim.child);
  }
}

export async function runSimulatorThroughputBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "cloudstack-sim-bench-"));
  try {
    const plain = await runAgainst(["--job-ms", "0"], ["read", "write"], "");
    const persisted = await runAgainst(["--job-ms", "0", "--state", join(dir, "state.json")], ["read", "write"], " (with --state)");
    const wide = await runAgainst(
      ["--job-ms", "0", "--state", join(dir, "wide.json")],
      ["write"],
      ` (with --state, ${WIDE_CLIENTS} clients)`,
      WIDE_CLIENTS,
    );
    const rate = (m: Measured): number => Math.round(m.requests / m.seconds);
    const stateRates = [persisted[1]!, wide[0]!].map(rate);
    const reads = plain[0]!;
    const readRate = Math.round(reads.requests / reads.seconds);
    const verdict = `Target: at least ${READ_TARGET} listZones requests/s; measured ${readRate}: ${readRate >= READ_TARGET ? "met" : "missed"}.`;
    const rows = [...plain, ...persisted, ...wide].map(
      (m) =>
        `| ${m.label} | ${m.requests} | ${m.seconds.toFixed(2)} | ${Math.round(m.requests / m.seconds)} | ${m.errors} |`,
    );
    return [
      `Measured ${new Date().toISOString().slice(0, 10)} with \`node dist/bench/simulator-throughput.js\`.`,
      `Simulator in a child process (\`node dist/simulator/cli.js --job-ms 0\`), ${CLIENTS} concurrent keep-alive clients`,
      `(undici Pool, one connection each) in the parent, signing every request (signatureVersion 3); ${MEASURE_MS / 1000} s per`,
      `row after ${WARMUP_MS} ms of warm-up. Node ${process.version}, ${cpus().length} cores shared by client and server.`,
      "",
      "| operation | requests | seconds | requests/s | non-200 |",
      "|---|---|---|---|---|",
      ...rows,
      "",
      verdict,
      `Target: at least ${STATE_WRITE_TARGET} createNetwork/s with --state; measured ${stateRates[0]} from ${CLIENTS} clients` +
        ` (${stateRates[0]! >= STATE_WRITE_TARGET ? "met" : "missed"}) and ${stateRates[1]} from ${WIDE_CLIENTS}` +
        ` (${stateRates[1]! >= STATE_WRITE_TARGET ? "met" : "missed"}).`,
      "With `--state` a createNetwork is answered only after the whole state is rewritten (temp file, fsync,",
      "rename, fsync of the folder); requests arriving during a write share the next one (group commit), so",
      "each write serves up to as many requests as there are clients, and each write costs more as the",
      "state grows with the networks created (the file is rewritten whole).",
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const SIMULATOR_THROUGHPUT_HEADING = "## Simulator throughput";

if (require.main === module) {
  runAsScript(SIMULATOR_THROUGHPUT_HEADING, runSimulatorThroughputBench);
}
