// `make bench`: every benchmark in turn, each recording its section of bench/RESULTS.md.
import { API_CALLS_HEADING, apiCallsSection } from "./api-calls";
import { JOB_WAIT_HEADING, jobWaitSection } from "./job-wait";
import { recordSection } from "./results-file";
import { runSimulatorThroughputBench, SIMULATOR_THROUGHPUT_HEADING } from "./simulator-throughput";
import { SIMULATOR_DURABILITY_HEADING, simulatorDurabilitySection } from "./simulator-durability";
import { STACK_SCALE_HEADING, stackScaleSection } from "./stack-scale";

const benchmarks: ReadonlyArray<[string, () => Promise<string>]> = [
  [JOB_WAIT_HEADING, jobWaitSection],
  [SIMULATOR_THROUGHPUT_HEADING, runSimulatorThroughputBench],
  [SIMULATOR_DURABILITY_HEADING, simulatorDurabilitySection],
  [API_CALLS_HEADING, apiCallsSection],
  [STACK_SCALE_HEADING, stackScaleSection],
];

async function main(): Promise<void> {
  for (const [heading, bench] of benchmarks) {
    const markdown = await bench();
    process.stdout.write(`${heading}\n\n${markdown}\n\n`);
    recordSection(heading, markdown);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
