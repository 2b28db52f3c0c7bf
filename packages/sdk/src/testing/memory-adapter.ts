import type { Adapter, Receipt } from '../adapter.js';
import { AdapterError } from '../errors.js';
import { parseSubmission } from '../schema.js';
import type { Submission } from '../submission.js';

/** A stored submission and the receipt it got. */
export interface MemoryRecord {
  /** What arrived. */
  submission: Submission;
  /** What the sender got back. */
  receipt: Receipt;
}

/** An adapter that keeps submissions in memory, with switches to simulate outages and refusals. */
export interface MemoryAdapter extends Adapter {
  /** What it stored, by id. */
  readonly stored: Map<string, MemoryRecord>;
  /** `up`: works; `down`: fails retryably; `refusing`: fails for good. */
  state: 'up' | 'down' | 'refusing';
}

/**
 * An in-memory backend for tests and examples. Idempotent like a real one: the same id gets the
 * same receipt. Share one `store` between several adapters to simulate a restarted sender.
 */
export function memoryAdapter(store: Map<string, MemoryRecord> = new Map()): MemoryAdapter {
  let sequence = store.size;
  return {
    name: 'memory',
    stored: store,
    state: 'up',
    async submit(candidate, context = {}) {
      context.signal?.throwIfAborted();
      // Like a real backend: what the schema refuses is refused for good, and nothing stored.
      const parsed = parseSubmission(candidate);
      if (!parsed.success) {
        throw new AdapterError('memory backend: the submission is not valid', {
          reason: 'invalid',
          issues: parsed.issues,
          retryable: false,
        });
      }
      const submission = parsed.data;
      if (this.state === 'down')
        throw new AdapterError('memory backend is down', { reason: 'unavailable' });
      if (this.state === 'refusing')
        throw new AdapterError('memory backend refuses', { reason: 'rejected' });
      const existing = store.get(submission.id);
      if (existing) return existing.receipt;
      sequence += 1;
      const receipt = {
        id: submission.id,
        reference: `MEM-${String(sequence).padStart(6, '0')}`,
        receivedAt: new Date().toISOString(),
      };
      store.set(submission.id, { submission: structuredClone(submission), receipt });
      return receipt;
    },
  };
}
