import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from './measure-server.js';

// A server slower than the window: every answer takes 1.5 s, the window is 1 s. This is what
// a loaded machine (load 20+) does to the quick bench's computed agenda.
describe("the server measure's load", () => {
  let server: Server;
  let url = '';
  let answered = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      setTimeout(() => {
        answered += 1;
        response.end('{}');
      }, 1500);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('measures a fixed number of requests when the window completed none', async () => {
    const result = await load(url, (n) => ({ path: `/agenda/${n}`, headers: {} }), 1);
    // Ten connections, one request each, all answered 200.
    expect(result.requests).toBe(10);
    expect(result.non2xx).toBe(0);
    expect(result.errors).toBe(0);
    expect(result.extended).toBe(true);
    // 1.5 s each, the ten in parallel: the median latency is the server's delay.
    expect(result.p50Ms).toBeGreaterThanOrEqual(1500);
    expect(answered).toBeGreaterThanOrEqual(10);
  }, 60_000);
});
