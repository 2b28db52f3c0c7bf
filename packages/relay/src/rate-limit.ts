import { createHash, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

interface Window {
  start: number;
  count: number;
}

/** The eight 16-bit groups of an IPv6 address (valid per `isIPv6`, no zone), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  // A trailing dotted IPv4 part (`::ffff:1.2.3.4`) is two groups written another way.
  const lastColon = address.lastIndexOf(':');
  const embedded = address.slice(lastColon + 1);
  let text = address;
  if (isIPv4(embedded)) {
    const [a, b, c, d] = embedded.split('.').map(Number) as [number, number, number, number];
    const hex = (n: number) => n.toString(16);
    text = `${address.slice(0, lastColon + 1)}${hex((a << 8) | b)}:${hex((c << 8) | d)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = halves.length === 2 ? 8 - head.length - rest.length : 0;
  if (missing < 0) return undefined;
  const groups = [...head, ...Array<number>(missing).fill(0), ...rest];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : undefined;
}

/**
 * The client a request is counted against: an IPv4 address as it is; an IPv4-mapped IPv6
 * address (`::ffff:1.2.3.4`) as its IPv4 address; any other IPv6 address as its /64 prefix,
 * since one subscriber usually holds a whole /64 and can pick a new address in it at will.
 * A port after the address is left out. Anything else (no address known) is used as given.
 * Only ever hashed, never stored.
 */
export function clientKey(address: string): string {
  // Some proxies write the client's port too (`1.2.3.4:5678`, `[2001:db8::1]:5678`): a new
  // connection's port must not make a new client.
  const bare = address
    .trim()
    .replace(/^\[(.*)\](?::\d+)?$/, '$1')
    .replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, '$1')
    .replace(/%.*$/, '');
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return address;
  const groups = ipv6Groups(bare);
  if (groups === undefined) return address;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
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

  /**
   * `now` is a monotonic clock by default: the system clock set back (NTP, a resumed virtual
   * machine) would stretch every open window by as much, and tell a client to wait an hour.
   */
  constructor(
    private readonly windowMs: number,
    private readonly max: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Counts one request from `address` and says whether it may go on. IPv6 clients are counted
   * by their /64, IPv4-mapped ones as IPv4 (see {@link clientKey}).
   */
  hit(address: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const key = createHash('sha256')
      .update(this.salt)
      .update(clientKey(address))
      .digest('base64url');
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
