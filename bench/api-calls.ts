// API calls per Network operation: each provider operation run against the simulator over real
// HTTP, counting the requests it sends (by command) with job polls counted apart.
import * as os from "os";
import { CloudStackClient } from "../provider/client";
import { ClientRuntime, makeProvider, specs } from "../provider";
import { startSimulator } from "../simulator";
import { runAsScript } from "./results-file";

const JOB_MS = 200;
const ZONE = "Sandbox-simulator";
const ISOLATED = "DefaultIsolatedNetworkOfferingWithSourceNatService";
const PERSISTENT = "DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent";

interface Row {
  operation: string;
  calls: number;
  polls: number;
  commands: string;
}

export async function runApiCallsBench(): Promise<string> {
  const sim = await startSimulator({ jobMs: JOB_MS });
  const sent: string[] = [];
  // The client logs one line per HTTP request, naming its method and command.
  const record = (line: string): void => {
    const match = /\b(?:GET|POST) (\w+)/.exec(line);
    if (match) sent.push(match[1]);
  };
  const runtime = new ClientRuntime((options) => new CloudStackClient({ ...options, log: record }));
  runtime.configure({ apiUrl: sim.endpoint, apiKey: sim.admin.apiKey, secretKey: sim.admin.secretKey });
  const provider = makeProvider(specs.Network, runtime);
  const client = await runtime.client();
  const rows: Row[] = [];

  async function measure<T>(operation: string, run: () => Promise<T>): Promise<T> {
    const before = { ...client.stats };
    sent.length = 0;
    const result = await run();
    const polls = client.stats.polls - before.polls;
    const counts = new Map<string, number>();
    for (const command of sent) if (command !== "queryAsyncJobResult") counts.set(command, (counts.get(command) ?? 0) + 1);
    rows.push({
      operation,
      calls: client.stats.requests - before.requests - polls,
      polls,
      commands: [...counts].map(([command, n]) => (n > 1 ? `${command} x${n}` : command)).join(", "),
    });
    return result;
  }

  try {
    const base = { name: "bench", zone: ZONE, networkOffering: ISOLATED };
    const checked = await measure("check (zone and offering by name)", () => provider.check({}, base));
    // The names are resolved once per process: every later check that names them is free.
    await measure("check again (another network, same zone and offering)", () => provider.check({}, { ...base, name: "bench-2" }));
    const created = await measure("create (isolated)", () => provider.create(checked.inputs));
    const taggedInputs = (await provider.check({}, { ...base, name: "bench-tags", tags: { env: "bench", team: "net" } })).inputs;
    const tagged = await measure("create (with 2 tags)", () => provider.create(taggedInputs));
    const reservedInputs = (
      await provider.check({}, { name: "bench-reserved", zone: ZONE, networkOffering: PERSISTENT, cidr: "10.1.30.0/24", guestVmCidr: "10.1.30.0/25" })
    ).inputs;
    await measure("create (persistent, with IP reservation)", () => provider.create(reservedInputs));
    // As the sdk class sends it: with the resource's identity, the create first looks for a
    // network an interrupted earlier attempt made (by its externalid).
    const identifiedInputs = (await provider.check({}, { ...base, name: "bench-identified", __identity: "bench/dev/Network/bench-identified" })).inputs;
    await measure("create (isolated, with the sdk's identity)", () => provider.create(identifiedInputs));
    await measure("diff (no change)", () => provider.diff(created.id, created.outs, checked.inputs));
    await measure("read", () => provider.read(created.id, created.outs));

    const renamedInputs = (await provider.check({}, { ...base, name: "bench-renamed" })).inputs;
    const renamed = await measure("update (name)", () => provider.update(created.id, created.outs, renamedInputs));
    const retaggedInputs = (await provider.check({}, { ...base, name: "bench-renamed", tags: { env: "prod" } })).inputs;
    await measure("update (tags: 1 added)", () => provider.update(created.id, renamed.outs, retaggedInputs));
    await measure("delete", () => provider.delete(created.id, created.outs));
    await measure("delete (already gone)", () => provider.delete(created.id, created.outs));
    await provider.delete(tagged.id, tagged.outs);
  } finally {
    await runtime.close();
    await sim.close();
  }

  const lines = [
    "| operation | API calls | job polls | commands (polls apart) |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.operation} | ${r.calls} | ${r.polls} | ${r.commands} |`),
  ];
  return lines.join("\n");
}

function describe(table: string): string {
  const date = new Date().toISOString().slice(0, 10);
  return [
    `Measured ${date} with \`node dist/bench/api-calls.js\` on ${os.cpus().length} cores, Node ${process.version}: each`,
    `provider operation against the simulator over HTTP (async jobs take ${JOB_MS} ms there), as the admin.`,
    "API calls exclude queryAsyncJobResult polls, which are counted apart; their number follows the job's",
    "duration and the client's poll schedule (see \"Job waiting\"). `check` runs before every create and",
    "update in the engine; the names it resolves are kept for the life of the provider process, so only",
    "the first check that names a zone or an offering pays for it (docs/performance.md).",
    "",
    table,
  ].join("\n");
}

export const API_CALLS_HEADING = "## API calls per Network operation";

/** The table with how it was measured, as recorded in bench/RESULTS.md. */
export async function apiCallsSection(): Promise<string> {
  return describe(await runApiCallsBench());
}

if (require.main === module) {
  runAsScript(API_CALLS_HEADING, apiCallsSection);
}
