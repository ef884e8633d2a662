// What a long job wait shows on the dynamic path. The Pulumi CLI prints the dynamic-provider
// host's stderr as info lines of the update (not tied to a resource), so a line there is what a
// user sees during a long `up`; the native plugin reports through Engine.Log instead.
import { describeProgress, type JobProgress } from "../client";

export function progressToStderr(progress: JobProgress): void {
  process.stderr.write(`cloudstack: ${describeProgress(progress)}\n`);
}
