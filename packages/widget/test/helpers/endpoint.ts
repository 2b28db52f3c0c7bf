// The test endpoint served by the dev server (test/endpoint.mjs), driven over HTTP.
import { fixtureCleanup } from '@open-wc/testing';
import type { ReceiverLimits } from '@synpunkt/sdk';

/** One submission as the endpoint received it. */
export interface Received {
  key: string;
  body: Record<string, unknown> & { id: string; reply: Record<string, unknown> };
}

/** Forgets everything and comes back up. */
export async function resetEndpoint(): Promise<void> {
  await fetch('/api/_reset', { method: 'POST' });
}

/**
 * Switches the endpoint: up, down (503), invalid (422), slow (answers after 2 s) or lost (stores,
 * then answers 503: an answer lost on the way).
 */
export async function setEndpoint(
  mode: 'up' | 'down' | 'invalid' | 'slow' | 'lost' | 'open311',
): Promise<void> {
  const answer = await fetch('/api/_control', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode }),
  });
  if (!answer.ok) throw new Error(`_control ${mode}: ${answer.status}`);
}

/** What the endpoint answers to `GET /api/limits` from now on (`off`: 404, an older relay). */
export async function setLimits(limits: ReceiverLimits | 'off'): Promise<void> {
  const answer = await fetch('/api/_control', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ limits }),
  });
  if (!answer.ok) throw new Error(`_control limits: ${answer.status}`);
}

/** How many times a form asked for the limits since the last reset. */
export async function limitsAsked(): Promise<number> {
  return ((await (await fetch('/api/_limits')).json()) as { count: number }).count;
}

/** What the endpoint has accepted, in order. */
export async function received(): Promise<Received[]> {
  return (await (await fetch('/api/_received')).json()) as Received[];
}

/**
 * Registers the hooks every form test file needs: each test starts with an empty session (no
 * draft), no page language and a fresh endpoint, and its forms are removed afterwards.
 */
export function startEachTestAfresh(): void {
  beforeEach(async () => {
    sessionStorage.clear();
    document.documentElement.lang = '';
    await resetEndpoint();
  });
  afterEach(() => fixtureCleanup());
}
