// A client runtime on a simulator whose client logs every request it sends, so that a test can
// say which commands, with which parameter names, an operation cost.
import { ClientRuntime } from "../../provider";
import { CloudStackClient } from "../../provider/client";
import { startSimulator, type RunningSimulator } from "../../simulator";

export interface CountedCaller {
  runtime: ClientRuntime;
  client: CloudStackClient;
  /** "listNetworks [id,page,pagesize]" for each request since the last take(). */
  take(): string[];
  /** How many of the requests since the last take() CloudStack refused with this HTTP status. */
  answered(status: number): number;
}

export async function countedCaller(sim: RunningSimulator, who: "admin" | "user" = "admin"): Promise<CountedCaller> {
  let sent: string[] = [];
  let statuses: number[] = [];
  // The client logs one line per request: method, command, the parameter names and the status.
  const record = (line: string): void => {
    const match = /\b(?:GET|POST) (\w+)(?: \[([^\]]*)\])? -> (\d+)/.exec(line);
    if (!match) return;
    sent.push(`${match[1]} [${(match[2] ?? "").split(",").sort().join(",")}]`);
    statuses.push(Number(match[3]));
  };
  const runtime = new ClientRuntime((options) => new CloudStackClient({ ...options, log: record }));
  runtime.configure({ apiUrl: sim.endpoint, apiKey: sim[who].apiKey, secretKey: sim[who].secretKey });
  return {
    runtime,
    client: await runtime.client(),
    take() {
      const taken = sent;
      sent = [];
      statuses = [];
      return taken;
    },
    answered(status) {
      return statuses.filter((s) => s === status).length;
    },
  };
}

export interface CountedSimulator {
  sim: RunningSimulator;
  /** The admin, counted. */
  admin: CountedCaller;
  close(): Promise<void>;
}

/** A simulator with short jobs and a counted admin caller on it. */
export async function startCountedSimulator(): Promise<CountedSimulator> {
  const sim = await startSimulator({ jobMs: 5 });
  const admin = await countedCaller(sim);
  return {
    sim,
    admin,
    async close() {
      await admin.runtime.close();
      await sim.close();
    },
  };
}
