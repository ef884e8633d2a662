#!/usr/bin/env node
// The engine stand-in from a shell, so that a run can live in a process of its own (tests kill
// it mid-apply and run again). A test tool that follows the engine's step rules; users run the
// real `pulumi` CLI.
//
//   node dist/engine-standin/cli.js preview|up|refresh|destroy --program DIR --state-dir DIR
//        [--stack NAME] [--parallel N] [--clear-pending-creates] [--json]
//   node dist/engine-standin/cli.js config set KEY VALUE [--secret] --program DIR --state-dir DIR [--stack NAME]
//
// Prints the plan (or, with --json, the run's result as one JSON object) and exits 0 when the
// run succeeded, 1 when it failed, 2 on a usage error.
import { LocalStack, RunResult } from "./local-stack";

const usage =
  "usage: cli.js preview|up|refresh|destroy --program DIR --state-dir DIR [--stack NAME] [--parallel N] [--clear-pending-creates] [--json]\n" +
  "       cli.js config set KEY VALUE [--secret] --program DIR --state-dir DIR [--stack NAME]\n";

interface Parsed {
  words: string[];
  flags: Map<string, string | true>;
}

const valued = new Set(["--program", "--state-dir", "--stack", "--parallel"]);

function parse(argv: string[]): Parsed {
  const words: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      words.push(arg);
    } else if (valued.has(arg)) {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      flags.set(arg, value);
    } else if (["--secret", "--json", "--clear-pending-creates"].includes(arg)) {
      flags.set(arg, true);
    } else {
      throw new Error(`unknown option ${arg}`);
    }
  }
  return { words, flags };
}

function text(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === "string" ? v : undefined;
}

async function main(argv: string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  const { words, flags } = parsed;
  const programDir = text(flags, "--program");
  const stateDir = text(flags, "--state-dir");
  const parallelText = text(flags, "--parallel");
  const parallel = parallelText === undefined ? undefined : Number(parallelText);
  if (!programDir || !stateDir || (parallel !== undefined && !(Number.isInteger(parallel) && parallel >= 1))) {
    process.stderr.write(usage);
    return 2;
  }
  const stack = new LocalStack({ programDir, stateDir, stack: text(flags, "--stack") ?? "dev", parallel });

  if (words[0] === "config") {
    if (words[1] !== "set" || words.length !== 4) {
      process.stderr.write(usage);
      return 2;
    }
    stack.setConfig(words[2], words[3], { secret: flags.get("--secret") === true });
    return 0;
  }
  if (words.length !== 1) {
    process.stderr.write(usage);
    return 2;
  }
  let result: RunResult;
  switch (words[0]) {
    case "preview":
      result = await stack.preview();
      break;
    case "up":
      result = await stack.up();
      break;
    case "refresh":
      result = await stack.refresh({ clearPendingCreates: flags.get("--clear-pending-creates") === true });
      break;
    case "destroy":
      result = await stack.destroy();
      break;
    default:
      process.stderr.write(usage);
      return 2;
  }
  process.stdout.write(flags.get("--json") ? `${JSON.stringify(result)}\n` : `${result.plan}\n`);
  return result.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
