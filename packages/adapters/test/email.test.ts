import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  createClient,
  isAdapterError,
  LIMITS,
  parseSubmission,
  SynpunktValidationError,
  type Submission,
} from '@synpunkt/sdk';
import {
  adapterFailure,
  runAdapterConformance,
  sampleAnonymous,
  sampleSubmission,
  TINY_PDF_BASE64,
  TINY_PNG_BASE64,
} from '@synpunkt/sdk/testing';
import { simpleParser, type AddressObject } from 'mailparser';
import { createTransport } from 'nodemailer';
import {
  emailAdapter,
  escapeHtml,
  oneLine,
  parseEmailConfig,
  type EmailConfigInput,
  type JsonCopy,
} from '../src/email/index.js';
import { clerkMail } from '../src/email/message.js';
import { startSmtpPeer, type ReceivedMail, type SmtpPeer } from './peers/smtp-peer.js';

const FROM = 'synpunkt@exempelkommun.se';
const REGISTRY = 'registrator@exempelkommun.se';

function configFor(peer: SmtpPeer, extra: Partial<EmailConfigInput> = {}): EmailConfigInput {
  return {
    smtp: { host: '127.0.0.1', port: peer.port, ignoreTLS: true },
    from: FROM,
    to: { default: REGISTRY },
    timeoutMs: 10_000,
    ...extra,
  };
}

const PNG_SIZE = Buffer.from(TINY_PNG_BASE64, 'base64').length;
const PDF_SIZE = Buffer.from(TINY_PDF_BASE64, 'base64').length;

/** The reference the adapter derives: `SYN-` and the id's first eight hex digits. */
const referenceOf = (id: string, prefix = 'SYN') => `${prefix}-${id.slice(0, 8).toUpperCase()}`;

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((group) => group.value.map((entry) => entry.address ?? ''));
}

function jsonCopyIn(mail: ReceivedMail): JsonCopy {
  const part = mail.parsed.attachments.find((file) => file.filename === 'synpunkt.json');
  assert.ok(part, 'the mail carries synpunkt.json');
  assert.match(part.contentType, /^application\/json/);
  return JSON.parse(part.content.toString('utf8')) as JsonCopy;
}

/**
 * Reads a clerk's mail back into a submission, as a case system's import would: the fields
 * from synpunkt.json, the attachment bytes from the mail parts it names (checked by SHA-256).
 */
function submissionIn(mail: ReceivedMail): Submission {
  const { submission } = jsonCopyIn(mail);
  const attachments = submission.attachments.map(({ attachedAs, sha256, ...file }) => {
    const part = mail.parsed.attachments.find((candidate) => candidate.filename === attachedAs);
    assert.ok(part, `the mail has a part named ${attachedAs}`);
    assert.equal(createHash('sha256').update(part.content).digest('hex'), sha256);
    return { ...file, data: part.content.toString('base64') };
  });
  return { ...submission, attachments };
}

/** The clerk's mails for an id, one per Message-ID: what a deduplicating mail system keeps. */
function clerkMailsFor(peer: SmtpPeer, id: string): ReceivedMail[] {
  const byMessageId = new Map<string, ReceivedMail>();
  for (const mail of peer.withHeader('x-synpunkt-id', id)) {
    const key = mail.parsed.messageId ?? '';
    if (!byMessageId.has(key)) byMessageId.set(key, mail);
  }
  return [...byMessageId.values()];
}

/**
 * The clerk's mail for a submission the schema never saw, built by nodemailer's own MIME
 * composer (no SMTP) and parsed back: what the mail builder alone makes of hostile input.
 */
async function composedClerkMail(
  submission: Submission,
  peer: SmtpPeer,
): Promise<{ mail: ReceivedMail; reference: string }> {
  const config = parseEmailConfig(configFor(peer));
  const reference = referenceOf(submission.id);
  const composer = createTransport({ streamTransport: true, buffer: true });
  const info = await composer.sendMail(clerkMail(submission, reference, config));
  const raw = info.message as Buffer;
  const mail: ReceivedMail = {
    envelope: { from: info.envelope.from || '', to: info.envelope.to },
    raw,
    parsed: await simpleParser(raw),
  };
  return { mail, reference };
}

/** No Bcc or X-Evil header, in the parsed mail or as a line of the raw header block. */
function assertNoInjectedHeader(mail: ReceivedMail): void {
  assert.equal(mail.parsed.bcc, undefined, 'no Bcc');
  assert.equal(mail.parsed.headers.has('x-evil'), false, 'no X-Evil header');
  const head = mail.raw.toString('utf8').split('\r\n\r\n')[0] ?? '';
  assert.ok(!/^(?:bcc|x-evil):/im.test(head), 'no header line starts with Bcc: or X-Evil:');
  assert.ok(!mail.envelope.to.includes('evil@x.example'), 'evil@x.example is no recipient');
}

// --- The sdk's conformance kit against a real SMTP server ---------------------------------

let kitPeer: SmtpPeer;
runAdapterConformance({
  name: 'email',
  setup: async () => {
    kitPeer = await startSmtpPeer();
  },
  teardown: () => kitPeer.stop(),
  createAdapter: () => emailAdapter(configFor(kitPeer, { confirmation: { enabled: true } })),
  // SMTP has no idempotency: a restarted adapter mails a retry again, with the same Message-ID.
  // The clerk's mail system (and a case system's import) keeps one mail per Message-ID; so does
  // this hook. The raw counts are asserted in "idempotency" below.
  received: async (id) => clerkMailsFor(kitPeer, id).map(submissionIn),
  outage: async () => {
    await kitPeer.stop();
    return () => kitPeer.start();
  },
  refuse: async () => {
    kitPeer.mode = 'reject';
    return () => {
      kitPeer.mode = 'accept';
    };
  },
});

// --- What the clerk receives, field by field -----------------------------------------------

describe('email adapter: the clerk’s mail', () => {
  let peer: SmtpPeer;
  before(async () => {
    peer = await startSmtpPeer();
  });
  after(() => peer.stop());

  const routed = () =>
    emailAdapter(
      configFor(peer, {
        fromName: 'Exempelkommun synpunkter',
        to: {
          default: REGISTRY,
          byArea: { aldreomsorg: ['omsorg@exempelkommun.se', 'chef.omsorg@exempelkommun.se'] },
        },
        areaLabels: { aldreomsorg: 'Äldreomsorg' },
      }),
    );

  it('routes by area, sorts by subject and lets the clerk reply to the sender', async () => {
    const submission = sampleSubmission({ area: 'aldreomsorg' });
    const receipt = await routed().submit(submission);
    assert.equal(receipt.id, submission.id);
    assert.equal(receipt.reference, referenceOf(submission.id));
    assert.ok(!Number.isNaN(Date.parse(receipt.receivedAt)));

    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.ok(mail);
    const { parsed } = mail;
    assert.equal(parsed.subject, `[Synpunkt] Klagomål – Äldreomsorg – ${receipt.reference}`);
    assert.ok(!(parsed.text ?? '').includes('Tidigare ärende'), 'no earlier case: no such row');
    assert.deepEqual(parsed.from?.value, [{ address: FROM, name: 'Exempelkommun synpunkter' }]);
    assert.deepEqual(addresses(parsed.to), [
      'omsorg@exempelkommun.se',
      'chef.omsorg@exempelkommun.se',
    ]);
    assert.deepEqual(mail.envelope, {
      from: FROM,
      to: ['omsorg@exempelkommun.se', 'chef.omsorg@exempelkommun.se'],
    });
    assert.deepEqual(parsed.replyTo?.value, [
      { address: 'anna@example.org', name: 'Anna Andersson' },
    ]);
    assert.equal(parsed.messageId, `<${submission.id}@synpunkt>`);
    assert.equal(parsed.headers.get('x-synpunkt-reference'), receipt.reference);
    assert.equal(parsed.headers.get('x-synpunkt-kind'), 'complaint');
    // Not serious: no such row, and no priority a mail program would flag.
    assert.ok(!(parsed.text ?? '').includes('Allvarligt'), 'no serious row');
    assert.doesNotMatch(mail.raw.toString('latin1'), /^(X-Priority|Importance):/im);
  });

  it('a complaint staff marked serious stands out: in the subject and title, a row of its own, high priority', async () => {
    const submission = sampleSubmission({ area: 'aldreomsorg', channel: 'phone', serious: true });
    const receipt = await routed().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.ok(mail);
    const { parsed } = mail;
    assert.equal(
      parsed.subject,
      `[Synpunkt] Allvarligt klagomål – Äldreomsorg – ${receipt.reference}`,
    );
    const text = parsed.text ?? '';
    assert.ok(text.includes('Allvarligt klagomål – Äldreomsorg\n'), text);
    assert.ok(
      text.includes(
        'Typ: Klagomål\nAllvarligt: Ja, personalen som registrerade klagomålet bedömde det som allvarligt. Det ska lämnas direkt till närmaste chef.\nVerksamhet: Äldreomsorg',
      ),
      text,
    );
    const html = typeof parsed.html === 'string' ? parsed.html : '';
    assert.match(html, /<th [^>]*>Allvarligt<\/th><td [^>]*data-field="serious">Ja, personalen/);
    const raw = mail.raw.toString('latin1');
    assert.match(raw, /^X-Priority: 1 \(Highest\)\r$/m);
    assert.match(raw, /^Importance: High\r$/m);
    assert.equal(jsonCopyIn(mail).submission.serious, true);
  });

  it('sends areas without their own address to the default, also one called "constructor"', async () => {
    for (const area of ['gata-park', 'constructor', '__proto__x']) {
      const submission = sampleAnonymous({ area });
      await routed().submit(submission);
      const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
      assert.ok(mail);
      assert.deepEqual(mail.envelope.to, [REGISTRY], area);
      assert.equal(
        mail.parsed.subject,
        `[Synpunkt] Beröm – ${area} – ${referenceOf(submission.id)}`,
        'an area without a label shows its id',
      );
      assert.equal(mail.parsed.replyTo, undefined, 'an anonymous sender gets no Reply-To');
    }
  });

  it('names the area of a sender who chose "Vet inte" in Swedish, not as the id "unknown"', async () => {
    const submission = sampleSubmission({ area: 'unknown' });
    await routed().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.ok(mail);
    assert.deepEqual(mail.envelope.to, [REGISTRY], 'it goes to the registry, to be routed');
    assert.equal(
      mail.parsed.subject,
      `[Synpunkt] Klagomål – Okänd verksamhet – ${referenceOf(submission.id)}`,
    );
    assert.match(mail.parsed.text ?? '', /^Verksamhet: Okänd verksamhet \(unknown\)$/m);
    assert.match(String(mail.parsed.html), /data-field="area">Okänd verksamhet \(unknown\)</);
    // A municipality that names it itself keeps its own words.
    const named = sampleSubmission({ area: 'unknown' });
    await emailAdapter(configFor(peer, { areaLabels: { unknown: 'Vet ej' } })).submit(named);
    const [own] = peer.withHeader('x-synpunkt-id', named.id);
    assert.equal(own?.parsed.subject, `[Synpunkt] Klagomål – Vet ej – ${referenceOf(named.id)}`);
  });

  it('sets no Reply-To when the sender wants an answer by phone', async () => {
    const submission = sampleSubmission({
      reply: { wanted: true, via: 'phone', name: 'Bo Ek', phone: '070-123 45 67' },
    });
    await routed().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.equal(mail?.parsed.replyTo, undefined);
    assert.match(mail?.parsed.text ?? '', /Vill ha svar: Ja, via telefon/);
    assert.match(mail?.parsed.text ?? '', /Telefon: 070-123 45 67\n/);
    assert.match(mail?.parsed.text ?? '', /Avsändaren vill ha svar på annat sätt än e-post/);
  });

  it('tells the clerk whether a reply to the mail reaches the sender, or why not', async () => {
    const byEmail = sampleSubmission();
    const anonymous = sampleAnonymous();
    await routed().submit(byEmail);
    await routed().submit(anonymous);
    const [toSender] = peer.withHeader('x-synpunkt-id', byEmail.id);
    const [toNobody] = peer.withHeader('x-synpunkt-id', anonymous.id);
    assert.match(toSender?.parsed.text ?? '', /Svara avsändaren genom att svara på det här/);
    assert.match(toNobody?.parsed.text ?? '', /Avsändaren är anonym och kan inte få svar\./);
    assert.match(String(toNobody?.parsed.html), /Avsändaren är anonym och kan inte få svar\./);
  });

  it('shows the clerk when the relay received it and the reply-by day it promised', async () => {
    const submission = sampleSubmission();
    await routed().submit(submission, {
      reference: 'SYN-2026-000043',
      receivedAt: '2026-11-24T08:00:00.000Z',
      replyBy: '2026-12-08',
    });
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.match(mail?.parsed.text ?? '', /^Svara senast: tisdag 8 december 2026$/m);
    assert.match(
      mail?.parsed.text ?? '',
      /^Mottagen: 24 november 2026 kl\. 09:00 \(svensk tid\)$/m,
    );
    assert.match(
      String(mail?.parsed.html),
      /<td [^>]*data-field="replyBy">tisdag 8 december 2026</,
    );
    const json = mail?.parsed.attachments.find((a) => a.filename === 'synpunkt.json');
    assert.equal(JSON.parse(json?.content.toString('utf8') ?? '{}').replyBy, '2026-12-08');
    // An anonymous sender was promised nothing: no deadline row, even if one were given.
    const anonymous = sampleAnonymous();
    await routed().submit(anonymous, { replyBy: '2026-12-08' });
    const [quiet] = peer.withHeader('x-synpunkt-id', anonymous.id);
    assert.doesNotMatch(quiet?.parsed.text ?? '', /Svara senast/);
  });

  it('shows every field in the text body and, escaped, in the HTML body', async () => {
    const submission = sampleSubmission({
      kind: 'suggestion',
      area: 'aldreomsorg',
      message: 'Första raden.\nAndra raden med "citat" & <vinkel>.\n\nEfter en tom rad.',
      occurredAt: '2026-11-20T14:30',
      place: 'Solgårdens äldreboende, avdelning 2',
      reply: {
        wanted: true,
        via: 'letter',
        name: 'Åsa Öberg',
        email: 'asa@example.org',
        phone: '08-123 456 78',
        address: { street: 'Storgatan 1 B', postalCode: '11122', city: 'Exempelstad' },
      },
      attachments: [
        { name: 'gungan.png', type: 'image/png', size: PNG_SIZE, data: TINY_PNG_BASE64 },
        {
          name: 'brev.pdf',
          type: 'application/pdf',
          size: PDF_SIZE,
          data: TINY_PDF_BASE64,
        },
      ],
      locale: 'en',
      mode: 'lattlast',
      channel: 'phone',
      submittedAt: '2026-11-23T13:05:00.000Z',
      pageUrl: 'https://www.exempelkommun.se/synpunkter?from=start&x=<y>',
    });
    const receipt = await routed().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.ok(mail);
    const text = mail.parsed.text ?? '';
    const html = typeof mail.parsed.html === 'string' ? mail.parsed.html : '';

    const expected: [label: string, value: string][] = [
      ['Ärendenummer', receipt.reference],
      ['Typ', 'Förslag'],
      ['Verksamhet', 'Äldreomsorg (aldreomsorg)'],
      ['Meddelande', submission.message],
      ['När det hände', '20 november 2026 kl. 14:30'],
      ['Plats', 'Solgårdens äldreboende, avdelning 2'],
      ['Vill ha svar', 'Ja, via brev'],
      ['Namn', 'Åsa Öberg'],
      ['E-post', 'asa@example.org'],
      ['Telefon', '08-123 456 78'],
      ['Postadress', 'Storgatan 1 B\n111 22 Exempelstad'],
      ['Kanal', 'Telefon (registrerad av personal)'],
      ['Språk', 'engelska (en)'],
      ['Formulär', 'Lättläst formulär'],
      ['Skickad', '23 november 2026 kl. 14:05 (svensk tid)'],
      ['Sida', submission.pageUrl],
      ['Id', submission.id],
      [
        'Bilagor',
        `gungan.png (image/png, ${PNG_SIZE} byte)\nbrev.pdf (application/pdf, ${PDF_SIZE} byte)`,
      ],
    ];
    for (const [label, value] of expected) {
      const inText = value.includes('\n') ? `${label}:\n${value}\n` : `${label}: ${value}\n`;
      assert.ok(text.includes(inText), `the text body shows ${label}: ${JSON.stringify(value)}`);
      assert.ok(html.includes(`>${escapeHtml(label)}</th>`), `the HTML body labels ${label}`);
      assert.ok(
        html.includes(`>${escapeHtml(value).replaceAll('\n', '<br>')}</td>`),
        `the HTML body shows ${label} escaped, its line breaks as <br>`,
      );
    }
    assert.ok(!html.includes('<vinkel>'), 'no user text becomes a tag');
    assert.ok(!/<(?:script|img|link|a)\b/i.test(html), 'no scripts, images, links or stylesheets');
    assert.ok(
      !/https?:\/\/(?!www\.exempelkommun\.se\/synpunkter\?from=start&amp;x=&lt;y&gt;)/.test(html),
    );
  });

  it('does not let a pasted signature line ("-- ") hide the sender’s contact details in the text part', async () => {
    const message = 'Gungan är trasig.\n-- \nAnna Andersson\nOrdförande, Föräldraföreningen';
    const submission = sampleSubmission({ message });
    await routed().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    const text = mail?.parsed.text ?? '';
    // A line that is exactly "-- " starts a signature: clients dim what follows, the contact
    // rows included, and leave it out when the clerk replies.
    assert.doesNotMatch(text, /^-- $/m);
    assert.ok(text.includes('Gungan är trasig.\n--\nAnna Andersson\n'), text);
    assert.match(text, /^E-post: anna@example\.org$/m);
    // The other parts keep exactly what was sent.
    assert.ok(mail);
    assert.equal(jsonCopyIn(mail).submission.message, message);
    assert.ok(String(mail.parsed.html).includes('Gungan är trasig.<br>-- <br>Anna Andersson'));

    // Every such line, not only the first: a forwarded mail pasted below the sender's own.
    const twice = sampleSubmission({
      message: 'Se nedan.\n-- \nAnna\n\nHej!\n-- \nKommunens kundtjänst',
    });
    await routed().submit(twice);
    const [second] = peer.withHeader('x-synpunkt-id', twice.id);
    assert.doesNotMatch(second?.parsed.text ?? '', /^-- $/m);
  });

  it('breaks lines in the HTML at CR LF and a lone CR too, not only at LF', async () => {
    const submission = sampleSubmission({ message: 'Rad ett\r\nRad två\rRad tre' });
    await routed().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    const html = String(mail?.parsed.html);
    const cell = /data-field="message">([^]*?)<\/td>/.exec(html)?.[1] ?? '';
    // What a client that drops white-space shows: every <br> a break, any other one a space.
    assert.deepEqual(cell.replace(/\s+/g, ' ').split('<br>'), ['Rad ett', 'Rad två', 'Rad tre']);
  });

  it('mails an address listed twice for an area once', async () => {
    const twice = emailAdapter(
      configFor(peer, { to: { default: [REGISTRY, REGISTRY, 'chef@exempelkommun.se'] } }),
    );
    const submission = sampleSubmission();
    await twice.submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.deepEqual(mail?.envelope.to, [REGISTRY, 'chef@exempelkommun.se']);
    assert.deepEqual(addresses(mail?.parsed.to), [REGISTRY, 'chef@exempelkommun.se']);
  });

  it('keeps the paragraphs and a pasted list on their own lines in the HTML without relying on CSS (Outlook ignores pre-wrap)', async () => {
    const message = [
      'Hej,',
      '',
      'Här är listan från föreningen:',
      '- Snöröjning före kl. 07:00',
      '- Sandning av trappan vid <Torget>',
      '',
      'Med vänlig hälsning',
    ].join('\n');
    const submission = sampleSubmission({
      message,
      reply: {
        wanted: true,
        via: 'letter',
        name: 'Gösta Ek',
        address: { street: 'Kyrkvägen 4 B', postalCode: '12345', city: 'Exempelby' },
      },
    });
    await routed().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    const html = String(mail?.parsed.html);
    const cell = (field: string) =>
      new RegExp(`data-field="${field}">([^]*?)</td>`).exec(html)?.[1] ?? '';
    // What a client that drops white-space (Word, a sanitiser) shows: every <br> is a break,
    // every other line break is a space.
    const shown = (field: string) => cell(field).replace(/\s+/g, ' ').split('<br>');
    assert.deepEqual(
      shown('message'),
      message.replaceAll('<', '&lt;').replaceAll('>', '&gt;').split('\n'),
    );
    assert.deepEqual(shown('address'), ['Kyrkvägen 4 B', '123 45 Exempelby']);
    assert.ok(
      !/<br>\n/.test(cell('message')),
      'a <br> and a line break would be two breaks under pre-wrap',
    );
    assert.equal(mail?.parsed.text?.includes(message), true, 'the text part keeps it exactly');
  });

  it('names each file so Windows saves it as it is, and tells the clerk the name it was sent with', async () => {
    const png = { type: 'image/png' as const, size: PNG_SIZE, data: TINY_PNG_BASE64 };
    const submission = sampleSubmission({
      attachments: [
        { ...png, name: 'C:karta.png' },
        { ...png, name: 'CON.png' },
        { ...png, name: 'LPT1' },
        { ...png, name: 'fråga?.png' },
      ],
    });
    await routed().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.ok(mail);
    assert.deepEqual(
      mail.parsed.attachments.map((part) => part.filename),
      ['C_karta.png', '_CON.png', '_LPT1.png', 'fråga_.png', 'synpunkt.json'],
    );
    assert.match(
      mail.parsed.text ?? '',
      /C:karta\.png \(image\/png, \d+ byte\), bifogad som C_karta\.png/,
    );
    const copy = jsonCopyIn(mail);
    assert.deepEqual(
      copy.submission.attachments.map((file) => [file.name, file.attachedAs]),
      [
        ['C:karta.png', 'C_karta.png'],
        ['CON.png', '_CON.png'],
        ['LPT1', '_LPT1.png'],
        ['fråga?.png', 'fråga_.png'],
      ],
    );
  });

  it('attaches every file byte for byte with its name and type, and synpunkt.json equals the submission', async () => {
    const submission = sampleSubmission({
      attachments: [
        { name: 'bild.png', type: 'image/png', size: PNG_SIZE, data: TINY_PNG_BASE64 },
        { name: 'bild.png', type: 'image/png', size: PNG_SIZE, data: TINY_PNG_BASE64 },
        { name: 'synpunkt.json', type: 'application/pdf', size: PDF_SIZE, data: TINY_PDF_BASE64 },
        // A name that does not fit the checked type: a gateway would refuse ".exe".
        { name: 'bild.exe', type: 'image/png', size: PNG_SIZE, data: TINY_PNG_BASE64 },
        { name: 'Kvitto.PDF', type: 'application/pdf', size: PDF_SIZE, data: TINY_PDF_BASE64 },
      ],
    });
    await routed().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.ok(mail);
    const parts = mail.parsed.attachments.map((part) => ({
      name: part.filename,
      type: part.contentType,
      data: part.content.toString('base64'),
    }));
    assert.deepEqual(parts.slice(0, 5), [
      { name: 'bild.png', type: 'image/png', data: TINY_PNG_BASE64 },
      { name: 'bild (2).png', type: 'image/png', data: TINY_PNG_BASE64 },
      { name: 'synpunkt.pdf', type: 'application/pdf', data: TINY_PDF_BASE64 },
      { name: 'bild (3).png', type: 'image/png', data: TINY_PNG_BASE64 },
      { name: 'Kvitto.PDF', type: 'application/pdf', data: TINY_PDF_BASE64 },
    ]);
    assert.equal(parts[5]?.name, 'synpunkt.json');
    assert.equal(parts.length, 6);

    const copy = jsonCopyIn(mail);
    assert.equal(copy.format, 'synpunkt-email');
    assert.equal(copy.formatVersion, 1);
    assert.equal(copy.reference, referenceOf(submission.id));
    assert.deepEqual(copy.submission.attachments[1], {
      name: 'bild.png',
      type: 'image/png',
      size: PNG_SIZE,
      attachedAs: 'bild (2).png',
      sha256: createHash('sha256').update(Buffer.from(TINY_PNG_BASE64, 'base64')).digest('hex'),
    });
    assert.deepEqual(submissionIn(mail), submission, 'the mail holds the whole submission');
    assert.match(
      mail.parsed.text ?? '',
      /bild\.png \(image\/png, \d+ byte\), bifogad som bild \(2\)\.png/,
    );
    assert.match(
      mail.parsed.text ?? '',
      /bild\.exe \(image\/png, \d+ byte\), bifogad som bild \(3\)\.png/,
    );
  });
});

// --- Hostile text ---------------------------------------------------------------------------

describe('email adapter: hostile text', () => {
  let peer: SmtpPeer;
  before(async () => {
    peer = await startSmtpPeer();
  });
  after(() => peer.stop());

  const HOSTILE = 'Bcc: evil@x.example';

  it('a name or an area with CR/LF + "Bcc: evil@x" is refused with a clear error (invalid_characters) before any SMTP traffic', async () => {
    const input = {
      ...sampleSubmission(),
      area: `gata\r\n${HOSTILE}`,
      reply: {
        wanted: true,
        via: 'email',
        name: `Anna\r\n${HOSTILE}`,
        email: 'anna@example.org',
      },
    };
    const parsed = parseSubmission(input);
    assert.equal(parsed.success, false);
    assert.deepEqual(
      parsed.success ? [] : parsed.issues.map((issue) => [issue.path.join('.'), issue.code]),
      [
        ['area', 'invalid_characters'],
        ['reply.name', 'invalid_characters'],
      ],
    );
    const connections = peer.connections;
    const error = await adapterFailure(emailAdapter(configFor(peer)).submit(input as Submission));
    assert.equal(error.reason, 'invalid');
    assert.equal(error.retryable, false);
    assert.equal(peer.connections, connections, 'no SMTP connection was opened');
  });

  it('Unicode line separators + "Bcc: evil@x" in a name or an area are refused too (invalid_characters), before any SMTP traffic', async () => {
    const input = {
      ...sampleSubmission(),
      area: `gata\u2028${HOSTILE}`,
      reply: {
        wanted: true,
        via: 'email',
        name: `Anna\u2028${HOSTILE}\u2029X-Evil: 1 body`,
        email: 'anna@example.org',
      },
    };
    const connections = peer.connections;
    const error = await adapterFailure(emailAdapter(configFor(peer)).submit(input as Submission));
    assert.equal(error.reason, 'invalid');
    assert.deepEqual(
      error.issues.map((issue) => [issue.path.join('.'), issue.code]),
      [
        ['area', 'invalid_characters'],
        ['reply.name', 'invalid_characters'],
      ],
    );
    assert.equal(peer.connections, connections, 'no SMTP connection was opened');
  });

  it('a bidirectional override in the area or the name (the schema lets it through) is dropped from the headers, so the subject reads forwards', async () => {
    // U+202E shows the rest of its line backwards: the reference would read 'E9A2C1F3-NYS'.
    const submission = sampleSubmission({
      area: 'gata\u202epark',
      reply: {
        wanted: true,
        via: 'email',
        name: 'Anna \u2067Andersson\u2069\u202d',
        email: 'anna@example.org',
      },
    });
    await emailAdapter(configFor(peer)).submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.ok(mail);
    assert.equal(
      mail.parsed.subject,
      `[Synpunkt] Klagomål – gatapark – ${referenceOf(submission.id)}`,
    );
    assert.deepEqual(mail.parsed.replyTo?.value, [
      { address: 'anna@example.org', name: 'Anna Andersson' },
    ]);
    assert.deepEqual(
      jsonCopyIn(mail).submission.reply,
      submission.reply,
      'the JSON keeps the name as typed',
    );
  });

  it('a name typed as an encoded word (=?utf-8?B?…?=) shows in Reply-To as typed, not as the text it encodes', async () => {
    // Decoded, this name reads 'VD <vd@kommun.se>': a clerk would see someone else's address.
    const forged = '=?utf-8?B?VkQgPHZkQGtvbW11bi5zZT4=?=';
    const submission = sampleSubmission({
      reply: { wanted: true, via: 'email', name: `Anna ${forged}`, email: 'anna@example.org' },
      earlierReference: forged,
    });
    await emailAdapter(configFor(peer)).submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.ok(mail);
    assert.deepEqual(mail.parsed.replyTo?.value, [
      { address: 'anna@example.org', name: `Anna ${forged.replaceAll('=?', '= ?')}` },
    ]);
    assert.ok(!mail.parsed.replyTo?.text.includes('vd@kommun.se'));
    // The subject is encoded whole (it has non-ASCII letters), so the number arrives as typed.
    assert.ok(mail.parsed.subject?.endsWith(`tidigare ärende ${forged}`), mail.parsed.subject);
    assert.deepEqual(jsonCopyIn(mail).submission.reply, submission.reply, 'the JSON keeps it');
    assert.ok(mail.parsed.text?.includes(`Anna ${forged}`), 'the text body keeps it');
  });

  for (const [label, newline] of [
    ['CR/LF', '\r\n'],
    ['U+2028', '\u2028'],
  ] as const) {
    it(`${label} + "Bcc: evil@x" that got past the schema is still neutralised by the mail builder: no header, no recipient`, async () => {
      // Defence in depth: build the clerk's mail from an unvalidated submission with nodemailer's
      // own MIME composer (no SMTP), then parse it back.
      const submission = {
        ...sampleSubmission(),
        area: `gata${newline}${HOSTILE}`,
        reply: {
          wanted: true as const,
          via: 'email' as const,
          name: `Anna${newline}${HOSTILE}${newline}X-Evil: 1\n\nbody`,
          email: 'anna@example.org',
        },
      };
      const { mail, reference } = await composedClerkMail(submission, peer);
      assertNoInjectedHeader(mail);
      assert.deepEqual(mail.envelope.to, [REGISTRY]);
      assert.deepEqual(mail.parsed.replyTo?.value, [
        { address: 'anna@example.org', name: `Anna ${HOSTILE} X-Evil: 1 body` },
      ]);
      assert.equal(mail.parsed.subject, `[Synpunkt] Klagomål – gata ${HOSTILE} – ${reference}`);
    });
  }

  it('an earlier case number: after the reference in the subject, beside it in both bodies, and in the JSON', async () => {
    const submission = sampleSubmission({ area: 'aldreomsorg', earlierReference: ' KS 2026/123 ' });
    const adapter = emailAdapter(configFor(peer, { areaLabels: { aldreomsorg: 'Äldreomsorg' } }));
    const receipt = await adapter.submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.ok(mail);
    assert.equal(
      mail.parsed.subject,
      `[Synpunkt] Klagomål – Äldreomsorg – ${receipt.reference} – tidigare ärende KS 2026/123`,
    );
    assert.ok(
      (mail.parsed.text ?? '').includes(
        `Ärendenummer: ${receipt.reference}\nTidigare ärende: KS 2026/123\nTyp: Klagomål\n`,
      ),
      mail.parsed.text,
    );
    const html = typeof mail.parsed.html === 'string' ? mail.parsed.html : '';
    assert.match(
      html,
      /<th [^>]*>Tidigare ärende<\/th><td [^>]*data-field="earlierReference">KS 2026\/123<\/td>/,
    );
    assert.equal(jsonCopyIn(mail).submission.earlierReference, 'KS 2026/123');
  });

  it('<script> and ]]> as the earlier case number arrive intact in the text, subject and JSON, escaped in the HTML', async () => {
    const earlierReference = '<script>x</script>]]>&"\'';
    const submission = sampleSubmission({ earlierReference });
    const receipt = await emailAdapter(configFor(peer)).submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.ok(mail);
    assert.ok(mail.parsed.text?.includes(`Tidigare ärende: ${earlierReference}\n`));
    assert.ok(
      mail.parsed.subject?.endsWith(`${receipt.reference} – tidigare ärende ${earlierReference}`),
    );
    assert.equal(jsonCopyIn(mail).submission.earlierReference, earlierReference);
    const html = typeof mail.parsed.html === 'string' ? mail.parsed.html : '';
    assert.ok(
      html.includes(
        'data-field="earlierReference">&lt;script&gt;x&lt;/script&gt;]]&gt;&amp;&quot;&#39;</td>',
      ),
      'the HTML body has it escaped',
    );
    assert.ok(!/<script/i.test(html), 'never as a tag');
  });

  it('an earlier case number with CR/LF + "Bcc: evil@x" that got past the schema becomes no header and no recipient', async () => {
    const submission = {
      ...sampleSubmission(),
      earlierReference: `KS 1\r\n${HOSTILE}\r\nX-Evil: 1\u2028\u202eX`,
    };
    const { mail, reference } = await composedClerkMail(submission, peer);
    assertNoInjectedHeader(mail);
    assert.deepEqual(mail.envelope.to, [REGISTRY]);
    assert.equal(
      mail.parsed.subject,
      `[Synpunkt] Klagomål – gata-park – ${reference} – tidigare ärende KS 1 ${HOSTILE} X-Evil: 1 X`,
    );
  });

  it('<script> and ]]> in a message arrive intact in the text and JSON, and escaped in the HTML (never a tag)', async () => {
    const message =
      'Hej <script>alert(1)</script> ]]> <![CDATA[x]]> & <img src=x onerror=alert(2)> "\'';
    const submission = sampleSubmission({ message });
    await emailAdapter(configFor(peer)).submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.ok(mail);
    assert.ok(
      mail.parsed.text?.includes(`Meddelande: ${message}\n`),
      'the text body has it as typed',
    );
    assert.equal(jsonCopyIn(mail).submission.message, message, 'the JSON copy has it as typed');
    const html = typeof mail.parsed.html === 'string' ? mail.parsed.html : '';
    assert.ok(html.includes(escapeHtml(message)), 'the HTML body has it escaped');
    assert.ok(!/<script|<img|<!\[CDATA/i.test(html), 'and never as a tag');
  });

  it('markup in an area without a label (its id is shown) is escaped in the HTML title and heading too', async () => {
    const area = '<img src=x onerror=alert(3)></title><script>alert(4)</script>';
    const submission = sampleSubmission({ area });
    await emailAdapter(configFor(peer)).submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-id', submission.id);
    assert.ok(mail);
    const html = typeof mail.parsed.html === 'string' ? mail.parsed.html : '';
    assert.ok(!/<script|<img/i.test(html), 'never as a tag');
    const title = /<title>([^]*?)<\/title>/.exec(html)?.[1] ?? '';
    assert.ok(title.includes(escapeHtml(area)), title);
    assert.equal(mail.parsed.subject?.includes(area), true, 'the subject has it as typed');
  });

  it('a 20 MB attachment is refused by the schema with a clear error before any SMTP traffic (client and adapter)', async () => {
    const size = 20 * 1024 * 1024;
    const bytes = Buffer.alloc(size);
    Buffer.from(TINY_PNG_BASE64, 'base64').copy(bytes);
    const huge = {
      name: 'stor.png',
      type: 'image/png' as const,
      size,
      data: bytes.toString('base64'),
    };
    const connectionsBefore = peer.connections;
    const adapter = emailAdapter(configFor(peer));

    const client = createClient({ adapter });
    const { id: _id, schemaVersion: _v, submittedAt: _s, ...draft } = sampleSubmission();
    await assert.rejects(client.submit({ ...draft, attachments: [huge] }), (error: unknown) => {
      assert.ok(error instanceof SynpunktValidationError);
      assert.ok(
        error.issues.some(
          (issue) =>
            issue.path.join('.') === 'attachments.0.size' &&
            issue.code === 'file_too_large' &&
            issue.params?.max === LIMITS.attachmentBytesMax,
        ),
        'the file is too large, and the error says how large it may be',
      );
      return true;
    });

    // A caller that skips the client gets the same verdict from the adapter itself.
    const unchecked = { ...sampleSubmission(), attachments: [huge] } as Submission;
    const error = await adapterFailure(adapter.submit(unchecked));
    assert.equal(error.reason, 'invalid');
    assert.equal(error.retryable, false);
    assert.ok(error.issues.some((issue) => issue.code === 'file_too_large'));
    assert.match(error.message, /attachments\.0\.size file_too_large/);
    assert.equal(peer.connections, connectionsBefore, 'no SMTP connection was opened');
  });
});

// --- Failures -------------------------------------------------------------------------------

describe('email adapter: failures', () => {
  let peer: SmtpPeer;
  before(async () => {
    peer = await startSmtpPeer();
  });
  after(() => peer.stop());

  it('tells a 4xx refusal (retryable) from a 5xx one (permanent), and loses nothing after the 4xx', async () => {
    const adapter = emailAdapter(configFor(peer));
    const submission = sampleSubmission();

    peer.mode = 'tempfail';
    const temporary = await adapterFailure(adapter.submit(submission));
    assert.equal(temporary.reason, 'unavailable');
    assert.equal(temporary.retryable, true);
    assert.equal(temporary.status, 451);
    assert.match(temporary.message, /try again later/i);

    peer.mode = 'reject';
    const permanent = await adapterFailure(adapter.submit(submission));
    assert.equal(permanent.reason, 'rejected');
    assert.equal(permanent.retryable, false);
    assert.equal(permanent.status, 550);
    assert.match(permanent.message, /refused the mail/);

    peer.mode = 'accept';
    await adapter.submit(submission);
    assert.equal(peer.withHeader('x-synpunkt-id', submission.id).length, 1);
  });

  it('a clerk address the server refuses is not lost: the error names it, a retry mails only it', async () => {
    const typo = 'chef.omsrog@exempelkommun.se';
    const adapter = emailAdapter(
      configFor(peer, {
        to: { default: REGISTRY, byArea: { aldreomsorg: ['omsorg@exempelkommun.se', typo] } },
      }),
    );
    const submission = sampleSubmission({ area: 'aldreomsorg' });
    peer.refusedRecipients.add(typo);
    let refused;
    try {
      refused = await adapterFailure(adapter.submit(submission));
    } finally {
      peer.refusedRecipients.delete(typo);
    }
    // The server took the mail for the other address; without a check this looked delivered.
    assert.equal(refused.reason, 'rejected');
    assert.equal(refused.retryable, false);
    assert.equal(refused.status, 550);
    assert.match(refused.message, /refused the clerk address chef\.omsrog@exempelkommun\.se/);
    assert.match(refused.message, /delivered to omsorg@exempelkommun\.se/);

    // Once the operator has fixed the mailbox, the retry reaches the missing address only.
    const receipt = await adapter.submit(submission);
    assert.equal(receipt.reference, referenceOf(submission.id));
    const mails = peer.withHeader('x-synpunkt-id', submission.id);
    assert.deepEqual(
      mails.map((mail) => mail.envelope.to),
      [['omsorg@exempelkommun.se'], [typo]],
    );
    assert.deepEqual(addresses(mails[1]?.parsed.to), ['omsorg@exempelkommun.se', typo]);
  });

  it('a clerk address that is deferred (451) makes the delivery retryable, and nobody gets it twice', async () => {
    const busy = 'chef.omsorg@exempelkommun.se';
    const adapter = emailAdapter(
      configFor(peer, {
        to: { default: REGISTRY, byArea: { aldreomsorg: ['omsorg@exempelkommun.se', busy] } },
      }),
    );
    const submission = sampleSubmission({ area: 'aldreomsorg' });
    peer.deferredRecipients.add(busy);
    try {
      const first = await adapterFailure(adapter.submit(submission));
      assert.equal(first.reason, 'unavailable');
      assert.equal(first.retryable, true);
      assert.equal(first.status, 451);
      assert.match(first.message, /try again later for chef\.omsorg@exempelkommun\.se/);
      // Still deferred: the retry asks for the busy address alone and fails again.
      const second = await adapterFailure(adapter.submit(submission));
      assert.equal(second.reason, 'unavailable');
    } finally {
      peer.deferredRecipients.delete(busy);
    }
    await adapter.submit(submission);
    const envelopes = peer
      .withHeader('x-synpunkt-id', submission.id)
      .map((mail) => mail.envelope.to);
    assert.deepEqual(envelopes, [['omsorg@exempelkommun.se'], [busy]]);
  });

  it('a full clerk mailbox (552 at RCPT TO) is retried, not given up: the synpunkt arrives once it has room', async () => {
    // RFC 5321 4.5.3.1.10: a client SHOULD treat 552 at RCPT TO as the temporary 452.
    const adapter = emailAdapter(configFor(peer));
    const submission = sampleSubmission();
    peer.fullRecipients.add(REGISTRY);
    try {
      const full = await adapterFailure(adapter.submit(submission));
      assert.equal(full.reason, 'unavailable');
      assert.equal(full.retryable, true);
      assert.equal(full.status, 552);
      assert.match(full.message, /552 at RCPT TO.*try again later: 552 5\.2\.2 Mailbox full/);
    } finally {
      peer.fullRecipients.delete(REGISTRY);
    }
    await adapter.submit(submission);
    assert.equal(peer.withHeader('x-synpunkt-id', submission.id).length, 1);
  });

  it('a full mailbox among an area’s addresses keeps the delivery retryable, whether the others took it or not', async () => {
    const full = 'chef.omsorg@exempelkommun.se';
    const typo = 'chef.omsrog@exempelkommun.se';
    const adapterFor = (addresses: string[]) =>
      emailAdapter(
        configFor(peer, { to: { default: REGISTRY, byArea: { aldreomsorg: addresses } } }),
      );
    peer.fullRecipients.add(full);
    peer.refusedRecipients.add(typo);
    try {
      // Another address took it: the retry mails the full one alone.
      const partly = sampleSubmission({ area: 'aldreomsorg' });
      const adapter = adapterFor(['omsorg@exempelkommun.se', full]);
      const first = await adapterFailure(adapter.submit(partly));
      assert.equal(first.reason, 'unavailable');
      assert.equal(first.status, 552);
      assert.match(first.message, /try again later for chef\.omsorg@exempelkommun\.se/);
      peer.fullRecipients.delete(full);
      await adapter.submit(partly);
      assert.deepEqual(
        peer.withHeader('x-synpunkt-id', partly.id).map((mail) => mail.envelope.to),
        [['omsorg@exempelkommun.se'], [full]],
      );

      // Nobody took it, the last refusal a 550: the full mailbox still makes it worth a retry.
      peer.fullRecipients.add(full);
      const nobody = await adapterFailure(
        adapterFor([full, typo]).submit(sampleSubmission({ area: 'aldreomsorg' })),
      );
      assert.equal(nobody.reason, 'unavailable');
      assert.equal(nobody.retryable, true);
      assert.equal(nobody.status, 552);
    } finally {
      peer.fullRecipients.delete(full);
      peer.refusedRecipients.delete(typo);
    }
  });

  it('a refused connection is retryable', async () => {
    const adapter = emailAdapter(configFor(peer));
    await peer.stop();
    try {
      const error = await adapterFailure(adapter.submit(sampleSubmission()));
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryable, true);
      assert.equal(error.status, 'ECONNREFUSED');
    } finally {
      await peer.start();
    }
  });

  it('a connection the server drops at once is retryable', async () => {
    const dropper: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    try {
      const address = dropper.address();
      assert.ok(address !== null && typeof address === 'object');
      const adapter = emailAdapter({
        ...configFor(peer),
        smtp: { host: '127.0.0.1', port: address.port, ignoreTLS: true },
      });
      const error = await adapterFailure(adapter.submit(sampleSubmission()));
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryable, true);
    } finally {
      await new Promise<void>((resolve) => dropper.close(() => resolve()));
    }
  });

  it('a wrong SMTP password (535) is a configuration error, not retryable; the right one delivers', async () => {
    const guarded = await startSmtpPeer({ auth: { user: 'synpunkt', pass: 'rätt-lösenord' } });
    try {
      const smtp = { host: '127.0.0.1', port: guarded.port, ignoreTLS: true };
      const wrong = emailAdapter({
        ...configFor(guarded),
        smtp: { ...smtp, auth: { user: 'synpunkt', pass: 'fel' } },
      });
      const error = await adapterFailure(wrong.submit(sampleSubmission()));
      assert.equal(error.reason, 'configuration');
      assert.equal(error.retryable, false);
      assert.equal(error.status, 535);
      assert.match(error.message, /smtp\.auth/);
      assert.ok(!error.message.includes('fel'), 'the message does not show the password');

      // No login at all where the server wants one: 530, the same configuration error.
      const none = await adapterFailure(
        emailAdapter({ ...configFor(guarded), smtp }).submit(sampleSubmission()),
      );
      assert.equal(none.reason, 'configuration');
      assert.equal(none.retryable, false);
      assert.equal(none.status, 530);
      assert.match(none.message, /smtp\.auth/);

      const right = emailAdapter({
        ...configFor(guarded),
        smtp: { ...smtp, auth: { user: 'synpunkt', pass: 'rätt-lösenord' } },
      });
      const submission = sampleSubmission();
      await right.submit(submission);
      assert.equal(guarded.withHeader('x-synpunkt-id', submission.id).length, 1);
    } finally {
      await guarded.stop();
    }
  });

  it('with a login, requires STARTTLS: a server without it gets no password and no mail', async () => {
    // The peer offers no STARTTLS, as a server would look to someone whose path strips it.
    const guarded = await startSmtpPeer({ auth: { user: 'synpunkt', pass: 'rätt-lösenord' } });
    try {
      const auth = { user: 'synpunkt', pass: 'rätt-lösenord' };
      const adapter = emailAdapter({
        ...configFor(guarded),
        smtp: { host: '127.0.0.1', port: guarded.port, auth },
      });
      const error = await adapterFailure(adapter.submit(sampleSubmission()));
      assert.equal(error.reason, 'configuration');
      assert.equal(error.retryable, false);
      assert.match(error.message, /does not offer STARTTLS/);
      assert.equal(guarded.logins, 0, 'no login was tried');
      assert.equal(guarded.messages.length, 0);

      // The operator may choose otherwise, for a server on a trusted network.
      const inClear = emailAdapter({
        ...configFor(guarded),
        smtp: { host: '127.0.0.1', port: guarded.port, auth, requireTLS: false },
      });
      await inClear.submit(sampleSubmission());
      assert.equal(guarded.logins, 1);
      assert.equal(guarded.messages.length, 1);
    } finally {
      await guarded.stop();
    }
  });

  it('a server silent after the whole mail says it may have it: retried, and the retry is recognisably the same mail', async () => {
    const adapter = emailAdapter(configFor(peer, { timeoutMs: 500 }));

    // Silent before the mail went out: it cannot have it.
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    peer.hold = { until, onHold: () => undefined };
    let early;
    try {
      early = await adapterFailure(adapter.submit(sampleSubmission()));
    } finally {
      peer.hold = undefined;
      release();
    }
    assert.equal(early.retryable, true);
    assert.equal(early.status, 'ETIMEDOUT');
    assert.doesNotMatch(early.message, /may have taken it/);

    // Silent after the whole mail: the server kept it, and only its answer is missing.
    const submission = sampleSubmission();
    peer.silentAfterData = true;
    let late;
    try {
      late = await adapterFailure(adapter.submit(submission));
    } finally {
      peer.silentAfterData = false;
    }
    assert.equal(late.reason, 'unavailable');
    assert.equal(late.retryable, true);
    assert.equal(late.status, 'DATA:ETIMEDOUT');
    assert.match(
      late.message,
      /did not confirm the mail after all of it was sent \(ETIMEDOUT\): it may have taken it, so the retry may deliver a second copy with the same Message-ID/,
    );

    // Retried all the same (a lost synpunkt is worse): the clerk gets a second copy that a mail
    // system or case system can drop by its Message-ID.
    await adapter.submit(submission);
    const mails = peer.withHeader('x-synpunkt-id', submission.id);
    assert.deepEqual(
      mails.map((mail) => mail.parsed.messageId),
      [`<${submission.id}@synpunkt>`, `<${submission.id}@synpunkt>`],
    );
  });

  it('stops with the signal’s reason when aborted before or during the SMTP exchange; a mail under way is sent once', async () => {
    const adapter = emailAdapter(configFor(peer));
    const early = new AbortController();
    early.abort(new Error('the sender left'));
    const connections = peer.connections;
    await assert.rejects(adapter.submit(sampleSubmission(), { signal: early.signal }), {
      message: 'the sender left',
    });
    assert.equal(peer.connections, connections, 'no connection when aborted before');

    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    let held = () => {};
    const holding = new Promise<void>((resolve) => (held = resolve));
    peer.hold = { until, onHold: () => held() };
    const late = new AbortController();
    const submission = sampleSubmission();
    const delivery = adapter.submit(submission, { signal: late.signal });
    await holding;
    late.abort(new Error('the relay shuts down'));
    try {
      await assert.rejects(delivery, { message: 'the relay shuts down' });
    } finally {
      peer.hold = undefined;
      release();
    }
    // The transaction under way was not cut off (after DATA the server may take it anyway):
    // the retry waits for it and gets its receipt, and the clerk gets one mail, not two.
    const retried = await adapter.submit(submission);
    assert.equal(retried.id, submission.id);
    assert.equal(peer.withHeader('x-synpunkt-id', submission.id).length, 1);
  });
});

// --- Idempotency ----------------------------------------------------------------------------

describe('email adapter: idempotency', () => {
  let peer: SmtpPeer;
  before(async () => {
    peer = await startSmtpPeer();
  });
  after(() => peer.stop());

  it('the same adapter mails an id once, even when retried at the same time, and gives the same receipt', async () => {
    const adapter = emailAdapter(configFor(peer));
    const submission = sampleSubmission();
    const [first, concurrent] = await Promise.all([
      adapter.submit(submission),
      adapter.submit(submission),
    ]);
    const again = await adapter.submit(submission);
    assert.deepEqual(concurrent, first);
    assert.deepEqual(again, first);
    assert.equal(peer.withHeader('x-synpunkt-id', submission.id).length, 1, 'one mail on the wire');
  });

  it('a restarted adapter mails it again (SMTP has no idempotency) with the same Message-ID and reference', async () => {
    const submission = sampleSubmission();
    const first = await emailAdapter(configFor(peer)).submit(submission);
    const restarted = await emailAdapter(configFor(peer)).submit(submission);
    assert.equal(restarted.reference, first.reference);
    const mails = peer.withHeader('x-synpunkt-id', submission.id);
    assert.equal(mails.length, 2, 'two mails on the wire');
    assert.deepEqual(
      mails.map((mail) => mail.parsed.messageId),
      [`<${submission.id}@synpunkt>`, `<${submission.id}@synpunkt>`],
      'one Message-ID, so the receiving mail system can drop the second',
    );
    assert.equal(clerkMailsFor(peer, submission.id).length, 1);
  });
});

// --- Confirmation to the sender -------------------------------------------------------------

describe('email adapter: confirmation to the sender', () => {
  let peer: SmtpPeer;
  before(async () => {
    peer = await startSmtpPeer();
  });
  after(() => peer.stop());

  const confirming = (extra: Partial<EmailConfigInput> = {}) =>
    emailAdapter(
      configFor(peer, {
        confirmation: { enabled: true, from: 'noreply@exempelkommun.se' },
        municipalityName: 'Exempelkommun',
        ...extra,
      }),
    );

  it('mails the sender a plain-text confirmation in Swedish, without repeating their text', async () => {
    const submission = sampleSubmission({ locale: 'sv' });
    const receipt = await confirming().submit(submission);
    const [mail, ...more] = peer.withHeader('x-synpunkt-confirmation-of', submission.id);
    assert.ok(mail);
    assert.equal(more.length, 0);
    assert.deepEqual(mail.envelope, { from: 'noreply@exempelkommun.se', to: ['anna@example.org'] });
    assert.equal(mail.parsed.subject, `Vi har tagit emot din synpunkt (${receipt.reference})`);
    assert.deepEqual(mail.parsed.from?.value, [
      { address: 'noreply@exempelkommun.se', name: 'Exempelkommun' },
    ]);
    assert.equal(mail.parsed.html, false, 'plain text only');
    assert.equal(mail.parsed.headers.get('auto-submitted'), 'auto-generated');
    assert.equal(mail.parsed.attachments.length, 0);
    const text = mail.parsed.text ?? '';
    assert.match(text, /^Hej!\n/);
    assert.match(
      text,
      /Tack för din synpunkt\. Exempelkommun tog emot synpunkten den \d+ \w+ \d{4} kl\. \d\d:\d\d\./,
    );
    assert.match(text, /registrerat den som klagomål/);
    assert.ok(text.includes(`Ditt ärendenummer är ${receipt.reference}.`));
    assert.match(text, /Du får svar via e-post\./);
    assert.match(text, /allmän handling/);
    assert.match(text, /Du kan inte svara på det här meddelandet\./);
    assert.ok(!text.includes('Gungan'), 'the message is not repeated');
    assert.ok(!text.includes('Anna'), 'the name is not repeated');
  });

  it('does not change for a serious complaint: no serious subject, no priority', async () => {
    const submission = sampleSubmission({ channel: 'phone', serious: true });
    await confirming().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-confirmation-of', submission.id);
    assert.ok(mail);
    assert.ok(!/allvarlig/i.test(mail.parsed.subject ?? ''), mail.parsed.subject);
    assert.ok(!/allvarlig/i.test(mail.parsed.text ?? ''), 'not in the text');
    assert.doesNotMatch(mail.raw.toString('latin1'), /^(X-Priority|Importance):/im);
  });

  it('does not repeat an earlier case number either: it is text the sender typed', async () => {
    const submission = sampleSubmission({ earlierReference: 'Ring 0900-123 45 67 nu' });
    await confirming().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-confirmation-of', submission.id);
    assert.ok(mail);
    assert.ok(!(mail.parsed.subject ?? '').includes('0900'), 'not in the subject');
    assert.ok(!(mail.parsed.text ?? '').includes('0900'), 'not in the text');
  });

  it('reaches an address whose domain has å, ä or ö, in the ASCII form every server takes', async () => {
    const submission = sampleSubmission({
      reply: { wanted: true, via: 'email', name: 'Anna', email: 'anna@åre.se' },
    });
    await confirming().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-confirmation-of', submission.id);
    assert.ok(mail, 'the confirmation arrived');
    assert.ok(peer.rcptLines.includes('RCPT TO:<anna@xn--re-xia.se>'), peer.rcptLines.join('\n'));
  });

  it('does not tell someone who phoned that they sent something, when staff registered it for them', async () => {
    const submission = sampleSubmission({ locale: 'sv', channel: 'phone' });
    await confirming().submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-confirmation-of', submission.id);
    const text = mail?.parsed.text ?? '';
    assert.ok(text.includes('Din synpunkt är nu en allmän handling.'), text);
    assert.doesNotMatch(text, /du skickar/i, 'they called; the staff member registered it');
  });

  it('writes in English to a sender who used English, and names the reply address when one is set', async () => {
    const submission = sampleSubmission({
      locale: 'en-GB',
      kind: 'suggestion',
      reply: {
        wanted: true,
        via: 'phone',
        name: 'Sam',
        phone: '070-123 45 67',
        email: 'sam@example.org',
      },
    });
    const receipt = await confirming({
      confirmation: { enabled: true, replyTo: 'kundtjanst@exempelkommun.se' },
    }).submit(submission);
    const [mail] = peer.withHeader('x-synpunkt-confirmation-of', submission.id);
    assert.ok(mail);
    assert.equal(mail.parsed.subject, `We have received your feedback (${receipt.reference})`);
    assert.deepEqual(mail.envelope.to, ['sam@example.org']);
    assert.deepEqual(mail.parsed.replyTo?.value, [
      { address: 'kundtjanst@exempelkommun.se', name: '' },
    ]);
    const text = mail.parsed.text ?? '';
    assert.match(text, /Thank you for your feedback\. Exempelkommun received it on \d+ \w+ \d{4}/);
    assert.match(text, /registered it as a suggestion/);
    assert.match(text, /We will call you when we have a reply\./);
    assert.ok(!text.includes('Please do not reply'));
  });

  it('writes in lättläst Swedish to a sender who used the lättläst form: short sentences, easy words', async () => {
    const submission = sampleSubmission({ locale: 'sv', mode: 'lattlast', kind: 'praise' });
    await confirming().submit(submission, {
      reference: 'SYN-2026-000008',
      receivedAt: '2026-11-23T23:33:02.000Z',
      replyBy: '2026-12-08',
    });
    const [mail] = peer.withHeader('x-synpunkt-confirmation-of', submission.id);
    assert.equal(mail?.parsed.subject, 'Vi har fått din synpunkt (SYN-2026-000008)');
    const text = mail?.parsed.text ?? '';
    assert.equal(
      text,
      [
        'Hej!',
        '',
        'Tack för att du skrev till oss. Exempelkommun fick din synpunkt den 24 november 2026 kl. 00:33.',
        'Vi har sparat din synpunkt som beröm.',
        '',
        'Din synpunkt har numret SYN-2026-000008. Säg numret när du hör av dig om din synpunkt.',
        '',
        'Du får svar i ett mejl. Det kommer senast tisdag 8 december 2026.',
        'Din synpunkt är nu en allmän handling. Det betyder att andra kan få läsa den.',
        '',
        'Har du inte skickat någon synpunkt? Då behöver du inte göra något.',
        'Du kan inte svara på det här mejlet.',
        '',
      ].join('\n'),
    );
    // Easy to read by the measure DOMAIN.md names: LIX = words/sentences + 100 × long/words.
    const words = text.replace(/SYN-\S+|\d+/g, '').match(/\p{L}+/gu) ?? [];
    const sentences = text.split(/[.!?]+(?:\s|$)/).filter((part) => /\p{L}/u.test(part)).length;
    const long = words.filter((word) => word.length > 6).length;
    const lix = words.length / sentences + (100 * long) / words.length;
    assert.ok(lix < 25, `LIX ${lix.toFixed(1)} is very easy (below 25; the standard text is 28)`);
    // Someone who used English lättläst still gets English.
    const english = sampleSubmission({ locale: 'en', mode: 'lattlast' });
    await confirming().submit(english);
    const [inEnglish] = peer.withHeader('x-synpunkt-confirmation-of', english.id);
    assert.match(inEnglish?.parsed.subject ?? '', /^We have received your feedback/);
  });

  it("repeats the receipt's time and reply-by day, in the sender's language", async () => {
    const swedish = sampleSubmission({ locale: 'sv' });
    // Delivered late, after an outage: the mail still says when the relay received it.
    await confirming().submit(swedish, {
      receivedAt: '2026-11-24T08:00:00.000Z',
      replyBy: '2026-12-08',
    });
    const [sv] = peer.withHeader('x-synpunkt-confirmation-of', swedish.id);
    assert.match(
      sv?.parsed.text ?? '',
      /Exempelkommun tog emot synpunkten den 24 november 2026 kl\. 09:00\./,
    );
    assert.match(sv?.parsed.text ?? '', /Du får svar via e-post senast tisdag 8 december 2026\./);
    const english = sampleSubmission({ locale: 'en' });
    await confirming().submit(english, { replyBy: '2026-12-08' });
    const [en] = peer.withHeader('x-synpunkt-confirmation-of', english.id);
    assert.match(
      en?.parsed.text ?? '',
      /You will get a reply by e-mail no later than Tuesday, 8 December 2026\./,
    );
  });

  it('sends none to an anonymous sender, none when turned off, none without an e-mail address', async () => {
    const anonymous = sampleAnonymous();
    await confirming().submit(anonymous);
    const off = sampleSubmission();
    await confirming({ confirmation: { enabled: false } }).submit(off);
    const noEmail = sampleSubmission({
      reply: { wanted: true, via: 'phone', name: 'Bo', phone: '070-123 45 67' },
    });
    await confirming().submit(noEmail);
    for (const { id } of [anonymous, off, noEmail]) {
      assert.equal(peer.withHeader('x-synpunkt-id', id).length, 1, 'the clerk got it');
      assert.equal(peer.withHeader('x-synpunkt-confirmation-of', id).length, 0, 'no confirmation');
    }
  });

  it('a refused confirmation is reported but does not fail the delivered synpunkt', async () => {
    const reported: [unknown, string][] = [];
    const submission = sampleSubmission({
      reply: { wanted: true, via: 'email', name: 'Nils', email: 'finns.inte@example.org' },
    });
    peer.refusedRecipients.add('finns.inte@example.org');
    try {
      const receipt = await confirming({
        onConfirmationError: (error, id) => reported.push([error, id]),
      }).submit(submission);
      assert.equal(receipt.id, submission.id);
    } finally {
      peer.refusedRecipients.clear();
    }
    assert.equal(peer.withHeader('x-synpunkt-id', submission.id).length, 1, 'the clerk got it');
    assert.equal(reported.length, 1);
    const [error, id] = reported[0] ?? [];
    assert.equal(id, submission.id);
    assert.ok(isAdapterError(error));
    assert.equal(error.reason, 'rejected');
  });
});

// --- Configuration, capabilities and helpers ------------------------------------------------

describe('email adapter: configuration and helpers', () => {
  it('refuses a wrong configuration at creation, naming each field and why', () => {
    assert.throws(
      () =>
        emailAdapter({
          smtp: { host: 'smtp.kommun.se', port: 587, auth: { user: 'synpunkt', pass: undefined } },
          from: 'synpunkt@kommun.se',
          to: { default: 'registrator', byArea: { skola: [] } },
        } as unknown as EmailConfigInput),
      (error: unknown) => {
        assert.ok(error instanceof TypeError);
        assert.match(error.message, /^emailAdapter: /);
        assert.match(
          error.message,
          /smtp\.auth\.pass: must be the SMTP password, read from an environment variable/,
        );
        assert.match(error.message, /to\.default: must be an e-mail address/);
        assert.match(error.message, /to\.byArea\.skola: must list at least one e-mail address/);
        return true;
      },
    );
    assert.throws(
      () =>
        emailAdapter({
          smpt: {},
          from: 'a@b.se',
          to: { default: 'a@b.se' },
        } as unknown as EmailConfigInput),
      /smtp: must be an object with host, port.*unknown key "smpt"/,
    );
    assert.throws(
      () =>
        emailAdapter({
          smtp: { host: 'h', port: 70000 },
          from: 'a@b.se',
          to: { default: 'a@b.se' },
          fromName: 'Kommun\r\nBcc: x@y.se',
          referencePrefix: 'SYN-',
        }),
      /smtp\.port: must be between 1 and 65535; fromName: must be one line.*referencePrefix: must be 1 to 12 letters/,
    );
  });

  it('refuses a URL with a login as smtp.host at creation, without quoting the password', () => {
    // Taken as a host name, it failed every delivery as an outage quoting it, password and all.
    for (const host of [
      'smtp://synpunkt:hemligt-ord@smtp.kommun.se',
      'synpunkt:hemligt-ord@smtp.kommun.se',
    ]) {
      assert.throws(
        () =>
          emailAdapter({ smtp: { host, port: 587 }, from: 'a@b.se', to: { default: 'a@b.se' } }),
        (error: unknown) =>
          error instanceof TypeError &&
          /smtp\.host: must be the host name or IP address alone.*the login goes in auth$/.test(
            error.message,
          ) &&
          !error.message.includes('hemligt-ord'),
      );
    }
    // An IPv6 address is a host too.
    emailAdapter({ smtp: { host: '::1', port: 25 }, from: 'a@b.se', to: { default: 'a@b.se' } });
  });

  it('uses the configured reference prefix', async () => {
    const peer = await startSmtpPeer();
    try {
      const submission = sampleAnonymous();
      const receipt = await emailAdapter(configFor(peer, { referencePrefix: 'KS' })).submit(
        submission,
      );
      assert.equal(receipt.reference, referenceOf(submission.id, 'KS'));
    } finally {
      await peer.stop();
    }
  });

  it('uses the reference the relay gave the sender, so the clerk sees the same one', async () => {
    const peer = await startSmtpPeer();
    try {
      const submission = sampleSubmission();
      const receipt = await emailAdapter(configFor(peer)).submit(submission, {
        reference: 'SYN-2026-000042',
      });
      assert.equal(receipt.reference, 'SYN-2026-000042');
      const [mail] = peer.messages;
      assert.ok(mail?.parsed.subject?.endsWith('– SYN-2026-000042'), mail?.parsed.subject);
    } finally {
      await peer.stop();
    }
  });

  it('declares the sdk’s attachment limits and no message limit', () => {
    const adapter = emailAdapter({
      smtp: { host: 'h', port: 25 },
      from: 'a@b.se',
      to: { default: 'a@b.se' },
    });
    assert.equal(adapter.name, 'email');
    assert.deepEqual(adapter.capabilities, {
      attachments: {
        types: ['image/jpeg', 'image/png', 'application/pdf'],
        maxCount: LIMITS.attachmentCountMax,
        maxBytes: LIMITS.attachmentBytesMax,
        maxTotalBytes: LIMITS.attachmentsTotalBytesMax,
      },
    });
    const longest = sampleSubmission({ message: 'x'.repeat(LIMITS.messageMax) });
    assert.equal(parseSubmission(longest).success, true);
    const { id: _id, schemaVersion: _v, submittedAt: _s, ...draft } = longest;
    assert.deepEqual(createClient({ adapter }).validate(draft), []);
  });

  it('escapeHtml turns every character that could open markup into a reference', () => {
    assert.equal(
      escapeHtml(`<script>alert("x" + 'y')</script> & ]]>`),
      '&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;)&lt;/script&gt; &amp; ]]&gt;',
    );
    assert.equal(
      escapeHtml('&amp;'),
      '&amp;amp;',
      'already escaped text is escaped again, not trusted',
    );
    assert.equal(escapeHtml('Åsa Öberg'), 'Åsa Öberg');
  });

  it('oneLine folds CR, LF and every control character to single spaces', () => {
    assert.equal(oneLine('Anna\r\nBcc: evil@x'), 'Anna Bcc: evil@x');
    assert.equal(oneLine(' a\u0000b\tc\u2028d\u0085e  f '), 'a b c d e f');
  });
});
