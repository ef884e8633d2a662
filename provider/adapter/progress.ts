// What a long wait (a job, a template's download) shows on the dynamic path. The Pulumi CLI prints the dynamic-provider
// host's stderr as info lines of the update (not tied to a resource), so a line there is what a
// user sees during a long `up`; the native plugin reports through Engine.Log instead.
import { describeProgress, type Progress } from "../client";

export function progressToStderr(progress: Progress): void {
  process.stderr.write(`cloudstack: ${describeProgress(progress)}\n`);
}
