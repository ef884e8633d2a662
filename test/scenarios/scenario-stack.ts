// The addressing scenarios' programs (test/scenarios/fixtures/<name>) as stacks of the engine
// stand-in against a simulator, and the simulator-side look-ups the scenarios assert on.
import * as assert from "assert";
import * as path from "path";
import { findRepoRoot } from "../harness";
import type { LocalStack, RunResult } from "../harness";
import { RunningSimulator } from "../../simulator";
import { rawCall } from "../simulator/raw-client";
import { exampleStack } from "../examples/example-stack";

export type Item = Record<string, unknown>;

export function scenarioStack(name: string, sim: RunningSimulator): { stack: LocalStack; cleanup(): void } {
  return exampleStack(path.join(findRepoRoot(), "test", "scenarios", "fixtures", `addressing-${name}`), sim);
}

/** Sets `<project>:<key>` for the scenario's program. */
export function configure(stack: LocalStack, values: Record<string, string | number | boolean>): void {
  for (const [key, value] of Object.entries(values)) stack.setConfig(`${stack.project}:${key}`, String(value));
}

export function assertOk(run: RunResult): RunResult {
  assert.ok(run.ok, `${run.kind} failed:\n${run.plan}\n${run.errors.join("\n")}`);
  return run;
}

/** A root admin's list call, every page, as the raw client sees it. */
export async function adminList(sim: RunningSimulator, command: string, key: string, params: Record<string, string> = {}): Promise<Item[]> {
  const res = await rawCall(sim.endpoint, sim.admin, command, params);
  if (res.status !== 200) throw new Error(`${command}: ${JSON.stringify(res.body)}`);
  const body = res.body[`${command.toLowerCase()}response`] as Record<string, Item[] | undefined> | undefined;
  return body?.[key] ?? [];
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

export function rootDomainId(sim: RunningSimulator): string {
  return sim.model.state.domains.find((d) => d.name === "ROOT")!.uuid;
}

/** The engine stand-in's error text of a failed run, all of it. */
export function errorText(run: RunResult): string {
  return [...run.errors, run.plan, ...run.logs.map((l) => l.message)].join("\n");
}
