// Kill -9 under write load: the simulator CLI with --state takes concurrent createNetwork calls,
// every acknowledged create (HTTP 200 with an id) is recorded, the process is killed with SIGKILL
// at a random moment, restarted on the same file, and every acknowledged network is looked up.
// An acknowledged network missing after the restart is a lost write. Shared by the small test in
// test/simulator/wire/ and the 10-kill benchmark.
import { spawn, ChildProcess } from "child_process";
import { readdirSync, statSync } from "fs";
import { basename, dirname, resolve } from "path";
import { createInterface } from "readline";
import { Pool } from "undici";
import { computeSignature } from "../simulator/wire/signature";

const CLI = resolve(__dirname, "..", "simulator", "cli.js");

interface Child {
  process: ChildProcess;
  endpoint: URL;
  apiKey: string;
  secretKey: string;
  exited: Promise<void>;
}

async function startCli(statePath: string): Promise<Child> {
  const child = spawn(process.execPath, [CLI, "--state", statePath, "--job-ms", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((res) => child.once("exit", () => res()));
  const line = await new Promise<string>((res, rej) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (l) => {
      lines.close();
      res(l);
    });
    void exited.then(() => rej(new Error("cloudstack-sim exited before listening")));
  });
  const info = JSON.parse(line) as { endpoint: string; apiKey: string; secretKey: string };
  return { process: child, endpoint: new URL(info.endpoint), apiKey: info.apiKey, secretKey: info.secretKey, exited };
}

function query(child: Child, command: string, params: Record<string, string>): string {
  const expires = new Date(Date.now() + 600_000).toISOString().replace(/\.\d{3}Z$/, "+0000");
  const all: Record<string, string> = { ...params, command, response: "json", apiKey: child.apiKey, signatureVersion: "3", expires };
  all.signature = computeSignature(all, child.secretKey);
  return `${child.endpoint.pathname}?${new URLSearchParams(all).toString()}`;
}

async function call(pool: Pool, child: Child, command: string, params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await pool.request({ path: query(child, command, params), method: "GET" });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

type Item = Record<string, unknown>;
const items = (body: Record<string, unknown>, envelope: string, key: string): Item[] =>
  ((body[envelope] as Record<string, unknown> | undefined)?.[key] ?? []) as Item[];

export interface KillRound {
  /** Creates answered 200 before the kill. */
  acknowledged: number;
  /** Of those, missing after the restart. */
  lost: number;
  killedAfterMs: number;
}

export interface KillReport {
  rounds: KillRound[];
  /** Files other than the state file found next to it after the last restart. */
  strayFiles: string[];
  /** The state file's permission bits after the last restart, e.g. 0o600. */
  mode: number;
}

export interface KillOptions {
  statePath: string;
  kills: number;
  /** Concurrent create loops; default 16. */
  clients?: number;
  /** The kill comes at a uniformly random moment in [minMs, maxMs) after the load starts. */
  minMs?: number;
  maxMs?: number;
}

export async function killUnderLoad(options: KillOptions): Promise<KillReport> {
  const clients = options.clients ?? 16;
  const minMs = options.minMs ?? 100;
  const maxMs = options.maxMs ?? 800;
  const rounds: KillRound[] = [];
  let child = await startCli(options.statePath);
  let n = 0;
  try {
    for (let round = 0; round < options.kills; round++) {
      const pool = new Pool(child.endpoint.origin, { connections: clients, pipelining: 1 });
      const zones = await call(pool, child, "listZones", {});
      const zone = items(zones.body, "listzonesresponse", "zone").find((z) => z.networktype === "Advanced");
      const offerings = await call(pool, child, "listNetworkOfferings", { zoneid: String(zone?.id), guestiptype: "Isolated" });
      const offering = items(offerings.body, "listnetworkofferingsresponse", "networkoffering").find((o) => o.specifyvlan !== true);
      if (!zone || !offering) throw new Error("no advanced zone or isolated offering in the simulator");

      const acknowledged: string[] = [];
      let killed = false;
      const loop = async (): Promise<void> => {
        while (!killed) {
          try {
            const r = await call(pool, child, "createNetwork", {
              name: `kill-${n++}`,
              displaytext: "kill -9 bench",
              zoneid: String(zone.id),
              networkofferingid: String(offering.id),
            });
            const id = (r.body.createnetworkresponse as { network?: { id?: unknown } } | undefined)?.network?.id;
            if (r.status === 200 && typeof id === "string") acknowledged.push(id);
          } catch {
            // The connection died with the process: not acknowledged.
            return;
          }
        }
      };
      const loops = Array.from({ length: clients }, loop);
      const killedAfterMs = Math.round(minMs + Math.random() * (maxMs - minMs));
      await new Promise((r) => setTimeout(r, killedAfterMs));
      child.process.kill("SIGKILL");
      killed = true;
      await child.exited;
      await Promise.all(loops);
      await pool.destroy();

      child = await startCli(options.statePath);
      const check = new Pool(child.endpoint.origin, { connections: 1 });
      try {
        const listed = await call(check, child, "listNetworks", { listall: "true", pagesize: "-1" });
        const present = new Set(items(listed.body, "listnetworksresponse", "network").map((o) => o.id));
        const lost = acknowledged.filter((id) => !present.has(id)).length;
        rounds.push({ acknowledged: acknowledged.length, lost, killedAfterMs });
      } finally {
        await check.close();
      }
    }
  } finally {
    child.process.kill("SIGTERM");
    await child.exited;
  }
  const name = basename(options.statePath);
  const strayFiles = readdirSync(dirname(options.statePath)).filter((f) => f !== name);
  return { rounds, strayFiles, mode: statSync(options.statePath).mode & 0o777 };
}
