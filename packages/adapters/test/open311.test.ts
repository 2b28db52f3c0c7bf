import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createClient, SynpunktValidationError, type Submission } from '@synpunkt/sdk';
import {
  adapterFailure,
  runAdapterConformance,
  sampleAnonymous,
  sampleSubmission,
  TINY_PNG_BASE64,
} from '@synpunkt/sdk/testing';
import {
  listServices,
  open311Adapter,
  serviceCodeFor,
  splitName,
  type Open311Config,
} from '../src/open311/index.js';
import {
  startOpen311Peer,
  THROTTLE_DESCRIPTION,
  THROTTLE_SECONDS,
  type Open311Peer,
  type StoredRequest,
} from './peers/open311-peer.js';
import { endless } from './peers/endless.js';
import { startRedirector } from './peers/redirector.js';
import { assertWaitsUntilHttpDate } from './retry-after.js';

const FALLBACK_ADDRESS = 'Exempelkommun';

/** Maps what the peer stored back to submission fields, from GeoReport fields and attributes. */
function asSubmission(stored: StoredRequest): Partial<Submission> {
  const { fields: f, attributes: a } = stored;
  const record: Record<string, unknown> = {
    id: a.submission_id,
    message: f.description,
    kind: a.kind,
    area: a.area,
    locale: a.locale,
    mode: a.mode,
    channel: a.channel,
    submittedAt: a.submitted_at,
    pageUrl: a.page_url,
  };
  // A time goes out with its Swedish offset (14:30 → 14:30:00+01:00); the form's value is the
  // wall-clock part.
  if (a.occurred_at !== undefined)
    record.occurredAt = a.occurred_at.replace(/:00[+-]\d{2}:\d{2}$/, '');
  if (a.earlier_reference !== undefined) record.earlierReference = a.earlier_reference;
  if (a.serious !== undefined) record.serious = a.serious === 'true' ? true : a.serious;
  if (f.address_string !== undefined && f.address_string !== FALLBACK_ADDRESS) {
    record.place = f.address_string;
  }
  if (a.reply_wanted === 'true') {
    const reply: Record<string, unknown> = {
      wanted: true,
      via: a.reply_via,
      name: [f.first_name, f.last_name].filter((part) => part !== undefined).join(' '),
    };
    if (f.email !== undefined) reply.email = f.email;
    if (f.phone !== undefined) reply.phone = f.phone;
    if (a.reply_street !== undefined) {
      reply.address = {
        street: a.reply_street,
        postalCode: a.reply_postal_code,
        city: a.reply_city,
      };
    }
    record.reply = reply;
  } else {
    // Anything a sender without a reply left in contact fields would show here and fail.
    record.reply = {
      wanted: false,
      ...Object.fromEntries(
        ['first_name', 'last_name', 'email', 'phone']
          .filter((key) => f[key] !== undefined)
          .map((key) => [key, f[key]]),
      ),
    };
  }
  return record as Partial<Submission>;
}

function configFor(peer: Open311Peer, overrides: Partial<Open311Config> = {}): Open311Config {
  return {
    baseUrl: peer.url,
    apiKey: peer.apiKey,
    jurisdictionId: peer.jurisdictionId,
    serviceCodes: { default: 'synpunkt' },
    tokenPollIntervalMs: 1,
    ...overrides,
  };
}

function conformance(name: string, answer: 'id' | 'token'): void {
  let peer: Open311Peer;
  runAdapterConformance({
    name,
    setup: async () => {
      peer = await startOpen311Peer();
      peer.answer = answer;
      peer.pollsUntilId = 2;
    },
    teardown: () => peer.close(),
    createAdapter: () => open311Adapter(configFor(peer)),
    received: async (id) => peer.find(id).map(asSubmission),
    outage: async () => {
      peer.outage = 'http503';
      return () => {
        peer.outage = false;
      };
    },
    refuse: async () => {
      peer.refusing = true;
      return () => {
        peer.refusing = false;
      };
    },
  });
}

conformance('open311', 'id');
conformance('open311 (batch service: token answers)', 'token');

describe('open311 adapter against a GeoReport v2 server', () => {
  let peer: Open311Peer;
  before(async () => {
    peer = await startOpen311Peer();
  });
  after(() => peer.close());
  beforeEach(() => peer.reset());

  const adapter = (overrides: Partial<Open311Config> = {}) =>
    open311Adapter(configFor(peer, overrides));

  describe('token answers', () => {
    it('exchanges a token for the request id, which shows up after 2 polls', async () => {
      peer.answer = 'token';
      peer.pollsUntilId = 2;
      const submission = sampleSubmission();
      const receipt = await adapter({ tokenPolls: 5 }).submit(submission);
      const [stored] = peer.find(submission.id);
      assert.ok(stored);
      assert.equal(receipt.reference, stored.serviceRequestId);
      assert.equal(receipt.id, submission.id);
      const polls = peer.log.filter((call) => call.path === `/v2/tokens/${stored.token}.json`);
      assert.equal(polls.length, 2, 'it stops polling once the id is there');
      for (const poll of polls)
        assert.equal(poll.query.get('jurisdiction_id'), peer.jurisdictionId);
    });

    it('takes a blank service_request_id beside a token as no id yet, and polls the token for it', async () => {
      peer.answer = 'token-blank-id';
      peer.pollsUntilId = 1;
      const submission = sampleSubmission();
      const receipt = await adapter().submit(submission);
      const [stored] = peer.find(submission.id);
      assert.ok(stored);
      assert.equal(receipt.reference, stored.serviceRequestId);
      assert.ok(peer.log.some((call) => call.path === `/v2/tokens/${stored.token}.json`));
    });

    it('gives a retryable error naming the token when no id comes, and a retry polls instead of posting again', async () => {
      peer.answer = 'token';
      peer.pollsUntilId = Infinity;
      const sender = adapter({ tokenPolls: 3 });
      const submission = sampleSubmission();
      const error = await adapterFailure(sender.submit(submission));
      const [stored] = peer.find(submission.id);
      assert.ok(stored);
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryable, true);
      assert.match(error.message, new RegExp(`accepted the request with token "${stored.token}"`));
      assert.match(error.message, /attribute\[submission_id\]/);
      assert.equal(peer.log.filter((call) => call.path.startsWith('/v2/tokens/')).length, 3);

      peer.pollsUntilId = 0;
      const receipt = await sender.submit(submission);
      assert.equal(receipt.reference, stored.serviceRequestId);
      assert.equal(peer.posts(), 1, 'the retry asked for the token instead of posting again');
      assert.equal(peer.requests.length, 1);
    });

    it('with tokenPolls 0 it does not poll at all and says the request awaits an id', async () => {
      peer.answer = 'token';
      const error = await adapterFailure(adapter({ tokenPolls: 0 }).submit(sampleSubmission()));
      assert.equal(error.retryable, true);
      assert.match(error.message, /token "tok-\d+"/);
      assert.equal(peer.log.filter((call) => call.path.startsWith('/v2/tokens/')).length, 0);
    });

    it('stops waiting between polls when the signal is aborted', async () => {
      peer.answer = 'token';
      peer.pollsUntilId = Infinity;
      const controller = new AbortController();
      const reason = new Error('the sender left');
      const sender = adapter({
        tokenPollIntervalMs: 60_000,
        fetch: async (url, init) => {
          const response = await fetch(url, init);
          if (init.method === 'POST') controller.abort(reason);
          return response;
        },
      });
      await assert.rejects(
        sender.submit(sampleSubmission(), { signal: controller.signal }),
        reason,
      );
    });
  });

  describe('errors in the spec’s format', () => {
    it('never follows a redirect: the api_key and the sender’s details go nowhere else', async () => {
      // 300 (Multiple Choices) too: every 3xx is a redirect, never a created request.
      for (const status of [300, 308]) {
        const redirector = await startRedirector(status);
        try {
          const error = await adapterFailure(
            open311Adapter(configFor(peer, { baseUrl: `${redirector.url}/open311/v2/` })).submit(
              sampleSubmission(),
            ),
          );
          assert.equal(error.reason, 'configuration', `${status}`);
          assert.equal(error.status, status);
          assert.match(error.message, /redirect .*set endpoint to the final address/);
          assert.deepEqual(redirector.caught, [], 'nothing reached the other server');
        } finally {
          await redirector.close();
        }
      }
    });

    it('a wrong API key is a configuration error quoting the server', async () => {
      const error = await adapterFailure(
        adapter({ apiKey: 'fel-nyckel' }).submit(sampleSubmission()),
      );
      assert.equal(error.reason, 'configuration');
      assert.equal(error.retryable, false);
      assert.equal(error.status, 403);
      assert.match(
        error.message,
        /Invalid api_key received -- can't proceed with create_request\./,
      );
    });

    it('an unknown service code is a configuration error, with the server’s description', async () => {
      const error = await adapterFailure(
        adapter({ serviceCodes: { default: 'finns-inte' } }).submit(sampleSubmission()),
      );
      assert.equal(error.reason, 'configuration');
      assert.match(error.message, /check baseUrl, jurisdictionId and serviceCodes/);
      assert.equal(error.retryable, false);
      assert.equal(error.status, 404);
      assert.match(error.message, /service_code "finns-inte" was not found/);
    });

    it('puts every description of a multi-error answer into the message', async () => {
      peer.refusing = true;
      const error = await adapterFailure(adapter().submit(sampleSubmission()));
      assert.equal(error.reason, 'rejected');
      assert.equal(error.status, 400);
      assert.match(error.message, /Ärendesystemet tar inte emot nya ärenden \(CRM_CLOSED\)/);
      assert.match(error.message, /General service error \(400\)/);
    });

    it('a 503 is retryable, honours Retry-After and quotes the server', async () => {
      peer.outage = 'http503';
      const error = await adapterFailure(adapter().submit(sampleSubmission()));
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryable, true);
      assert.equal(error.retryAfterMs, 7000);
      assert.match(error.message, /Underhåll pågår/);
    });

    it('a 408 (a proxy gave up waiting for the request) is retryable, like a timeout of our own', async () => {
      peer.outage = 'http408';
      const error = await adapterFailure(adapter().submit(sampleSubmission()));
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryable, true);
      assert.equal(error.status, 408);
    });

    it('a 429 is retryable and honours Retry-After as an HTTP date; a long description is cut for the log', async () => {
      peer.outage = 'http429';
      const error = await adapterFailure(adapter().submit(sampleSubmission()));
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryable, true);
      assert.equal(error.status, 429);
      assertWaitsUntilHttpDate(error, THROTTLE_SECONDS);
      assert.match(error.message, /För många förfrågningar\. Försök igen senare\./);
      assert.ok(THROTTLE_DESCRIPTION.length > 1_500);
      assert.ok(error.message.length < 1_200, `message of ${error.message.length} characters`);
      assert.match(error.message, /…$/);
    });

    it('a reset connection, a closed port and a timeout are retryable', async () => {
      peer.outage = 'reset';
      const reset = await adapterFailure(adapter().submit(sampleSubmission()));
      assert.equal(reset.retryable, true);
      assert.match(reset.message, /Could not reach the Open311 server/);

      peer.outage = 'hang';
      const slow = await adapterFailure(adapter({ timeoutMs: 200 }).submit(sampleSubmission()));
      assert.equal(slow.retryable, true);
      assert.match(slow.message, /did not answer within 200 ms/);

      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      const refused = await adapterFailure(
        open311Adapter({ ...configFor(peer), baseUrl: `http://127.0.0.1:${port}/v2` }).submit(
          sampleSubmission(),
        ),
      );
      assert.equal(refused.reason, 'unavailable');
      assert.equal(refused.retryable, true);
    });

    it('an endless answer is not read into memory: the try ends at once, classified by its status', async () => {
      const server = createServer((request, response) => {
        request.resume();
        request.on('end', () => {
          response.writeHead(request.url?.includes('down') ? 503 : 200, {
            'Content-Type': 'application/json',
          });
          endless(response);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const before = process.memoryUsage().rss;
        const started = performance.now();
        const submission = sampleSubmission();
        const odd = await adapterFailure(
          open311Adapter({ ...configFor(peer), baseUrl: `${base}/v2`, timeoutMs: 10_000 }).submit(
            submission,
          ),
        );
        assert.equal(odd.reason, 'rejected');
        assert.match(odd.message, new RegExp(`submission_id\\]=${submission.id}`));
        const down = await adapterFailure(
          open311Adapter({ ...configFor(peer), baseUrl: `${base}/down`, timeoutMs: 10_000 }).submit(
            sampleSubmission(),
          ),
        );
        assert.equal(down.reason, 'unavailable');
        assert.equal(down.status, 503);
        assert.ok(performance.now() - started < 5_000, 'not held until the timeout');
        assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, 'no endless buffer');
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('a submission without a place gets the server’s clear refusal, or the fallback address', async () => {
      const { place: _place, ...withoutPlace } = sampleSubmission();
      const error = await adapterFailure(adapter().submit(withoutPlace));
      assert.equal(error.reason, 'rejected');
      assert.match(error.message, /A location .* is required/);

      await adapter({ fallbackAddress: FALLBACK_ADDRESS }).submit(withoutPlace);
      assert.equal(peer.find(withoutPlace.id)[0]?.fields.address_string, FALLBACK_ADDRESS);
    });
  });

  describe('what GeoReport cannot carry', () => {
    it('a message of 4 001 characters gets a clear error, and nothing is sent or cut', async () => {
      const submission = sampleSubmission({ message: 'å'.repeat(4001) });
      const error = await adapterFailure(adapter().submit(submission));
      assert.equal(error.reason, 'invalid');
      assert.equal(error.retryable, false);
      assert.deepEqual(error.issues, [
        { path: ['message'], code: 'too_long', params: { max: 4000 } },
      ]);
      assert.match(error.message, /4001 characters; Open311 takes at most 4000/);
      assert.equal(peer.posts(), 0);

      // Through the client (as the form sends it) it is refused before the adapter is called.
      const { schemaVersion: _v, id: _id, submittedAt: _at, ...draft } = submission;
      const client = createClient({ adapter: adapter() });
      assert.equal(client.capabilities.maxMessageLength, 4000);
      await assert.rejects(client.submit(draft), (thrown: unknown) => {
        assert.ok(thrown instanceof SynpunktValidationError);
        assert.deepEqual(thrown.issues, [
          { path: ['message'], code: 'too_long', params: { max: 4000 } },
        ]);
        return true;
      });
      assert.equal(peer.posts(), 0);
    });

    it('a message of exactly 4 000 characters arrives intact', async () => {
      const message = `${'Ö'.repeat(3999)}!`;
      const submission = sampleSubmission({ message });
      await adapter().submit(submission);
      assert.equal(peer.find(submission.id)[0]?.fields.description, message);
    });

    it('an attachment gets a clear error up front (no attachments in GeoReport), and nothing is sent', async () => {
      const files = [
        { name: 'gungan.png', type: 'image/png' as const, size: 70, data: TINY_PNG_BASE64 },
      ];
      const sender = adapter();
      assert.equal(sender.capabilities.attachments, false);
      const error = await adapterFailure(sender.submit(sampleSubmission({ attachments: files })));
      assert.equal(error.reason, 'invalid');
      assert.deepEqual(error.issues, [{ path: ['attachments'], code: 'files_not_supported' }]);

      const {
        schemaVersion: _v,
        id: _id,
        submittedAt: _at,
        ...draft
      } = sampleSubmission({
        attachments: files,
      });
      await assert.rejects(createClient({ adapter: sender }).submit(draft), (thrown: unknown) => {
        assert.ok(thrown instanceof SynpunktValidationError);
        assert.deepEqual(thrown.issues, [{ path: ['attachments'], code: 'files_not_supported' }]);
        return true;
      });
      assert.equal(peer.posts(), 0);
    });

    it('a submission the schema refuses is refused before any POST, never sent with its text changed', async () => {
      // A caller that skipped the client: a lone surrogate cannot be encoded as UTF-8, and the
      // form encoding would quietly send U+FFFD in its place; a server would take it as valid.
      const lone = { ...sampleSubmission(), message: 'Gungan är trasig \uD83D.' } as Submission;
      const error = await adapterFailure(adapter().submit(lone));
      assert.equal(error.reason, 'invalid');
      assert.equal(error.retryable, false);
      assert.deepEqual(error.issues, [{ path: ['message'], code: 'invalid_characters' }]);

      // An empty message and an unknown key, as in the conformance kit: the server never sees it.
      const empty = { ...sampleSubmission(), message: '', extra: 'unknown' } as Submission;
      assert.equal((await adapterFailure(adapter().submit(empty))).reason, 'invalid');
      assert.equal(peer.posts(), 0);
    });
  });

  describe('fields', () => {
    it('<script>, &, ]]>, åäö and emoji in the message, name and place arrive intact', async () => {
      const message =
        '<script>alert("x")</script> & ]]> <![CDATA[ åäö ÅÄÖ 😀👍🏽 a+b=c&d=e %41 %zz\nny rad; attribute[kind]=praise';
      const name = 'Åsa-Märta <b>Öberg</b> & 😀';
      const place = 'Storgatan 4 & "Torget" <i>';
      const submission = sampleSubmission({
        message,
        place,
        reply: { wanted: true, via: 'email', name, email: 'asa@example.org' },
      });
      const receipt = await adapter().submit(submission);
      const [stored] = peer.find(submission.id);
      assert.ok(stored);
      assert.equal(stored.fields.description, message);
      assert.equal(stored.fields.address_string, place);
      assert.equal(stored.fields.first_name, 'Åsa-Märta <b>Öberg</b> &');
      assert.equal(stored.fields.last_name, '😀');
      assert.equal(
        stored.attributes.kind,
        'complaint',
        'text in the message cannot set an attribute',
      );
      assert.deepEqual(asSubmission(stored).reply, submission.reply);

      const answer = await fetch(
        `${peer.url}/requests/${receipt.reference}.json?jurisdiction_id=${peer.jurisdictionId}`,
      );
      const [request] = (await answer.json()) as { description: string }[];
      assert.equal(request?.description, message, 'the server gives the message back unchanged');
    });

    it('an anonymous sender’s request has no contact fields at all', async () => {
      const submission = sampleAnonymous();
      await adapter().submit(submission);
      const [stored] = peer.find(submission.id);
      assert.ok(stored);
      for (const field of ['first_name', 'last_name', 'email', 'phone']) {
        assert.equal(stored.fields[field], undefined, `${field} is absent`);
      }
      assert.equal(stored.attributes.reply_wanted, 'false');
      assert.equal(stored.attributes.reply_via, undefined);
      assert.doesNotMatch(peer.bodies[0] ?? '', /first_name|last_name|email=|phone=/);
    });

    it('a sender who wants an answer by phone or letter gets those contact fields', async () => {
      const byPhone = sampleSubmission({
        reply: { wanted: true, via: 'phone', name: 'Anna Maria Andersson', phone: '070-123 45 67' },
      });
      await adapter().submit(byPhone);
      const phone = peer.find(byPhone.id)[0];
      assert.equal(phone?.fields.phone, '+46701234567');
      assert.equal(phone?.fields.first_name, 'Anna Maria');
      assert.equal(phone?.fields.last_name, 'Andersson');
      assert.equal(phone?.fields.email, undefined);
      assert.equal(phone?.attributes.reply_via, 'phone');

      const byLetter = sampleSubmission({
        reply: {
          wanted: true,
          via: 'letter',
          name: 'Bo',
          address: { street: 'Storgatan 1', postalCode: '12345', city: 'Kristianstad' },
        },
      });
      await adapter().submit(byLetter);
      const letter = peer.find(byLetter.id)[0];
      assert.ok(letter);
      assert.equal(letter.fields.first_name, 'Bo');
      assert.equal(letter.fields.last_name, undefined);
      assert.deepEqual(asSubmission(letter).reply, byLetter.reply);
      assert.equal(letter.attributes.reply_postal_code, '123 45');
    });

    it('sends a time of day with its Swedish offset (winter +01:00, summer +02:00), as GeoReport requires', async () => {
      const winter = sampleSubmission({ occurredAt: '2026-11-19T14:30' });
      const summer = sampleSubmission({ occurredAt: '2026-07-01T09:00' });
      await adapter().submit(winter);
      await adapter().submit(summer);
      assert.equal(peer.find(winter.id)[0]?.attributes.occurred_at, '2026-11-19T14:30:00+01:00');
      assert.equal(peer.find(summer.id)[0]?.attributes.occurred_at, '2026-07-01T09:00:00+02:00');
    });

    it('places a time in the hours the clocks change: the repeated hour in winter time, the skipped one in summer time', async () => {
      // 25 Oct 2026: 02:00–03:00 comes twice; the later (winter) reading is taken.
      const repeated = sampleSubmission({ occurredAt: '2026-10-25T02:30' });
      // 29 Mar 2026: 02:00–03:00 does not exist; 02.30 gets the summer offset, as documented.
      const skipped = sampleSubmission({ occurredAt: '2026-03-29T02:30' });
      const before = sampleSubmission({ occurredAt: '2026-03-29T01:30' });
      for (const submission of [repeated, skipped, before]) await adapter().submit(submission);
      const sent = (submission: Submission) => peer.find(submission.id)[0]?.attributes.occurred_at;
      assert.equal(sent(repeated), '2026-10-25T02:30:00+01:00');
      assert.equal(sent(skipped), '2026-03-29T02:30:00+02:00');
      assert.equal(sent(before), '2026-03-29T01:30:00+01:00');
    });

    it('sends the earlier case number as attribute[earlier_reference], <script>, & and ]]> intact; none when not given', async () => {
      const earlierReference = '<script>1</script>&]]>+&attribute[kind]=praise';
      const submission = sampleSubmission({ earlierReference });
      await adapter().submit(submission);
      const [stored] = peer.find(submission.id);
      assert.ok(stored);
      assert.equal(stored.attributes.earlier_reference, earlierReference);
      assert.equal(stored.attributes.kind, 'complaint', 'its text cannot set another attribute');
      assert.equal(stored.fields.description, submission.message, 'the message as sent');
      assert.ok(
        (peer.bodies.at(-1) ?? '').includes(
          `attribute%5Bearlier_reference%5D=${new URLSearchParams({ x: earlierReference }).toString().slice(2)}`,
        ),
        'form-encoded',
      );

      const without = sampleSubmission();
      await adapter().submit(without);
      assert.equal(peer.find(without.id)[0]?.attributes.earlier_reference, undefined);
    });

    it('sends a complaint staff marked serious with attribute[serious]=true; none for an ordinary one', async () => {
      const submission = sampleSubmission({ channel: 'phone', serious: true });
      await adapter().submit(submission);
      const [stored] = peer.find(submission.id);
      assert.ok(stored);
      assert.equal(stored.attributes.serious, 'true');
      assert.ok((peer.bodies.at(-1) ?? '').includes('attribute%5Bserious%5D=true'), 'form-encoded');

      const ordinary = sampleSubmission({ channel: 'phone' });
      await adapter().submit(ordinary);
      assert.equal(peer.find(ordinary.id)[0]?.attributes.serious, undefined);
    });

    it('sends every extra as an attribute and no lat/long', async () => {
      const submission = sampleSubmission({ channel: 'phone', locale: 'en', mode: 'lattlast' });
      await adapter().submit(submission);
      const [stored] = peer.find(submission.id);
      assert.ok(stored);
      assert.deepEqual(stored.attributes, {
        submission_id: submission.id,
        kind: 'complaint',
        area: 'gata-park',
        occurred_at: '2026-11-20',
        channel: 'phone',
        locale: 'en',
        mode: 'lattlast',
        submitted_at: submission.submittedAt,
        page_url: 'https://www.exempelkommun.se/synpunkter',
        reply_wanted: 'true',
        reply_via: 'email',
      });
      assert.equal(stored.fields.lat, undefined);
      assert.equal(stored.fields.long, undefined);
      assert.equal(stored.fields.jurisdiction_id, peer.jurisdictionId);
    });

    it('from a relay, carries the sender’s reference, reply-by day and received time as attributes', async () => {
      const receipt = {
        reference: 'SYN-2026-000042',
        replyBy: '2026-12-08',
        receivedAt: '2026-11-23T23:33:02.000Z',
      };
      const submission = sampleSubmission();
      await adapter().submit(submission, receipt);
      const [stored] = peer.find(submission.id);
      assert.equal(stored?.attributes.reference, 'SYN-2026-000042');
      assert.equal(stored?.attributes.reply_by, '2026-12-08');
      assert.equal(stored?.attributes.received_at, '2026-11-23T23:33:02.000Z');

      // An anonymous sender was promised no reply: no reply-by day, even if one came along.
      const anonymous = sampleAnonymous();
      await adapter().submit(anonymous, receipt);
      const [quiet] = peer.find(anonymous.id);
      assert.equal(quiet?.attributes.reference, 'SYN-2026-000042');
      assert.equal(quiet?.attributes.reply_by, undefined);
    });

    it('splits names at the last space', () => {
      assert.deepEqual(splitName('Anna Maria Andersson'), {
        first: 'Anna Maria',
        last: 'Andersson',
      });
      assert.deepEqual(splitName('Cher'), { first: 'Cher' });
    });
  });

  describe('service code routing', () => {
    const serviceCodes = {
      default: 'synpunkt',
      byArea: {
        'gata-park': { complaint: 'gata-klagomal', suggestion: 'gata-forslag' },
        bibliotek: 'synpunkt',
      },
      byKind: { praise: 'beröm' },
    };
    const cases = [
      ['gata-park', 'complaint', 'gata-klagomal', 'area and kind'],
      ['gata-park', 'suggestion', 'gata-forslag', 'area and kind'],
      ['gata-park', 'praise', 'beröm', 'kind, when the area has no code for it'],
      ['bibliotek', 'praise', 'synpunkt', 'area, before kind'],
      ['skola', 'praise', 'beröm', 'kind'],
      ['skola', 'complaint', 'synpunkt', 'default'],
      ['unknown', 'suggestion', 'synpunkt', 'default'],
    ] as const;

    for (const [area, kind, code, rule] of cases) {
      it(`${area} + ${kind} goes to ${code} (${rule})`, async () => {
        const submission = sampleSubmission({ area, kind });
        await adapter({ serviceCodes }).submit(submission);
        assert.equal(peer.find(submission.id)[0]?.fields.service_code, code);
      });
    }

    it('an area named like an object property falls back to the default', () => {
      assert.equal(serviceCodeFor(serviceCodes, 'constructor', 'complaint'), 'synpunkt');
      assert.equal(serviceCodeFor(serviceCodes, '__proto__', 'complaint'), 'synpunkt');
    });
  });

  describe('idempotency', () => {
    it('two concurrent sends of the same id make one POST', async () => {
      const sender = adapter();
      const submission = sampleSubmission();
      const [first, second] = await Promise.all([
        sender.submit(submission),
        sender.submit(submission),
      ]);
      assert.deepEqual(second, first);
      assert.equal(peer.posts(), 1);
    });

    it('remembers every submission it delivered: a retry after others were sent posts nothing', async () => {
      const sender = adapter();
      const first = sampleSubmission();
      const receipt = await sender.submit(first);
      for (let i = 0; i < 3; i++) await sender.submit(sampleSubmission());
      assert.deepEqual(await sender.submit(first), receipt);
      assert.equal(peer.posts(), 4);
      assert.equal(peer.find(first.id).length, 1);
    });

    it('when the caller who started a send gives up, one still waiting sends it by itself', async () => {
      const sender = adapter();
      const submission = sampleSubmission();
      peer.outage = 'hang';
      const starter = new AbortController();
      const first = sender.submit(submission, { signal: starter.signal });
      const second = sender.submit(submission);
      const posted = () => peer.log.some((call) => call.method === 'POST');
      while (!posted()) await new Promise((resolve) => setTimeout(resolve, 10));
      peer.outage = false;
      starter.abort(new Error('the first caller left'));
      await assert.rejects(first, { message: 'the first caller left' });
      const receipt = await second;
      assert.equal(receipt.id, submission.id);
      assert.equal(peer.find(submission.id).length, 1);
    });

    it('a blackbox service (no id, no token) gives the submission id as reference', async () => {
      peer.answer = 'blackbox';
      const submission = sampleSubmission();
      const receipt = await adapter().submit(submission);
      assert.equal(receipt.reference, submission.id);
      assert.equal(peer.find(submission.id).length, 1);
    });

    it('a 200 that carries the spec’s error list is that error, not a blackbox receipt', async () => {
      // Some servers answer everything with 200; the error list is the only sign of a refusal.
      peer.errorsWith200 = true;
      const submission = sampleSubmission();
      const keyError = await adapterFailure(adapter({ apiKey: 'wrong-key' }).submit(submission));
      assert.equal(keyError.reason, 'configuration');
      assert.equal(keyError.retryable, false);
      assert.equal(keyError.status, 200);
      assert.match(keyError.message, /refused the API key .*HTTP 200, an error list inside/);

      peer.refusing = true;
      const refusal = await adapterFailure(adapter().submit(submission));
      assert.equal(refusal.reason, 'rejected');
      assert.equal(refusal.retryable, false);
      assert.match(refusal.message, /Ärendesystemet tar inte emot nya ärenden/);
      assert.equal(peer.find(submission.id).length, 0, 'nothing was stored');

      // The same server's success still gives the request id.
      peer.refusing = false;
      const receipt = await adapter().submit(submission);
      assert.notEqual(receipt.reference, submission.id);
      assert.equal(peer.find(submission.id).length, 1);
    });

    it('a 2xx that is not GeoReport is refused for good, naming the id to look for', async () => {
      peer.answer = 'html';
      const submission = sampleSubmission();
      const error = await adapterFailure(adapter().submit(submission));
      assert.equal(error.reason, 'rejected');
      assert.equal(error.retryable, false);
      assert.match(error.message, /with HTTP 200 but not with a GeoReport v2 request list/);
      assert.match(error.message, new RegExp(`submission_id\\]=${submission.id}`));
    });
  });

  describe('configuration', () => {
    const good = () => configFor(peer);
    const bad: [string, Record<string, unknown>, RegExp][] = [
      [
        'baseUrl is not http',
        { baseUrl: 'ftp://open311.example' },
        /open311Adapter: baseUrl: must be an http or https URL/,
      ],
      [
        'baseUrl holds a user name and password (fetch refuses it, quoting it whole)',
        { baseUrl: 'https://open311:hemligt-ord@x.example/v2' },
        /^open311Adapter: baseUrl: must not hold a user name or password [^@]*apiKey$/,
      ],
      [
        'baseUrl has a query',
        { baseUrl: 'https://x.example/v2?a=1' },
        /baseUrl: must be the endpoint without \?query/,
      ],
      ['apiKey is empty', { apiKey: '' }, /apiKey: must be the API key/],
      ['apiKey is missing', { apiKey: undefined }, /apiKey: must be the API key/],
      [
        'serviceCodes has no default',
        { serviceCodes: { byKind: { praise: 'p' } } },
        /serviceCodes\.default: must be a service code/,
      ],
      [
        'byKind names an unknown kind',
        { serviceCodes: { default: 'a', byKind: { compliment: 'p' } } },
        /serviceCodes\.byKind: unknown kind "compliment"/,
      ],
      [
        'byArea has a number',
        { serviceCodes: { default: 'a', byArea: { skola: 7 } } },
        /serviceCodes\.byArea\.skola: must be a code or an object with codes per kind/,
      ],
      ['tokenPolls is 21', { tokenPolls: 21 }, /tokenPolls: must be a whole number from 0 to 20/],
      [
        'tokenPollIntervalMs is negative',
        { tokenPollIntervalMs: -1 },
        /tokenPollIntervalMs: must be whole milliseconds/,
      ],
      ['timeoutMs is 0', { timeoutMs: 0 }, /timeoutMs: must be whole milliseconds from 1/],
      ['a key is misspelt', { serviceCode: 'a' }, /unknown key "serviceCode"/],
      ['fetch is not a function', { fetch: 'fetch' }, /fetch: must be a fetch function/],
    ];
    for (const [what, change, message] of bad) {
      it(`refuses a configuration where ${what}, naming the field`, () => {
        assert.throws(
          () => open311Adapter({ ...good(), ...change } as Open311Config),
          (error: unknown) => {
            assert.ok(error instanceof TypeError);
            assert.match(error.message, message);
            return true;
          },
        );
      });
    }

    it('has defaults for the token polls and capabilities of 4 000 characters and no files', () => {
      const { tokenPollIntervalMs: _ms, ...config } = good();
      const made = open311Adapter(config);
      assert.equal(made.name, 'open311');
      assert.deepEqual(made.capabilities, { maxMessageLength: 4000, attachments: false });
    });
  });

  describe('listServices', () => {
    it('lists the server’s services with their codes', async () => {
      const services = await listServices({
        baseUrl: peer.url,
        jurisdictionId: peer.jurisdictionId,
      });
      assert.deepEqual(
        services.map((s) => s.code),
        ['synpunkt', 'gata-klagomal', 'gata-forslag', 'beröm'],
      );
      assert.deepEqual(services[0], {
        code: 'synpunkt',
        name: 'Synpunkt',
        description: 'Beröm, förslag och klagomål',
        metadata: false,
        type: 'realtime',
        keywords: ['synpunkt', 'feedback'],
        group: 'feedback',
      });
    });

    it('gives the server’s error for a wrong or missing jurisdiction', async () => {
      const wrong = await adapterFailure(
        listServices({ baseUrl: peer.url, jurisdictionId: 'annan.se' }),
      );
      assert.equal(wrong.reason, 'configuration');
      assert.equal(wrong.status, 404);
      assert.match(wrong.message, /jurisdiction_id "annan.se" was not found/);
      const missing = await adapterFailure(listServices({ baseUrl: `${peer.url}/` }));
      assert.equal(missing.status, 400);
      assert.match(missing.message, /jurisdiction_id was not provided/);
    });

    it('refuses an answer that is not a service list', async () => {
      peer.brokenServices = true;
      const error = await adapterFailure(
        listServices({ baseUrl: peer.url, jurisdictionId: peer.jurisdictionId }),
      );
      assert.equal(error.reason, 'rejected');
      assert.match(error.message, /not a GeoReport v2 service list \(at 0\.service_code\)/);
    });

    it('refuses bad options, naming the field', async () => {
      await assert.rejects(listServices({ baseUrl: 'open311.example' }), /listServices: baseUrl/);
    });
  });
});
