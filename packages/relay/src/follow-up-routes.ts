import type { Env, Hono } from 'hono';
import { readBodyBytes } from './body.js';
import { FOLLOW_UP_PATH, tokenHash } from './follow-up.js';
import {
  notSavedPage,
  PAGE_HEADERS,
  questionPage,
  thanksPage,
  unknownLinkPage,
} from './follow-up-page.js';
import type { FollowUpAnswer } from './follow-up-store.js';
import { errorCode, type Logger } from './log.js';
import type { Store } from './store.js';

/** A link's key as the follow-up makes it: 24 random bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** An answer is `svar=ja` or `svar=nej`: a few bytes, so anything long is not one. */
const ANSWER_LIMIT_BYTES = 1024;

const ANSWERS = new Map<string, FollowUpAnswer>([
  ['ja', 'kept'],
  ['nej', 'not-kept'],
]);

/** What the answer page's routes use. */
export interface FollowUpRouteDependencies {
  store: Store;
  log: Logger;
  /** The municipality's name from the e-mail target, for "contact …". */
  municipalityName: string | undefined;
}

/**
 * The page a sender reaches from the follow-up mail. Opening it records nothing (mail scanners
 * open links); only pressing yes or no does, and pressing again changes the answer.
 */
export function addFollowUpRoutes<E extends Env>(
  app: Hono<E>,
  deps: FollowUpRouteDependencies,
): void {
  const { store, log } = deps;
  const html = (body: string, status: 200 | 400 | 404 | 413 | 503) =>
    new Response(body, { status, headers: PAGE_HEADERS });
  const recordOf = (token: string) =>
    TOKEN.test(token) ? store.followUps.byToken(tokenHash(token)) : undefined;

  app.get(`${FOLLOW_UP_PATH}/:token`, (c) => {
    const record = recordOf(c.req.param('token'));
    return record ? html(questionPage(record), 200) : html(unknownLinkPage(), 404);
  });

  app.post(`${FOLLOW_UP_PATH}/:token`, async (c) => {
    const token = c.req.param('token');
    const record = recordOf(token);
    if (!record) return html(unknownLinkPage(), 404);
    const bytes = await readBodyBytes(c.req.raw, ANSWER_LIMIT_BYTES);
    if (bytes === undefined) return html(questionPage(record, { error: true }), 413);
    const value = new URLSearchParams(Buffer.from(bytes).toString('utf8')).get('svar');
    const answer = value === null ? undefined : ANSWERS.get(value);
    if (answer === undefined) return html(questionPage(record, { error: true }), 400);
    try {
      store.followUps.answer(tokenHash(token), answer, Date.now());
    } catch (error) {
      // A full disk or a locked file: the sender gets a page in their language, not JSON.
      log.error('follow_up.answer_failed', { reference: record.reference, code: errorCode(error) });
      return html(notSavedPage(record), 503);
    }
    // The reference only: whoever handles the case looks it up and makes amends. Logged when
    // the answer is new or changed: "Nej" pressed twice is one alert.
    const changed = answer !== record.answer;
    if (changed && answer === 'not-kept') {
      log.warn('follow_up.not_kept', { reference: record.reference });
    } else if (changed) log.info('follow_up.kept', { reference: record.reference });
    return html(thanksPage(record, answer, deps.municipalityName), 200);
  });

  // A link a mail program or a copy cut short, or lengthened: the same page as a wrong key,
  // not the API's JSON.
  app.all(FOLLOW_UP_PATH, () => html(unknownLinkPage(), 404));
  app.all(`${FOLLOW_UP_PATH}/*`, () => html(unknownLinkPage(), 404));
}
