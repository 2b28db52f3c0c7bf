import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type AdapterError, type Submission } from '@synpunkt/sdk';
import {
  adapterFailure,
  runAdapterConformance,
  sampleAnonymous,
  sampleSubmission,
  TINY_PDF_BASE64,
  TINY_PNG_BASE64,
} from '@synpunkt/sdk/testing';
import { artviseAdapter, type ArtviseConfig } from '../src/artvise/index.js';
import { DATA_NS, SERVICE_NS, soapAction, XSI_NS } from '../src/artvise/contracts.js';
import { envelope } from '../src/artvise/envelope.js';
import { caseValues } from '../src/artvise/mapping.js';
import { createCaseRequest, getCaseByIdentifierRequest } from '../src/artvise/operations.js';
import { parseArtviseConfig } from '../src/artvise/config.js';
import { element, escapeText, XmlCharacterError, type Xml } from '../src/artvise/xml.js';
import { endless } from './peers/endless.js';
import { startRedirector } from './peers/redirector.js';
import { assertWaitsUntilHttpDate } from './retry-after.js';
import {
  startArtvisePeer,
  THROTTLE_SECONDS,
  type ArtvisePeer,
  type Contract,
  type StoredCase,
  type Value,
} from './peers/artvise-peer.js';

const API_KEY = `key-${crypto.randomUUID()}`;
const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const INBOX = { default: guid(1), 'gata-park': guid(2), bibliotek: guid(3) };
const CATEGORIES = {
  praise: { diaryPlanItemGuid: guid(11), caseCategoryGuid: guid(21) },
  suggestion: { diaryPlanItemGuid: guid(12) },
  complaint: {
    diaryPlanItemGuid: guid(13),
    caseCategoryGuid: guid(23),
    fullName: 'Synpunkter/Klagomål',
  },
};
const PROPERTIES = {
  area: guid(41),
  locale: guid(42),
  mode: guid(43),
  replyChannel: guid(44),
  channel: guid(45),
  place: guid(46),
  pageUrl: guid(47),
  earlierReference: guid(48),
};

function settings(peer: ArtvisePeer, overrides: Partial<ArtviseConfig> = {}): ArtviseConfig {
  return {
    endpoint: peer.endpoint,
    apiKey: API_KEY,
    inboxes: {
      default: INBOX.default,
      byArea: { 'gata-park': INBOX['gata-park'], bibliotek: INBOX.bibliotek },
    },
    caseCategories: CATEGORIES,
    mediaTypes: { web: guid(31), phone: guid(32) },
    customProperties: PROPERTIES,
    areaNames: { 'gata-park': 'Gator och parker', bibliotek: 'Bibliotek' },
    timeoutMs: 10_000,
    ...overrides,
  };
}

// ---- reading back what the peer stored ---------------------------------------------------------

const list = (value: Value | undefined): Contract[] =>
  Array.isArray(value) ? (value as Contract[]) : [];
const str = (value: Value | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

const TYPES: Record<string, Submission['attachments'][number]['type']> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.pdf': 'application/pdf',
};

/** A stored case mapped back to submission fields, through the test's configuration. */
function toFields(stored: StoredCase): Partial<Submission> {
  const dto = stored.dto;
  const properties = new Map(
    list(dto.CustomProperties).map((p) => [str(p.CustomPropertyGuid), str(p.Value)]),
  );
  const property = (key: keyof typeof PROPERTIES) => properties.get(PROPERTIES[key]);
  const category = list(dto.CaseCategories)[0];
  const kind = (Object.keys(CATEGORIES) as Submission['kind'][]).find(
    (k) => CATEGORIES[k].diaryPlanItemGuid === str(category?.DiaryPlanItemGuid),
  );
  const person = list(dto.Counterparts)[0];
  let reply: Submission['reply'] = { wanted: false };
  if (str(dto.RequiresAnswer) === 'true' && person) {
    const email = str(person.EMail);
    const phone = str(person.MobilePhone) ?? str(person.HomePhone);
    const street = str(person.Address1);
    reply = {
      wanted: true,
      via: property('replyChannel') as 'email' | 'phone' | 'letter',
      name: [str(person.FirstName), str(person.LastName)].filter(Boolean).join(' '),
      ...(email !== undefined && { email }),
      ...(phone !== undefined && { phone }),
      ...(street !== undefined && {
        address: { street, postalCode: str(person.Zip) ?? '', city: str(person.City) ?? '' },
      }),
    };
  }
  const event = str(dto.EventDate);
  const place = property('place');
  // An earlier case number comes first in Description, on a line of its own, then an empty line.
  const described = /^Tidigare ärende: ([^\n]*)\n\n/.exec(str(dto.Description) ?? '');
  const message = str(dto.Description)!.slice(described?.[0].length ?? 0);
  const attachments = stored.deeds
    .toSorted((a, b) => String(a.dto.Identifier).localeCompare(String(b.dto.Identifier)))
    .flatMap((deed) => list(deed.dto.Files))
    .map((file) => ({
      name: str(file.FileName) ?? '',
      type: TYPES[str(file.Extension) ?? '']!,
      size: Number(str(file.Size)),
      data: str(file.Data) ?? '',
    }));
  return {
    id: str(dto.Identifier)!,
    message,
    ...(described && { earlierReference: described[1] }),
    ...(str(dto.Name)?.startsWith('Allvarligt klagomål: ') && { serious: true as const }),
    ...(kind && { kind }),
    area: property('area')!,
    ...(place !== undefined && { place }),
    ...(event !== undefined && {
      occurredAt: event.endsWith('T00:00:00') ? event.slice(0, 10) : event.slice(0, 16),
    }),
    reply,
    attachments,
    locale: property('locale')!,
    mode: property('mode') as Submission['mode'],
    channel: property('channel') as Submission['channel'],
    pageUrl: property('pageUrl')!,
  };
}

const withFiles = (): Submission =>
  sampleSubmission({
    attachments: [
      { name: 'gungan.png', type: 'image/png', size: 70, data: TINY_PNG_BASE64 },
      {
        name: 'brev från kommunen.pdf',
        type: 'application/pdf',
        size: Buffer.from(TINY_PDF_BASE64, 'base64').length,
        data: TINY_PDF_BASE64,
      },
    ],
  });

const count = (peer: ArtvisePeer, operation: string) =>
  peer.requests.filter((r) => r.operation === operation).length;

// ---- the conformance kit -------------------------------------------------------------------------

{
  let peer: ArtvisePeer;
  runAdapterConformance({
    name: 'artvise',
    setup: async () => {
      peer = await startArtvisePeer({ apiKey: API_KEY });
    },
    teardown: () => peer.close(),
    createAdapter: () => artviseAdapter(settings(peer)),
    received: async (id) => peer.casesFor(id).map(toFields),
    outage: async () => {
      peer.state = 'down';
      return () => {
        peer.state = 'up';
      };
    },
    refuse: async () => {
      peer.state = 'refusing';
      return () => {
        peer.state = 'up';
      };
    },
  });
}

// ---- behaviour against the strict peer ---------------------------------------------------------

describe('artvise adapter against a strict MercuryAPI peer', () => {
  let peer: ArtvisePeer;
  before(async () => {
    peer = await startArtvisePeer({ apiKey: API_KEY });
  });
  after(() => peer.close());

  it('sends every call with its SOAPAction and text/xml; charset=utf-8, and the peer accepts each', async () => {
    const seen: { action: string | null; type: string | null }[] = [];
    const spy: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      seen.push({ action: headers.get('soapaction'), type: headers.get('content-type') });
      return fetch(input, init);
    };
    const before = peer.rejections.length;
    await artviseAdapter(settings(peer, { fetch: spy })).submit(withFiles());
    assert.deepEqual(
      seen.map((s) => s.action),
      ['GetCaseByIdentifier', 'CreateCase', 'CreateDeed', 'CreateDeed'].map(
        (op) => `"http://www.artvise.se/MercuryAPI/IService/${op}"`,
      ),
    );
    assert.ok(seen.every((s) => s.type === 'text/xml; charset=utf-8'));
    assert.equal(peer.rejections.length, before, 'the strict peer refused nothing');
  });

  it('gives the case number Artvise returns as the receipt reference', async () => {
    const submission = sampleSubmission();
    const receipt = await artviseAdapter(settings(peer)).submit(submission);
    const [stored] = peer.casesFor(submission.id);
    assert.ok(stored);
    assert.equal(receipt.reference, stored.refId);
    assert.equal(receipt.receivedAt, stored.createdDate);
  });

  it('delivers attachments as deeds on the case, byte-equal, with name, extension and size', async () => {
    const submission = withFiles();
    await artviseAdapter(settings(peer)).submit(submission);
    const [stored] = peer.casesFor(submission.id);
    assert.ok(stored);
    assert.equal(stored.deeds.length, 2, 'one deed per attachment');
    submission.attachments.forEach((file, index) => {
      const deed = stored.deeds[index]!.dto;
      assert.equal(deed.CaseObjectID, String(stored.objectId), 'the deed belongs to the case');
      assert.equal(deed.InboxGuid, INBOX['gata-park']);
      const [stored_file] = list(deed.Files);
      assert.ok(stored_file);
      assert.equal(stored_file.FileName, file.name);
      assert.equal(stored_file.Extension, index === 0 ? '.png' : '.pdf');
      assert.equal(stored_file.Size, String(file.size));
      assert.deepEqual(
        Buffer.from(str(stored_file.Data) ?? '', 'base64'),
        Buffer.from(file.data, 'base64'),
        'the bytes are the same',
      );
    });
  });

  it('stores a file under a name Windows keeps as it is; the deed still names it as sent', async () => {
    const png = { type: 'image/png' as const, size: 70, data: TINY_PNG_BASE64 };
    const submission = sampleSubmission({
      attachments: [
        { ...png, name: 'C:karta.png' },
        { ...png, name: 'con.png' },
        { ...png, name: 'vad<hände>?.png' },
      ],
    });
    await artviseAdapter(settings(peer)).submit(submission);
    const [stored] = peer.casesFor(submission.id);
    assert.ok(stored);
    assert.deepEqual(
      stored.deeds.map((deed) => list(deed.dto.Files)[0]?.FileName),
      ['C_karta.png', '_con.png', 'vad_hände__.png'],
    );
    assert.equal(stored.deeds[0]?.dto.Name, 'Bilaga 1 av 3: C:karta.png');
  });

  it('never creates a second case: a retry after a failed CreateDeed adds only the missing attachment', async () => {
    const submission = withFiles();
    const adapter = artviseAdapter(settings(peer));
    peer.failNext('CreateDeed', 'server-fault', 1); // the first deed arrives, the second fails
    const error = await adapterFailure(adapter.submit(submission));
    assert.equal(error.retryable, true);
    const [stored] = peer.casesFor(submission.id);
    assert.ok(stored);
    assert.match(error.message, new RegExp(`Case ${stored.refId} exists.*attachment 2 of 2`));
    assert.equal(stored.deeds.length, 1);

    const receipt = await artviseAdapter(settings(peer)).submit(submission);
    assert.equal(receipt.reference, stored.refId, 'the retry finds the same case');
    assert.equal(peer.casesFor(submission.id).length, 1, 'still one case');
    assert.deepEqual(
      stored.deeds.map((deed) => list(deed.dto.Files)[0]?.FileName),
      ['gungan.png', 'brev från kommunen.pdf'],
      'each attachment once',
    );
  });

  it('a retry of a delivered submission calls neither CreateCase nor CreateDeed again', async () => {
    const submission = withFiles();
    const adapter = artviseAdapter(settings(peer));
    const first = await adapter.submit(submission);
    const cases = count(peer, 'CreateCase');
    const deeds = count(peer, 'CreateDeed');
    const again = await adapter.submit(submission);
    assert.equal(again.reference, first.reference);
    assert.equal(count(peer, 'CreateCase'), cases);
    assert.equal(count(peer, 'CreateDeed'), deeds);
  });

  it('a retry after a failed CreateCase creates the case once', async () => {
    const submission = sampleSubmission();
    peer.failNext('CreateCase', 'http-503');
    await adapterFailure(artviseAdapter(settings(peer)).submit(submission));
    assert.equal(peer.casesFor(submission.id).length, 0);
    await artviseAdapter(settings(peer)).submit(submission);
    assert.equal(peer.casesFor(submission.id).length, 1);
  });

  describe('hostile and unusual text', () => {
    const hostile =
      'Hej <script>alert("x")</script> & <![CDATA[ ]]> ]]> "citat" \'apostrof\' åäö ÅÄÖ é ß 😀👍🏽\n' +
      'rad två\r\nrad tre\rrad fyra\ttabb &amp; &#x41; <!-- --> <?pi?>';
    const name = 'Åsa "Ö" <Test> & ]]> O\'Brien-Öberg 😀';

    it('<, &, ]]>, quotes, åäö, emoji, CR LF and tabs in message, name and place arrive intact', async () => {
      const submission = sampleSubmission({
        message: hostile,
        place: `Torget <b>${hostile.slice(0, 40)}</b>`,
        reply: { wanted: true, via: 'email', name, email: 'asa@example.org' },
      });
      await artviseAdapter(settings(peer)).submit(submission);
      const [stored] = peer.casesFor(submission.id);
      assert.ok(stored);
      assert.equal(stored.dto.Description, hostile);
      const fields = toFields(stored);
      assert.equal(fields.message, submission.message);
      assert.equal(fields.place, submission.place);
      assert.deepEqual(fields.reply, submission.reply);
      const person = list(stored.dto.Counterparts)[0];
      assert.equal(`${str(person?.FirstName)} ${str(person?.LastName)}`, name);
    });

    it(']]> and < never appear raw in the XML, and the HTML description shows the text, not markup', async () => {
      const submission = sampleSubmission({ message: hostile });
      await artviseAdapter(settings(peer)).submit(submission);
      const request = peer.requests.findLast((r) => r.operation === 'CreateCase');
      assert.ok(request);
      assert.ok(!request.xml.includes(']]>'), 'no raw ]]>');
      assert.ok(!request.xml.includes('<script'), 'no raw <script');
      const html = str(peer.casesFor(submission.id)[0]?.dto.HtmlDescription) ?? '';
      assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'), html);
      assert.ok(!html.includes('<script'), 'user text never becomes markup in Artvise');
      assert.ok(html.includes('😀👍🏽'));
    });

    it('a line or paragraph separator (U+2028, U+2029) arrives as typed, not turned into a line feed', async () => {
      // Pasted text can hold them; an XML parser that ends lines as XML 1.1 does (the peer's
      // xmldom) turns them raw into LF, so they travel as character references.
      const message = 'Första stycket\u2029Andra stycket, rad ett\u2028rad två';
      const submission = sampleSubmission({ message });
      await artviseAdapter(settings(peer)).submit(submission);
      const [stored] = peer.casesFor(submission.id);
      assert.equal(stored?.dto.Description, message);
      assert.ok(str(stored?.dto.HtmlDescription)?.includes('\u2028rad två'));
      const request = peer.requests.findLast((r) => r.operation === 'CreateCase');
      assert.ok(request?.xml.includes('&#x2028;') && !request.xml.includes('\u2028'));
    });

    it('the HTML description breaks lines at CR LF, a lone CR and LF alike', async () => {
      const submission = sampleSubmission({ message: 'Rad ett\r\nRad två\rRad tre\nRad fyra' });
      await artviseAdapter(settings(peer)).submit(submission);
      const html = str(peer.casesFor(submission.id)[0]?.dto.HtmlDescription) ?? '';
      const paragraph = /<p>([^]*?)<\/p>/.exec(html)?.[1] ?? '';
      // What a viewer that ignores line breaks in HTML shows: every <br> a break, any other a space.
      assert.deepEqual(
        paragraph
          .replace(/\s+/g, ' ')
          .split('<br>')
          .map((line) => line.trim()),
        ['Rad ett', 'Rad två', 'Rad tre', 'Rad fyra'],
      );
    });

    it('an earlier case number with <, &, ]]> and quotes: first in Description, a row in HtmlDescription, its custom property, intact', async () => {
      const earlierReference = 'KS <script>1</script> & ]]> "x" \'y\'';
      const submission = sampleSubmission({ earlierReference });
      await artviseAdapter(settings(peer)).submit(submission);
      const request = peer.requests.findLast((r) => r.operation === 'CreateCase');
      assert.ok(request);
      assert.ok(!request.xml.includes(']]>'), 'no raw ]]>');
      assert.ok(!request.xml.includes('<script'), 'no raw <script');
      const [stored] = peer.casesFor(submission.id);
      assert.ok(stored);
      assert.equal(
        stored.dto.Description,
        `Tidigare ärende: ${earlierReference}\n\n${submission.message}`,
      );
      const fields = toFields(stored);
      assert.equal(fields.earlierReference, earlierReference);
      assert.equal(fields.message, submission.message, 'the message follows, as sent');
      const property = list(stored.dto.CustomProperties).find(
        (p) => p.CustomPropertyGuid === PROPERTIES.earlierReference,
      );
      assert.equal(str(property?.Value), earlierReference);
      const html = str(stored.dto.HtmlDescription) ?? '';
      assert.ok(
        html.includes(
          '<dt>Tidigare ärende</dt><dd>KS &lt;script&gt;1&lt;/script&gt; &amp; ]]&gt; &quot;x&quot; &#39;y&#39;</dd>',
        ),
        html,
      );
      assert.ok(!html.includes('<script'), 'user text never becomes markup in Artvise');
    });

    it('a complaint staff marked serious: the title says so, a row in HtmlDescription, and the configured priority', async () => {
      const SERIOUS = guid(51);
      const submission = sampleSubmission({ area: 'gata-park', channel: 'phone', serious: true });
      await artviseAdapter(settings(peer, { priorities: { serious: SERIOUS } })).submit(submission);
      const [stored] = peer.casesFor(submission.id);
      assert.ok(stored);
      assert.equal(stored.dto.Name, 'Allvarligt klagomål: Gator och parker');
      assert.equal(stored.dto.PriorityGuid, SERIOUS);
      assert.equal(toFields(stored).serious, true);
      const html = str(stored.dto.HtmlDescription) ?? '';
      assert.ok(
        html.includes(
          '<dt>Typ</dt><dd>Klagomål</dd><dt>Allvarligt</dt><dd>ja, personalen som registrerade klagomålet bedömde det som allvarligt. Det ska lämnas direkt till närmaste chef.</dd><dt>Verksamhet</dt><dd>Gator och parker</dd>',
        ),
        html,
      );

      // Without a configured priority the case gets the inbox's own; the title still says it.
      const unconfigured = sampleSubmission({ channel: 'phone', serious: true });
      await artviseAdapter(settings(peer)).submit(unconfigured);
      const [plain] = peer.casesFor(unconfigured.id);
      assert.equal(plain?.dto.Name, 'Allvarligt klagomål: Gator och parker');
      assert.equal(plain?.dto.PriorityGuid, undefined);
    });

    it('an ordinary complaint gets no priority and no serious row, even with one configured', async () => {
      const submission = sampleSubmission({ area: 'gata-park', channel: 'phone' });
      await artviseAdapter(settings(peer, { priorities: { serious: guid(51) } })).submit(
        submission,
      );
      const [stored] = peer.casesFor(submission.id);
      assert.equal(stored?.dto.Name, 'Klagomål: Gator och parker');
      assert.equal(stored?.dto.PriorityGuid, undefined);
      assert.doesNotMatch(str(stored?.dto.HtmlDescription) ?? '', /Allvarligt/);
    });

    it('a control character in the earlier case number is refused too, naming the field, and nothing is sent', async () => {
      const sent = peer.requests.length;
      const submission: Submission = { ...sampleSubmission(), earlierReference: 'KS\u0007 1' };
      const error = await adapterFailure(artviseAdapter(settings(peer)).submit(submission));
      assert.equal(error.reason, 'invalid');
      assert.deepEqual(error.issues, [{ path: ['earlierReference'], code: 'invalid_characters' }]);
      assert.match(error.message, /earlierReference has U\+0007 at index 2/);
      assert.equal(peer.requests.length, sent, 'no call reached Artvise');
    });

    it('without an earlier case number, Description is the message alone and no such row or property is sent', async () => {
      const submission = sampleSubmission();
      await artviseAdapter(settings(peer)).submit(submission);
      const [stored] = peer.casesFor(submission.id);
      assert.equal(stored?.dto.Description, submission.message);
      assert.doesNotMatch(str(stored?.dto.HtmlDescription) ?? '', /Tidigare ärende/);
      assert.ok(
        !list(stored?.dto.CustomProperties).some(
          (p) => p.CustomPropertyGuid === PROPERTIES.earlierReference,
        ),
      );
    });

    it('a control character XML 1.0 cannot carry is refused with a clear error, and nothing is sent', async () => {
      const sent = peer.requests.length;
      // The sdk's schema refuses this already; the adapter guards what did not pass through it.
      const submission: Submission = { ...sampleSubmission(), message: 'Hej\u0007 där' };
      const error = await adapterFailure(artviseAdapter(settings(peer)).submit(submission));
      assert.equal(error.reason, 'invalid');
      assert.equal(error.retryable, false);
      assert.deepEqual(error.issues, [{ path: ['message'], code: 'invalid_characters' }]);
      assert.match(error.message, /U\+0007 at index 3/);
      assert.equal(peer.requests.length, sent, 'no call reached Artvise');
    });

    it('a lone surrogate in the name is refused with a clear error', async () => {
      const submission: Submission = {
        ...sampleSubmission(),
        reply: { wanted: true, via: 'email', name: 'Anna \uD83D', email: 'a@example.org' },
      };
      const error = await adapterFailure(artviseAdapter(settings(peer)).submit(submission));
      assert.deepEqual(error.issues, [{ path: ['reply', 'name'], code: 'invalid_characters' }]);
    });
  });

  describe('mapping', () => {
    it('routes to the inbox of the area, and to the default inbox for other areas', async () => {
      const adapter = artviseAdapter(settings(peer));
      const park = sampleSubmission({ area: 'gata-park' });
      const school = sampleSubmission({ area: 'skola' });
      await adapter.submit(park);
      await adapter.submit(school);
      assert.equal(peer.casesFor(park.id)[0]?.dto.InboxGuid, INBOX['gata-park']);
      assert.equal(peer.casesFor(school.id)[0]?.dto.InboxGuid, INBOX.default);
      assert.equal(peer.casesFor(park.id)[0]?.dto.Name, 'Klagomål: Gator och parker');
      assert.equal(peer.casesFor(school.id)[0]?.dto.Name, 'Klagomål: skola');
    });

    it('an area named like an Object member (constructor, __proto__, toString) goes to the default inbox', async () => {
      const adapter = artviseAdapter(settings(peer));
      for (const area of ['constructor', '__proto__', 'toString']) {
        const submission = sampleSubmission({ area });
        const receipt = await adapter.submit(submission);
        assert.equal(receipt.id, submission.id);
        const [stored] = peer.casesFor(submission.id);
        assert.equal(stored?.dto.InboxGuid, INBOX.default, area);
        assert.equal(stored?.dto.Name, `Klagomål: ${area}`);
      }
    });

    it('sets the case category configured for each kind', async () => {
      const adapter = artviseAdapter(settings(peer));
      const expected: Record<Submission['kind'], Contract> = {
        praise: { CaseCategoryGuid: guid(21), DiaryPlanItemGuid: guid(11) },
        suggestion: { DiaryPlanItemGuid: guid(12) },
        complaint: {
          CaseCategoryGuid: guid(23),
          DiaryPlanItemGuid: guid(13),
          FullName: 'Synpunkter/Klagomål',
        },
      };
      for (const kind of ['praise', 'suggestion', 'complaint'] as const) {
        const submission = sampleSubmission({ kind });
        await adapter.submit(submission);
        const categories = peer.casesFor(submission.id)[0]?.dto.CaseCategories;
        assert.deepEqual(categories, [expected[kind]], kind);
      }
    });

    it('sends no counterpart and RequiresAnswer=false for an anonymous sender', async () => {
      const submission = sampleAnonymous();
      await artviseAdapter(settings(peer)).submit(submission);
      const dto = peer.casesFor(submission.id)[0]?.dto;
      assert.ok(dto);
      assert.equal(dto.Counterparts, undefined, 'no Counterparts element at all');
      assert.equal(dto.RequiresAnswer, 'false');
      assert.ok(
        !list(dto.CustomProperties).some((p) => p.CustomPropertyGuid === PROPERTIES.replyChannel),
      );
    });

    it('maps the contact details given to a counterpart: e-mail, mobile phone, postal address', async () => {
      const submission = sampleSubmission({
        reply: {
          wanted: true,
          via: 'letter',
          name: 'Karl-Johan von Essen',
          phone: '070-123 45 67',
          address: { street: 'Storgatan 1 c/o Berg', postalCode: '11122', city: 'Kristianstad' },
        },
      });
      await artviseAdapter(settings(peer)).submit(submission);
      const dto = peer.casesFor(submission.id)[0]?.dto;
      assert.deepEqual(list(dto?.Counterparts), [
        {
          Address1: 'Storgatan 1 c/o Berg',
          City: 'Kristianstad',
          FirstName: 'Karl-Johan von',
          LastName: 'Essen',
          MobilePhone: '+46701234567',
          Zip: '111 22',
        },
      ]);
      assert.equal(dto?.RequiresAnswer, 'true');
    });

    it('puts a landline number in HomePhone, not MobilePhone (no text message to a desk phone)', async () => {
      const submission = sampleSubmission({
        reply: { wanted: true, via: 'phone', name: 'Karin Berg', phone: '08-123 456 78' },
      });
      await artviseAdapter(settings(peer)).submit(submission);
      const [person] = list(peer.casesFor(submission.id)[0]?.dto.Counterparts);
      assert.equal(str(person?.HomePhone), '+46812345678');
      assert.equal(person?.MobilePhone, undefined);
    });

    it('puts a 0771 or 075 number in HomePhone too: they start with 7 but are no mobiles', async () => {
      for (const [typed, stored] of [
        ['0771-12 34 56', '+46771123456'],
        ['075-123 45 67', '+46751234567'],
      ] as const) {
        const submission = sampleSubmission({
          reply: { wanted: true, via: 'phone', name: 'Karin Berg', phone: typed },
        });
        await artviseAdapter(settings(peer)).submit(submission);
        const [person] = list(peer.casesFor(submission.id)[0]?.dto.Counterparts);
        assert.equal(str(person?.HomePhone), stored, typed);
        assert.equal(person?.MobilePhone, undefined, typed);
      }
    });

    it('uses the media type of the channel, and the web one for channels without their own', async () => {
      const adapter = artviseAdapter(settings(peer));
      const expected = { web: guid(31), phone: guid(32), letter: guid(31) } as const;
      for (const channel of ['web', 'phone', 'letter'] as const) {
        const submission = sampleSubmission({ channel });
        await adapter.submit(submission);
        assert.equal(peer.casesFor(submission.id)[0]?.dto.IncomingMediaTypeGuid, expected[channel]);
      }
    });

    it('sets EventDate from when it happened, and InOutDate from when it was sent', async () => {
      const submission = sampleSubmission({ occurredAt: '2026-11-19T14:30' });
      await artviseAdapter(settings(peer)).submit(submission);
      const dto = peer.casesFor(submission.id)[0]?.dto;
      assert.equal(dto?.EventDate, '2026-11-19T14:30:00');
      assert.equal(dto?.InOutDate, submission.submittedAt);
    });

    it('from a relay, the case shows what the sender’s receipt says: their reference, the reply-by day, when it was received', async () => {
      // Sent at 00:33 on Tuesday in Sweden, still Monday in UTC: the case must not say Monday.
      const submission = sampleSubmission({ submittedAt: '2026-11-23T23:33:00.000Z' });
      const receipt = {
        reference: 'SYN-2026-000042',
        receivedAt: '2026-11-23T23:33:02.000Z',
        replyBy: '2026-12-08',
      };
      await artviseAdapter(settings(peer)).submit(submission, receipt);
      const dto = peer.casesFor(submission.id)[0]?.dto;
      const html = str(dto?.HtmlDescription) ?? '';
      assert.match(html, /<dt>Avsändarens ärendenummer<\/dt><dd>SYN-2026-000042<\/dd>/);
      assert.match(html, /<dt>Svara senast<\/dt><dd>tisdag 8 december 2026<\/dd>/);
      assert.match(
        html,
        /<dt>Språk<\/dt><dd>svenska \(sv\)<\/dd>/,
        'the language named, as in the mail',
      );
      assert.match(html, /<dt>Skickad<\/dt><dd>24 november 2026 kl\. 00:33 \(svensk tid\)<\/dd>/);
      assert.match(html, /<dt>Mottagen<\/dt><dd>24 november 2026 kl\. 00:33 \(svensk tid\)<\/dd>/);
      assert.equal(dto?.InOutDate, receipt.receivedAt, 'InOutDate is when the relay received it');

      // An anonymous sender was promised no reply: no reply-by day, even if one came along.
      const anonymous = sampleAnonymous();
      await artviseAdapter(settings(peer)).submit(anonymous, receipt);
      const quiet = str(peer.casesFor(anonymous.id)[0]?.dto.HtmlDescription) ?? '';
      assert.doesNotMatch(quiet, /Svara senast/);
      assert.match(quiet, /<dt>Vill ha svar<\/dt><dd>nej \(anonym\)<\/dd>/);
    });

    it('leaves custom properties out when none are configured', async () => {
      const submission = sampleSubmission();
      const { customProperties: _, ...plain } = settings(peer);
      await artviseAdapter(plain).submit(submission);
      assert.equal(peer.casesFor(submission.id)[0]?.dto.CustomProperties, undefined);
    });
  });

  describe('errors', () => {
    const submitWith = (config: Partial<ArtviseConfig> = {}, submission = sampleSubmission()) =>
      adapterFailure(artviseAdapter(settings(peer, config)).submit(submission));

    it('Ok=false from CreateCase becomes a non-retryable rejected error with Artvise’s message', async () => {
      peer.failNext('CreateCase', 'ok-false');
      const error = await submitWith();
      assert.equal(error.reason, 'rejected');
      assert.equal(error.retryable, false);
      assert.match(error.message, /Inkorgen tar inte emot ärenden just nu/);
    });

    it('a client SOAP fault becomes a non-retryable rejected error', async () => {
      peer.failNext('CreateCase', 'client-fault');
      const error = await submitWith();
      assert.equal(error.reason, 'rejected');
      assert.equal(error.retryable, false);
      assert.equal(error.status, 'soap:Client');
      assert.match(error.message, /Ärendet kunde inte tolkas/);
    });

    it('a fault with a whole .NET stack trace is quoted in part: the log line stays readable', async () => {
      // WCF with includeExceptionDetailInFaults puts the exception and its trace in faultstring.
      const trace = `System.Data.SqlClient.SqlException: Timeout expired.\n${'   at Artvise.Mercury.Db.Execute()\n'.repeat(3_000)}`;
      const server = createServer((request, response) => {
        request.resume();
        request.on('end', () => {
          response.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8' });
          response.end(
            `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>` +
              `<faultcode>s:Server</faultcode><faultstring>${trace}</faultstring>` +
              `</s:Fault></s:Body></s:Envelope>`,
          );
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const error = await submitWith({
          endpoint: `http://127.0.0.1:${port}/MercuryAPI/Service.svc`,
        });
        assert.equal(error.reason, 'unavailable');
        assert.match(error.message, /SOAP fault \(Server\): System\.Data\.SqlClient\.SqlException/);
        assert.ok(error.message.length < 1_200, `${error.message.length} characters`);
        assert.ok(error.message.endsWith('…'));
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('an endless answer is not read into memory: the call ends at 20 MiB, judged by its status', async () => {
      const server = createServer((request, response) => {
        request.resume();
        request.on('end', () => {
          const status = request.url?.startsWith('/down/')
            ? 503
            : request.url?.startsWith('/refusing/')
              ? 400
              : 200;
          response.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8' });
          endless(response);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const at = (path: string) => submitWith({ endpoint: `${base}${path}MercuryAPI/Service.svc` });
      try {
        const before = process.memoryUsage().rss;
        const started = performance.now();
        const endless200 = await at('/');
        assert.equal(endless200.reason, 'unavailable');
        assert.equal(endless200.retryable, true);
        assert.equal(endless200.status, 200);
        assert.match(endless200.message, /an answer longer than 20 MiB, not read further/);
        const down = await at('/down/');
        assert.equal(down.reason, 'unavailable');
        assert.equal(down.status, 503);
        const refusing = await at('/refusing/');
        assert.equal(refusing.reason, 'rejected');
        assert.equal(refusing.status, 400);
        assert.ok(performance.now() - started < 5_000, 'not held until the timeout');
        assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, 'no endless buffer');
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('a server SOAP fault (InternalServiceFault) becomes a retryable unavailable error', async () => {
      peer.failNext('GetCaseByIdentifier', 'server-fault');
      const error = await submitWith();
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryable, true);
    });

    it('a server fault sent with 503 and Retry-After is retryable and carries the wait', async () => {
      peer.failNext('GetCaseByIdentifier', 'busy-fault');
      const error = await submitWith();
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryAfterMs, 7000);
    });

    it('503 becomes a retryable error that carries Retry-After', async () => {
      peer.state = 'down';
      try {
        const error = await submitWith();
        assert.equal(error.reason, 'unavailable');
        assert.equal(error.retryable, true);
        assert.equal(error.retryAfterMs, 7000);
      } finally {
        peer.state = 'up';
      }
    });

    it('a 500 without a SOAP fault, and an answer that is not XML, are retryable', async () => {
      peer.failNext('GetCaseByIdentifier', 'http-500-html');
      assert.equal((await submitWith()).retryable, true);
      peer.failNext('GetCaseByIdentifier', 'not-xml');
      assert.equal((await submitWith()).retryable, true);
    });

    it('a 408 (a proxy gave up waiting for the request) is retryable, like a timeout of our own', async () => {
      const submission = withFiles();
      peer.failNext('CreateDeed', 'http-408');
      const error = await submitWith({}, submission);
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryable, true);
      assert.equal(error.status, 408);
      await artviseAdapter(settings(peer)).submit(submission);
      assert.equal(peer.casesFor(submission.id).length, 1);
      assert.equal(peer.casesFor(submission.id)[0]?.deeds.length, submission.attachments.length);
    });

    it('connection refused is retryable, and the submission arrives once the service is back', async () => {
      const submission = sampleSubmission();
      await peer.pause();
      let error: AdapterError;
      try {
        error = await submitWith({}, submission);
      } finally {
        await peer.resume();
      }
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryable, true);
      await artviseAdapter(settings(peer)).submit(submission);
      assert.equal(peer.casesFor(submission.id).length, 1);
    });

    it('a wrong API key is a configuration error, as a fault and as HTTP 401', async () => {
      const fault = await submitWith({ apiKey: 'wrong' });
      assert.equal(fault.reason, 'configuration');
      assert.equal(fault.retryable, false);
      peer.failNext('GetCaseByIdentifier', 'http-401');
      const http = await submitWith();
      assert.equal(http.reason, 'configuration');
      assert.equal(http.status, 401);
    });

    it('an API key without access is a configuration error: HTTP 403, a fault or Ok=false saying so', async () => {
      peer.failNext('GetCaseByIdentifier', 'http-403');
      const http = await submitWith();
      assert.equal(http.reason, 'configuration');
      assert.equal(http.retryable, false);
      assert.equal(http.status, 403);
      peer.failNext('GetCaseByIdentifier', 'access-denied-fault');
      const fault = await submitWith();
      assert.equal(fault.reason, 'configuration');
      assert.match(fault.message, /Access is denied/);
      peer.failNext('CreateCase', 'ok-false-access');
      const refusal = await submitWith();
      assert.equal(refusal.reason, 'configuration');
      assert.equal(refusal.retryable, false);
      assert.match(refusal.message, /Behörighet saknas/);
    });

    it('a SOAP 1.2 Receiver fault is the server failing: retryable', async () => {
      peer.failNext('GetCaseByIdentifier', 'receiver-fault');
      const error = await submitWith();
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryable, true);
      assert.equal(error.status, 'soap:Receiver');
    });

    it('a 429 is retryable and carries its Retry-After, also as an HTTP date', async () => {
      peer.failNext('GetCaseByIdentifier', 'http-429');
      const error = await submitWith();
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryable, true);
      assert.equal(error.status, 429);
      assertWaitsUntilHttpDate(error, THROTTLE_SECONDS);
    });

    it('an answer with a DOCTYPE is refused, not read: no case is made from it', async () => {
      const submission = sampleSubmission();
      peer.failNext('GetCaseByIdentifier', 'doctype');
      const error = await submitWith({}, submission);
      assert.match(error.message, /DOCTYPE/);
      assert.equal(peer.casesFor(submission.id).length, 0);
    });

    it('never follows a redirect: the API key and the case go nowhere else', async () => {
      const redirector = await startRedirector(307);
      try {
        const error = await submitWith({ endpoint: `${redirector.url}/MercuryAPI/Service.svc` });
        assert.equal(error.reason, 'configuration');
        assert.equal(error.retryable, false);
        assert.equal(error.status, 307);
        assert.deepEqual(redirector.caught, [], 'nothing reached the other server');
      } finally {
        await redirector.close();
      }
    });

    it('a request over the service’s size quota (HTTP 413) is rejected with what to raise', async () => {
      const small = await startArtvisePeer({ apiKey: API_KEY, maxRequestBytes: 65_536 });
      try {
        const big = Buffer.alloc(100_000, 1);
        // A PNG header, so the sdk takes it for what it says it is.
        Buffer.from(TINY_PNG_BASE64, 'base64').copy(big);
        const submission = sampleSubmission({
          attachments: [
            { name: 'stor.png', type: 'image/png', size: big.length, data: big.toString('base64') },
          ],
        });
        const error = await adapterFailure(artviseAdapter(settings(small)).submit(submission));
        assert.equal(error.reason, 'rejected');
        assert.equal(error.retryable, false);
        assert.equal(error.status, 413);
        assert.match(error.message, /maxReceivedMessageSize/);
      } finally {
        await small.close();
      }
    });

    it('a wrong endpoint path (404) is a configuration error', async () => {
      const error = await submitWith({
        endpoint: peer.endpoint.replace('Service.svc', 'Nope.svc'),
      });
      assert.equal(error.reason, 'configuration');
      assert.equal(error.status, 404);
      peer.failNext('GetCaseByIdentifier', 'http-405');
      const notAllowed = await submitWith();
      assert.equal(notAllowed.reason, 'configuration');
      assert.equal(notAllowed.status, 405);
      assert.match(notAllowed.message, /check endpoint/);
    });

    it('a failed CreateDeed keeps its own reason: Ok=false is not retryable', async () => {
      peer.failNext('CreateDeed', 'ok-false');
      const error = await submitWith({}, withFiles());
      assert.equal(error.reason, 'rejected');
      assert.equal(error.retryable, false);
      assert.match(error.message, /attachment 1 of 2/);
    });

    it('stops at once when the signal is aborted during a call, and throws its reason', async () => {
      const controller = new AbortController();
      const reason = new Error('the sender left');
      const aborting: typeof fetch = (input, init) => {
        controller.abort(reason);
        return fetch(input, init);
      };
      const submission = sampleSubmission();
      await assert.rejects(
        artviseAdapter(settings(peer, { fetch: aborting })).submit(submission, {
          signal: controller.signal,
        }),
        (error) => error === reason,
      );
      assert.equal(peer.casesFor(submission.id).length, 0);
    });

    it('a service that never answers times out with a retryable error', async () => {
      const silent: Server = createServer(() => {});
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = silent.address() as AddressInfo;
        const error = await submitWith({
          endpoint: `http://127.0.0.1:${port}/MercuryAPI/Service.svc`,
          timeoutMs: 300,
        });
        assert.equal(error.reason, 'unavailable');
        assert.equal(error.retryable, true);
        assert.match(error.message, /within 300 ms/);
      } finally {
        silent.closeAllConnections();
        await new Promise((resolve) => silent.close(resolve));
      }
    });
  });

  describe('when CreateCase answers without the RefID', () => {
    it('the first receipt already has the RefID a retry would get', async () => {
      peer.createAnswersRefId = false;
      try {
        const submission = sampleSubmission();
        const first = await artviseAdapter(settings(peer)).submit(submission);
        const [stored] = peer.casesFor(submission.id);
        assert.ok(stored);
        assert.equal(first.reference, stored.refId, 'the RefID, not the bare ObjectID');
        const retry = await artviseAdapter(settings(peer)).submit(submission);
        assert.equal(retry.reference, first.reference);
        assert.equal(peer.casesFor(submission.id).length, 1);
      } finally {
        peer.createAnswersRefId = true;
      }
    });
  });

  describe('when Artvise does not list a case’s deeds', () => {
    it('a retry sends every attachment again (duplicates rather than losses), still one case', async () => {
      peer.listDeeds = false;
      try {
        const submission = withFiles();
        peer.failNext('CreateDeed', 'server-fault', 1);
        await adapterFailure(artviseAdapter(settings(peer)).submit(submission));
        await artviseAdapter(settings(peer)).submit(submission);
        const cases = peer.casesFor(submission.id);
        assert.equal(cases.length, 1);
        assert.deepEqual(
          cases[0]?.deeds.map((deed) => list(deed.dto.Files)[0]?.FileName),
          ['gungan.png', 'gungan.png', 'brev från kommunen.pdf'],
        );
      } finally {
        peer.listDeeds = true;
      }
    });
  });
});

// ---- the peer is strict: each rule is enforced -----------------------------------------------

describe('the strict peer refuses what MercuryAPI would not accept', () => {
  let peer: ArtvisePeer;
  before(async () => {
    peer = await startArtvisePeer({ apiKey: API_KEY });
  });
  after(() => peer.close());

  const post = async (
    body: string,
    { action = soapAction('CreateCase') as string | null, type = 'text/xml; charset=utf-8' } = {},
  ) => {
    const headers: Record<string, string> = { 'content-type': type };
    if (action !== null) headers.soapaction = `"${action}"`;
    const response = await fetch(peer.endpoint, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text() };
  };

  const config = () => parseArtviseConfig(settings(peer));
  const good = () => createCaseRequest(API_KEY, caseValues(config(), sampleSubmission()));
  const dc = { 'xmlns:a': DATA_NS, 'xmlns:i': XSI_NS };
  const createCase = (members: Xml[], args?: Xml[]) =>
    envelope(
      element('CreateCase', args ?? [element('apiKey', API_KEY), element('caseDto', members, dc)], {
        xmlns: SERVICE_NS,
      }),
    );
  const inbox = element('a:InboxGuid', guid(1));
  const name = element('a:Name', 'Titel');

  it('accepts what the adapter builds (the control case)', async () => {
    const response = await post(envelope(good()));
    assert.equal(response.status, 200, response.text);
  });

  const cases: [string, () => Promise<{ status: number; text: string }>, RegExp][] = [
    [
      'a SOAPAction that does not match the body',
      () => post(envelope(good()), { action: soapAction('GetCaseByIdentifier') }),
      /expected <GetCaseByIdentifier>/,
    ],
    [
      'a missing SOAPAction',
      () => post(envelope(good()), { action: null }),
      /SOAPAction header is missing/,
    ],
    [
      'an unknown SOAPAction',
      () =>
        post(envelope(good()), { action: 'http://www.artvise.se/MercuryAPI/IService/DropCase' }),
      /matches no operation/,
    ],
    [
      'a SOAP 1.2 content type',
      () => post(envelope(good()), { type: 'application/soap+xml; charset=utf-8' }),
      /Content-Type must be text\/xml/,
    ],
    [
      'a SOAP 1.2 envelope namespace',
      () =>
        post(
          envelope(good()).replace(
            'http://schemas.xmlsoap.org/soap/envelope/',
            'http://www.w3.org/2003/05/soap-envelope',
          ),
        ),
      /expected <Envelope> in http:\/\/schemas.xmlsoap.org\/soap\/envelope\//,
    ],
    [
      'the operation outside the service namespace',
      () => post(envelope(element('CreateCase', [element('apiKey', API_KEY)]))),
      /expected <CreateCase> in http:\/\/www.artvise.se\/MercuryAPI\//,
    ],
    [
      'a member in the service namespace instead of the data contract namespace',
      () => post(createCase([element('InboxGuid', guid(1)), name])),
      /InboxGuid is in namespace http:\/\/www.artvise.se\/MercuryAPI\/, not the data contract/,
    ],
    [
      'members out of order (Name before InboxGuid)',
      () => post(createCase([name, inbox])),
      /CaseDto.InboxGuid is out of order/,
    ],
    [
      'a derived member before a base member (RequiresAnswer before Name)',
      () => post(createCase([inbox, element('a:RequiresAnswer', 'true'), name])),
      /CaseDto.Name is out of order/,
    ],
    [
      'a missing required member (Name)',
      () => post(createCase([inbox])),
      /CaseDto.Name is required/,
    ],
    [
      'a missing required member in an array item (DiaryPlanItemGuid)',
      () =>
        post(
          createCase([
            inbox,
            name,
            element('a:CaseCategories', [
              element('a:CaseCategoryItemDto', [element('a:FullName', 'x')]),
            ]),
          ]),
        ),
      /CaseCategoryItemDto.DiaryPlanItemGuid is required/,
    ],
    [
      'an array item with the wrong element name',
      () =>
        post(
          createCase([
            inbox,
            name,
            element('a:Counterparts', [element('a:Counterpart', [element('a:City', 'x')])]),
          ]),
        ),
      /expected <CounterpartDto>/,
    ],
    [
      'an unknown member',
      () => post(createCase([inbox, name, element('a:Title', 'x')])),
      /CaseDto has no member Title/,
    ],
    [
      'a GUID that is not one',
      () => post(createCase([element('a:InboxGuid', 'inkorg-1'), name])),
      /InboxGuid is not a valid guid/,
    ],
    [
      'nil on a value type',
      () =>
        post(
          createCase([inbox, name, element('a:RequiresAnswer', undefined, { 'i:nil': 'true' })]),
        ),
      /RequiresAnswer is a bool and cannot be nil/,
    ],
    [
      'the arguments in the wrong order',
      () =>
        post(createCase([], [element('caseDto', [inbox, name], dc), element('apiKey', API_KEY)])),
      /expected <apiKey>/,
    ],
    [
      'XML that is not well-formed',
      () => post(envelope(good()).replace('</s:Body>', '</s:Bdy>')),
      /not well-formed/,
    ],
    [
      'a missing argument (GetCaseByIdentifier without identifier)',
      () =>
        post(
          envelope(
            element('GetCaseByIdentifier', [element('apiKey', API_KEY)], { xmlns: SERVICE_NS }),
          ),
          {
            action: soapAction('GetCaseByIdentifier'),
          },
        ),
      /the argument identifier is missing/,
    ],
  ];

  for (const [what, send, reason] of cases) {
    it(`refuses ${what} with a SOAP fault (HTTP 500)`, async () => {
      const refused = peer.rejections.length;
      const response = await send();
      assert.equal(response.status, 500);
      assert.match(response.text, /<faultcode>s:Client<\/faultcode>/);
      assert.match(peer.rejections.at(-1) ?? '', reason);
      assert.equal(peer.rejections.length, refused + 1);
    });
  }

  it('answers GetCaseByIdentifier for an unknown identifier with a nil result', async () => {
    const response = await post(envelope(getCaseByIdentifierRequest(API_KEY, 'finns-inte')), {
      action: soapAction('GetCaseByIdentifier'),
    });
    assert.equal(response.status, 200);
    assert.match(response.text, /<GetCaseByIdentifierResult [^>]*i:nil="true"\/>/);
  });
});

// ---- the XML writer and the configuration ---------------------------------------------------------

describe('artvise XML writer', () => {
  it('escapes &, <, >, quotes, CR, U+2028 and U+2029, and keeps tabs, line feeds, åäö and emoji', () => {
    assert.equal(
      escapeText('a&b<c>d"e\'f\r\n\tåäö😀 ]]>\u2028\u2029'),
      'a&amp;b&lt;c&gt;d&quot;e&apos;f&#xD;\n\tåäö😀 ]]&gt;&#x2028;&#x2029;',
    );
  });

  it('refuses control characters XML 1.0 cannot carry, and says which', () => {
    for (const bad of ['\u0000', '\u0008', '\u000B', '\u001F', '\uFFFE', '\uDC00']) {
      assert.throws(() => escapeText(`x${bad}`), XmlCharacterError);
    }
    assert.throws(() => escapeText('ab\u0007'), /U\+0007 \(at index 2\)/);
  });

  it('refuses element names that are not XML names', () => {
    assert.throws(() => element('a b', 'x'), TypeError);
    assert.throws(() => element('x', 'y', { 'on"x': 'z' }), TypeError);
  });
});

describe('artvise configuration', () => {
  const base = (): ArtviseConfig => ({
    endpoint: 'https://artvise.example.se/MercuryAPI/Service.svc',
    apiKey: 'k',
    inboxes: { default: guid(1) },
    caseCategories: CATEGORIES,
    mediaTypes: { web: guid(31) },
  });

  it('accepts a minimal configuration and defaults the timeout', () => {
    assert.equal(parseArtviseConfig(base()).timeoutMs, 30_000);
  });

  const wrong: [string, (c: Record<string, unknown>) => void, RegExp][] = [
    ['a missing apiKey', (c) => delete c.apiKey, /artviseAdapter: apiKey: is required/],
    ['an empty apiKey', (c) => (c.apiKey = '  '), /apiKey: must not be empty/],
    [
      'an endpoint that is not http(s)',
      (c) => (c.endpoint = 'ftp://x'),
      /endpoint: must be an http or https URL/,
    ],
    [
      'an endpoint without Service.svc',
      (c) => (c.endpoint = 'https://artvise.exempelkommun.se/MercuryAPI/'),
      /endpoint: must be the address of MercuryAPI’s Service\.svc/,
    ],
    [
      'an endpoint with a user name and password (fetch refuses it, quoting it whole)',
      (c) => (c.endpoint = 'https://artvise:hemligt-ord@x.example/MercuryAPI/Service.svc'),
      /^artviseAdapter: endpoint: must not hold a user name or password [^@]*apiKey$/,
    ],
    [
      'an inbox that is not a GUID',
      (c) => (c.inboxes = { default: 'inkorg' }),
      /inboxes\.default: must be a GUID/,
    ],
    [
      'an area inbox that is not a GUID',
      (c) => (c.inboxes = { default: guid(1), byArea: { skola: 'x' } }),
      /inboxes\.byArea\.skola: must be a GUID/,
    ],
    [
      'a kind without a case category',
      (c) => (c.caseCategories = { praise: CATEGORIES.praise, complaint: CATEGORIES.complaint }),
      /caseCategories\.suggestion: is required/,
    ],
    ['a missing web media type', (c) => (c.mediaTypes = {}), /mediaTypes\.web: is required/],
    [
      'a serious priority that is not a GUID',
      (c) => (c.priorities = { serious: 'Hög' }),
      /priorities\.serious: must be a GUID/,
    ],
    ['a misspelt setting', (c) => (c.apikey = 'k'), /unknown setting apikey/],
    ['a timeout of 0', (c) => (c.timeoutMs = 0), /timeoutMs: must be more than 0/],
    [
      'a fetch that is not a function',
      (c) => (c.fetch = 'fetch'),
      /fetch: must be a fetch function/,
    ],
  ];
  for (const [what, change, message] of wrong) {
    it(`names the field for ${what}`, () => {
      const config = base() as unknown as Record<string, unknown>;
      change(config);
      assert.throws(
        () => artviseAdapter(config as unknown as ArtviseConfig),
        (error: Error) => {
          assert.ok(error instanceof TypeError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});
