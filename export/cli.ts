#!/usr/bin/env node
// cloudstack-export: prints a Pulumi program that adopts the caller's (or an account's, or a
// project's) networking objects. Exit codes: 0 done, 1 CloudStack or credentials failed, 2 usage.
import * as fs from "fs";
import * as path from "path";
import { parseArguments, USAGE, UsageError } from "./arguments";
import { exportAccount } from "./export-account";
import { writeProgramFolder } from "./program-folder";

export interface CliStreams {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: unknown };
  return typeof pkg.version === "string" ? pkg.version : "0.0.0";
}

export async function main(argv: readonly string[], streams: CliStreams, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args;
  try {
    args = parseArguments(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    streams.stderr(`cloudstack-export: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    streams.stdout(`${USAGE}\n`);
    return 0;
  }
  try {
    const program = await exportAccount(args, {
      env,
      warn: (message) => streams.stderr(`warning: ${message}\n`),
      progress: (message) => streams.stderr(`${message}\n`),
    });
    if (args.out !== undefined) {
      for (const file of writeProgramFolder(args.out, program.source, packageVersion())) streams.stderr(`wrote ${file}\n`);
    } else {
      streams.stdout(program.source);
    }
    streams.stderr(`${program.resources.length} objects adopted by the program\n`);
    return 0;
  } catch (err) {
    streams.stderr(`cloudstack-export: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error && err.stack ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
