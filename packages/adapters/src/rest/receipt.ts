import type { Receipt } from '@synpunkt/sdk';

/**
 * The receipt in a success answer, when it is one for this submission: the same `id` (in any
 * letter case; the receipt carries it as sent), a non-empty `reference`, an ISO 8601
 * `receivedAt` and, if present, a `YYYY-MM-DD` `replyBy`. Unknown members are left out.
 * `undefined` when the answer is not such a receipt.
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
  if (replyBy === undefined || replyBy === null) return receipt;
  if (typeof replyBy !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(replyBy)) return undefined;
  return { ...receipt, replyBy };
}
