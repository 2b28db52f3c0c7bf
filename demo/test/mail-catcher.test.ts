// The demo's mail catcher stands in for the municipality's mail server. A relay killed in the
// middle of a mail resets its connection; the demo must shrug that off and keep catching mail.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTransport } from 'nodemailer';
import { startMailCatcher, type MailCatcher } from '../src/mail-catcher.js';

/**
 * Walks an SMTP conversation into the middle of a message body, as a relay does when it is
 * killed mid-mail: each command is sent once the previous reply has arrived.
 */
async function midMessage(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  const commands = [
    'EHLO relay.test',
    'MAIL FROM:<synpunkt@exempelkommun.se>',
    'RCPT TO:<registrator@exempelkommun.se>',
    'DATA',
  ];
  let buffer = '';
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      // A complete reply ends with a line "NNN text" (a space, not a dash, after the code).
      if (!/(^|\r\n)\d{3} [^\r\n]*\r\n$/.test(buffer)) return;
      const code = buffer.trimEnd().split('\r\n').at(-1)!.slice(0, 3);
      buffer = '';
      if (code === '354') {
        socket.write('Subject: Avbrutet\r\n\r\nHalva meddelandet');
        resolve();
        return;
      }
      if (!code.startsWith('2')) return reject(new Error(`unexpected SMTP reply ${code}`));
      socket.write(`${commands.shift()}\r\n`);
    });
  });
  return socket;
}

describe('the demo mail catcher', () => {
  let catcher: MailCatcher;
  before(async () => {
    catcher = await startMailCatcher();
  });
  after(async () => {
    await catcher.close();
  });

  it('keeps catching mail after a sender vanishes mid-conversation with a reset', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      for (let i = 0; i < 5; i++) {
        const socket = await midMessage(catcher.port);
        // Let the catcher read the half message first, so the reset comes mid-transaction.
        await new Promise((resolve) => setTimeout(resolve, 50));
        socket.resetAndDestroy();
      }
      // Give the catcher time to notice the resets.
      await new Promise((resolve) => setTimeout(resolve, 200));

      const transport = createTransport({
        host: '127.0.0.1',
        port: catcher.port,
        secure: false,
        ignoreTLS: true,
      });
      await transport.sendMail({
        from: 'synpunkt@exempelkommun.se',
        to: 'registrator@exempelkommun.se',
        subject: 'Efter avbrottet',
        text: 'Kommer det fram?',
      });
      transport.close();
      assert.deepEqual(uncaught, [], 'a reset connection is not an uncaught error');
      assert.equal(catcher.mails[0]?.subject, 'Efter avbrottet', 'the next mail is caught');
    } finally {
      process.off('uncaughtException', record);
    }
  });
});
