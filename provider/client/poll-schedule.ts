// How long to wait before the next queryAsyncJobResult poll.
//
// Quick jobs are noticed quickly: the first poll comes 50 ms after the job starts and the gap
// then triples (polls at about 50, 200 and 650 ms). From then on the gap is at least 600 ms,
// so a job costs at most about 1.7 polls per second, and at least 15% of the time already
// waited, so the time lost after a job ends stays a small fraction of its duration. It never
// exceeds 2 s, so a slow job costs one poll every 2 s.
// bench/job-wait.ts measures this schedule; bench/RESULTS.md has the figures.

export const FIRST_POLL_MS = 50;
export const GROWTH = 3;
export const STEADY_MIN_MS = 600;
export const ELAPSED_FRACTION = 0.15;
export const MAX_POLL_GAP_MS = 2_000;

/** The wait before the next poll, given the previous wait (undefined before the first) and the time waited so far. */
export function nextPollDelay(previousMs: number | undefined, elapsedMs: number): number {
  if (previousMs === undefined) return FIRST_POLL_MS;
  const target = Math.max(STEADY_MIN_MS, ELAPSED_FRACTION * elapsedMs);
  const grown = Math.min(previousMs * GROWTH, target);
  return Math.round(Math.min(MAX_POLL_GAP_MS, Math.max(previousMs, grown)));
}
