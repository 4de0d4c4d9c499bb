import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';

export interface HttpRelay {
  port: number;
  /**
   * From now on no answer of the server reaches the balancer; resolves when a `201 Created`
   * was held back: the server committed a write whose client never hears of it, as when a
   * server dies between its commit and its answer.
   */
  swallowAnswers(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP relay between HAProxy and one server (HAProxy's `server` line names the relay): it
 * passes both ways untouched until told to hold the server's answers back.
 */
export async function startHttpRelay(targetPort: number): Promise<HttpRelay> {
  let swallowing = false;
  let onCreated: (() => void) | null = null;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (!swallowing) {
        client.write(chunk);
        return;
      }
      if (chunk.toString('latin1').startsWith('HTTP/1.1 201 ')) onCreated?.();
    });
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('close', drop);
      socket.on('error', drop);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    swallowAnswers() {
      swallowing = true;
      return new Promise((resolve) => {
        onCreated = () => resolve();
      });
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
