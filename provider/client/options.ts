// The settings a CloudStackClient is built from.
import type { Progress } from "./jobs";

export interface ClientOptions {
  apiUrl: string;
  apiKey: string;
  secretKey: string;
  /** TLS verification is off only when this is exactly true. */
  insecure?: boolean;
  /** Timeout for the response headers and for each gap in the body; default 60 000 ms. */
  requestTimeoutMs?: number;
  /** HTTP requests in flight at once, shared by every call on the client; default 8. */
  maxInFlight?: number;
  /** Requests sent per second at most (any window of a second sees no more); default: no limit. */
  maxRequestsPerSecond?: number;
  /** Lifetime of a signed request (signatureVersion=3 `expires`); default 600 s. */
  expiresInSeconds?: number;
  /** Default deadline for waitForJob; default 30 minutes. */
  jobDeadlineMs?: number;
  /** Retries of reads and job polls: total attempts (default 5) and backoff bounds (200 ms to 5 s). */
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Debug log sink. Lines name the command, method, parameter names, status and timing only. */
  log?: (line: string) => void;
  /**
   * Told of each job still pending after a few seconds, then now and then (jobs.ts JOB_PROGRESS),
   * and of the other long waits a resource reports (reportProgress).
   */
  progress?: (progress: Progress) => void;
}

export const DEFAULTS = {
  requestTimeoutMs: 60_000,
  maxInFlight: 8,
  expiresInSeconds: 600,
  jobDeadlineMs: 30 * 60_000,
} as const;
