import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Submission } from '@synpunkt/sdk';
import { sampleAnonymous } from '@synpunkt/sdk/testing';
import Database from 'better-sqlite3';
import {
  createRelay,
  figuresOf,
  followUpReport,
  periodOf,
  previousQuarter,
  quarter,
  quarterOf,
  silentLogger,
  Store,
  type FollowUpReport,
} from '../src/index.js';
import { csvField } from '../src/report-format.js';
import { lockStoreNow } from '../src/store-lock.js';
import { STORE_VERSION } from '../src/store.js';
import {
  countingAdapter,
  eventually,
  post,
  runCli,
  sample,
  tempDir,
  testConfig,
} from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;

/** Stores `submission` straight into `store` as the relay would have `at` that moment. */
function storeAt(store: Store, submission: Submission, at: string, quarantined = false): void {
  const result = store.accept({
    id: submission.id,
    hash: submission.id,
    body: JSON.stringify(submission),
    receivedAt: new Date(at),
    targets: ['mem'],
    quarantined,
    figures: figuresOf(submission),
  });
  assert.equal(result.outcome, 'created');
}

/** `--from` and `--to` around today, wide enough for the Swedish date of any test run. */
function around(): string[] {
  const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
  return ['--from', day(-2), '--to', day(2)];
}

/** Makes `store` one that a relay before the serious mark in the figures (schema version 7) left. */
function asVersion7(store: Store): void {
  store.db.exec(
    `ALTER TABLE figures DROP COLUMN serious;
     ALTER TABLE figures_since DROP COLUMN serious_unknown_until;
     PRAGMA user_version = 7;`,
  );
}

/** Makes `store` one that a relay before the figures (schema version 4) left. */
function asVersion4(store: Store): void {
  store.db.exec(
    'DROP TABLE follow_ups; DROP TABLE figures; DROP TABLE figures_since; PRAGMA user_version = 4;',
  );
}

describe('synpunkt-relay report: the follow-up compilation by kind and area', () => {
  const tmp = tempDir();
  const storePath = join(tmp.dir, 'relay.db');
  const configPath = join(tmp.dir, 'relay.config.json');
  let spamReference = '';

  before(async () => {
    const config = testConfig(storePath);
    writeFileSync(configPath, JSON.stringify(config));
    const relay = await createRelay(config, {
      log: silentLogger,
      adapters: { rest: () => countingAdapter() },
    });
    relay.worker.start();
    const sent = [
      sample({ kind: 'complaint', area: 'aldreomsorg' }),
      sample({ kind: 'complaint', area: 'aldreomsorg', mode: 'lattlast' }),
      sample({ kind: 'suggestion', area: 'aldreomsorg' }),
      // Registered by staff from a phone call, and marked serious: it went to the manager at once.
      sample({ kind: 'complaint', area: 'skola', channel: 'phone', serious: true }),
      sampleAnonymous({ kind: 'praise', area: 'skola' }),
      sampleAnonymous({ kind: 'praise', area: 'unknown' }),
    ];
    for (const submission of sent) {
      assert.equal((await relay.app.request('/v1/synpunkter', post(submission))).status, 201);
    }
    // Caught by the honeypot: a bot's, until an operator says otherwise.
    const spam = sample({ kind: 'complaint', area: 'skola' });
    const held = await relay.app.request(
      '/v1/synpunkter',
      post(spam, { 'Synpunkt-Honeypot': 'x' }),
    );
    spamReference = ((await held.json()) as { reference: string }).reference;
    await eventually(() => relay.store.counts().delivered === sent.length);
    await relay.stop();
  });
  after(() => tmp.cleanup());

  const today = () => new Date().toISOString().slice(0, 10);
  const report = async (...args: string[]) => {
    const result = await runCli(['report', ...args, '--config', configPath]);
    assert.equal(result.code, 0, result.stderr);
    return result;
  };

  it('counts by kind and area, and by channel, reply and mode, leaving out the spam, in Swedish', async () => {
    const { stdout, stderr } = await report(...around());
    assert.match(stderr, new RegExp(`^Store: ${storePath}$`, 'm'));
    assert.match(
      stdout,
      /^Synpunkter som kom in från \d{4}-\d\d-\d\d till och med \d{4}-\d\d-\d\d \(svensk tid\): 6$/m,
    );
    assert.match(stdout, /^Verksamhet\s+Beröm\s+Förslag\s+Klagomål\s+Totalt$/m);
    // The area with the most synpunkter first; `unknown` (the sender did not know) by its name.
    assert.match(
      stdout,
      /^aldreomsorg\s+0\s+1\s+2\s+3\nskola\s+1\s+0\s+1\s+2\nOkänd verksamhet \(unknown\)\s+1\s+0\s+0\s+1$/m,
    );
    assert.match(stdout, /^Totalt\s+2\s+1\s+3\s+6$/m);
    // The serious complaint is one of the three complaints, and counted apart under the table.
    assert.match(
      stdout,
      /^Totalt\s+2\s+1\s+3\s+6\n\nAllvarliga klagomål \(markerade av personal\): 1\n\nKanal:/m,
    );
    assert.match(
      stdout,
      /^Kanal:\s+webbformulär 5, telefon 1, besök 0, brev 0, e-post 0\nVill ha svar:\s+e-post 4, telefon 0, brev 0, nej 2\nFormulär:\s+vanligt 5, lättläst 1$/m,
    );
    // Every word translated: none of the English words or ids is left.
    assert.doesNotMatch(
      stdout,
      /received|days in Sweden|\b(area|total|praise|suggestion|complaint|channel|reply|mode|web|phone|visit|letter|email|none|standard|lattlast)\b/,
    );
    assert.doesNotMatch(stdout, /inte kompletta|kan saknas/);
  });

  it('is in English with --lang en, word for word as before but for the serious complaints', async () => {
    const { stdout } = await report(...around(), '--lang', 'en');
    const [from, to] = [around()[1], around()[3]];
    assert.equal(
      stdout,
      [
        `Synpunkter received ${from} to ${to} (days in Sweden): 6`,
        '',
        'area         praise  suggestion  complaint  total',
        'aldreomsorg       0           1          2      3',
        'skola             1           0          1      2',
        'unknown           1           0          0      1',
        'total             2           1          3      6',
        '',
        'Serious complaints (marked by staff): 1',
        '',
        'channel:  web 5, phone 1, visit 0, letter 0, email 0',
        'reply:    email 4, phone 0, letter 0, none 2',
        'mode:     standard 5, lattlast 1',
        '',
      ].join('\n'),
    );
    assert.equal((await report(...around(), '--lang', 'EN')).stdout, stdout, 'in any case');
    assert.equal(
      (await report(...around(), '--lang', 'sv')).stdout,
      (await report(...around())).stdout,
    );
  });

  it('writes CSV for a spreadsheet and JSON for a program, with the same counts', async () => {
    // --csv is for programs: English ids unless --lang sv, as --lang en gives too.
    const csv = (await report(...around(), '--csv')).stdout;
    assert.equal((await report(...around(), '--csv', '--lang', 'en')).stdout, csv);
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'from,to,kind,area,area_name,channel,mode,reply,serious,count');
    assert.equal(lines.at(-1), '', 'every row ends in CRLF');
    const total = lines.slice(1, -1).reduce((sum, line) => sum + Number(line.split(',').at(-1)), 0);
    assert.equal(total, 6);
    assert.ok(lines.some((line) => /,complaint,skola,,phone,standard,email,true,1$/.test(line)));
    assert.ok(lines.some((line) => /,praise,unknown,,web,standard,none,false,1$/.test(line)));
    const serious = lines.filter((line) => line.split(',').at(-2) === 'true');
    assert.equal(serious.length, 1, 'one row of serious complaints');

    const swedish = (await report(...around(), '--csv', '--lang', 'sv')).stdout.split('\r\n');
    assert.equal(
      swedish[0],
      'Från,Till och med,Typ,Verksamhet,Verksamhetens namn,Kanal,Formulär,Vill ha svar,Allvarligt,Antal',
    );
    assert.equal(swedish.length, lines.length, 'the same rows');
    assert.ok(swedish.some((line) => /,Klagomål,skola,,Telefon,Vanligt,E-post,Ja,1$/.test(line)));
    assert.ok(
      swedish.some((line) =>
        /,Beröm,unknown,Okänd verksamhet,Webbformulär,Vanligt,Nej,Nej,1$/.test(line),
      ),
    );

    // JSON is read by programs: the same keys and ids in any language.
    const json = JSON.parse((await report(...around(), '--json')).stdout) as FollowUpReport;
    assert.equal(json.total, 6);
    assert.deepEqual(json.byKind, { praise: 2, suggestion: 1, complaint: 3 });
    assert.equal(json.seriousComplaints, 1);
    assert.equal(json.seriousIncompleteUntil, undefined);
    assert.deepEqual(
      json.rows.filter((row) => row.serious).map((row) => [row.kind, row.area, row.count]),
      [['complaint', 'skola', 1]],
    );
    assert.deepEqual(json.byChannel, { web: 5, phone: 1, visit: 0, letter: 0, email: 0 });
    assert.deepEqual(json.byReply, { email: 4, phone: 0, letter: 0, none: 2 });
    assert.equal(json.areas[0]!.area, 'aldreomsorg');
    assert.equal(json.areas[2]!.name, undefined, 'no name made up for unknown');
    for (const lang of ['sv', 'en']) {
      const other = JSON.parse((await report(...around(), '--json', '--lang', lang)).stdout);
      assert.deepEqual(other, json, `--json --lang ${lang}`);
    }
  });

  it('writes CSV that Excel set to Swedish opens with a double-click: semicolons, a BOM, å ä ö', async () => {
    const named = join(tmp.dir, 'excel.config.json');
    const config = testConfig(storePath, {
      targets: [
        {
          name: 'registrator',
          type: 'email',
          settings: { areaLabels: { aldreomsorg: 'Äldreomsorg; hemtjänst' } },
        },
      ],
    });
    writeFileSync(named, JSON.stringify(config));
    const result = await runCli(['report', ...around(), '--excel', '--config', named]);
    assert.equal(result.code, 0, result.stderr);
    const bytes = Buffer.from(result.stdout, 'utf8');
    // UTF-8's byte order mark: how Excel knows the file is UTF-8 and not Windows-1252.
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = result.stdout.slice(1).split('\r\n');
    // People open it: the header and the values in Swedish.
    assert.equal(
      lines[0],
      'Från;Till och med;Typ;Verksamhet;Verksamhetens namn;Kanal;Formulär;Vill ha svar;Allvarligt;Antal',
    );
    // The separator inside a name is quoted; a comma is not (it is no separator here).
    assert.ok(
      lines.some((line) =>
        /;Klagomål;aldreomsorg;"Äldreomsorg; hemtjänst";Webbformulär;Vanligt;E-post;Nej;\d+$/.test(
          line,
        ),
      ),
      lines.join('\n'),
    );
    const total = lines.slice(1, -1).reduce((sum, line) => sum + Number(line.split(';').at(-1)), 0);
    assert.equal(total, 6, 'the same counts as --csv');
    assert.ok(lines.some((line) => /;Klagomål;skola;;Telefon;Vanligt;E-post;Ja;1$/.test(line)));
    assert.ok(!result.stdout.startsWith('\uFEFF\uFEFF'));
    const english = await runCli([
      'report',
      ...around(),
      '--excel',
      '--lang',
      'en',
      '--config',
      named,
    ]);
    assert.equal(english.code, 0, english.stderr);
    const englishLines = english.stdout.slice(1).split('\r\n');
    assert.ok(english.stdout.startsWith('\uFEFF'), 'still for Excel');
    assert.equal(englishLines[0], 'from;to;kind;area;area_name;channel;mode;reply;serious;count');
    assert.ok(
      englishLines.some((line) =>
        /;complaint;aldreomsorg;"Äldreomsorg; hemtjänst";web;standard;email;false;\d+$/.test(line),
      ),
    );
    const csv = await runCli(['report', ...around(), '--csv', '--config', named]);
    assert.ok(!csv.stdout.startsWith('\uFEFF'), 'plain --csv stays without a BOM, for programs');
  });

  it('names the areas as the configuration already names them for the clerk', async () => {
    // The names an operator wrote for the clerk's mail (e-mail `areaLabels`) and the case
    // titles (Artvise `areaNames`); the first target that names an area wins.
    const named = join(tmp.dir, 'named.config.json');
    const config = testConfig(storePath, {
      targets: [
        {
          name: 'registrator',
          type: 'email',
          settings: { areaLabels: { aldreomsorg: 'Äldreomsorg' } },
        },
        {
          name: 'artvise',
          type: 'artvise',
          settings: { areaNames: { aldreomsorg: 'Vård', skola: 'Förskola och skola' } },
        },
      ],
    });
    writeFileSync(named, JSON.stringify(config));
    const run = async (...args: string[]) => {
      const result = await runCli(['report', ...around(), ...args, '--config', named]);
      assert.equal(result.code, 0, result.stderr);
      return result.stdout;
    };
    assert.match(
      await run(),
      /^Äldreomsorg \(aldreomsorg\)\s+0\s+1\s+2\s+3\nFörskola och skola \(skola\)\s+1\s+0\s+1\s+2\nOkänd verksamhet \(unknown\)\s+1\s+0\s+0\s+1$/m,
    );
    assert.match(
      await run('--lang', 'en'),
      /^Äldreomsorg \(aldreomsorg\)\s+0\s+1\s+2\s+3\nFörskola och skola \(skola\)\s+1\s+0\s+1\s+2\nunknown\s+1\s+0\s+0\s+1$/m,
    );
    const csv = (await run('--csv')).split('\r\n');
    assert.ok(
      csv.some((line) =>
        /,complaint,skola,Förskola och skola,phone,standard,email,true,1$/.test(line),
      ),
    );
    assert.ok(csv.some((line) => /,praise,unknown,,web,standard,none,false,1$/.test(line)));
    const json = JSON.parse(await run('--json')) as FollowUpReport;
    assert.deepEqual(
      json.areas.map((line) => [line.area, line.name]),
      [
        ['aldreomsorg', 'Äldreomsorg'],
        ['skola', 'Förskola och skola'],
        ['unknown', undefined],
      ],
    );
  });

  it('counts a released quarantine, and keeps every count after the content is purged', async () => {
    const released = await runCli(['outbox', 'retry', spamReference, '--config', configPath]);
    assert.equal(released.code, 0, released.stderr);
    const counted = (await report(...around())).stdout;
    assert.match(counted, /\(svensk tid\): 7$/m);
    assert.match(counted, /^skola\s+1\s+0\s+2\s+3$/m);
    assert.match(counted, /^Allvarliga klagomål \(markerade av personal\): 1$/m);

    const relay = await createRelay(testConfig(storePath), {
      log: silentLogger,
      adapters: { rest: () => countingAdapter() },
    });
    relay.worker.start();
    await eventually(() => relay.store.counts().delivered === 7);
    assert.equal(relay.worker.runRetention(Date.now() + 31 * DAY), 7);
    await relay.stop();
    const db = new Database(storePath, { readonly: true });
    const withText = db.prepare('SELECT count(*) AS n FROM submissions WHERE body IS NOT NULL');
    assert.equal((withText.get() as { n: number }).n, 0, 'every text is purged');
    db.close();
    // The serious mark too: it is kept with the figures, not read from the purged text.
    assert.equal((await report(...around())).stdout, counted);
  });

  it('counts nothing outside the period, and says so', async () => {
    const { stdout } = await report('--quarter', '2025-Q1');
    assert.equal(
      stdout,
      'Synpunkter som kom in från 2025-01-01 till och med 2025-03-31 (svensk tid): 0\n',
    );
    const english = await report('--quarter', '2025-Q1', '--lang', 'en');
    assert.equal(
      english.stdout,
      'Synpunkter received 2025-01-01 to 2025-03-31 (days in Sweden): 0\n',
    );
    assert.ok(today() > '2025-03-31');
  });

  it('refuses a period it cannot read, with exit 64 and what to write', async () => {
    const cases: [string[], RegExp][] = [
      [['--quarter', '2026-Q5'], /--quarter: "2026-Q5" is not a quarter; write it like 2026-Q3/],
      [['--from', '2026-07-01'], /Give both --from and --to/],
      [['--from', '2026-02-30', '--to', '2026-03-01'], /--from: "2026-02-30" is not a date/],
      [
        ['--from', '2026-09-30', '--to', '2026-07-01'],
        /--from 2026-09-30 is after --to 2026-07-01/,
      ],
      [['--quarter', '2026-Q3', '--from', '2026-07-01'], /either --quarter or --from and --to/],
      [['--csv', '--json'], /Give one of --csv, --excel and --json, not --json and --csv/],
      [['--csv', '--excel'], /not --csv and --excel/],
      [
        ['--lang', 'de'],
        /^--lang: "de" is not a language of the report; write sv \(Swedish\) or en \(English\)\.$/m,
      ],
      [['--lang', 'sv-SE', '--excel'], /--lang: "sv-SE" is not a language of the report/],
      [['--lang', ''], /--lang: "" is not a language of the report/],
      // Followed by --config here: parseArgs calls that "ambiguous", as for any option's value.
      [['--lang'], /^synpunkt-relay: Option '--lang' argument/m],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['report', ...args, '--config', configPath]);
      assert.equal(result.code, 64, args.join(' '));
      assert.match(result.stderr, message);
      assert.match(result.stderr, /Usage:/, args.join(' '));
      assert.doesNotMatch(result.stderr, /^Store: /m, 'told before the store is opened');
      assert.equal(result.stdout, '');
    }
  });
});

describe('synpunkt-relay report: an area a sender typed', () => {
  const tmp = tempDir();
  const storePath = join(tmp.dir, 'relay.db');
  const configPath = join(tmp.dir, 'relay.config.json');
  // U+202E reverses the rest of its line in a terminal: the counts would read backwards.
  const reversing = 'skola\u202e\u200b';

  before(async () => {
    const config = testConfig(storePath);
    writeFileSync(configPath, JSON.stringify(config));
    const relay = await createRelay(config, {
      log: silentLogger,
      adapters: { rest: () => countingAdapter() },
    });
    for (const submission of [sample({ area: reversing }), sample({ area: 'bibliotek' })]) {
      assert.equal((await relay.app.request('/v1/synpunkter', post(submission))).status, 201);
    }
    await relay.stop();
  });
  after(() => tmp.cleanup());

  it('is printed with its bidirectional overrides and invisible characters written out', async () => {
    const result = await runCli(['report', ...around(), '--config', configPath]);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /[\u202a-\u202e\u2066-\u2069\u200b]/);
    assert.match(result.stdout, /^skola<U\+202E><U\+200B>\s+0\s+0\s+1\s+1$/m);
    assert.match(result.stdout, /^bibliotek\s+0\s+0\s+1\s+1$/m);
    // The figures keep what was sent: JSON for programs has it as it is.
    const json = await runCli(['report', ...around(), '--json', '--config', configPath]);
    const areas = (JSON.parse(json.stdout) as FollowUpReport).areas.map((line) => line.area);
    assert.ok(areas.includes(reversing));
  });
});

describe('the report period', () => {
  it('knows the days of each quarter', () => {
    assert.deepEqual(quarter('2026-Q1'), { from: '2026-01-01', to: '2026-03-31' });
    assert.deepEqual(quarter('2026Q2'), { from: '2026-04-01', to: '2026-06-30' });
    assert.deepEqual(quarter('2026-q3'), { from: '2026-07-01', to: '2026-09-30' });
    assert.deepEqual(quarter('2026-Q4'), { from: '2026-10-01', to: '2026-12-31' });
  });

  it('defaults to the last whole quarter, by the date in Sweden', () => {
    assert.deepEqual(previousQuarter(new Date('2026-01-15T12:00:00Z')), quarter('2025-Q4'));
    assert.deepEqual(previousQuarter(new Date('2026-11-23T12:00:00Z')), quarter('2026-Q3'));
    // 22:30 UTC on 31 March is already 1 April in Sweden: the first quarter is over.
    assert.deepEqual(previousQuarter(new Date('2026-03-31T22:30:00Z')), quarter('2026-Q1'));
    assert.deepEqual(periodOf({}, new Date('2026-03-31T21:30:00Z')), quarter('2025-Q4'));
    assert.deepEqual(quarterOf(new Date('2026-12-31T23:30:00Z')), quarter('2027-Q1'));
  });

  it('takes any days with --from and --to, such as a tertial', () => {
    assert.deepEqual(periodOf({ from: '2026-01-01', to: '2026-04-30' }), {
      from: '2026-01-01',
      to: '2026-04-30',
    });
  });
});

describe('the figures in the store', () => {
  it('count a synpunkt on the day it arrived in Sweden, not in UTC', () => {
    const tmp = tempDir();
    const store = new Store(join(tmp.dir, 'd.db'));
    try {
      // 23:30 UTC on 30 June is 01:30 on 1 July in Sweden: the third quarter.
      const submission = sample();
      storeAt(store, submission, '2026-06-30T23:30:00Z');
      assert.equal(followUpReport(store.db, quarter('2026-Q2')).total, 0);
      assert.equal(followUpReport(store.db, quarter('2026-Q3')).total, 1);
    } finally {
      store.close();
      tmp.cleanup();
    }
  });

  it('count a quarantined synpunkt once it is closed by hand, as the upgrade of an older store does', () => {
    const tmp = tempDir();
    const path = join(tmp.dir, 'q.db');
    const store = new Store(path);
    const [closed, spam] = [sample({ area: 'skola' }), sample({ area: 'skola' })];
    for (const submission of [closed, spam]) {
      storeAt(store, submission, '2026-08-03T10:00:00Z', true);
    }
    assert.equal(followUpReport(store.db, quarter('2026-Q3')).total, 0, 'spam until looked at');
    // The operator looked, and the clerk registered it by hand: a synpunkt dealt with.
    assert.equal(store.closeDeliveries(closed.id).outcome, 'closed');
    assert.equal(followUpReport(store.db, quarter('2026-Q3')).total, 1, 'closed by hand');
    assert.equal(store.purgeDelivered(Date.parse('2027-01-01')), 1);
    assert.equal(store.purgeQuarantined(Date.parse('2027-01-01')), 1);
    assert.equal(followUpReport(store.db, quarter('2026-Q3')).total, 1, 'after the purge too');
    store.close();

    // The same history in a store from before the figures: the upgrade counts it the same.
    const old = new Store(join(tmp.dir, 'old.db'));
    for (const submission of [closed, spam]) {
      storeAt(old, submission, '2026-08-03T10:00:00Z', true);
    }
    old.closeDeliveries(closed.id);
    asVersion4(old);
    old.close();
    const upgraded = new Store(join(tmp.dir, 'old.db'));
    try {
      assert.equal(followUpReport(upgraded.db, quarter('2026-Q3')).total, 1);
    } finally {
      upgraded.close();
      tmp.cleanup();
    }
  });

  it('are filled from an older store, which says up to when it is not complete', async () => {
    const tmp = tempDir();
    const path = join(tmp.dir, 'old.db');
    const kept = sample({ kind: 'suggestion', area: 'bibliotek' });
    const gone = sample({ kind: 'complaint', area: 'bibliotek' });
    const spam = sample({ kind: 'complaint', area: 'bibliotek' });
    const store = new Store(path);
    for (const [submission, day] of [
      [kept, '2026-08-20T10:00:00Z'],
      [gone, '2026-07-02T10:00:00Z'],
      [spam, '2026-09-10T10:00:00Z'],
    ] as const) {
      storeAt(store, submission, day, submission === spam);
    }
    // Make it the store an older relay left: no figures, one synpunkt delivered and purged
    // already, and the honeypot's catch purged too (never delivered).
    asVersion4(store);
    const purge = store.db.prepare(
      `UPDATE submissions SET body = NULL, status = 'purged', delivered_at = ? WHERE id = ?`,
    );
    purge.run(Date.parse('2026-07-03T10:00:00Z'), gone.id);
    purge.run(null, spam.id);
    store.close();

    const reopened = new Store(path);
    try {
      const report = followUpReport(reopened.db, quarter('2026-Q3'));
      assert.equal(report.total, 1, 'the one with its content is counted');
      assert.deepEqual(report.byKind, { praise: 0, suggestion: 1, complaint: 0 });
      assert.equal(report.incompleteUntil, '2026-07-02', 'up to the purged synpunkt, not the spam');
      assert.equal(followUpReport(reopened.db, quarter('2026-Q4')).incompleteUntil, undefined);
      // The purged complaint came by the web form, which cannot mark one serious: nothing to say.
      assert.equal(report.seriousIncompleteUntil, undefined);
    } finally {
      reopened.close();
    }

    // The report says so in its own language: in the text, or beside a file on stderr.
    const configPath = join(tmp.dir, 'relay.config.json');
    writeFileSync(configPath, JSON.stringify(testConfig(path)));
    const run = async (...args: string[]) => {
      const result = await runCli([
        'report',
        '--quarter',
        '2026-Q3',
        ...args,
        '--config',
        configPath,
      ]);
      assert.equal(result.code, 0, result.stderr);
      return result;
    };
    try {
      const swedish =
        'Siffrorna är inte kompletta till och med 2026-07-02: synpunkter som raderades innan reläet började spara siffror saknas.';
      const english =
        'Not complete up to 2026-07-02: synpunkter purged before this relay kept figures are missing.';
      const text = await run();
      assert.equal(text.stdout.split('\n')[1], swedish);
      assert.equal((await run('--lang', 'en')).stdout.split('\n')[1], english);
      const excel = await run('--excel');
      assert.ok(excel.stderr.includes(`${swedish}\n`), excel.stderr);
      assert.ok(!excel.stdout.includes('kompletta'), 'not in the file');
      for (const args of [['--csv'], ['--json'], ['--excel', '--lang', 'en']]) {
        const beside = await run(...args);
        assert.ok(beside.stderr.includes(`${english}\n`), `${args.join(' ')}: ${beside.stderr}`);
      }
      assert.ok((await run('--csv', '--lang', 'sv')).stderr.includes(`${swedish}\n`));
    } finally {
      tmp.cleanup();
    }
  });
});

describe('the serious mark in the figures', () => {
  it('is filled from an older store where the text is still there, which says up to when it may be missing', async () => {
    const tmp = tempDir();
    const path = join(tmp.dir, 'v7.db');
    // Complaints staff registered: two marked serious, one not; and one by the web form.
    const kept = sample({ area: 'skola', channel: 'visit', serious: true });
    const gone = sample({ area: 'skola', channel: 'phone', serious: true });
    const plain = sample({ area: 'skola', channel: 'letter' });
    const byWeb = sample({ area: 'skola' });
    const store = new Store(path);
    for (const [submission, day] of [
      [kept, '2026-08-20T10:00:00Z'],
      [gone, '2026-08-05T10:00:00Z'],
      [plain, '2026-08-10T10:00:00Z'],
      [byWeb, '2026-09-02T10:00:00Z'],
    ] as const) {
      storeAt(store, submission, day);
    }
    // The store a relay before this version left: figures without the mark, and two of the
    // complaints delivered and purged already (their text, with the mark, is gone).
    asVersion7(store);
    const purge = store.db.prepare(
      `UPDATE submissions SET body = NULL, status = 'purged', delivered_at = ? WHERE id = ?`,
    );
    purge.run(Date.parse('2026-08-06T10:00:00Z'), gone.id);
    purge.run(Date.parse('2026-09-03T10:00:00Z'), byWeb.id);
    store.close();

    const reopened = new Store(path);
    try {
      const report = followUpReport(reopened.db, quarter('2026-Q3'));
      assert.equal(report.byKind.complaint, 4, 'every complaint is still counted');
      assert.equal(report.seriousComplaints, 1, 'the one with its text; the purged one is not');
      assert.equal(report.seriousIncompleteUntil, '2026-08-05', 'the purged one staff registered');
      assert.equal(report.incompleteUntil, undefined);
      // Periods without a complaint whose mark is lost say nothing.
      const after = { from: '2026-08-06', to: '2026-09-30' } as const;
      assert.equal(followUpReport(reopened.db, after).seriousIncompleteUntil, undefined);
      const before = { from: '2026-08-01', to: '2026-08-04' } as const;
      assert.equal(followUpReport(reopened.db, before).seriousIncompleteUntil, undefined);

      // After the upgrade the mark is kept for every new one: stored, or released by hand.
      const fresh = sample({ area: 'bibliotek', channel: 'phone', serious: true });
      const held = sample({ area: 'bibliotek', channel: 'letter', serious: true });
      storeAt(reopened, fresh, '2026-10-05T10:00:00Z');
      storeAt(reopened, held, '2026-10-06T10:00:00Z', true);
      assert.equal(followUpReport(reopened.db, quarter('2026-Q4')).seriousComplaints, 1);
      assert.equal(reopened.closeDeliveries(held.id).outcome, 'closed');
      const q4 = followUpReport(reopened.db, quarter('2026-Q4'));
      assert.equal(q4.seriousComplaints, 2);
      assert.equal(q4.seriousIncompleteUntil, undefined);
      assert.equal(reopened.purgeDelivered(Date.parse('2027-06-01')), 1, 'its text purged');
      assert.equal(followUpReport(reopened.db, quarter('2026-Q4')).seriousComplaints, 2);
    } finally {
      reopened.close();
    }

    // The report says so in its own language, under the count or beside a file on stderr.
    const configPath = join(tmp.dir, 'relay.config.json');
    writeFileSync(configPath, JSON.stringify(testConfig(path)));
    const run = async (...args: string[]) => {
      const result = await runCli(['report', ...args, '--config', configPath]);
      assert.equal(result.code, 0, result.stderr);
      return result;
    };
    try {
      const swedish =
        'Allvarliga klagomål kan saknas till och med 2026-08-05: klagomål som raderades innan reläet började spara om de var allvarliga räknas inte som allvarliga.';
      const english =
        'Serious complaints may be missing up to 2026-08-05: complaints purged before this relay kept whether they were serious are not counted as serious.';
      const text = await run('--quarter', '2026-Q3');
      assert.ok(
        text.stdout.includes(`\nAllvarliga klagomål (markerade av personal): 1\n${swedish}\n\n`),
        text.stdout,
      );
      const en = await run('--quarter', '2026-Q3', '--lang', 'en');
      assert.ok(
        en.stdout.includes(`\nSerious complaints (marked by staff): 1\n${english}\n\n`),
        en.stdout,
      );
      const excel = await run('--quarter', '2026-Q3', '--excel');
      assert.ok(excel.stderr.includes(`${swedish}\n`), excel.stderr);
      assert.ok(!excel.stdout.includes('kan saknas'), 'not in the file');
      for (const format of ['--csv', '--json']) {
        const beside = await run('--quarter', '2026-Q3', format);
        assert.ok(beside.stderr.includes(`${english}\n`), `${format}: ${beside.stderr}`);
      }
      const json = JSON.parse((await run('--quarter', '2026-Q3', '--json')).stdout);
      assert.equal((json as FollowUpReport).seriousIncompleteUntil, '2026-08-05');
      const q4 = await run('--quarter', '2026-Q4');
      assert.match(q4.stdout, /^Allvarliga klagomål \(markerade av personal\): 2$/m);
      assert.doesNotMatch(q4.stdout, /kan saknas/);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('an upgrade', () => {
  it('is not done by a command under an older relay still serving the store (exit 75), but after its restart', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 'relay.db');
    const configPath = join(tmp.dir, 'relay.config.json');
    writeFileSync(configPath, JSON.stringify(testConfig(storePath)));
    const store = new Store(storePath);
    asVersion4(store);
    store.close();
    const version = () => {
      const db = new Database(storePath, { readonly: true });
      const n = db.pragma('user_version', { simple: true }) as number;
      db.close();
      return n;
    };
    // The old relay, still running: it holds the lock.
    const old = lockStoreNow(storePath)!;
    try {
      for (const args of [['report'], ['outbox', 'list']]) {
        const refused = await runCli([...args, '--config', configPath]);
        assert.equal(refused.code, 75, args.join(' '));
        assert.match(
          refused.stderr,
          /is schema version 4, and the relay serving it is older than this synpunkt-relay .*Restart the relay with the new version first/,
        );
        assert.equal(version(), 4, 'the store is left as it was');
      }
    } finally {
      old.release();
    }
    const after = await runCli(['report', '--config', configPath]);
    assert.equal(after.code, 0, after.stderr);
    assert.equal(version(), STORE_VERSION);
    tmp.cleanup();
  });
});

describe('CSV fields', () => {
  it('quote separators and keep a spreadsheet from running a formula', () => {
    assert.equal(csvField('skola'), 'skola');
    assert.equal(csvField('gata, park'), '"gata, park"');
    assert.equal(csvField('"citat"'), '"""citat"""');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('+46'), "'+46");
    assert.equal(csvField('-1'), "'-1");
    assert.equal(csvField(12), '12');
    assert.equal(csvField('gata; park'), '"gata; park"');
    // Opened with the other separator, the part after it must not become a formula cell.
    assert.equal(csvField('x;=1+1'), '"x;=1+1"');
    assert.equal(csvField('x,=1+1'), '"x,=1+1"');
  });
});
