// `make faults`: the whole fault matrix, recorded in bench/RESULTS.md. Every example and the
// 44-resource fault stack applied under 5%, 10% and 20% injected faults of all six kinds (up to 3
// runs of `up` each), and the fault stack killed (kill -9 of the engine stand-in) at 10 points of
// its apply and run again. Each row: runs to converge, whether a preview then showed no change,
// orphans and duplicates left in CloudStack (test/support/fault-inventory.ts).
//
//   node dist/bench/faults.js [faults|kills|all] [--programs a,b] [--rates 0.05,0.1]
import * as fs from "fs";
import { FAULT_KINDS, startSimulator } from "../simulator";
import { examplesDir, notStandAlonePrograms } from "../test/support/example-stack";
import { destroyAll, FAULT_STACK, stackOn, upKilledThenRerun, upUnderFaults, type Outcome } from "../test/support/fault-stacks";
import { recordSection } from "./results-file";

export const FAULT_MATRIX_HEADING = "## Applies under injected faults";
export const KILL_POINTS_HEADING = "## Applies killed mid-way";

const KILL_POINTS = [1, 5, 10, 15, 20, 25, 30, 35, 40, 45];
/** Small stacks send few requests: each of them is applied with several seeds, so faults land. */
const SEEDS_PER_EXAMPLE = 3;

function programs(only: string[] | undefined): Array<[string, string]> {
  const all: Array<[string, string]> = [["fault-stack (44 resources)", FAULT_STACK], ...fs.readdirSync(examplesDir).filter((name) => !(name in notStandAlonePrograms)).sort().map((name): [string, string] => [name, name])];
  return only ? all.filter(([label]) => only.some((name) => label.startsWith(name))) : all;
}

function row(label: string, extra: string, outcome: Outcome): string {
  const converged = outcome.runsToConverge > 0 ? String(outcome.runsToConverge) : "no (3 runs failed)";
  return `| ${label} | ${extra} | ${converged} | ${outcome.settled ? "yes" : "**no**"} | ${outcome.orphans.length} | ${outcome.duplicates.length} |`;
}

async function faultMatrix(only: string[] | undefined, rates: number[]): Promise<{ markdown: string; failures: string[] }> {
  const lines = ["| stack | faults injected | runs of `up` to converge | next preview unchanged | orphans | duplicates |", "|---|---|---|---|---|---|"];
  const failures: string[] = [];
  for (const [label, program] of programs(only)) {
    const seeds = program === FAULT_STACK ? [1] : Array.from({ length: SEEDS_PER_EXAMPLE }, (_, i) => i + 1);
    for (const [rate, seed] of rates.flatMap((r) => seeds.map((s): [number, number] => [r, s]))) {
      const sim = await startSimulator({ jobMs: 20 });
      const { stack, cleanup } = stackOn(sim, program);
      try {
        const outcome = await upUnderFaults(sim, stack, { rate, kinds: [...FAULT_KINDS], seed: Math.round(rate * 1000) * 10 + seed, delayMs: 100 });
        lines.push(row(label, `${rate * 100}%, seed ${seed}: ${outcome.injected} injected`, outcome));
        process.stderr.write(`${lines[lines.length - 1]}\n`);
        if (outcome.runsToConverge === 0 || !outcome.settled || outcome.orphans.length > 0) {
          failures.push(`${label} at ${rate * 100}%: ${[...outcome.errors, ...outcome.orphans].join("; ")}`);
        }
        await destroyAll(sim, stack);
      } finally {
        cleanup();
        await sim.close();
      }
    }
  }
  return { markdown: lines.join("\n"), failures };
}

async function killPoints(): Promise<{ markdown: string; failures: string[] }> {
  const lines = ["| killed after mutating request | the request | rerun converged | next preview unchanged | orphans | duplicates |", "|---|---|---|---|---|---|"];
  const failures: string[] = [];
  for (const point of KILL_POINTS) {
    const sim = await startSimulator({ jobMs: 20 });
    const { stack, cleanup } = stackOn(sim, FAULT_STACK);
    try {
      const outcome = await upKilledThenRerun(sim, stack, point);
      const converged = outcome.runsToConverge > 0 ? "yes" : "**no**";
      lines.push(`| ${point} | ${outcome.killedAt} | ${converged} | ${outcome.settled ? "yes" : "**no**"} | ${outcome.orphans.length} | ${outcome.duplicates.length} |`);
      process.stderr.write(`${lines[lines.length - 1]}\n`);
      if (outcome.runsToConverge === 0 || !outcome.settled || outcome.orphans.length > 0) {
        failures.push(`killed after ${point} (${outcome.killedAt}): ${[...outcome.errors, ...outcome.orphans].join("; ")}`);
      }
      await destroyAll(sim, stack);
    } finally {
      cleanup();
      await sim.close();
    }
  }
  return { markdown: lines.join("\n"), failures };
}

function listArg(args: string[], flag: string): string[] | undefined {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? args[i + 1]!.split(",") : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const part = args[0] && !args[0].startsWith("--") ? args[0] : "all";
  const only = listArg(args, "--programs");
  const rates = (listArg(args, "--rates") ?? ["0.05", "0.1", "0.2"]).map(Number);
  const failures: string[] = [];
  const when = `Recorded ${new Date().toISOString().slice(0, 10)} on the 2-core machine; simulator jobs 20 ms, delay faults 100 ms, engine stand-in parallelism 8.`;
  if (part === "faults" || part === "all") {
    const matrix = await faultMatrix(only, rates);
    failures.push(...matrix.failures);
    if (!only) {
      recordSection(
        FAULT_MATRIX_HEADING,
        `Each stack applied with a fresh simulator injecting the given rate of faults, evenly over all six kinds (500 before or after the command ran, 503, 429, reset, delay, drop after commit), up to 3 runs of \`up\`; then a preview with faults off, and CloudStack's objects compared with the state. ${when}\n\n${matrix.markdown}`,
      );
    }
  }
  if (part === "kills" || part === "all") {
    const kills = await killPoints();
    failures.push(...kills.failures);
    recordSection(
      KILL_POINTS_HEADING,
      `The 44-resource fault stack; the engine stand-in (with its program and provider host) killed with SIGKILL right after the given request reached the simulator, then \`up\` run once more. ${when}\n\n${kills.markdown}`,
    );
  }
  if (failures.length > 0) {
    process.stderr.write(`\n${failures.length} failed:\n${failures.join("\n")}\n`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
