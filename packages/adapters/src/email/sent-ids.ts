import type { Receipt } from '@synpunkt/sdk';

/**
 * The receipts of the mails this adapter has sent, by submission id, so the same adapter never
 * sends the same submission twice. In memory and bounded: it protects against retries inside
 * one process; after a restart the Message-ID is what lets mail systems drop the duplicate.
 */
export class SentIds {
  readonly #receipts = new Map<string, Receipt>();
  readonly #pending = new Map<string, Promise<unknown>>();
  /** Recipients that already took a submission whose other recipients were refused. */
  readonly #reached = new Map<string, Set<string>>();

  constructor(readonly capacity: number) {}

  /** The receipt of an earlier delivery of this id, if this adapter made one. */
  get(id: string): Receipt | undefined {
    return this.#receipts.get(id);
  }

  /** Remembers a delivery; forgets the oldest when full. */
  remember(receipt: Receipt): void {
    this.#reached.delete(receipt.id);
    this.#receipts.set(receipt.id, receipt);
    if (this.#receipts.size > this.capacity) {
      const oldest = this.#receipts.keys().next().value;
      if (oldest !== undefined) this.#receipts.delete(oldest);
    }
  }

  /** The clerk addresses that already took this id while others refused it (a retry skips them). */
  reached(id: string): ReadonlySet<string> {
    return this.#reached.get(id) ?? new Set();
  }

  /** Remembers addresses that took this id although the mail as a whole is not delivered yet. */
  addReached(id: string, addresses: readonly string[]): void {
    if (addresses.length === 0) return;
    const known = this.#reached.get(id) ?? new Set<string>();
    for (const address of addresses) known.add(address.toLowerCase());
    this.#reached.set(id, known);
    if (this.#reached.size > this.capacity) {
      const oldest = this.#reached.keys().next().value;
      if (oldest !== undefined) this.#reached.delete(oldest);
    }
  }

  /** A delivery of this id that is under way, for a concurrent retry to wait for. */
  pending(id: string): Promise<unknown> | undefined {
    return this.#pending.get(id);
  }

  /** Marks a delivery of this id as under way until the promise settles. */
  track<T>(id: string, delivery: Promise<T>): Promise<T> {
    const settled = delivery.then(
      () => undefined,
      () => undefined,
    );
    this.#pending.set(id, settled);
    void settled.then(() => {
      if (this.#pending.get(id) === settled) this.#pending.delete(id);
    });
    return delivery;
  }
}
