// Stacks applied while things go wrong, and the figures the fault tests and bench/faults assert
// and record: runs of `up` to converge, orphans and duplicates left in CloudStack.
import * as path from "path";
import { findRepoRoot, type LocalStack } from "../../engine-standin";
import type { FaultSpec, RunningSimulator } from "../../simulator";
import { exampleStack, type ExampleStack } from "./example-stack";
import { killUpAfterMutations } from "./kill-apply";
import { leftovers, takeInventory, type Leftovers } from "./fault-inventory";

export const FAULT_STACK = path.join(findRepoRoot(), "test", "faults", "fixtures", "fault-stack");

export interface Outcome extends Leftovers {
  /** The run of `up` that succeeded (1 = the first), or 0 when none did within the limit. */
  runsToConverge: number;
  /** A preview after convergence, with faults off, showed no changes. */
  settled: boolean;
  /** The errors of the runs that failed, for the assertion messages. */
  errors: string[];
  injected: number;
}

/** The program `program` (an example name or a folder) as a stack on `sim`, with config. */
export function stackOn(sim: RunningSimulator, program: string, config: Record<string, string> = {}): ExampleStack {
  const made = exampleStack(program, sim);
  for (const [key, value] of Object.entries(config)) made.stack.setConfig(key, value);
  return made;
}

async function settledAfter(stack: LocalStack, sim: RunningSimulator): Promise<boolean> {
  sim.faults.set(undefined);
  const preview = await stack.preview();
  return preview.ok && !preview.changed;
}

/** `up` under `faults` until it succeeds, at most `maxRuns` times; then what CloudStack holds. */
export async function upUnderFaults(sim: RunningSimulator, stack: LocalStack, faults: FaultSpec, maxRuns = 3): Promise<Outcome> {
  const baseline = await takeInventory(sim);
  const errors: string[] = [];
  let runsToConverge = 0;
  let injected = 0;
  sim.faults.set(faults);
  try {
    for (let run = 1; run <= maxRuns && runsToConverge === 0; run++) {
      const up = await stack.up();
      if (up.ok) runsToConverge = run;
      else errors.push(`run ${run}: ${up.errors.join(" | ")}`);
    }
  } finally {
    injected = Object.values(sim.faults.counts()).reduce((sum, n) => sum + n, 0);
    sim.faults.set(undefined);
  }
  const settled = runsToConverge > 0 && (await settledAfter(stack, sim));
  return { runsToConverge, settled, errors, injected, ...leftovers(baseline, await takeInventory(sim), stack.state()) };
}

/** `up` killed (kill -9) after the `afterMutations`-th request that changes something, then `up` again. */
export async function upKilledThenRerun(sim: RunningSimulator, stack: LocalStack, afterMutations: number): Promise<Outcome & { killedAt: string }> {
  const baseline = await takeInventory(sim);
  const killed = await killUpAfterMutations(stack, sim.endpoint, afterMutations);
  const killedAt = killed.killed ? (killed.mutations[afterMutations - 1] ?? "?") : "not killed: the apply finished first";
  const up = await stack.up();
  const errors = up.ok ? [] : [up.errors.join(" | ")];
  const settled = up.ok && (await settledAfter(stack, sim));
  return { killedAt, runsToConverge: up.ok ? 1 : 0, settled, errors, injected: 0, ...leftovers(baseline, await takeInventory(sim), stack.state()) };
}

/** Destroys the stack with faults off; what CloudStack still holds of it afterwards. */
export async function destroyAll(sim: RunningSimulator, stack: LocalStack): Promise<{ ok: boolean; errors: string[] }> {
  sim.faults.set(undefined);
  const destroy = await stack.destroy();
  return { ok: destroy.ok, errors: destroy.errors };
}
