import { createHash, randomBytes } from 'node:crypto';

interface Window {
  start: number;
  count: number;
}

/** The answer to one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A per-client fixed-window limit, in memory only. Clients are told apart by a salted hash of
 * their address; the salt is random per process and never written anywhere, so neither the
 * address nor a reversible trace of it is stored.
 */
export class RateLimiter {
  private readonly salt = randomBytes(32);
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(
    private readonly windowMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request from `address` and says whether it may go on. */
  hit(address: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const key = createHash('sha256').update(this.salt).update(address).digest('base64url');
    let window = this.windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.max) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)),
    };
  }

  /** How many clients are being tracked (for tests of the sweep). */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.windowMs) this.windows.delete(key);
    }
  }
}
