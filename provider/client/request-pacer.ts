// How fast one account's requests leave this process: at most the configured number per second
// (cloudstack:maxRequestsPerSecond), and slower for a while after CloudStack refused one for the
// account's API limit (HTTP 429, ApiRateLimitServiceImpl).
//
// CloudStack counts an account's requests in fixed windows (api.throttling.interval seconds from
// the first request, api.throttling.max per window), so a rate is kept as "at most K requests in
// any span of W ms": then no window, wherever it starts, sees more than K. A 429 names the time
// left in the window; nothing of the account's would pass before then, so every request waits
// until it is over. A refusal can be a one-off (other clients of the account had a burst); when a
// second one follows within 10 s, the pace drops to 70% of what was sent in the last second, and
// each further refusal lowers it again, until 30 s pass with no refusal.
import { systemClock, type Clock } from "./clock";

/** After this long without a refusal the learned pace is forgotten. */
export const LEARNED_PACE_TTL_MS = 30_000;
/** A refusal this soon after the previous one lowers the pace. */
export const REPEAT_WINDOW_MS = 10_000;
/** The learned pace, as a share of the requests sent in the second before the refusal. */
export const BACK_OFF_FACTOR = 0.7;

/** At most `count` requests in any span of `spanMs`: a rate of r/s as whole requests. */
function windowOf(perSecond: number): { count: number; spanMs: number } {
  const count = Math.max(1, Math.floor(perSecond));
  return { count, spanMs: (1000 * count) / perSecond };
}

export class RequestPacer {
  private configured: number | undefined;
  private learned: number | undefined;
  private learnedAt = 0;
  private lastRefusal: number | undefined;
  private pausedUntil = 0;
  /** Send times, oldest first, kept for the longest span in use and the last second. */
  private sent: number[] = [];
  private readonly waiting: Array<() => void> = [];
  private cancelTimer: (() => void) | undefined;

  constructor(
    perSecond: number | undefined,
    private readonly clock: Clock = systemClock,
  ) {
    this.limitTo(perSecond);
  }

  /** Several clients of one account share a pacer: the lowest configured rate holds. */
  limitTo(perSecond: number | undefined): void {
    if (perSecond === undefined) return;
    if (!Number.isFinite(perSecond) || perSecond <= 0) throw new RangeError(`maxRequestsPerSecond must be a positive number, got ${perSecond}`);
    this.configured = this.configured === undefined ? perSecond : Math.min(this.configured, perSecond);
  }

  /** The pace in force, in requests per second, or undefined for none. */
  rate(): number | undefined {
    if (this.learned !== undefined && this.clock.now() - this.learnedAt > LEARNED_PACE_TTL_MS) this.learned = undefined;
    if (this.learned === undefined) return this.configured;
    return this.configured === undefined ? this.learned : Math.min(this.configured, this.learned);
  }

  /** Resolves when one more request may be sent, in arrival order, and counts it as sent. */
  take(): Promise<void> {
    if (this.waiting.length === 0 && this.nextSlot() <= this.clock.now()) {
      this.record();
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  /**
   * CloudStack refused a request for the account's API limit, naming how long until its window
   * is over. Refusals answered during the pause the first one started belong to the same
   * episode and only extend it; a new episode soon after another lowers the pace.
   */
  throttled(retryAfterMs: number): void {
    const now = this.clock.now();
    const newEpisode = now >= this.pausedUntil;
    this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(0, retryAfterMs));
    if (newEpisode) {
      const repeated = this.lastRefusal !== undefined && now - this.lastRefusal <= REPEAT_WINDOW_MS;
      if (repeated) {
        const lastSecond = this.sent.filter((at) => at > now - 1000).length;
        const current = this.rate();
        const base = current === undefined ? lastSecond : Math.min(current, lastSecond);
        this.learned = Math.max(1, Math.floor(base * BACK_OFF_FACTOR));
        this.learnedAt = now;
      }
      this.lastRefusal = now;
    }
    if (this.learned !== undefined) this.learnedAt = now;
    this.pump();
  }

  /** The earliest moment the next request may go. */
  private nextSlot(): number {
    const now = this.clock.now();
    const perSecond = this.rate();
    let at = Math.max(now, this.pausedUntil);
    if (perSecond !== undefined) {
      const { count, spanMs } = windowOf(perSecond);
      this.sent = this.sent.filter((t) => t > now - Math.max(spanMs, 1000));
      const recent = this.sent.filter((t) => t > now - spanMs);
      if (recent.length >= count) at = Math.max(at, recent[recent.length - count]! + spanMs);
    }
    return at;
  }

  private record(): void {
    const now = this.clock.now();
    this.sent.push(now);
    if (this.rate() === undefined) this.sent = this.sent.filter((t) => t > now - 1000);
  }

  private pump(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    while (this.waiting.length > 0) {
      const at = this.nextSlot();
      if (at > this.clock.now()) {
        this.cancelTimer = this.clock.after(at - this.clock.now(), () => {
          this.cancelTimer = undefined;
          this.pump();
        });
        return;
      }
      this.record();
      this.waiting.shift()!();
    }
  }
}
