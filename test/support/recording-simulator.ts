// A simulator that records every async job it starts, for tests that assert which jobs an
// operation ran and in what order.
import { startSimulator, RunningSimulator } from "../../simulator";

export interface RecordedJob {
  command: string;
  params: Record<string, string>;
}

export interface RecordingSimulator {
  sim: RunningSimulator;
  /** Every async job started, in order. */
  jobs: RecordedJob[];
  close(): Promise<void>;
}

export async function startRecordingSimulator(): Promise<RecordingSimulator> {
  const jobs: RecordedJob[] = [];
  const sim = await startSimulator({
    jobDurationMs: (command, params) => {
      jobs.push({ command, params: { ...params } });
      return 10;
    },
  });
  return { sim, jobs, close: () => sim.close() };
}

/** The commands of the jobs started since `mark` (an index into `jobs`). */
export function commandsSince(jobs: RecordedJob[], mark: number): string[] {
  return jobs.slice(mark).map((job) => job.command);
}
