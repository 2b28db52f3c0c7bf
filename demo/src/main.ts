// `npm run demo`: Exempelkommun on this machine, no setup. Ctrl+C stops it.
import { StoreInUseError } from '@synpunkt/relay';
import { startDemo, type Demo, type DemoOptions } from './demo.js';

// Ports can be moved with DEMO_SITE_PORT, DEMO_RELAY_PORT and DEMO_SMTP_PORT.
const PORTS = [
  ['DEMO_SITE_PORT', 'sitePort', 8080],
  ['DEMO_RELAY_PORT', 'relayPort', 8787],
  ['DEMO_SMTP_PORT', 'smtpPort', 2525],
] as const;
const options: DemoOptions = {};
for (const [name, key] of PORTS) {
  const value = process.env[name];
  if (value === undefined) continue;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535) {
    console.error(`  ${name} must be a port number from 0 to 65535, not "${value}".`);
    process.exit(64);
  }
  options[key] = port;
}

let demo: Demo;
try {
  demo = await startDemo(options);
} catch (error) {
  if (!(error instanceof StoreInUseError)) throw error;
  console.error(`
  Exempelkommun is already running from this folder: another \`npm run demo\` has its store
  (demo/.synpunkt/demo.sqlite). Use that one, or stop it with Ctrl+C and start this one again.
`);
  process.exit(1);
}

// A port that was taken fell back to a free one: say which, so nobody looks for it on 8080.
const used = { sitePort: new URL(demo.siteUrl).port, relayPort: new URL(demo.relayUrl).port };
const moved = PORTS.flatMap(([name, key, port]) => {
  const wanted = options[key] ?? port;
  const got = key === 'smtpPort' ? String(demo.smtpPort) : used[key];
  return wanted !== 0 && String(wanted) !== got ? [`${wanted} was taken (${name})`] : [];
});

console.log(`
  Exempelkommun is running.

  The form (as a citizen sees it):  ${demo.siteUrl}/kontakt/synpunkter
  The same form, lättläst:           ${demo.siteUrl}/lattlast/synpunkter
  In English:                        ${demo.siteUrl}/en/feedback
  Staff registering a phone call:    ${demo.siteUrl}/intranat/registrera-synpunkt
  The clerk's inbox and the outbox:  ${demo.siteUrl}/demo/post

  Relay (an API, no pages): ${demo.relayUrl}  (health: ${demo.relayUrl}/healthz)
  Mail catcher (SMTP): 127.0.0.1:${demo.smtpPort}
  Store and relay log: demo/.synpunkt/

  Press Ctrl+C to stop.
${moved.length > 0 ? `\n  Other ports than usual: ${moved.join('; ')}.\n` : ''}`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  console.log('\n  Stopping…');
  demo.stop().then(
    () => {
      console.log('  Stopped.');
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
