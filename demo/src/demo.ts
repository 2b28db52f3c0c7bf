import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createLogger,
  createRelay,
  followUpReport,
  quarterOf,
  type Relay,
  type RelayConfigInput,
} from '@synpunkt/relay';
import { addWorkingDays, AREA_UNKNOWN } from '@synpunkt/sdk';
import { startMailCatcher, type MailCatcher } from './mail-catcher.js';
import { MAIL_PAGE } from './site/mail-page.js';
import { otherPages } from './site/other-pages.js';
import { AREAS, sitePages } from './site/pages.js';
import { createSiteServer } from './site-server.js';

/** Where the demo keeps its store and log: ignored by git. */
export const DEMO_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.synpunkt');

/** Ports and paths; every one has a default, so `npm run demo` needs no setup. */
export interface DemoOptions {
  /** The site's port (0 picks a free one). Default 8080. */
  sitePort?: number;
  /** The relay's port. Default 8787. */
  relayPort?: number;
  /** The mail catcher's SMTP port. Default 2525. */
  smtpPort?: number;
  /** The relay's SQLite file. Default `demo/.synpunkt/demo.sqlite`. */
  storePath?: string;
  /** Where the relay's JSON log lines go. Default `demo/.synpunkt/relay.log`. */
  logPath?: string;
  /** The promised answer time in working days. Default 10. */
  replyDays?: number;
}

/** A running demo: everything a newcomer, or an end-to-end test, needs to find it. */
export interface Demo {
  siteUrl: string;
  relayUrl: string;
  smtpPort: number;
  mail: MailCatcher;
  relay: Relay;
  /** Starts the relay again after `stopRelay` (the outage a test plays through). */
  startRelay(): Promise<void>;
  /** Stops the relay only, as if it went down. */
  stopRelay(): Promise<void>;
  stop(): Promise<void>;
}

function listen(server: ReturnType<typeof createSiteServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** A port free on loopback now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A port that is taken falls back to a free one: another program may hold 8080. (A second demo
 * from the same folder does not start: the store is the first one's; see `main.ts`.)
 */
async function withFallback<T>(start: (port: number) => Promise<T>, port: number): Promise<T> {
  try {
    return await start(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    return start(0);
  }
}

function relayConfig(
  options: Required<DemoOptions>,
  smtpPort: number,
  siteOrigins: string[],
): RelayConfigInput {
  const smtp = { host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true };
  const sender = {
    from: 'synpunkt@exempelkommun.se',
    fromName: 'Exempelkommun synpunkter',
    areaLabels: Object.fromEntries(AREAS),
    referencePrefix: 'EXK',
    municipalityName: 'Exempelkommun',
  };
  return {
    listen: { host: '127.0.0.1', port: options.relayPort },
    storePath: options.storePath,
    // A demo already running on this store does not stop for this one: say so at once.
    storeLockWaitMs: 0,
    // Someone trying every kind in a row sends many in a minute from one address; the default
    // (20 requests) would hold the form on "Skickar…" until the minute is over.
    rateLimit: { windowMs: 60_000, max: 200 },
    allowedOrigins: siteOrigins,
    referencePrefix: 'EXK',
    replyDays: options.replyDays,
    // The form solves a proof-of-work in the background while the person types: no puzzle.
    challenge: { enabled: true, hmacKey: { env: 'SYNPUNKT_DEMO_POW_KEY' } },
    // Short waits, so a newcomer sees a retry happen while watching.
    outbox: { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 15_000, pollIntervalMs: 250 },
    retentionDays: 30,
    // The working day after the promised day, a sender who wanted an e-mail reply is asked
    // whether it came in time; the link leads to the relay's own answer page.
    followUp: { target: 'registrator', publicUrl: `http://127.0.0.1:${options.relayPort}` },
    targets: [
      {
        name: 'registrator',
        type: 'email',
        settings: {
          smtp,
          ...sender,
          to: {
            default: 'registrator@exempelkommun.se',
            byArea: {
              aldreomsorg: 'aldreomsorg@exempelkommun.se',
              'forskola-skola': 'skola@exempelkommun.se',
            },
          },
          confirmation: { enabled: true },
        },
      },
      {
        // Exempelkommun's routine: a complaint about elderly care also goes to the head of
        // elderly care at once (DOMAIN's escalation). The sender's confirmation comes from
        // the registry's target only.
        name: 'aldreomsorgschef',
        type: 'email',
        areas: ['aldreomsorg'],
        kinds: ['complaint'],
        settings: { smtp, ...sender, to: { default: 'chef.aldreomsorg@exempelkommun.se' } },
      },
      {
        // "Klagomål som bedöms som allvarliga, oavsett vad det gäller, ska alltid lämnas över
        // till närmaste chef" (seed 002): staff mark them in the staff form, and each goes at
        // once to its unit's manager, else to the managers' shared mailbox. Not elderly care:
        // its head already gets every complaint, and sees this one as serious in the subject.
        name: 'narmaste-chef',
        type: 'email',
        areas: [...AREAS.map(([id]) => id).filter((id) => id !== 'aldreomsorg'), AREA_UNKNOWN],
        kinds: ['complaint'],
        serious: true,
        settings: {
          smtp,
          ...sender,
          to: {
            default: 'chefer@exempelkommun.se',
            byArea: {
              'forskola-skola': 'rektor@exempelkommun.se',
              'stod-omsorg': 'chef.lss@exempelkommun.se',
              socialtjanst: 'chef.socialtjanst@exempelkommun.se',
            },
          },
        },
      },
    ],
  };
}

/**
 * Starts the whole path on loopback: a mail catcher standing in for the registry clerk's
 * inbox, the relay with its SQLite store delivering to it, and Exempelkommun's site with the
 * form pasted in as the editor's snippet shows.
 */
export async function startDemo(input: DemoOptions = {}): Promise<Demo> {
  const options: Required<DemoOptions> = {
    sitePort: input.sitePort ?? 8080,
    relayPort: input.relayPort ?? 8787,
    smtpPort: input.smtpPort ?? 2525,
    storePath: input.storePath ?? join(DEMO_DATA_DIR, 'demo.sqlite'),
    logPath: input.logPath ?? join(DEMO_DATA_DIR, 'relay.log'),
    replyDays: input.replyDays ?? 10,
  };
  mkdirSync(dirname(options.storePath), { recursive: true });
  mkdirSync(dirname(options.logPath), { recursive: true });

  const mail = await withFallback(startMailCatcher, options.smtpPort);

  // The site must know the relay's URL and the relay the site's origin: bind the site first.
  let relayOrigin = '';
  let relay: Relay | undefined;
  const site = createSiteServer({
    pages: () => [
      ...sitePages({ endpoint: `${relayOrigin}/v1/synpunkter`, replyDays: options.replyDays }),
      ...otherPages(),
      MAIL_PAGE,
    ],
    relayOrigin: () => relayOrigin,
    api: {
      '/demo-api/mail': () => mail.mails,
      '/demo-api/outbox': () => ({
        counts: relay?.store.counts() ?? {},
        // The newest first: the store lists the oldest first, and keeps earlier runs' too.
        entries:
          relay?.store.list(['pending', 'dead', 'quarantined', 'delivered']).slice(-50).reverse() ??
          [],
      }),
      // What `synpunkt-relay report` compiles, for the quarter so far, with the areas' names.
      '/demo-api/report': () => ({
        report: relay && followUpReport(relay.store.db, quarterOf(new Date())),
        areaLabels: Object.fromEntries(AREAS),
      }),
    },
    actions: {
      // The demo cannot wait ten working days: ask now, as the relay will the working day after
      // the promised day of a synpunkt sent today (10:00 in Sweden in winter). Answers once the
      // questions are out, with how many, so the page can say what happened.
      '/demo-api/follow-up-now': async () => {
        const followUps = relay?.followUps;
        if (!followUps) return { running: false, asked: 0 };
        const askOn = addWorkingDays(addWorkingDays(new Date(), options.replyDays), 1);
        return { running: true, asked: await followUps.sweep(Date.parse(`${askOn}T09:00:00Z`)) };
      },
    },
  });
  const sitePort = await withFallback((port) => listen(site, port), options.sitePort);
  const siteOrigins = [`http://127.0.0.1:${sitePort}`, `http://localhost:${sitePort}`];

  const log = createLogger(createWriteStream(options.logPath, { flags: 'a' }));
  // A fresh key per run: the demo keeps no secrets.
  const env = { ...process.env, SYNPUNKT_DEMO_POW_KEY: randomBytes(32).toString('hex') };
  let relayPort = options.relayPort;
  const startRelay = async (): Promise<void> => {
    // A port of its own, known before start: the follow-up mail links to it.
    const make = async (port: number) => {
      const concrete = port === 0 ? await freePort() : port;
      const made = await createRelay(
        relayConfig({ ...options, relayPort: concrete }, mail.port, siteOrigins),
        { log, env },
      );
      return { made, address: await made.start() };
    };
    const { made, address } = await withFallback(make, relayPort);
    relay = made;
    relayPort = address.port;
    relayOrigin = `http://127.0.0.1:${address.port}`;
  };
  try {
    await startRelay();
  } catch (error) {
    // Nothing half-started is left behind: the site and the mail catcher go too.
    await new Promise<void>((resolve) => site.close(() => resolve()));
    await mail.close();
    throw error;
  }

  const demo: Demo = {
    siteUrl: `http://127.0.0.1:${sitePort}`,
    get relayUrl() {
      return relayOrigin;
    },
    smtpPort: mail.port,
    mail,
    get relay() {
      if (!relay) throw new Error('the relay is stopped');
      return relay;
    },
    startRelay,
    async stopRelay() {
      await relay?.stop();
      relay = undefined;
    },
    async stop() {
      await relay?.stop();
      relay = undefined;
      await new Promise<void>((resolve) => site.close(() => resolve()));
      site.closeAllConnections();
      await mail.close();
    },
  };
  return demo;
}
