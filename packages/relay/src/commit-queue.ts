import type { AcceptResult, NewSubmission, Store } from './store.js';

interface Waiting {
  item: NewSubmission;
  resolve: (result: AcceptResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: submissions that arrive while the event loop is busy are stored together in
 * one transaction, so one fsync covers many. Each caller still learns its result only after
 * the commit, so "201 only when durable" holds for every one.
 */
export class CommitQueue {
  private waiting: Waiting[] = [];
  private scheduled = false;

  /** `maxBatch` bounds one transaction, so one slow batch cannot hold the store too long. */
  constructor(
    private readonly store: Store,
    private readonly maxBatch = 256,
  ) {}

  /** Stores `item` in the next group commit. Rejects when the transaction fails. */
  accept(item: NewSubmission): Promise<AcceptResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.waiting.splice(0, this.maxBatch);
    if (this.waiting.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (batch.length === 0) return;
    let results: AcceptResult[];
    try {
      results = this.store.acceptMany(batch.map((w) => w.item));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }
}
