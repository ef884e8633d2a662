// Runs a Pulumi program the way the Node.js language host does: the SDK's own cmd/run, with the
// program folder as working directory, the monitor address, project, stack, dry-run and
// parallelism as flags, and the stack config in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ConfigValue } from "./stack-files";

export interface ProgramRun {
  programDir: string;
  project: string;
  stack: string;
  monitorAddress: string;
  dryRun: boolean;
  parallel: number;
  config: Record<string, ConfigValue>;
  env?: NodeJS.ProcessEnv;
}

export interface ProgramExit {
  code: number;
  stdout: string;
  stderr: string;
}

/** The project's name and main program, from Pulumi.yaml (only the fields the stand-in needs). */
export function readProject(programDir: string): { name: string; main: string; typescript: boolean } {
  const text = fs.readFileSync(path.join(programDir, "Pulumi.yaml"), "utf8");
  const field = (key: string): string | undefined => {
    const m = new RegExp(`^${key}:[ \\t]*(\\S.*?)[ \\t]*$`, "m").exec(text);
    return m ? m[1].replace(/^["']|["']$/g, "") : undefined;
  };
  const name = field("name");
  if (!name) throw new Error(`${programDir}/Pulumi.yaml has no name`);
  // `runtime: nodejs`, or `runtime:` with `name: nodejs` (and options) on the lines below it.
  const runtime = field("runtime") ?? /^runtime:\s*\n\s+name:\s*["']?([\w-]+)/m.exec(text)?.[1];
  if (runtime !== "nodejs") {
    throw new Error(
      `${programDir}/Pulumi.yaml says runtime: ${runtime ?? "(none)"}; the engine stand-in runs Node.js programs only (runtime: nodejs). ` +
        "Run other languages with the Pulumi CLI (docs/languages/).",
    );
  }
  const main = field("main") ?? ".";
  // The language host enables TypeScript unless the project turns it off (runtime.options.typescript).
  const typescript = !/^\s+typescript:\s*false\s*$/m.test(text);
  return { name, main, typescript };
}

const runScript = require.resolve("@pulumi/pulumi/cmd/run/index.js");

export interface RunningProgram {
  exit: Promise<ProgramExit>;
  /** Stops the program (the engine cancels the source when a step fails). */
  stop(): void;
}

export function runProgram(run: ProgramRun): RunningProgram {
  const project = readProject(run.programDir);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, v] of Object.entries(run.config)) {
    config[key] = v.value;
    if (v.secret) secretKeys.push(key);
  }
  const args = [
    runScript,
    `--monitor=${run.monitorAddress}`,
    `--engine=${run.monitorAddress}`,
    `--organization=organization`,
    `--project=${run.project}`,
    `--stack=${run.stack}`,
    `--root-directory=${run.programDir}`,
    `--pwd=${run.programDir}`,
    `--parallel=${run.parallel}`,
    ...(run.dryRun ? ["--dry-run"] : []),
    project.main,
  ];
  const child = spawn(process.execPath, args, {
    cwd: run.programDir,
    env: {
      ...process.env,
      ...run.env,
      PULUMI_CONFIG: JSON.stringify(config),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys),
      PULUMI_NODEJS_TYPESCRIPT: String(project.typescript),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<ProgramExit>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
  return {
    exit,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    },
  };
}
