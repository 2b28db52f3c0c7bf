/**
 * The request-body bytes the relay receives and parses at once, across all requests. A 14 MB
 * submission costs about four times its size in memory while it is read, decoded, parsed,
 * checked and stored, so twenty of them at once (within the per-client rate limit) took a relay
 * past a gigabyte. Each request reserves its body here before it is read: its declared
 * `Content-Length` up front, a chunked body as it arrives. What does not fit is refused with
 * `503` and `Retry-After`, before (or, chunked, while) it is read.
 */
export class BodyBudget {
  private used = 0;

  /** @param limit the most bytes in flight at once; at least the largest body, or it never fits. */
  constructor(readonly limit: number) {}

  /** Bytes reserved now. */
  get inFlight(): number {
    return this.used;
  }

  /** A reservation of `bytes`, or undefined when they do not fit beside what is in flight. */
  reserve(bytes: number): BodyReservation | undefined {
    if (!this.take(bytes)) return undefined;
    return new BodyReservation(this, bytes);
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

  constructor(
    private readonly budget: BodyBudget,
    private held: number,
  ) {}

  /** Bytes this request holds. */
  get bytes(): number {
    return this.held;
  }

  /** Holds `total` bytes from now on (a chunked body that grew); false when they do not fit. */
  grow(total: number): boolean {
    if (this.released || total <= this.held) return !this.released;
    if (!this.budget.take(total - this.held)) return false;
    this.held = total;
    return true;
  }

  /** Gives the bytes back; a second call does nothing. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.budget.give(this.held);
  }
}
