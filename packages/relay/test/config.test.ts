import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, createRelay, loadConfig, parseConfig, silentLogger } from '../src/index.js';
import { captureLogger, countingAdapter, PACKAGE_DIR, tempDir, testConfig } from './helpers.js';

const base = () => testConfig('/tmp/never-opened.db');

function configError(input: unknown): string {
  try {
    parseConfig(input);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail('expected a ConfigError');
}

describe('configuration', () => {
  it('fills in defaults for a minimal configuration', () => {
    const config = parseConfig({
      storePath: 'x.db',
      targets: [{ name: 'a', type: 'rest', settings: {} }],
    });
    assert.equal(config.listen.port, 8787);
    assert.equal(config.referencePrefix, 'SYN');
    assert.equal(config.replyDays, 10);
    assert.equal(config.outbox.maxAttempts, 57);
    assert.equal(config.challenge.enabled, false);
  });

  it('names the field that is wrong', () => {
    assert.match(
      configError({ ...base(), outbox: { ...base().outbox, maxAttempts: 1.5 } }),
      /outbox\.maxAttempts: must be a whole number/,
    );
    assert.match(
      configError({ ...base(), listen: { host: '127.0.0.1', port: 70_000 } }),
      /listen\.port/,
    );
    for (const notAnOrigin of ['https://kommun.se/page', 'kommun.se', 'https://a@kommun.se']) {
      assert.match(
        configError({ ...base(), allowedOrigins: [notAnOrigin] }),
        /allowedOrigins\[0\]: must be an origin/,
        notAnOrigin,
      );
    }
    assert.match(configError({ ...base(), referencePrefix: 'syn-' }), /referencePrefix/);
    // A prefix that starts with a digit is refused, and the message says why.
    assert.match(
      configError({ ...base(), referencePrefix: '1AB' }),
      /referencePrefix.*the first a letter/,
    );
    assert.match(
      configError({ ...base(), targets: [{ name: 'a', type: 'fax', settings: {} }] }),
      /targets\[0\]\.type: must be one of/,
    );
    assert.match(configError({ ...base(), storePath: undefined }), /storePath/);
    assert.match(configError({ ...base(), colour: 'blue' }), /unknown field\(s\) colour/);
    assert.match(
      configError({ ...base(), challenge: { enabled: true } }),
      /challenge\.hmacKey: is required/,
    );
    assert.match(
      configError({
        ...base(),
        targets: [{ name: 'a', type: 'rest', settings: {}, areas: ['skola'] }],
      }),
      /targets: at least one target must take every area and kind/,
    );
    assert.match(
      configError({
        ...base(),
        targets: [{ name: 'chef', type: 'rest', settings: {}, kinds: ['complaint'] }],
      }),
      /targets: at least one target must take every area and kind \(leave out `areas`, `kinds` and `serious`\)/,
    );
    // A target for serious complaints only does not take every synpunkt, whatever else it lacks.
    assert.match(
      configError({
        ...base(),
        targets: [{ name: 'chefer', type: 'rest', settings: {}, serious: true }],
      }),
      /targets: at least one target must take every area and kind \(leave out `areas`, `kinds` and `serious`\)/,
    );
    assert.match(
      configError({
        ...base(),
        targets: [
          { name: 'registrator', type: 'rest', settings: {} },
          { name: 'chefer', type: 'rest', settings: {}, serious: false },
        ],
      }),
      /targets\[1\]\.serious: must be true \(only complaints marked serious\), or be left out/,
    );
    assert.match(
      configError({
        ...base(),
        targets: [
          { name: 'registrator', type: 'rest', settings: {} },
          { name: 'chefer', type: 'rest', settings: {}, kinds: ['praise'], serious: true },
        ],
      }),
      /targets\[1\]\.kinds: must include complaint for a target with `serious`/,
    );
    assert.match(
      configError({
        ...base(),
        targets: [
          { name: 'registrator', type: 'rest', settings: {} },
          { name: 'chef', type: 'rest', settings: {}, kinds: ['klagomål'] },
        ],
      }),
      /targets\[1\]\.kinds\[0\]: must list kinds: praise, suggestion, complaint/,
    );
    assert.match(
      configError({
        ...base(),
        targets: [
          { name: 'registrator', type: 'rest', settings: {} },
          { name: 'chef', type: 'rest', settings: {}, kinds: [] },
        ],
      }),
      /targets\[1\]\.kinds: must list at least one kind/,
    );
    assert.match(
      configError({
        ...base(),
        targets: [
          { name: 'a', type: 'rest', settings: {} },
          { name: 'a', type: 'rest', settings: {} },
        ],
      }),
      /targets\[1\]\.name: "a" is used twice/,
    );
  });

  it('says what is wrong with a number that is out of range or not whole', () => {
    assert.match(
      configError({ ...base(), replyDays: -1 }),
      /replyDays: must be a whole number from 0 to 365$/m,
    );
    assert.match(
      configError({ ...base(), retentionDays: 5000 }),
      /retentionDays: must be a whole number from 0 to 3650$/m,
    );
    assert.match(
      configError({ ...base(), listen: { host: '127.0.0.1', port: 87.5 } }),
      /listen\.port: must be a whole number from 0 to 65535$/m,
    );
    assert.match(configError({ ...base(), replyDays: '10' }), /replyDays: must be a number$/m);
  });

  it('caps the bytes of bodies in flight at 32 MiB by default, never below bodyLimitBytes', () => {
    const input = { storePath: 'x.db', targets: [{ name: 'a', type: 'rest', settings: {} }] };
    assert.equal(parseConfig(input).bodyBytesInFlight, 32 * 1024 * 1024);
    const large = parseConfig({ ...input, bodyLimitBytes: 40 * 1024 * 1024 });
    assert.equal(large.bodyBytesInFlight, 40 * 1024 * 1024, 'one body of the largest size fits');
    assert.equal(parseConfig({ ...input, bodyBytesInFlight: 20_000_000 }).bodyBytesInFlight, 20e6);
    // A parsed configuration parses again to the same (createRelay parses what it is given).
    assert.equal(parseConfig(parseConfig(input)).bodyBytesInFlight, 32 * 1024 * 1024);
  });

  it('refuses a bodyBytesInFlight that a single body of the largest size would not fit', () => {
    assert.match(
      configError({ ...base(), bodyLimitBytes: 16_777_216, bodyBytesInFlight: 16_777_215 }),
      /^ {2}bodyBytesInFlight: must be at least bodyLimitBytes \(16777216\): otherwise a submission of the largest size is refused even when it is the only one$/m,
    );
    assert.match(
      configError({ ...base(), bodyBytesInFlight: 1.5e7 + 0.5 }),
      /^ {2}bodyBytesInFlight: must be a whole number$/m,
    );
    assert.match(
      configError({ ...base(), bodyBytesInFlight: '32m' }),
      /^ {2}bodyBytesInFlight: must be a number \(bytes\)$/m,
    );
  });

  it('refuses an outbox time too long for a timer, which would make it fire at once', () => {
    // Node fires a timer longer than 2^31 - 1 ms (24.8 days) after 1 ms: an attempt's timeout
    // would cut every delivery at once, a poll interval would poll every millisecond.
    const outbox = { ...base().outbox, timeoutMs: 3_000_000_000, pollIntervalMs: 2_147_483_648 };
    const message = configError({ ...base(), outbox });
    assert.match(message, /outbox\.timeoutMs: must be at most 86400000 \(a day\)$/m);
    assert.match(message, /outbox\.pollIntervalMs: must be at most 86400000 \(a day\)$/m);
    const day = { ...base().outbox, timeoutMs: 86_400_000, pollIntervalMs: 86_400_000 };
    assert.equal(parseConfig({ ...base(), outbox: day }).outbox.timeoutMs, 86_400_000);
  });

  it('defaults the port when listen gives only the host', () => {
    const config = parseConfig({ ...base(), listen: { host: '127.0.0.1' } });
    assert.deepEqual(config.listen, { host: '127.0.0.1', port: 8787 });
  });

  it('tells a secret written into the file to come from the environment', () => {
    const secretInFile = /must be \{ "env": "NAME" \}: secrets come from the environment/;
    const hmac = configError({
      ...base(),
      challenge: { enabled: true, hmacKey: 'a-long-enough-hmac-key-in-the-file' },
    });
    assert.match(hmac, /challenge\.hmacKey: must be \{ "env": "NAME" \}/);
    assert.match(hmac, secretInFile);
    const pass = configError({
      ...base(),
      targets: [
        {
          name: 'mail',
          type: 'email',
          settings: { smtp: { host: 'smtp.kommun.se', auth: { user: 'u', pass: 'hunter2' } } },
        },
      ],
    });
    assert.match(pass, /targets\[0\]\.settings\.smtp\.auth\.pass: must be \{ "env": "NAME" \}/);
    assert.doesNotMatch(pass, /hunter2/, 'the secret itself is not repeated');
    assert.doesNotMatch(pass, /auth\.user/, 'a user name is not a secret');
  });

  it('takes an API key in a header as a secret too', () => {
    const tmp = tempDir();
    try {
      // The usual name of an API key header: a rest target's key must come from the environment.
      const keyed = (name: string) => ({
        ...base(),
        targets: [
          {
            name: 'webhook',
            type: 'rest' as const,
            settings: { endpoint: 'https://case.kommun.se/in', headers: { [name]: 'hunter2' } },
          },
        ],
      });
      for (const name of ['X-Api-Key', 'api-key', 'x-api-key']) {
        const message = configError(keyed(name));
        assert.match(
          message,
          new RegExp(`settings\\.headers\\.${name}: must be \\{ "env": "NAME" \\}`),
        );
        assert.doesNotMatch(message, /hunter2/);
      }
      // Nor does a JSON error show it, on the line it quotes.
      const path = join(tmp.dir, 'relay.json');
      const line = `    "settings": { "headers": { "X-Api-Key": "Hemligt-lösen-42" "Accept": "x" } }`;
      writeFileSync(path, `{\n  "targets": [{\n${line}\n  }]\n}\n`);
      assert.throws(
        () => loadConfig(path),
        (error: Error) => !error.message.includes('Hemligt'),
      );
    } finally {
      tmp.cleanup();
    }
  });

  it('names the field of a secret whose environment variable is missing', async () => {
    const config = {
      ...base(),
      targets: [
        {
          name: 'mail',
          type: 'email' as const,
          settings: { smtp: { auth: { pass: { env: 'NO_SUCH_VAR_X' } } } },
        },
      ],
    };
    await assert.rejects(createRelay(config, { env: {}, log: silentLogger }), (error: Error) => {
      assert.ok(error instanceof ConfigError);
      assert.match(
        error.message,
        /targets\[0\]\.settings\.smtp\.auth\.pass: the environment variable NO_SUCH_VAR_X is not set/,
      );
      return true;
    });
  });

  it('names every missing secret and every broken target at once', async () => {
    const config = {
      ...base(),
      targets: [
        {
          name: 'mail',
          type: 'email' as const,
          settings: {
            smtp: { auth: { user: { env: 'NO_USER_X' }, pass: { env: 'NO_PASS_X' } } },
          },
        },
        { name: 'arende', type: 'rest' as const, settings: { endpoint: 'not a url' } },
        { name: 'ok', type: 'rest' as const, settings: { endpoint: 'https://x.example/v1' } },
        { name: 'gata', type: 'open311' as const, settings: { baseUrl: 'https://x.example' } },
      ],
    };
    await assert.rejects(createRelay(config, { env: {}, log: silentLogger }), (error: Error) => {
      assert.ok(error instanceof ConfigError);
      const lines = error.message.split('\n').slice(1);
      assert.match(lines[0]!, /targets\[0\]\.settings\.smtp\.auth\.user: .* NO_USER_X is not set/);
      assert.match(lines[1]!, /targets\[0\]\.settings\.smtp\.auth\.pass: .* NO_PASS_X is not set/);
      assert.match(lines[2]!, /targets\[1\]\.settings \(target "arende"\): restAdapter: endpoint/);
      assert.match(lines[3]!, /targets\[3\]\.settings \(target "gata"\): open311Adapter/);
      assert.equal(lines.length, 4, error.message);
      return true;
    });
  });

  it('passes a resolved secret to the adapter, and reports an adapter’s TypeError naming the target', async () => {
    const tmp = tempDir();
    let seen: unknown;
    const relay = await createRelay(
      {
        ...testConfig(join(tmp.dir, 's.db')),
        targets: [{ name: 'api', type: 'rest', settings: { token: { env: 'API_TOKEN' } } }],
      },
      {
        log: silentLogger,
        env: { API_TOKEN: 's3cret' },
        adapters: { rest: (settings) => ((seen = settings), countingAdapter()) },
      },
    );
    await relay.stop();
    assert.deepEqual(seen, { token: 's3cret' });
    await assert.rejects(
      createRelay(
        {
          ...testConfig(join(tmp.dir, 't.db')),
          targets: [{ name: 'registrator', type: 'email', settings: { smtp: {} } }],
        },
        { env: {}, log: silentLogger },
      ),
      (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.match(
          error.message,
          /targets\[0\]\.settings \(target "registrator"\): emailAdapter: smtp\.host/,
        );
        return true;
      },
    );
    tmp.cleanup();
  });

  it('ships an example configuration that is valid', () => {
    const config = loadConfig(join(PACKAGE_DIR, 'relay.config.example.json'));
    assert.ok(config.targets.length >= 1);
    const text = readFileSync(join(PACKAGE_DIR, 'relay.config.example.json'), 'utf8');
    assert.doesNotMatch(text, /"pass":\s*"/, 'no password in the example: only env references');
  });

  it('builds the example’s targets with the real adapters once the secrets are set', async () => {
    const tmp = tempDir();
    const config = loadConfig(join(PACKAGE_DIR, 'relay.config.example.json'));
    const relay = await createRelay(
      { ...config, storePath: join(tmp.dir, 'example.db') },
      {
        log: silentLogger,
        env: {
          SMTP_PASSWORD: 'x',
          ARTVISE_API_KEY: 'y',
          SYNPUNKT_ALTCHA_KEY: 'an-hmac-key-of-some-length',
        },
      },
    );
    await relay.stop();
    tmp.cleanup();
  });

  it('says which file is not JSON', () => {
    const tmp = tempDir();
    assert.throws(
      () => loadConfig(join(tmp.dir, 'missing.json')),
      /Cannot read the configuration file/,
    );
    tmp.cleanup();
  });

  it('gives the line and column of malformed JSON, with the line', () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'relay.json');
      // A comma missing at the end of line 3, as after an edit by hand.
      writeFileSync(path, '{\n  "storePath": "relay.db",\n  "replyDays": 10\n  "targets": []\n}\n');
      assert.throws(
        () => loadConfig(path),
        (error: Error) => {
          assert.ok(error instanceof ConfigError);
          assert.ok(
            error.message.startsWith(
              `The configuration file ${path} is not JSON: line 4, column 3: Expected ',' or '}' after property value\n`,
            ),
            error.message,
          );
          assert.doesNotMatch(error.message, /position/);
          assert.ok(error.message.endsWith('\n      "targets": []\n      ^'), error.message);
          return true;
        },
      );
      // JSON.parse gives no position at all for an unexpected token.
      writeFileSync(path, '{\n  "storePath": "relay.db",\n  "trustProxy": yes\n}\n');
      assert.throws(
        () => loadConfig(path),
        /is not JSON: line 3, column 17: Unexpected token 'y'\n/,
      );
    } finally {
      tmp.cleanup();
    }
  });

  it('does not show a secret pasted into a line it quotes for a JSON error', () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'relay.json');
      const secret = 'Hemligt-lösen-42';
      // The password pasted in, and the comma after it forgotten.
      const line = `    "settings": { "host": "smtp.kommun.se", "password": "${secret}" "port": 25 }`;
      writeFileSync(path, `{\n  "targets": [{\n${line}\n  }]\n}\n`);
      assert.throws(
        () => loadConfig(path),
        (error: Error) => {
          assert.doesNotMatch(error.message, /Hemligt/);
          const column = line.indexOf('"port"') + 1;
          assert.match(error.message, new RegExp(`line 3, column ${column}: `));
          const [shown, caret] = error.message.split('\n').slice(-2) as [string, string];
          assert.ok(shown.includes(`"password": "${'•'.repeat(secret.length)}" "port"`), shown);
          assert.equal(caret.indexOf('^'), shown.indexOf('"port"'), 'the caret is under "port"');
          return true;
        },
      );
      // A secret with a double quote in it, pasted as it is: the quote breaks the JSON there,
      // and what follows it is the secret too.
      const quoted = `    "settings": { "password": "Hemligt"lösen-42", "port": 25 }`;
      writeFileSync(path, `{\n  "targets": [{\n${quoted}\n  }]\n}\n`);
      assert.throws(
        () => loadConfig(path),
        (error: Error) => {
          assert.doesNotMatch(error.message, /Hemligt|lösen/);
          const [shown, caret] = error.message.split('\n').slice(-2) as [string, string];
          assert.ok(shown.includes(`"password": "${'•'.repeat(16)}", "port"`), shown);
          const value = shown.indexOf('"password": "') + '"password": "'.length;
          assert.equal(caret.indexOf('^'), value + 'Hemligt"'.length, 'the caret after the quote');
          return true;
        },
      );
      // A value on the line after its key (an editor that wraps long lines): the line shown is
      // that value's line, which has no key on it.
      const wrapped = `    "settings": { "host": "smtp.kommun.se", "password":\n      "${secret}" "port": 25 }`;
      writeFileSync(path, `{\n  "targets": [{\n${wrapped}\n  }]\n}\n`);
      assert.throws(
        () => loadConfig(path),
        (error: Error) => {
          assert.doesNotMatch(error.message, /Hemligt/);
          assert.match(error.message, /line 4, column 26: /);
          const [shown, caret] = error.message.split('\n').slice(-2) as [string, string];
          assert.ok(shown.includes(`"${'•'.repeat(secret.length)}" "port"`), shown);
          assert.equal(caret.indexOf('^'), shown.indexOf('"port"'), 'the caret is under "port"');
          return true;
        },
      );
      // Also a value not closed yet, and a key in other case.
      writeFileSync(path, `{ "targets": [{ "settings": { "ApiKey": "${secret}\\q" } }] }`);
      assert.throws(
        () => loadConfig(path),
        (error: Error) => !error.message.includes('Hemligt'),
      );
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses a file saved in another encoding than UTF-8, rather than garble å, ä and ö', () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'relay.json');
      const config = {
        ...base(),
        targets: [
          {
            name: 'registrator',
            type: 'email',
            settings: { municipalityName: 'Växjö kommun', areaLabels: { skola: 'Förskola' } },
          },
        ],
      };
      const text = JSON.stringify(config, null, 2);
      const line = text.split('\n').findIndex((l) => l.includes('Växjö')) + 1;
      const column = text.split('\n')[line - 1]!.indexOf('ä') + 1;
      // Windows' "ANSI" (Windows-1252, as Latin-1 for these letters): read as UTF-8, every
      // letter would become U+FFFD in the clerk's subject and the sender's mail.
      writeFileSync(path, Buffer.from(text, 'latin1'));
      assert.throws(
        () => loadConfig(path),
        (error: Error) => {
          assert.ok(error instanceof ConfigError);
          assert.equal(
            error.message,
            `The configuration file ${path} is not UTF-8: line ${line}, column ${column}. Save it as UTF-8.`,
          );
          return true;
        },
      );
      // UTF-16, as PowerShell 5's Out-File writes it.
      writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      assert.throws(
        () => loadConfig(path),
        (error: Error) => {
          assert.equal(
            error.message,
            `The configuration file ${path} is not UTF-8 but UTF-16. Save it as UTF-8.`,
          );
          return true;
        },
      );
      writeFileSync(path, text);
      assert.equal(loadConfig(path).targets[0]?.settings['municipalityName'], 'Växjö kommun');
    } finally {
      tmp.cleanup();
    }
  });

  it('reads a file that starts with a byte-order mark (as Windows Notepad saves it)', () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'relay.json');
      const BOM = '\uFEFF';
      writeFileSync(path, `${BOM}${JSON.stringify(base(), null, 2)}\r\n`);
      assert.equal(loadConfig(path).replyDays, 10);

      // Other mistakes are still placed where an editor shows them: the mark is no column.
      const line = '{ "storePath": "relay.db", "trustProxy": yes }';
      const column = line.indexOf('yes') + 1;
      writeFileSync(path, `${BOM}${line}`);
      assert.throws(
        () => loadConfig(path),
        (error: Error) => {
          assert.ok(
            error.message.endsWith(
              `is not JSON: line 1, column ${column}: Unexpected token 'y'\n` +
                `    ${line}\n    ${' '.repeat(column - 1)}^`,
            ),
            error.message,
          );
          return true;
        },
      );
      writeFileSync(
        path,
        `${BOM}{\r\n  "storePath": "relay.db",\r\n  "replyDays": 10\r\n  "targets": []\r\n}\r\n`,
      );
      assert.throws(
        () => loadConfig(path),
        /is not JSON: line 4, column 3: Expected ',' or '}' after property value\n/,
      );
      // Only one mark is taken off: a second one is a mistake at line 1, column 1.
      writeFileSync(path, `${BOM}${BOM}{}`);
      assert.throws(() => loadConfig(path), /is not JSON: line 1, column 1: /);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('bodyLimitBytes against what the form lets people send', () => {
  const warningWith = async (bodyLimitBytes: number, attachments?: false) => {
    const tmp = tempDir();
    const logs = captureLogger();
    try {
      const relay = await createRelay(testConfig(join(tmp.dir, 'relay.db'), { bodyLimitBytes }), {
        log: logs.log,
        adapters: {
          rest: () => ({
            ...countingAdapter(),
            capabilities: attachments === false ? { attachments } : {},
          }),
        },
      });
      await relay.stop();
      return logs.lines().find((line) => line.event === 'config.body_limit_too_small');
    } finally {
      tmp.cleanup();
    }
  };

  it('warns at start when a body the form allows would get 413, and says how much is needed', async () => {
    // 10 MB of files travel as about 13.4 MB of base64, with the text beside them.
    const files = await warningWith(1024 * 1024);
    assert.equal(files?.level, 'warn');
    assert.match(String(files?.fix), /set bodyLimitBytes to at least 14046552: .* and files/);
    assert.equal(await warningWith(14_046_552), undefined);
    assert.equal(await warningWith(16 * 1024 * 1024), undefined, 'the default is enough');
    // Targets that take no files need room for the text only.
    assert.equal(await warningWith(64 * 1024, false), undefined);
    const tiny = await warningWith(10, false);
    assert.match(String(tiny?.fix), /at least 65536: .* 10000 characters, and a larger body/);
  });
});
