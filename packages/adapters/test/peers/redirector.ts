import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body.js';

/** What reached the server a redirect points to. */
export interface Caught {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Two servers on 127.0.0.1: `url` answers every request with `status` and a Location pointing
 * at the other, which records whatever arrives (`caught`), as a server an attacker controls.
 */
export interface Redirector {
  readonly url: string;
  readonly caught: Caught[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startRedirector(status = 307): Promise<Redirector> {
  const caught: Caught[] = [];
  const elsewhere = createServer((request, response) => {
    void readBody(request).then((body) => {
      caught.push({ headers: request.headers, body: body.toString('utf8') });
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  const target = await listen(elsewhere);
  const redirecting = createServer((request, response) => {
    void readBody(request).then(() => {
      response.writeHead(status, { location: `${target}/collect${request.url ?? ''}` });
      response.end();
    });
  });
  const url = await listen(redirecting);
  return {
    url,
    caught,
    close: async () => {
      for (const server of [redirecting, elsewhere]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}
