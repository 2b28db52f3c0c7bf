// Spam protection without a puzzle: a honeypot field people never see, and an ALTCHA-style
// proof of work solved in the background while the person types. Both travel as headers (the
// relay's schema is strict, so nothing extra can go in the body); the relay decides what to do.
import type { HeadersFunction } from '@synpunkt/adapters/rest';
import {
  HONEYPOT_HEADER,
  isAdapterError,
  POW_HEADER,
  PROBLEM_TYPES,
  type PowChallenge,
  type PowSolution,
  type Submission,
} from '@synpunkt/sdk';
import { css, html, type TemplateResult } from 'lit';
import { besideEndpoint } from './relay-url.js';

/** The honeypot's `name`: one a form-filling bot expects and fills. */
export const HONEYPOT_NAME = 'website';
/** The longest honeypot value sent, in characters. */
export const HONEYPOT_MAX = 200;
/** The largest `maxnumber` the widget will work through (ALTCHA's default is 1 000 000). */
export const MAX_NUMBER_LIMIT = 10_000_000;

/** How long fetching a challenge may take before the form sends without one. */
const FETCH_TIMEOUT_MS = 10_000;
/** Numbers tried between two yields to the event loop, so typing never stutters. */
const BATCH = 1000;
/** A solution this close to its expiry is replaced before sending. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * The honeypot's box: off-screen, not in the accessibility tree (`aria-hidden`), and its field
 * is out of the tab order (`tabindex="-1"`), so axe's `aria-hidden-focus` rule is satisfied.
 * Not `display: none`: a bot that looks at layout skips fields that are not rendered. Above the
 * page, not to its left: on a right-to-left page (Arabic, Persian) the left is where the page
 * scrolls, and the box would add 10 000 px of sideways scrolling.
 */
export const honeypotStyles = css`
  .hp {
    position: absolute;
    top: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
`;

/**
 * The honeypot field, for inside the `<form>`. It has no binding: what a bot types stays in the
 * DOM only (never in the values, the draft or the submission) and is read when sending.
 */
export function honeypotField(locale: string): TemplateResult {
  return html`<div class="hp" aria-hidden="true">
    <label for="f-${HONEYPOT_NAME}">${locale === 'en' ? 'Website' : 'Webbplats'}</label>
    <input
      type="text"
      id="f-${HONEYPOT_NAME}"
      name=${HONEYPOT_NAME}
      tabindex="-1"
      autocomplete="off"
    />
  </div>`;
}

/**
 * A honeypot value as a header value: control characters become spaces, characters outside
 * printable ASCII become `?` (a header carries bytes, not text), whitespace is collapsed,
 * trimmed, and cut at {@link HONEYPOT_MAX}. Empty means "not filled".
 */
export function honeypotHeaderValue(value: string): string {
  return Array.from(value, (char) => {
    const code = char.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f ? ' ' : code > 0x7e ? '?' : char;
  })
    .join('')
    .replace(/ +/g, ' ')
    .trim()
    .slice(0, HONEYPOT_MAX);
}

/** A challenge as `GET /v1/challenge` answers it (the sdk's ALTCHA format). */
export type Challenge = PowChallenge;

/** A solved challenge: what goes, base64-encoded JSON, in the sdk's `POW_HEADER`. */
export type Solution = PowSolution;

/** The challenge in an answer, when it is one this widget can solve; else `undefined`. */
export function challengeOf(value: unknown): Challenge | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { algorithm, challenge, maxnumber, salt, signature } = value as Record<string, unknown>;
  const max = maxnumber ?? 1_000_000;
  if (
    algorithm !== 'SHA-256' ||
    typeof challenge !== 'string' ||
    !/^[0-9a-f]{64}$/i.test(challenge) ||
    typeof salt !== 'string' ||
    typeof signature !== 'string' ||
    typeof max !== 'number' ||
    !Number.isInteger(max) ||
    max < 0 ||
    max > MAX_NUMBER_LIMIT
  ) {
    return undefined;
  }
  return { algorithm, challenge, maxnumber: max, salt, signature };
}

/** Lets the browser handle input and paint; a message, unlike `setTimeout`, is not throttled. */
const yieldToEventLoop = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/**
 * Finds `number` in `0..maxnumber` with hex(SHA-256(salt + number)) === challenge, with Web
 * Crypto, {@link BATCH} numbers at a time with a yield to the event loop between batches.
 * `undefined` when there is none (or Web Crypto is missing: pages not on https).
 */
export async function solveChallenge(challenge: Challenge): Promise<Solution | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const target = challenge.challenge.toLowerCase();
  const wanted = Uint8Array.from({ length: 32 }, (_, i) =>
    parseInt(target.slice(i * 2, i * 2 + 2), 16),
  );
  const encoder = new TextEncoder();
  const max = challenge.maxnumber ?? 1_000_000;
  for (let start = 0; start <= max; start += BATCH) {
    const end = Math.min(start + BATCH - 1, max);
    const tries: Promise<ArrayBuffer>[] = [];
    for (let n = start; n <= end; n++) {
      tries.push(subtle.digest('SHA-256', encoder.encode(challenge.salt + n)));
    }
    const digests = await Promise.all(tries);
    const found = digests.findIndex((digest) => {
      const bytes = new Uint8Array(digest);
      return bytes.every((byte, i) => byte === wanted[i]);
    });
    if (found !== -1) {
      const { algorithm, salt, signature } = challenge;
      return { algorithm, challenge: challenge.challenge, number: start + found, salt, signature };
    }
    await yieldToEventLoop();
  }
  return undefined;
}

/** The header value for a solution: base64 of its JSON (UTF-8). */
export function encodeSolution(solution: Solution): string {
  const { algorithm, challenge, number, salt, signature } = solution;
  const bytes = new TextEncoder().encode(
    JSON.stringify({ algorithm, challenge, number, salt, signature }),
  );
  return btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));
}

/** True when the solution's `?expires=` (unix seconds) in the salt is past or nearly so. */
function expiring(solution: Solution): boolean {
  const expires = Number(new URLSearchParams(solution.salt.split('?')[1] ?? '').get('expires'));
  return expires > 0 && expires * 1000 - EXPIRY_MARGIN_MS < Date.now();
}

/**
 * Where to fetch challenges: `challenge-url` when set, else the endpoint with its last
 * `/synpunkter` replaced by `/challenge` (`…/v1/synpunkter` → `…/v1/challenge`). `undefined`
 * when `challenge="off"`, or the endpoint is not a relay's (no `/synpunkter`), or a URL is not
 * `http(s)`.
 */
export function challengeUrlOf(
  endpoint: string,
  override: string,
  mode: string,
  base: string,
): string | undefined {
  if (mode === 'off') return undefined;
  if (!override) return besideEndpoint(endpoint, 'challenge', base);
  try {
    const url = new URL(override, base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** What {@link fetchAndSolve} found: a solution, `disabled` (404), or nothing (a failure). */
/**
 * A solution; `disabled` (the relay has no challenge); `unreachable` (no answer, or a 5xx: a
 * later try may get one); or `undefined` (a challenge this browser cannot use or solve).
 */
type Outcome = Solution | 'disabled' | 'unreachable' | undefined;

/** Fetches a challenge and solves it. Never rejects. */
async function fetchAndSolve(url: string): Promise<Outcome> {
  try {
    const answer = await fetch(url, {
      headers: { Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    // 404: the relay has no challenge (also 204, which browsers do not log as an error).
    if (answer.status === 404 || answer.status === 204) return 'disabled';
    if (!answer.ok) return answer.status >= 500 ? 'unreachable' : undefined;
    const challenge = challengeOf(await answer.json());
    return challenge ? await solveChallenge(challenge) : undefined;
  } catch {
    // Offline, timed out, or not JSON: as far as the person can tell, the network.
    return 'unreachable';
  }
}

/** What {@link Protection} reads from the form. */
export interface ProtectionHost {
  /** The form's `endpoint` attribute. */
  readonly endpoint: string;
  /** An integrator's adapter: then the form does not post to `endpoint`, and no challenge is fetched. */
  readonly adapter: unknown;
  /** `challenge="off"` turns the proof of work off. */
  readonly challenge: string;
  /** `challenge-url`, overriding the URL derived from `endpoint`. */
  readonly challengeUrl: string;
  /** Where the honeypot field is rendered. */
  readonly renderRoot: ParentNode;
}

/**
 * The form's spam protection: starts a challenge on the first input, and makes the headers for
 * each send (the rest adapter's `headers` function). A send before the challenge is solved waits
 * for it; a retry of the same submission sends the same solution; a new submission (another id)
 * gets a new challenge, since the relay takes a solution for one submission only. A solution
 * the relay refuses is dropped (`refused`), and the form sends once more with a new one.
 */
export class Protection {
  private pending: { url: string; outcome: Promise<Outcome> } | undefined;
  /** The submission id the pending solution was sent with, if it was. */
  private usedBy: string | undefined;
  /** The last send had no solution because the challenge could not be fetched. */
  private unreachable = false;

  /** Reads the form through `host`. */
  constructor(private readonly host: ProtectionHost) {}

  /** Starts fetching and solving a challenge unless one is under way or ready and unused. */
  start(): void {
    const url = this.url();
    if (!url || (this.pending?.url === url && this.usedBy === undefined)) return;
    this.begin(url);
  }

  /** The headers for one send of `submission`: the honeypot's value and the solution. */
  readonly headers: HeadersFunction = async (submission: Submission) => {
    const headers: Record<string, string> = {};
    const field = this.host.renderRoot.querySelector<HTMLInputElement>(
      `input[name="${HONEYPOT_NAME}"]`,
    );
    const trap = honeypotHeaderValue(field?.value ?? '');
    if (trap) headers[HONEYPOT_HEADER] = trap;
    const solution = await this.solutionFor(submission.id);
    if (solution) headers[POW_HEADER] = encodeSolution(solution);
    return headers;
  };

  /**
   * True when `error` is the relay refusing this form's proof of work (`challenge-failed`: it
   * expired by the relay's clock, or the relay's key changed since it was solved). Then the
   * solution is dropped, so the next send of the same submission solves a new challenge.
   */
  /**
   * True when the relay refused the proof of work of the last send and the challenge could not
   * be fetched for it: trying again later may mend that. A challenge that was there but cannot
   * be used (no Web Crypto on an insecure page, refused again after a renewal) will not be.
   */
  mayMendLater(error: unknown): boolean {
    return this.unreachable && this.refused(error);
  }

  refused(error: unknown): boolean {
    if (!this.url() || !isAdapterError(error)) return false;
    if (error.problemType !== PROBLEM_TYPES.challengeFailed) return false;
    this.pending = undefined;
    this.usedBy = undefined;
    return true;
  }

  private url(): string | undefined {
    const { adapter, endpoint, challengeUrl, challenge } = this.host;
    if (adapter) return undefined;
    return challengeUrlOf(endpoint, challengeUrl, challenge, document.baseURI);
  }

  private begin(url: string): Promise<Outcome> {
    const outcome = fetchAndSolve(url);
    this.pending = { url, outcome };
    this.usedBy = undefined;
    return outcome;
  }

  private async solutionFor(id: string): Promise<Solution | undefined> {
    const url = this.url();
    if (!url) return undefined;
    const earlier =
      this.pending?.url === url && (this.usedBy ?? id) === id ? this.pending.outcome : undefined;
    let outcome = await (earlier ?? this.begin(url));
    // Fetched while typing, but failed then (offline for a moment) or is about to expire: again.
    if (earlier && (typeof outcome !== 'object' || expiring(outcome)) && outcome !== 'disabled') {
      outcome = await this.begin(url);
    }
    this.usedBy = id;
    this.unreachable = outcome === 'unreachable';
    return typeof outcome === 'object' ? outcome : undefined;
  }
}
