// CloudStack's API rate limit (the rate-limit plugin, ApiRateLimitServiceImpl), off unless
// api.throttling.enabled is true. Each account has a counter that lives for api.throttling.interval
// seconds from its first request (EhcacheLimitStore entries expire, StoreEntryImpl); every request
// of the account counts, refused ones too (hasApiRateLimitBeenExceeded increments before it
// compares), and once the count passes api.throttling.max the request is refused with the time left
// before the counter expires. Root admins are never counted (checkAccess).
import type { Caller } from "../caller";

export interface ThrottlingOptions {
  /** api.throttling.enabled; default false. */
  enabled?: boolean;
  /** api.throttling.interval: the counter's lifetime in seconds; default 1. */
  intervalSeconds?: number;
  /** api.throttling.max: requests allowed per account within the interval; default 25. */
  max?: number;
}

export interface ThrottlingSettings {
  enabled: boolean;
  intervalSeconds: number;
  max: number;
}

/** Config.ApiLimitInterval and Config.ApiLimitMax defaults. */
export const DEFAULT_THROTTLING: ThrottlingSettings = { enabled: false, intervalSeconds: 1, max: 25 };

/** The global settings that configure it, as listConfigurations names them. */
export const THROTTLING_SETTINGS = {
  enabled: "api.throttling.enabled",
  intervalSeconds: "api.throttling.interval",
  max: "api.throttling.max",
} as const;

/**
 * The settings in force: explicit options win, then the stored global settings (read once at
 * start: the plugin reads them in configure(), so CloudStack applies a change at its next start),
 * then CloudStack's defaults.
 */
export function throttlingSettings(options: ThrottlingOptions | undefined, stored: (name: string) => string | undefined): ThrottlingSettings {
  const number = (name: string, fallback: number): number => {
    const text = stored(name);
    return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : fallback;
  };
  return {
    enabled: options?.enabled ?? (stored(THROTTLING_SETTINGS.enabled)?.trim() === "true" || DEFAULT_THROTTLING.enabled),
    intervalSeconds: options?.intervalSeconds ?? number(THROTTLING_SETTINGS.intervalSeconds, DEFAULT_THROTTLING.intervalSeconds),
    max: options?.max ?? number(THROTTLING_SETTINGS.max, DEFAULT_THROTTLING.max),
  };
}

interface Counter {
  expiresAt: number;
  count: number;
}

export class ApiThrottle {
  private readonly counters = new Map<string, Counter>();

  constructor(
    readonly settings: ThrottlingSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts the request; undefined when it may run, else the ms until the account's counter expires. */
  refusal(caller: Caller): number | undefined {
    if (!this.settings.enabled || caller.isRootAdmin) return undefined;
    const now = this.now();
    let counter = this.counters.get(caller.accountId);
    // StoreEntryImpl.isExpired: expired only once the moment has passed.
    if (counter === undefined || now > counter.expiresAt) {
      counter = { expiresAt: now + this.settings.intervalSeconds * 1000, count: 0 };
      this.counters.set(caller.accountId, counter);
    }
    counter.count++;
    if (counter.count <= this.settings.max) return undefined;
    return Math.max(0, counter.expiresAt - now);
  }
}
