// Requests a 300-resource stack sends: an `up` from nothing, then a `refresh`, through the engine
// stand-in at its default parallelism (4 x cores) against the simulator, counted from the
// simulator's request log. The stack: 180 isolated networks (zone and offering by name), 60
// public IPs on 10 of them (by the network's id) and a firewall rule on each IP.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { cpus, tmpdir } from "os";
import { join } from "path";
import { LocalStack, linkPackage } from "../engine-standin";
import { startSimulator } from "../simulator";
import { runAsScript } from "./results-file";

const NETWORKS = 180;
const IPS = 60;
const NETWORKS_WITH_IPS = 10;
const JOB_MS = 100;

const PROGRAM = `import * as cloudstack from "pulumi-cloudstack";
const zone = "Sandbox-simulator";
const networkOffering = "DefaultIsolatedNetworkOfferingWithSourceNatService";
const networks = Array.from({ length: ${NETWORKS} }, (_, i) => new cloudstack.Network(\`net-\${i}\`, { name: \`net-\${i}\`, zone, networkOffering }));
for (let j = 0; j < ${IPS}; j++) {
  const ip = new cloudstack.PublicIpAddress(\`ip-\${j}\`, { network: networks[j % ${NETWORKS_WITH_IPS}].id });
  new cloudstack.FirewallRule(\`fw-\${j}\`, { ipAddressId: ip.id, protocol: "tcp", startPort: 22 });
}
`;

interface Logged {
  command: string | null;
  params: Record<string, string>;
  status: number;
}

/** Requests of one run, by category. */
interface Tally {
  total: number;
  creates: number;
  polls: number;
  probes: number;
  lookups: number;
  lists: number;
  other: number;
  byShape: Map<string, number>;
}

const CREATES = /^(create|associate)/;

function tally(lines: readonly Logged[]): Tally {
  const t: Tally = { total: lines.length, creates: 0, polls: 0, probes: 0, lookups: 0, lists: 0, other: 0, byShape: new Map() };
  for (const { command, params, status } of lines) {
    const names = Object.keys(params)
      .filter((name) => !["command", "response", "signatureVersion", "expires"].includes(name))
      .sort();
    const shape = `${command} [${names.join(",")}]`;
    t.byShape.set(shape, (t.byShape.get(shape) ?? 0) + 1);
    if (command === "queryAsyncJobResult") {
      // A create's look-up of its own job id before sending: CloudStack has none yet (431).
      if (status === 431) t.probes++;
      else t.polls++;
    } else if (command === "listAsyncJobs") {
      // The account's job watcher: a listing bounded by startdate answers due waits (polls); one
      // without answers creates' look-ups of their job ids, gathered (probes).
      if ("startdate" in params) t.polls++;
      else t.probes++;
    } else if (command !== null && CREATES.test(command)) {
      t.creates++;
    } else if (command === "listZones" || command === "listNetworkOfferings" || (command === "listNetworks" && ("name" in params || "id" in params) && !("zoneid" in params))) {
      // Names and ids that inputs give, resolved by check.
      t.lookups++;
    } else if (command?.startsWith("list")) {
      t.lists++;
    } else {
      t.other++;
    }
  }
  return t;
}

function readLog(path: string, from: number): { lines: Logged[]; next: number } {
  const text = readFileSync(path, "utf8");
  const lines = text
    .slice(from)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Logged);
  return { lines, next: text.length };
}

function shapes(t: Tally): string {
  return [...t.byShape]
    .sort((a, b) => b[1] - a[1])
    .map(([shape, n]) => `${shape} x${n}`)
    .join("; ");
}

export async function stackScaleSection(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "stack-scale-"));
  const programDir = join(dir, "program");
  const logPath = join(dir, "requests.jsonl");
  writeFileSync(logPath, "");
  mkdirSync(programDir);
  writeFileSync(join(programDir, "Pulumi.yaml"), "name: stack-scale\nruntime: nodejs\n");
  writeFileSync(join(programDir, "index.ts"), PROGRAM);
  writeFileSync(
    join(programDir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, target: "es2020", module: "commonjs", moduleResolution: "node" }, files: ["index.ts"] }),
  );
  linkPackage(programDir);
  const sim = await startSimulator({ jobMs: JOB_MS, logPath });
  try {
    const stack = new LocalStack({ programDir, stack: "dev", stateDir: join(dir, "state"), env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });
    stack.setConfig("cloudstack:apiUrl", sim.endpoint);
    stack.setConfig("cloudstack:apiKey", sim.admin.apiKey);
    stack.setConfig("cloudstack:secretKey", sim.admin.secretKey, { secret: true });
    let offset = 0;
    const phase = async (run: () => Promise<{ ok: boolean; errors: string[] }>): Promise<{ t: Tally; ms: number }> => {
      const began = Date.now();
      const result = await run();
      if (!result.ok) throw new Error(`run failed: ${result.errors.slice(0, 3).join("; ")}`);
      const ms = Date.now() - began;
      const { lines, next } = readLog(logPath, offset);
      offset = next;
      return { t: tally(lines), ms };
    };
    const up = await phase(() => stack.up());
    const refresh = await phase(() => stack.refresh());
    await phase(() => stack.destroy());
    const resources = NETWORKS + 2 * IPS;
    const perCreate = (t: Tally, withProbes: boolean) =>
      ((t.total - t.polls - (withProbes ? 0 : t.probes)) / resources).toFixed(2);
    return [
      `Measured ${new Date().toISOString().slice(0, 10)} with \`node dist/bench/stack-scale.js\` on ${cpus().length} cores, Node ${process.version}:`,
      `the engine stand-in (parallelism ${4 * cpus().length}) runs \`up\` then \`refresh\` of ${resources} resources (${NETWORKS} isolated networks naming`,
      `their zone and offering, ${IPS} public IPs on ${NETWORKS_WITH_IPS} of the networks, a firewall rule on each IP) against the simulator`,
      `(jobs ${JOB_MS} ms), as the admin; requests counted from the simulator's request log. Lookups: listZones,`,
      "listNetworkOfferings, and listNetworks by name or id without a zone (check resolving names and ids). Probes: a",
      "create's look for an earlier attempt's job by its customjobid before sending: a queryAsyncJobResult answered 431,",
      "or a listAsyncJobs without startdate that answers several creates' looks at once. Job polls: queryAsyncJobResult",
      "of a job that exists, and the job watcher's listAsyncJobs bounded by startdate.",
      "",
      "| run | requests | creates | lookups | other lists | job polls | probes | other | per created resource, polls apart (without probes) | wall time |",
      "|---|---|---|---|---|---|---|---|---|---|",
      `| up | ${up.t.total} | ${up.t.creates} | ${up.t.lookups} | ${up.t.lists} | ${up.t.polls} | ${up.t.probes} | ${up.t.other} | ${perCreate(up.t, true)} (${perCreate(up.t, false)}) | ${(up.ms / 1000).toFixed(1)} s |`,
      `| refresh | ${refresh.t.total} | - | - | ${refresh.t.lists + refresh.t.lookups} | ${refresh.t.polls} | - | ${refresh.t.other} | - | ${(refresh.ms / 1000).toFixed(1)} s |`,
      "",
      `Requests by command and parameter names, up: ${shapes(up.t)}.`,
      "",
      `Refresh: ${shapes(refresh.t)}.`,
    ].join("\n");
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const STACK_SCALE_HEADING = "## Requests of a 300-resource stack (up and refresh)";

if (require.main === module) {
  runAsScript(STACK_SCALE_HEADING, stackScaleSection);
}
