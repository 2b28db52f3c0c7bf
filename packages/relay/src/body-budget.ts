import { TEXT_ONLY_BODY_BYTES } from './body-limit.js';

/**
 * The request-body bytes the relay receives and parses at once, across all requests. A 14 MB
 * submission costs about four times its size in memory while it is read, decoded, parsed,
 * checked and stored, so twenty of them at once (within the per-client rate limit) took a relay
 * past a gigabyte. Each request reserves its body here before it is read: its declared
 * `Content-Length` up front, a chunked body as it arrives. What does not fit is refused with
 * `503` and `Retry-After`, before (or, chunked, while) it is read.
 *
 * The first {@link TEXT_ONLY_BODY_BYTES} of every body are not counted: a synpunkt without files
 * fits in them, so it is never turned away as busy, not even while a few slow uploads that
 * declared the largest size hold the whole budget for the minutes a weak uplink takes. What
 * that costs in memory is bounded by the rate limit.
 */
export class BodyBudget {
  private used = 0;

  /** @param limit the most bytes in flight at once; at least the largest body, or it never fits. */
  constructor(readonly limit: number) {}

  /** Bytes reserved now (of each body, what is past its first {@link TEXT_ONLY_BODY_BYTES}). */
  get inFlight(): number {
    return this.used;
  }

  /** A reservation for a body of `bytes`, or undefined when it does not fit beside the others. */
  reserve(bytes: number): BodyReservation | undefined {
    const reservation = new BodyReservation(this);
    return reservation.grow(bytes) ? reservation : undefined;
  }

  /** @internal */
  take(bytes: number): boolean {
    if (bytes < 0 || this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  /** @internal */
  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/** One request's share of the {@link BodyBudget}: released once, however the request ends. */
export class BodyReservation {
  private released = false;

  private held = 0;

  constructor(private readonly budget: BodyBudget) {}

  /** Bytes this request holds of the budget. */
  get bytes(): number {
    return this.held;
  }

  /** Holds a body of `total` bytes from now on (a chunked one that grew); false if it does not fit. */
  grow(total: number): boolean {
    const counted = Math.max(0, total - TEXT_ONLY_BODY_BYTES);
    if (this.released || counted <= this.held) return !this.released;
    if (!this.budget.take(counted - this.held)) return false;
    this.held = counted;
    return true;
  }

  /** Gives the bytes back; a second call does nothing. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.budget.give(this.held);
  }
}
