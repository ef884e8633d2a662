// The job watcher of each account this process talks to, keyed by endpoint and credentials: the
// clients of several provider instances (or reconfigurations) with the same account share it.
import { createHash } from "node:crypto";
import { JobWatch } from "./job-watch";

const watches = new Map<string, JobWatch>();

export function jobWatchFor(endpoint: string, apiKey: string, secretKey: string): JobWatch {
  const key = createHash("sha256").update(`${endpoint}\u0000${apiKey}\u0000${secretKey}`).digest("hex");
  let watch = watches.get(key);
  if (!watch) watches.set(key, (watch = new JobWatch()));
  return watch;
}
