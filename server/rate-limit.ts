// Per-token fixed-window rate limiting (a minute window and an hour window), the simplest scheme
// that produces the documented RateLimit-* and Retry-After headers.

export interface RateLimitConfig {
  perMinute: number;
  /** Absent: no hour window (the bulk import's count has only a minute one). */
  perHour?: number;
}

export interface RateDecision {
  limited: boolean;
  /** Headers every API response carries, errors included. */
  headers: Record<string, string>;
  /** Seconds until a request would be accepted again (only meaningful when limited). */
  retryAfter: number;
}

interface Window {
  start: number;
  count: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

export class RateLimiter {
  private readonly windows = new Map<string, { minute: Window; hour: Window }>();

  constructor(private readonly config: RateLimitConfig) {}

  /** Counts one request for `key` and says whether it is over the limit. */
  hit(key: string, now: number): RateDecision {
    if (this.windows.size > 10_000) this.prune(now);
    let entry = this.windows.get(key);
    if (!entry) {
      entry = { minute: { start: now, count: 0 }, hour: { start: now, count: 0 } };
      this.windows.set(key, entry);
    }
    if (now - entry.minute.start >= MINUTE) entry.minute = { start: now, count: 0 };
    if (now - entry.hour.start >= HOUR) entry.hour = { start: now, count: 0 };
    entry.minute.count++;
    entry.hour.count++;

    const { perMinute, perHour = Number.POSITIVE_INFINITY } = this.config;
    const secondsLeft = (w: Window, span: number): number => Math.max(1, Math.ceil((w.start + span - now) / 1000));
    const hourExhausted = entry.hour.count > perHour;
    const limited = entry.minute.count > perMinute || hourExhausted;
    const remaining = Math.max(0, Math.min(perMinute - entry.minute.count, perHour - entry.hour.count));
    // When the hour budget is what blocks, the minute window refilling would not help: point the
    // client at the hour window instead so it does not retry into another 429.
    const hourBinds = remaining === 0 && entry.hour.count >= perHour;
    const reset = hourBinds ? secondsLeft(entry.hour, HOUR) : secondsLeft(entry.minute, MINUTE);
    return {
      limited,
      retryAfter: hourExhausted ? secondsLeft(entry.hour, HOUR) : secondsLeft(entry.minute, MINUTE),
      headers: {
        'ratelimit-limit': String(perMinute),
        'ratelimit-remaining': String(remaining),
        'ratelimit-reset': String(reset),
      },
    };
  }

  clear(): void {
    this.windows.clear();
  }

  private prune(now: number): void {
    for (const [key, entry] of this.windows) {
      if (now - entry.hour.start >= HOUR) this.windows.delete(key);
    }
  }
}
