// When and how long to wait before trying a read again.
import { CloudStackApiError } from "./errors";

export interface RetryPolicy {
  /** Total tries, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

// The connection never opened: the request cannot have reached CloudStack.
const NOT_CONNECTED_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
]);

// The connection broke or went quiet after the request may have been sent.
const ANSWER_LOST_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * What a failed request says about whether CloudStack ran the command:
 * - "not-run": refused before execution, so it is safe to send again: 429 (the API limiter runs
 *   before dispatch), CloudStack's 503 (maintenance or shutdown, refused before any job is
 *   queued: ApiServer.handleRequest), or a connection that never opened;
 * - "unknown": no CloudStack answer came back (a reset, a timeout, or a 500/502/504 from
 *   something in front of CloudStack, which may come after the commit);
 * - "answered": CloudStack answered, so the outcome is known (an error it raised, say).
 */
export type Outcome = "not-run" | "unknown" | "answered";

export function outcomeOf(error: unknown): Outcome {
  if (error instanceof CloudStackApiError) {
    if (error.status === 429 || error.status === 503) return "not-run";
    // CloudStack answers its own errors with the error code as the HTTP status (530 for an
    // internal error), never 500, 502 or 504: those come from a proxy or the servlet container.
    if (error.status === 500 || error.status === 502 || error.status === 504) return "unknown";
    return "answered";
  }
  const code = errorCode(error);
  if (code !== undefined && NOT_CONNECTED_CODES.has(code)) return "not-run";
  if (code !== undefined && ANSWER_LOST_CODES.has(code)) return "unknown";
  return "answered";
}

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

/** A read may be sent again after any failure that is not CloudStack's own answer. */
export function isTransient(error: unknown): boolean {
  return outcomeOf(error) !== "answered";
}

// The wait the server asked for: a Retry-After header, or CloudStack's throttling text
// "please retry after [<ms>] ms.".
function serverRequestedDelay(error: unknown): number | undefined {
  if (!(error instanceof CloudStackApiError)) return undefined;
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  return throttledFor(error);
}

/**
 * For CloudStack's refusal at the account's API limit (HTTP 429, ApiRateLimitServiceImpl), the
 * time it names until the account's window is over: its text first (CloudStack sends no
 * Retry-After), then a Retry-After header, else a second. Undefined for any other error.
 */
export function throttledFor(error: unknown): number | undefined {
  if (!(error instanceof CloudStackApiError) || error.status !== 429) return undefined;
  const match = /retry after \[(\d+)\] ms/.exec(error.errortext);
  if (match) return Number(match[1]);
  return error.retryAfterMs ?? 1000;
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
 * Only for requests that are safe to repeat (reads and job polls); the client sends commands
 * that change state through its own loop, which first finds out whether they ran.
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
