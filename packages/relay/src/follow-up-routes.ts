import type { Env, Hono } from 'hono';
import { readBodyBytes } from './body.js';
import { FOLLOW_UP_PATH, openSince, tokenHash } from './follow-up.js';
import {
  closedPage,
  notSavedPage,
  PAGE_HEADERS,
  questionPage,
  thanksPage,
  unknownLinkPage,
} from './follow-up-page.js';
import type { FollowUpAnswer, FollowUpRecord } from './follow-up-store.js';
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
  /** Days after it was sent that a question can be answered (`followUp.answerDays`). */
  answerDays: number;
}

/**
 * The page a sender reaches from the follow-up mail. Opening it records nothing (mail scanners
 * open links); only pressing yes or no does, and pressing again changes the answer, for
 * `answerDays` after the question was sent. After that the question is closed: the page says so
 * and records nothing (`410 Gone`: the question was there and is gone for good; a `404` would
 * tell the sender their link is wrong, a `200` that something was saved).
 */
export function addFollowUpRoutes<E extends Env>(
  app: Hono<E>,
  deps: FollowUpRouteDependencies,
): void {
  const { store, log, answerDays, municipalityName } = deps;
  const html = (body: string, status: 200 | 400 | 404 | 410 | 413 | 503) =>
    new Response(body, { status, headers: PAGE_HEADERS });
  const recordOf = (token: string) =>
    TOKEN.test(token) ? store.followUps.byToken(tokenHash(token)) : undefined;
  // A closed question whose row the sweep has untied is a key the store no longer knows.
  const unknown = () => html(unknownLinkPage(answerDays), 404);
  const closed = (record: FollowUpRecord) => html(closedPage(record, municipalityName), 410);

  app.get(`${FOLLOW_UP_PATH}/:token`, (c) => {
    const record = recordOf(c.req.param('token'));
    if (!record) return unknown();
    if (record.askedAt <= openSince(Date.now(), answerDays)) return closed(record);
    return html(questionPage(record), 200);
  });

  app.post(`${FOLLOW_UP_PATH}/:token`, async (c) => {
    const token = c.req.param('token');
    const record = recordOf(token);
    if (!record) return unknown();
    if (record.askedAt <= openSince(Date.now(), answerDays)) return closed(record);
    const bytes = await readBodyBytes(c.req.raw, ANSWER_LIMIT_BYTES);
    if (typeof bytes === 'string') return html(questionPage(record, { error: true }), 413);
    const value = new URLSearchParams(Buffer.from(bytes).toString('utf8')).get('svar');
    const answer = value === null ? undefined : ANSWERS.get(value);
    if (answer === undefined) return html(questionPage(record, { error: true }), 400);
    let recorded: boolean;
    try {
      // Checked again as it is written: the body may have taken until after the answer time.
      recorded = store.followUps.answer(
        tokenHash(token),
        answer,
        Date.now(),
        openSince(Date.now(), answerDays),
      );
    } catch (error) {
      // A full disk or a locked file: the sender gets a page in their language, not JSON.
      log.error('follow_up.answer_failed', { reference: record.reference, code: errorCode(error) });
      return html(notSavedPage(record), 503);
    }
    if (!recorded) return closed(record);
    // The reference only: whoever handles the case looks it up and makes amends. Logged when
    // the answer is new or changed: "Nej" pressed twice is one alert.
    const changed = answer !== record.answer;
    if (changed && answer === 'not-kept') {
      log.warn('follow_up.not_kept', { reference: record.reference });
    } else if (changed) log.info('follow_up.kept', { reference: record.reference });
    return html(thanksPage(record, answer, municipalityName), 200);
  });

  // A link a mail program or a copy cut short, or lengthened: the same page as a wrong key,
  // not the API's JSON.
  app.all(FOLLOW_UP_PATH, unknown);
  app.all(`${FOLLOW_UP_PATH}/*`, unknown);
}
