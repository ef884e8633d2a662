#!/usr/bin/env node
// cloudstack-sim: runs the simulator until SIGINT/SIGTERM and prints one JSON line with the
// endpoint and the root admin's keys once it listens.
import { startSimulator, SimulatorOptions, type ThrottlingOptions } from "./index";
import { parseFaultSpec } from "./wire/faults";

const USAGE = "usage: cloudstack-sim [--port N] [--state FILE] [--log FILE] [--job-ms N] [--template-download-ms N] [--lenient-params]\n" +
  "                      [--faults rate=R[,kinds=K+K...][,seed=N][,commands=C+C...][,delay=MS][,log]]\n" +
  "                      [--api-throttling on|off|max=N[,interval=SECONDS]]";

function parseArgs(argv: ReadonlyArray<string>): SimulatorOptions {
  const options: SimulatorOptions = {};
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value\n${USAGE}`);
    return v;
  };
  const integer = (text: string, flag: string): number => {
    if (!/^\d+$/.test(text)) throw new Error(`${flag} needs a non-negative integer, got ${text}\n${USAGE}`);
    return Number(text);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    switch (arg) {
      case "--port":
        options.port = integer(value(i++, arg), arg);
        break;
      case "--state":
        options.statePath = value(i++, arg);
        break;
      case "--log":
        options.logPath = value(i++, arg);
        break;
      case "--job-ms":
        options.jobMs = integer(value(i++, arg), arg);
        break;
      case "--template-download-ms":
        options.templateDownloadMs = integer(value(i++, arg), arg);
        break;
      case "--faults":
        try {
          options.faults = parseFaultSpec(value(i++, arg));
        } catch (err) {
          throw new Error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
        }
        break;
      case "--api-throttling":
        options.throttling = parseThrottling(value(i++, arg));
        break;
      case "--lenient-params":
        options.strictParams = false;
        break;
      case "--help":
      case "-h":
        process.stdout.write(USAGE + "\n");
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  return options;
}

/** "on", "off", or "max=N,interval=S" (which turns it on): api.throttling.* for this run. */
function parseThrottling(text: string): ThrottlingOptions {
  if (text === "on" || text === "off") return { enabled: text === "on" };
  const options: ThrottlingOptions = { enabled: true };
  for (const part of text.split(",")) {
    const [name, number] = part.split("=");
    if ((name !== "max" && name !== "interval") || number === undefined || !/^[1-9]\d*$/.test(number)) {
      throw new Error(`--api-throttling: "${part}" is not on, off, max=<requests> or interval=<seconds> (whole numbers of at least 1)\n${USAGE}`);
    }
    if (name === "max") options.max = Number(number);
    else options.intervalSeconds = Number(number);
  }
  return options;
}

async function main(): Promise<void> {
  const sim = await startSimulator(parseArgs(process.argv.slice(2)));
  process.stdout.write(
    JSON.stringify({ endpoint: sim.endpoint, apiKey: sim.admin.apiKey, secretKey: sim.admin.secretKey }) + "\n",
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sim.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`cloudstack-sim: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`cloudstack-sim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
