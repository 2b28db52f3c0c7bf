// `npm run demo`: Exempelkommun on this machine, no setup. Ctrl+C stops it.
import { startDemo } from './demo.js';

import type { DemoOptions } from './demo.js';

// Ports can be moved with DEMO_SITE_PORT, DEMO_RELAY_PORT and DEMO_SMTP_PORT.
const options: DemoOptions = {};
for (const [name, key] of [
  ['DEMO_SITE_PORT', 'sitePort'],
  ['DEMO_RELAY_PORT', 'relayPort'],
  ['DEMO_SMTP_PORT', 'smtpPort'],
] as const) {
  const value = process.env[name];
  if (value !== undefined) options[key] = Number(value);
}
const demo = await startDemo(options);

console.log(`
  Exempelkommun is running.

  The form (as a citizen sees it):  ${demo.siteUrl}/kontakt/synpunkter
  The same form, lättläst:           ${demo.siteUrl}/lattlast/synpunkter
  In English:                        ${demo.siteUrl}/en/feedback
  Staff registering a phone call:    ${demo.siteUrl}/intranat/registrera-synpunkt
  The clerk's inbox and the outbox:  ${demo.siteUrl}/demo/post

  Relay: ${demo.relayUrl}  (health: ${demo.relayUrl}/healthz, metrics: ${demo.relayUrl}/metrics)
  Mail catcher (SMTP): 127.0.0.1:${demo.smtpPort}
  Store and relay log: demo/.synpunkt/

  Press Ctrl+C to stop.
`);

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
