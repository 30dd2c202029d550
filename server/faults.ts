// Injected failures: the network and server misbehaviour a real client meets (slowness, 5xx,
// captive-portal HTML, schema drift, dropped and hung connections, a 429 that names no wait),
// queued for upcoming requests.

export type Fault =
  | { type: 'delay'; ms: number }
  | {
      type: 'status';
      status: number;
      retryAfter?: number;
      message?: string;
      /** RateLimit-* figures to send instead of the server's own, e.g. MEGA's documented 429. */
      rateLimit?: RateFigures;
    }
  | { type: 'non-json' }
  | { type: 'wrong-shape' }
  // A 429 with the error envelope but no Retry-After and no RateLimit-* headers, as a gateway in
  // front of the API may answer: the client cannot tell how long to wait.
  | { type: '429-no-retry-after' }
  | { type: 'disconnect' }
  | { type: 'hang' }
  // The normal answer, with these RateLimit-* figures instead of the server's own: what MEGA says
  // after a 429 once part of its window has freed up (the reference's windows free up gradually).
  | { type: 'rate-figures'; rateLimit: RateFigures };

export interface RateFigures {
  limit: number;
  remaining: number;
  reset: number;
}

function parseRateFigures(value: unknown): RateFigures | undefined {
  const figures = value as Record<string, unknown> | null | undefined;
  const ok = (['limit', 'remaining', 'reset'] as const).every(
    (name) => Number.isInteger(figures?.[name]) && Number(figures?.[name]) >= 0,
  );
  return ok
    ? { limit: Number(figures!.limit), remaining: Number(figures!.remaining), reset: Number(figures!.reset) }
    : undefined;
}

const RATE_FIGURES_NEEDED = 'rateLimit needs limit, remaining and reset: non-negative integers';

/** Validates a fault that arrived as JSON (control endpoint); returns an error text if invalid. */
export function parseFault(value: unknown): Fault | string {
  if (typeof value !== 'object' || value === null) return 'fault must be an object';
  const f = value as Record<string, unknown>;
  switch (f.type) {
    case 'delay':
      return typeof f.ms === 'number' && Number.isInteger(f.ms) && f.ms >= 0 && f.ms <= 600_000
        ? { type: 'delay', ms: f.ms }
        : 'delay fault needs ms: an integer from 0 to 600000';
    case 'status': {
      if (typeof f.status !== 'number' || !Number.isInteger(f.status) || f.status < 400 || f.status > 599) {
        return 'status fault needs status: an integer from 400 to 599';
      }
      if (
        f.retryAfter !== undefined &&
        (typeof f.retryAfter !== 'number' || !Number.isInteger(f.retryAfter) || f.retryAfter < 0)
      ) {
        return 'retryAfter must be a non-negative integer (seconds)';
      }
      if (f.message !== undefined && typeof f.message !== 'string') return 'message must be a string';
      const rateLimit = parseRateFigures(f.rateLimit);
      if (f.rateLimit !== undefined && !rateLimit) return RATE_FIGURES_NEEDED;
      return {
        type: 'status',
        status: f.status,
        ...(f.retryAfter !== undefined ? { retryAfter: f.retryAfter } : {}),
        ...(f.message !== undefined ? { message: f.message } : {}),
        ...(rateLimit ? { rateLimit } : {}),
      };
    }
    case 'non-json':
    case 'wrong-shape':
    case '429-no-retry-after':
    case 'disconnect':
    case 'hang':
      return { type: f.type };
    case 'rate-figures': {
      const rateLimit = parseRateFigures(f.rateLimit);
      return rateLimit ? { type: 'rate-figures', rateLimit } : RATE_FIGURES_NEEDED;
    }
    default:
      return 'fault.type must be one of delay, status, non-json, wrong-shape, 429-no-retry-after, disconnect, hang, rate-figures';
  }
}

/** Faults apply in the order injected, each to the next `times` API requests. */
export class FaultQueue {
  private readonly queue: Array<{ fault: Fault; remaining: number }> = [];

  push(fault: Fault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
    this.queue.push({ fault, remaining: times });
  }

  take(): Fault | null {
    const head = this.queue[0];
    if (!head) return null;
    head.remaining--;
    if (head.remaining === 0) this.queue.shift();
    return head.fault;
  }

  clear(): void {
    this.queue.length = 0;
  }
}
