import type { Receipt } from '@synpunkt/sdk';

/**
 * The receipt in a success answer, when it is one for this submission: the same `id` (in any
 * letter case; the receipt carries it as sent), a non-empty `reference` and an ISO 8601
 * `receivedAt`. `undefined` when the answer is not such a receipt. A `replyBy` is kept when it
 * is a `YYYY-MM-DD` date and left out otherwise: the backend has stored the synpunkt, so a date
 * it wrote wrongly must not make the send fail (the client counts the day itself). Unknown
 * members are left out.
 */
export function receiptOf(body: unknown, id: string): Receipt | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { id: answered, reference, receivedAt, replyBy } = body as Record<string, unknown>;
  if (
    // A backend may keep the id as a uuid column, which writes it in its own case (PostgreSQL
    // lower, SQL Server upper): the same id, as the client takes it too.
    typeof answered !== 'string' ||
    answered.toLowerCase() !== id.toLowerCase() ||
    typeof reference !== 'string' ||
    reference.trim() === '' ||
    typeof receivedAt !== 'string' ||
    Number.isNaN(Date.parse(receivedAt))
  ) {
    return undefined;
  }
  const receipt: Receipt = { id, reference, receivedAt };
  return typeof replyBy === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(replyBy)
    ? { ...receipt, replyBy }
    : receipt;
}
