// Runs an example from examples/ through the engine stand-in against a simulator: the stack's
// config points the provider at the simulator, as `pulumi config set` would; and the whole
// round of an example (up, an unchanged preview, destroy) with the example's own checks.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalStack, findRepoRoot, linkPackage } from "../../engine-standin";
import type { RunResult } from "../../engine-standin";
import { RunningSimulator } from "../../simulator";

export const examplesDir = path.join(findRepoRoot(), "examples");

/**
 * The folders of examples/ that the stand-in cannot run on their own, and why; every other
 * folder is a program it runs as is (the fault bench runs each).
 */
export const notStandAlonePrograms: Readonly<Record<string, string>> = {
  "automation-per-branch": "drives the Pulumi CLI through the Automation API",
  ci: "CI recipes, not a program",
  "python-network": "a Python program: the stand-in runs Node.js programs only",
  "secondary-ip-guest-config": "needs the provider plugin of @pulumi/command, which the Pulumi CLI fetches",
  "stack-app": "reads stack-network's outputs through a StackReference: runs after it, in the same state directory",
  "yaml-network": "a Pulumi YAML program: the stand-in runs Node.js programs only",
};

export interface ExampleStack {
  stack: LocalStack;
  stateDir: string;
  cleanup(): void;
}

/**
 * The secrets an example requires (its README says to set them with `pulumi config set
 * --secret`), so every run of it (tests, the fault bench) starts from a complete config.
 */
const requiredSecrets: Record<string, Record<string, string>> = {
  "remote-access-vpn": { alicePassword: "Alice-example-1", bobPassword: "Bob-example-2" },
  "site-to-site-vpn": { ipsecPsk: "example-office-psk" },
};

/**
 * Plain config an example requires that only the simulator at hand knows (its README says which
 * id to set): vnf-appliance's guest OS type, which the simulator seeds afresh each time.
 */
function requiredConfig(example: string, sim: RunningSimulator): Record<string, string> {
  if (example === "vnf-appliance") return { osTypeId: sim.model.state.templates[0].osTypeUuid };
  return {};
}

/**
 * `example` names a folder of examples/, or is an absolute path to another program folder.
 * `stateDir`: a state directory shared with other stacks (which a StackReference reads), kept by
 * cleanup; by default the stack gets a directory of its own, which cleanup removes.
 */
export function exampleStack(example: string, sim: RunningSimulator, options: { stack?: string; reuseProviderHost?: boolean; stateDir?: string } = {}): ExampleStack {
  const programDir = path.isAbsolute(example) ? example : path.join(examplesDir, example);
  linkPackage(programDir);
  const stateDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `example-${path.basename(example)}-`));
  // The language host would type-check a TypeScript program on every run (ts-node's default),
  // seconds each time; examples-typecheck.test.ts checks the examples once per test run instead,
  // and runs transpile only, as `PULUMI_NODEJS_TRANSPILE_ONLY` lets users do with a build step.
  const env = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
  const stack = new LocalStack({ programDir, stack: options.stack ?? "dev", stateDir, env, reuseProviderHost: options.reuseProviderHost });
  stack.setConfig("cloudstack:apiUrl", sim.endpoint);
  stack.setConfig("cloudstack:apiKey", sim.admin.apiKey);
  stack.setConfig("cloudstack:secretKey", sim.admin.secretKey, { secret: true });
  for (const [key, value] of Object.entries(requiredSecrets[path.basename(programDir)] ?? {})) {
    stack.setConfig(`${stack.project}:${key}`, value, { secret: true });
  }
  for (const [key, value] of Object.entries(requiredConfig(path.basename(programDir), sim))) stack.setConfig(`${stack.project}:${key}`, value);
  const cleanup = options.stateDir ? () => undefined : () => fs.rmSync(stateDir, { recursive: true, force: true });
  return { stack, stateDir, cleanup };
}

export interface EndToEndChecks {
  /** What a successful up made. */
  afterUp(up: RunResult): Promise<void>;
  /** More checks once the second preview has shown no changes. */
  afterPreview?(preview: RunResult, up: RunResult, stack: LocalStack): Promise<void> | void;
  /** That CloudStack holds nothing of the stack any more, once destroy emptied its state. */
  nothingLeft(up: RunResult): Promise<void>;
}

/**
 * Runs `example` end to end against `sim`: up, a second preview with no changes, destroy leaving
 * an empty state, each followed by the example's own checks.
 */
export async function runEndToEnd(example: string, sim: RunningSimulator, checks: EndToEndChecks): Promise<void> {
  const { stack, cleanup } = exampleStack(example, sim, hostKeptBetweenRuns);
  try {
    const up = await stack.up();
    assert.ok(up.ok, `${up.plan}\n${up.errors.join("\n")}`);
    await checks.afterUp(up);

    const preview = await stack.preview();
    assert.ok(preview.ok, preview.plan);
    assert.strictEqual(preview.changed, false, preview.plan);
    await checks.afterPreview?.(preview, up, stack);

    const destroy = await stack.destroy();
    assert.ok(destroy.ok, `${destroy.plan}\n${destroy.errors.join("\n")}`);
    assert.deepStrictEqual(stack.state().resources, []);
    await checks.nothingLeft(up);
  } finally {
    cleanup();
  }
}

/**
 * For files that run many operations on a stack: one provider host serves them in turn
 * (engine-standin/host-pool.ts) instead of one per operation as the engine starts.
 */
export const hostKeptBetweenRuns = { reuseProviderHost: true } as const;
