import type { ServerResponse } from 'node:http';

/**
 * Writes `x` until the connection goes: an answer with no end, as from a server (or a proxy in
 * front of it) that streams without stopping. A timeout would end it, but loopback fills
 * gigabytes before then, so an adapter must stop reading on its own.
 */
export function endless(response: ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const pump = () => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once('drain', pump);
  };
  response.on('error', () => undefined);
  pump();
}
