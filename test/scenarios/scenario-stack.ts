// The scenarios' programs (test/scenarios/fixtures/<folder>) as stacks of the engine
// stand-in against a simulator, and the simulator-side look-ups the scenarios assert on.
import * as assert from "assert";
import * as path from "path";
import { findRepoRoot } from "../../engine-standin";
import type { LocalStack, RunResult } from "../../engine-standin";
import { RunningSimulator } from "../../simulator";
import { exampleStack, type ExampleStack } from "../support/example-stack";
import { adminList, type Item } from "../support/simulator-lists";

export { adminList, adminListById } from "../support/simulator-lists";
export { rootDomainId } from "../support/seed-ids";
export type { Item } from "../support/simulator-lists";

/**
 * The program test/scenarios/fixtures/<folder> as a stack against `sim`. A scenario runs many
 * operations, so its provider host is kept between them (engine-standin/host-pool.ts).
 */
export function fixtureStack(folder: string, sim: RunningSimulator, options: { stack?: string } = {}): ExampleStack {
  return exampleStack(path.join(findRepoRoot(), "test", "scenarios", "fixtures", folder), sim, { ...options, reuseProviderHost: true });
}

export function scenarioStack(name: string, sim: RunningSimulator): ExampleStack {
  return fixtureStack(`addressing-${name}`, sim);
}

/** Sets `<project>:<key>` for the scenario's program. */
export function configure(stack: LocalStack, values: Record<string, string | number | boolean>): void {
  for (const [key, value] of Object.entries(values)) stack.setConfig(`${stack.project}:${key}`, String(value));
}

export function assertOk(run: RunResult): RunResult {
  assert.ok(run.ok, `${run.kind} failed:\n${run.plan}\n${run.errors.join("\n")}`);
  return run;
}

export async function publicIp(sim: RunningSimulator, id: string): Promise<Item> {
  const [ip] = await adminList(sim, "listPublicIpAddresses", "publicipaddress", { id, listall: "true" });
  assert.ok(ip, `public IP ${id} is listed`);
  return ip;
}

export async function instance(sim: RunningSimulator, id: string): Promise<Item> {
  const [vm] = await adminList(sim, "listVirtualMachines", "virtualmachine", { id, listall: "true" });
  assert.ok(vm, `instance ${id} is listed`);
  return vm;
}

/** The engine stand-in's error text of a failed run, all of it. */
export function errorText(run: RunResult): string {
  return [...run.errors, run.plan, ...run.logs.map((l) => l.message)].join("\n");
}
