// `make demo [EXAMPLE=<folder>]`: a program (by default the main example) against the embedded
// CloudStack simulator. Preview, up, the outputs, a second preview that must show no changes,
// then destroy so that nothing is left behind, and the simulator stops. It drives the real
// `pulumi` CLI (local file backend) when one is on PATH, and the engine stand-in of
// engine-standin/ otherwise, and says which.
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startSimulator, RunningSimulator } from "../simulator";
import { LocalStack, RunResult, findRepoRoot, linkPackage, readProject, renderValue } from "../engine-standin";
import { DEMO_USAGE, DemoUsageError, missingPackages, parseDemoArgs, type DemoRequest } from "./demo-args";

const stackName = "demo";

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

function banner(text: string): void {
  process.stdout.write(`\n=== ${text}\n`);
}

async function withStandIn(programDir: string, workDir: string, sim: RunningSimulator): Promise<boolean> {
  const stack = new LocalStack({ programDir, stack: stackName, stateDir: path.join(workDir, ".stacks") });
  stack.setConfig("cloudstack:apiUrl", sim.endpoint);
  stack.setConfig("cloudstack:apiKey", sim.admin.apiKey);
  stack.setConfig("cloudstack:secretKey", sim.admin.secretKey, { secret: true });
  const show = (title: string, r: RunResult): boolean => {
    banner(title);
    process.stdout.write(r.plan + "\n");
    return r.ok;
  };
  if (!show("preview", await stack.preview())) return false;
  const up = await stack.up();
  if (!show("up", up)) return false;
  banner("outputs");
  for (const [k, v] of Object.entries(up.outputs)) process.stdout.write(`    ${k}: ${renderValue(v)}\n`);
  const second = await stack.preview();
  if (!show("second preview (expect no changes)", second)) return false;
  if (second.changed) {
    process.stdout.write("the second preview shows changes: the provider is not idempotent\n");
    return false;
  }
  return show("destroy", await stack.destroy());
}

function withPulumiCli(pulumi: string, programDir: string, workDir: string, sim: RunningSimulator): boolean {
  const backend = path.join(workDir, "backend");
  fs.mkdirSync(backend);
  // `pulumi stack init` writes the stack's config file next to Pulumi.yaml; it goes at the end.
  const configFile = path.join(programDir, `Pulumi.${stackName}.yaml`);
  const hadConfigFile = fs.existsSync(configFile);
  const env = {
    ...process.env,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: crypto.randomBytes(16).toString("hex"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  const run = (title: string | undefined, args: string[], input?: string): boolean => {
    if (title) banner(title);
    const res = spawnSync(pulumi, [...args, "--non-interactive", "--cwd", programDir], {
      env,
      input,
      stdio: [input === undefined ? "inherit" : "pipe", "inherit", "inherit"],
    });
    return res.status === 0;
  };
  const withStack = ["--stack", stackName];
  const ok =
    run(undefined, ["stack", "init", stackName]) &&
    run(undefined, ["config", "set", "cloudstack:apiUrl", sim.endpoint, ...withStack]) &&
    run(undefined, ["config", "set", "cloudstack:apiKey", sim.admin.apiKey, ...withStack]) &&
    // The secret key goes through stdin, not the command line where `ps` would show it.
    run(undefined, ["config", "set", "--secret", "cloudstack:secretKey", ...withStack], sim.admin.secretKey) &&
    run("preview", ["preview", ...withStack]) &&
    run("up", ["up", "--yes", "--skip-preview", ...withStack]) &&
    run("outputs", ["stack", "output", "--stack", stackName]) &&
    run("second preview (expect no changes)", ["preview", "--expect-no-changes", ...withStack]) &&
    run("destroy", ["destroy", "--yes", "--skip-preview", ...withStack]) &&
    run(undefined, ["stack", "rm", "--yes", "--stack", stackName]);
  if (!hadConfigFile) fs.rmSync(configFile, { force: true });
  return ok;
}

async function main(): Promise<void> {
  const began = Date.now();
  const repo = findRepoRoot(__dirname);
  let request: DemoRequest;
  try {
    request = parseDemoArgs(process.argv.slice(2), repo, process.cwd());
  } catch (err) {
    if (!(err instanceof DemoUsageError)) throw err;
    process.stderr.write(`${err.message}\n${DEMO_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (request.help) {
    process.stdout.write(DEMO_USAGE);
    return;
  }
  const { programDir, insideRepo } = request;
  // An example resolves the package through a link to the repository; a program elsewhere
  // through its own node_modules, which the demo does not touch.
  if (insideRepo) linkPackage(programDir, repo);
  const missing = missingPackages(programDir);
  if (missing) {
    process.stderr.write(`${missing}\n`);
    process.exitCode = 2;
    return;
  }
  const pulumi = onPath("pulumi");
  if (!pulumi) {
    // The stand-in runs Node.js programs only: say so before starting anything.
    try {
      readProject(programDir);
    } catch (err) {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
      return;
    }
  }
  process.stdout.write(`Program: ${programDir}\n`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cloudstack-demo-"));
  const sim = await startSimulator({ jobMs: 50 });
  process.stdout.write(`CloudStack simulator listening at ${sim.endpoint}\n`);
  process.stdout.write(
    pulumi
      ? `Engine: the Pulumi CLI at ${pulumi}, with a local file backend\n`
      : "Engine: the pulumi CLI is not on PATH, so the demo uses the engine stand-in of engine-standin/\n" +
          "(a test tool that follows the engine's step rules; install the Pulumi CLI for real use)\n",
  );
  let ok = false;
  try {
    ok = pulumi ? withPulumiCli(pulumi, programDir, workDir, sim) : await withStandIn(programDir, workDir, sim);
  } finally {
    await sim.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  process.stdout.write(`\nSimulator stopped. ${ok ? "Demo finished" : "Demo FAILED"} in ${((Date.now() - began) / 1000).toFixed(1)}s.\n`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
