import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

import type { PowChallenge, PowSolution } from '@synpunkt/sdk';

/**
 * What `GET /v1/challenge` answers (the sdk's `PowChallenge`): this relay always says SHA-256
 * and `maxnumber`; its signature is an HMAC-SHA-256 of `challenge` with the relay's key.
 */
export type Challenge = PowChallenge & { algorithm: 'SHA-256'; maxnumber: number };

/** A solved challenge, as the widget sends it (the sdk's `PowSolution`). */
export type Solution = PowSolution;

/** Why a solution was refused, or `ok`. */
export type Verdict = 'ok' | 'missing' | 'malformed' | 'invalid' | 'expired' | 'replayed';

/**
 * A solution checked on its own (signature, hash, expiry), before asking whether it was spent:
 * `challenge` and `expiresAt` (ms) are what the store keeps to refuse it for another submission.
 */
export type CheckedSolution =
  | { verdict: 'ok'; challenge: string; expiresAt: number }
  | { verdict: Exclude<Verdict, 'ok' | 'replayed'> };

/**
 * How far past now + `expiresMs` a salt's `expires` may lie: the clocks of relays behind one
 * load balancer may differ a little.
 */
const CLOCK_SLACK_MS = 60_000;

/** A number as the solver writes it after the salt: digits, no leading zero (but `0`). */
const CANONICAL_NUMBER = /^(?:0|[1-9]\d*)$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function safeEqualHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * ALTCHA-compatible proof of work. The widget fetches a challenge while the person types, finds
 * the number in the background, and sends the solution with the submission. A solution is good
 * for one submission: the same one again is refused, except for the same submission id (a retry
 * after a lost answer).
 */
export class ProofOfWork {
  private readonly used = new Map<string, { id: string; expires: number }>();

  constructor(
    private readonly hmacKey: string,
    private readonly maxNumber: number,
    private readonly expiresMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh challenge. */
  create(): Challenge {
    const expires = Math.floor((this.now() + this.expiresMs) / 1000);
    // The `&` closes the parameters: the hash covers salt + number with nothing between, so
    // without it digits could move from the start of the number to the end of `expires`.
    const salt = `${randomBytes(12).toString('hex')}?expires=${expires}&`;
    const challenge = sha256(`${salt}${randomInt(0, this.maxNumber + 1)}`);
    return {
      algorithm: 'SHA-256',
      challenge,
      maxnumber: this.maxNumber,
      salt,
      signature: this.sign(challenge),
    };
  }

  /**
   * Checks a header value for the submission `id`, remembering spent solutions in this
   * process's memory only. The relay itself uses {@link check} and keeps spent challenges in
   * its store, so a restart does not make them good again.
   */
  verify(header: string | undefined, id: string): Verdict {
    const checked = this.check(header);
    if (checked.verdict !== 'ok') return checked.verdict;
    this.forgetExpired(this.now());
    const seen = this.used.get(checked.challenge);
    if (seen && seen.id !== id) return 'replayed';
    this.used.set(checked.challenge, { id, expires: checked.expiresAt });
    return 'ok';
  }

  /** Checks a header value's signature, hash and expiry; not whether it was spent. */
  check(header: string | undefined): CheckedSolution {
    if (header === undefined || header === '') return { verdict: 'missing' };
    const solution = decode(header);
    if (solution === undefined) return { verdict: 'malformed' };
    if (solution.algorithm !== 'SHA-256') return { verdict: 'invalid' };
    // The salt must end where this relay ended it, and the number must be written the one way
    // the solver writes it: then salt + number splits only one way, the way it was signed.
    if (!solution.salt.endsWith('&')) return { verdict: 'invalid' };
    if (!Number.isSafeInteger(solution.number) || !CANONICAL_NUMBER.test(String(solution.number))) {
      return { verdict: 'invalid' };
    }
    const query = solution.salt.indexOf('?');
    if (query === -1) return { verdict: 'invalid' };
    const expiresText = new URLSearchParams(solution.salt.slice(query + 1)).get('expires') ?? '';
    if (!/^\d{1,12}$/.test(expiresText)) return { verdict: 'invalid' };
    const expires = Number(expiresText);
    if (expires <= 0) return { verdict: 'invalid' };
    if (!safeEqualHex(this.sign(solution.challenge), solution.signature))
      return { verdict: 'invalid' };
    if (sha256(`${solution.salt}${solution.number}`) !== solution.challenge)
      return { verdict: 'invalid' };
    // No challenge of this relay's lives longer than `expiresMs`.
    if (expires * 1000 > this.now() + this.expiresMs + CLOCK_SLACK_MS)
      return { verdict: 'invalid' };
    if (expires * 1000 < this.now()) return { verdict: 'expired' };
    return { verdict: 'ok', challenge: solution.challenge, expiresAt: expires * 1000 };
  }

  /** A solution for `challenge`, found the way the widget finds it. For tests and tools. */
  static solve(challenge: Challenge): Solution | undefined {
    for (let number = 0; number <= challenge.maxnumber; number++) {
      if (sha256(`${challenge.salt}${number}`) === challenge.challenge) {
        const { algorithm, salt, signature } = challenge;
        return { algorithm, challenge: challenge.challenge, number, salt, signature };
      }
    }
    return undefined;
  }

  /** The header value for a solution: base64 of its JSON. */
  static encode(solution: Solution): string {
    return Buffer.from(JSON.stringify(solution), 'utf8').toString('base64');
  }

  private sign(challenge: string): string {
    return createHmac('sha256', this.hmacKey).update(challenge).digest('hex');
  }

  private forgetExpired(now: number): void {
    if (this.used.size < 1024) return;
    for (const [key, entry] of this.used) if (entry.expires < now) this.used.delete(key);
  }
}

function decode(header: string): Solution | undefined {
  if (header.length > 2048) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { algorithm, challenge, number, salt, signature } = value as Record<string, unknown>;
    if (
      typeof algorithm !== 'string' ||
      typeof challenge !== 'string' ||
      typeof number !== 'number' ||
      !Number.isInteger(number) ||
      typeof salt !== 'string' ||
      typeof signature !== 'string'
    ) {
      return undefined;
    }
    return { algorithm, challenge, number, salt, signature };
  } catch {
    return undefined;
  }
}
