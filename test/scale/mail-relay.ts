import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';

export async function freePortOnLoopback(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/**
 * Where a delivery is interrupted:
 * - `mid-data`: the sender has sent part of the message's data (the receiver has the
 *   envelope and the first lines, not the header `Message-ID` nor the final `.`); the relay
 *   forwards nothing more, the sender is killed -9, the half message dropped by the receiver;
 * - `after-ack`: the receiver got the whole message and answered `250` (it has kept it); the
 *   sender is stopped (SIGSTOP) before that `250` reaches it, then killed -9: it never
 *   records the delivery. The one window in which a second copy is expected.
 */
export type MailWindow = 'mid-data' | 'after-ack';

export interface MailTrap {
  window: MailWindow;
  messageId: string;
  /** SIGKILL (mid-data) or SIGSTOP (after-ack) of the sender behind relay `name`. */
  stop(name: string): Promise<void>;
  /** after-ack only: SIGKILL of the stopped sender once its `250` is in its socket. */
  kill(name: string): Promise<void>;
  /** Filled when it fired: which relay, and the bytes of message data that went through. */
  fired?: { by: string; dataBytes: number; endSent: boolean };
  done?: Promise<void>;
}

export interface MailRelay {
  name: string;
  url: string;
  /** One trap shared by every relay: the first to see the message fires it. */
  arm(trap: MailTrap): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A TCP relay in front of the SMTP receiver, one per server (each server's SMTP_URL names
 * its own relay): it sees the SMTP conversation byte for byte and can interrupt a chosen
 * message at a chosen point, which a receiver alone cannot do deterministically.
 */
export async function startMailRelay(name: string, receiverUrl: string): Promise<MailRelay> {
  const target = new URL(receiverUrl);
  let trap: MailTrap | null = null;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    // What the sender wrote on this connection (latin1: one character per byte).
    let sent = '';
    let dataStart = -1;
    let cut = false;
    const marker = () => (trap ? `Message-ID: <${trap.messageId}@rudder>` : null);
    client.on('data', (chunk: Buffer) => {
      if (cut) return;
      sent += chunk.toString('latin1');
      if (dataStart < 0) {
        const at = sent.indexOf('\r\nDATA\r\n');
        if (at >= 0) dataStart = at + '\r\nDATA\r\n'.length;
      }
      const id = marker();
      const at = id && dataStart >= 0 ? sent.indexOf(id, dataStart) : -1;
      if (trap && !trap.fired && trap.window === 'mid-data' && at >= 0) {
        const armed = trap;
        cut = true;
        // Forward this chunk only up to the first line before the Message-ID header.
        const lineStart = sent.lastIndexOf('\r\n', at) + 2;
        const keep = chunk.length - (sent.length - lineStart);
        if (keep > 0) upstream.write(chunk.subarray(0, keep));
        armed.fired = { by: name, dataBytes: Math.max(0, lineStart - dataStart), endSent: false };
        armed.done = armed.stop(name).then(() => {
          upstream.destroy();
          client.destroy();
        });
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      const id = marker();
      const at = id && dataStart >= 0 ? sent.indexOf(id, dataStart) : -1;
      const end = at >= 0 ? sent.indexOf('\r\n.\r\n', at) : -1;
      if (
        trap &&
        !trap.fired &&
        trap.window === 'after-ack' &&
        end >= 0 &&
        chunk.toString('latin1').startsWith('250')
      ) {
        const armed = trap;
        armed.fired = { by: name, dataBytes: end + 5 - dataStart, endSent: true };
        armed.done = (async () => {
          await armed.stop(name);
          client.write(chunk);
          // The 250 sits in the stopped sender's socket; it will never read it.
          await sleep(200);
          await armed.kill(name);
          client.destroy();
          upstream.destroy();
        })();
        return;
      }
      client.write(chunk);
    });
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', drop);
    upstream.on('close', drop);
    client.on('error', drop);
    upstream.on('error', drop);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    name,
    url: `smtp://127.0.0.1:${port}`,
    arm(next) {
      trap = next;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
