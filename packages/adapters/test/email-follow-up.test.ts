import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAdapterError } from '@synpunkt/sdk';
import { followUpMailer, type FollowUpQuestion } from '../src/email/index.js';
import { startSmtpPeer, type SmtpPeer } from './peers/smtp-peer.js';

// The question the relay sends the working day after the promised day: "did you get an answer
// in time?", over the e-mail target's own SMTP server (a real smtp-server on loopback).

const ID = '3f1c2a9e-0000-4000-8000-000000000001';

const question = (extra: Partial<FollowUpQuestion> = {}): FollowUpQuestion => ({
  submissionId: ID,
  to: 'anna@example.org',
  language: 'sv',
  reference: 'SYN-2026-000042',
  receivedAt: '2026-12-04T09:15:00.000Z',
  replyBy: '2026-12-18',
  url: 'https://synpunkt.exempelkommun.se/uppfoljning/abcdefghijklmnopqrstuvwxyz012345',
  ...extra,
});

describe('emailAdapter: the follow-up question to the sender', () => {
  let peer: SmtpPeer;
  before(async () => {
    peer = await startSmtpPeer();
  });
  after(() => peer.stop());

  const mailer = () =>
    followUpMailer({
      smtp: { host: '127.0.0.1', port: peer.port, ignoreTLS: true },
      from: 'synpunkt@exempelkommun.se',
      to: { default: 'registrator@exempelkommun.se' },
      confirmation: { enabled: true, from: 'noreply@exempelkommun.se' },
      municipalityName: 'Exempelkommun',
      timeoutMs: 5_000,
    });

  it('asks in plain Swedish, with the promised day written out and the link, and nothing the sender wrote', async () => {
    await mailer().ask(question());
    const [mail] = peer.messages.splice(0);
    assert.ok(mail);
    assert.deepEqual(mail.envelope, { from: 'noreply@exempelkommun.se', to: ['anna@example.org'] });
    assert.equal(mail.parsed.subject, 'Fick du svar i tid? (SYN-2026-000042)');
    assert.equal(
      mail.parsed.text,
      [
        'Hej!',
        '',
        'Du skickade en synpunkt till Exempelkommun den 4 december 2026.',
        'Vi lovade att svara dig senast fredag 18 december 2026.',
        '',
        'Fick du svar i tid? Svara med ett klick på den här sidan (du behöver inte logga in):',
        'https://synpunkt.exempelkommun.se/uppfoljning/abcdefghijklmnopqrstuvwxyz012345',
        '',
        'Det är frivilligt att svara. Ditt svar hjälper oss att hålla det vi lovar.',
        '',
        'Ärendenummer: SYN-2026-000042',
        '',
        'Har du inte lämnat någon synpunkt? Då kan du strunta i det här meddelandet.',
        'Du kan inte svara på det här meddelandet.',
        '',
      ].join('\n'),
    );
    assert.equal(mail.parsed.headers.get('auto-submitted'), 'auto-generated');
    assert.equal(mail.parsed.headers.get('x-synpunkt-follow-up-of'), ID);
    // In the thread of the confirmation the sender got when they wrote.
    assert.equal(mail.parsed.references, `<${ID}.kvitto@synpunkt>`);
  });

  it('refers to no confirmation when none was sent', async () => {
    const withoutConfirmations = followUpMailer({
      smtp: { host: '127.0.0.1', port: peer.port, ignoreTLS: true },
      from: 'synpunkt@exempelkommun.se',
      to: { default: 'registrator@exempelkommun.se' },
      timeoutMs: 5_000,
    });
    await withoutConfirmations.ask(question());
    const [mail] = peer.messages.splice(0);
    assert.equal(mail?.parsed.references, undefined);
    assert.equal(mail?.parsed.headers.get('x-synpunkt-follow-up-of'), ID);
  });

  it('asks in lättläst Swedish (LIX below 25) and in English', async () => {
    await mailer().ask(question({ language: 'sv-lattlast' }));
    await mailer().ask(question({ language: 'en', to: 'ada@example.org' }));
    const [easy, english] = peer.messages.splice(0);
    const text = easy?.parsed.text ?? '';
    assert.ok(text.includes('Du skrev till Exempelkommun den 4 december 2026.'), text);
    const body = text.replace(/https:\S+|SYN-\S+|\d+/g, '');
    const words = body.match(/\p{L}+/gu) ?? [];
    const sentences = body.split(/[.!?:]+(?:\s|$)/).filter((part) => /\p{L}/u.test(part)).length;
    const long = words.filter((word) => word.length > 6).length;
    const lix = words.length / sentences + (100 * long) / words.length;
    assert.ok(lix < 25, `LIX ${lix.toFixed(1)} is very easy (below 25)`);
    assert.equal(english?.parsed.subject, 'Did you get a reply in time? (SYN-2026-000042)');
    assert.ok(
      english.parsed.text?.includes('On 4 December 2026 you sent feedback to Exempelkommun.'),
      english.parsed.text,
    );
    assert.ok(
      english.parsed.text?.includes('We promised to reply to you by Friday, 18 December 2026.'),
      english.parsed.text,
    );
  });

  it('fails with an AdapterError that says whether trying later may help, and whether only the address is at fault', async () => {
    const failureOf = (extra: Partial<FollowUpQuestion> = {}, ask = mailer()) =>
      ask.ask(question(extra)).catch((error: unknown) => error);
    const aboutAddress = [{ path: ['reply', 'email'], code: 'invalid_email' }];

    // The address refused for good: never ask it again; the next sender is fine.
    peer.refusedRecipients.add('finns.inte@example.org');
    const refused = await failureOf({ to: 'finns.inte@example.org' });
    assert.ok(isAdapterError(refused), String(refused));
    assert.equal(refused.reason, 'invalid');
    assert.equal(refused.retryable, false);
    assert.deepEqual(refused.issues, aboutAddress);

    // A full mailbox or greylisting: this address later.
    peer.deferredRecipients.add('full@example.org');
    const deferred = await failureOf({ to: 'full@example.org' });
    assert.ok(isAdapterError(deferred) && deferred.retryable, String(deferred));
    assert.deepEqual(deferred.issues, aboutAddress);

    // Refused after DATA: the server will not take this mail; not the address's fault.
    peer.mode = 'reject';
    try {
      const policy = await failureOf();
      assert.ok(isAdapterError(policy) && !policy.retryable, String(policy));
      assert.deepEqual(policy.issues, []);
    } finally {
      peer.mode = 'accept';
    }

    // The server down: every question waits, none is the address's fault.
    await peer.stop();
    try {
      const down = await failureOf();
      assert.ok(isAdapterError(down) && down.retryable, String(down));
      assert.deepEqual(down.issues, []);
    } finally {
      await peer.start();
    }
  });

  it('a full mailbox answered with 552 at RCPT TO is asked again later, not written off', async () => {
    // RFC 5321 4.5.3.1.10: a client SHOULD treat 552 at RCPT TO as the temporary 452.
    peer.fullRecipients.add('fullt@example.org');
    try {
      const error = await mailer()
        .ask(question({ to: 'fullt@example.org' }))
        .catch((caught: unknown) => caught);
      assert.ok(isAdapterError(error), String(error));
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryable, true);
      assert.equal(error.status, 552);
      assert.deepEqual(error.issues, [{ path: ['reply', 'email'], code: 'invalid_email' }]);
    } finally {
      peer.fullRecipients.delete('fullt@example.org');
    }
  });

  it('a login the server refuses is the settings’ fault, not the address’s', async () => {
    const guarded = await startSmtpPeer({ auth: { user: 'synpunkt', pass: 'rätt' } });
    try {
      const wrong = followUpMailer({
        smtp: {
          host: '127.0.0.1',
          port: guarded.port,
          ignoreTLS: true,
          auth: { user: 'synpunkt', pass: 'fel' },
        },
        from: 'synpunkt@exempelkommun.se',
        to: { default: 'registrator@exempelkommun.se' },
        timeoutMs: 5_000,
      });
      const error = await wrong.ask(question()).catch((caught: unknown) => caught);
      assert.ok(isAdapterError(error), String(error));
      assert.equal(error.reason, 'configuration');
      assert.deepEqual(error.issues, []);
      assert.equal(guarded.messages.length, 0);
    } finally {
      await guarded.stop();
    }
  });
});
