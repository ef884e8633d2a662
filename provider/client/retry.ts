// When and how long to wait before trying a read again.
import { CloudStackApiError } from "./errors";

export interface RetryPolicy {
  /** Total tries, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** The system or undici error code of a failure, looking through `cause` and AggregateError. */
export function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current !== "object") return undefined;
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested) && nested.length > 0) {
      current = nested[0];
      continue;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Connection failures, timeouts, 429 and 503 are worth another try; everything else is final. */
export function isTransient(error: unknown): boolean {
  if (error instanceof CloudStackApiError) return error.status === 429 || error.status === 503;
  const code = errorCode(error);
  return code !== undefined && TRANSIENT_CODES.has(code);
}

// CloudStack's throttling message names the wait: "please retry after [<ms>] ms."
function serverRequestedDelay(error: unknown): number | undefined {
  if (!(error instanceof CloudStackApiError) || error.status !== 429) return undefined;
  const match = /retry after \[(\d+)\] ms/.exec(error.errortext);
  return match ? Number(match[1]) : undefined;
}

/** Exponential backoff with jitter in [cap/2, cap], so retries from many callers spread out. */
export function retryDelay(policy: RetryPolicy, retryNumber: number, error: unknown, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryNumber - 1));
  const jittered = cap / 2 + random() * (cap / 2);
  return Math.round(Math.max(jittered, serverRequestedDelay(error) ?? 0));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs attempt() up to policy.attempts times while it fails transiently.
 * Only for requests that are safe to repeat (reads and job polls).
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (attemptNumber: number) => Promise<T>,
  onRetry?: (error: unknown, delayMs: number, attemptNumber: number) => void,
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (attemptNumber >= policy.attempts || !isTransient(error)) throw error;
      const delayMs = retryDelay(policy, attemptNumber, error);
      onRetry?.(error, delayMs, attemptNumber);
      await sleep(delayMs);
    }
  }
}
