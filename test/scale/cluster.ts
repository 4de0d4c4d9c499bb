import { startHaproxy } from '../../bench/measure/haproxy-process.js';
import { createDb } from '../../src/db/create-db.js';
import type { Database } from '../../src/db/database.js';
import { startSmtpSink } from '../../src/mail/test-smtp-server.js';
import { type Spawned, spawnTs } from '../embedded/spawn-rudder.js';
import { type StreamingPair, startStreamingPair } from '../postgres/streaming-standby.js';
import { type HttpRelay, startHttpRelay } from './http-relay.js';
import {
  freePortOnLoopback,
  type MailRelay,
  type MailTrap,
  type MailWindow,
  startMailRelay,
} from './mail-relay.js';

export interface ServerSlot {
  /** The name HAProxy gives it (s1, s2, s3), sent back in `X-Served-By`. */
  name: string;
  port: number;
  process: Spawned;
  /** Where this server's SMTP_URL points: a relay in front of the one receiver. */
  relay: MailRelay;
  /** What HAProxy's `server` line names: a relay in front of the server's port. */
  front: HttpRelay;
}

export interface Cluster {
  pair: StreamingPair;
  /** The primary, for the test's own setup and its counts. */
  db: Database;
  /** HAProxy's front end: every request of a test goes through it. */
  url: string;
  servers: ServerSlot[];
  sink: Awaited<ReturnType<typeof startSmtpSink>>;
  /** kill -9 of one server; resolves once it has exited. */
  kill(index: number): Promise<void>;
  /**
   * The next delivery of outbox message `messageId`, by whichever server sends it, is cut at
   * `window` and its sender killed -9 (mail-relay.ts); `trap.done` resolves once it is dead.
   */
  interruptMail(window: MailWindow, messageId: string): MailTrap;
  /** The index of the server behind relay `name`. */
  serverOf(relayName: string): number;
  /** Starts a killed server again on its port; resolves once the balancer routes to it. */
  restart(index: number): Promise<void>;
  /** Stops every part it started, in reverse order; safe to call after a failed start. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const answers = (url: string) =>
  fetch(url).then(
    (r) => r.status === 200,
    () => false,
  );

/**
 * Issue #26 on real parts, all on 127.0.0.1: a PostgreSQL 15 primary and its streaming
 * standby (`pg_basebackup -R`), three `rudder serve` processes on the primary with
 * DATABASE_REPLICA_URL = the standby, HAProxy in roundrobin in front of them (health check
 * on /readyz), and one SMTP receiver that keeps every message (each server reaches it
 * through a relay of its own, so a test knows which server is sending and can stop it).
 */
export async function startCluster(
  options: { env?: Record<string, string> } = {},
): Promise<Cluster> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse().splice(0)) {
      await step().catch((error: unknown) => {
        process.stderr.write(`scale harness: a stop failed: ${String(error)}\n`);
      });
    }
  };
  try {
    const pair = await startStreamingPair();
    stops.push(() => pair.stop());
    const db = await createDb({ databaseUrl: pair.primaryUrl });
    stops.push(() => db.close());
    const sink = await startSmtpSink();
    stops.push(() => sink.close());
    const front = await freePortOnLoopback();
    const slots: Array<Omit<ServerSlot, 'process'> & { process: Spawned | null }> = [];
    for (const name of ['s1', 's2', 's3']) {
      const relay = await startMailRelay(name, sink.url);
      stops.push(() => relay.close());
      const port = await freePortOnLoopback();
      const front = await startHttpRelay(port);
      stops.push(() => front.close());
      slots.push({ name, port, relay, front, process: null });
    }
    const env = (slot: (typeof slots)[number]) => ({
      PORT: String(slot.port),
      HOST: '127.0.0.1',
      DATABASE_URL: pair.primaryUrl,
      DATABASE_REPLICA_URL: pair.standbyUrl,
      SMTP_URL: slot.relay.url,
      MAIL_FROM: 'Rudder <rudder@example.com>',
      // Short polls and leases: a killed server's job is taken over in seconds.
      JOB_POLL_SECONDS: '1',
      JOB_LEASE_SECONDS: '3',
      LOG_LEVEL: 'warn',
      ...options.env,
    });
    const launch = async (slot: (typeof slots)[number]) => {
      const spawned = spawnTs('bin/rudder.js', ['serve'], env(slot));
      slot.process = spawned;
      await until(`${slot.name} /readyz`, async () => {
        if (spawned.child.exitCode !== null)
          throw new Error(`${slot.name} exited:\n${spawned.output()}`);
        return answers(`http://127.0.0.1:${slot.port}/readyz`);
      });
    };
    stops.push(async () => {
      for (const slot of slots) {
        const child = slot.process?.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) continue;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await slot.process?.exited;
        clearTimeout(timer);
      }
    });
    await Promise.all(slots.map(launch));
    const haproxy = await startHaproxy({
      port: front,
      servers: slots.map((s) => ({ name: s.name, port: s.front.port })),
    });
    stops.push(() => haproxy.stop());
    const url = haproxy.url;
    /** Every named server answers through the balancer (its health check passed). */
    const routed = async (names: string[]) => {
      const seen = new Set<string>();
      for (let n = 0; n < 3 * names.length && seen.size < names.length; n += 1) {
        const response = await fetch(`${url}/readyz`).catch(() => null);
        const by = response?.headers.get('x-served-by');
        if (response?.status === 200 && by && names.includes(by)) seen.add(by);
      }
      return seen.size === names.length;
    };
    await until('HAProxy routing to s1, s2, s3', async () => {
      if (haproxy.child.exitCode !== null) throw new Error(`haproxy exited:\n${haproxy.output()}`);
      return routed(slots.map((s) => s.name));
    });
    const servers = slots as ServerSlot[];
    return {
      pair,
      db,
      url,
      servers,
      sink,
      async kill(index) {
        const slot = servers[index];
        if (!slot) throw new Error(`no server ${index}`);
        slot.process.child.kill('SIGKILL');
        await slot.process.exited;
      },
      interruptMail(window, messageId) {
        const child = (name: string) => {
          const slot = servers.find((s) => s.relay.name === name);
          if (!slot) throw new Error(`no server behind relay ${name}`);
          return slot.process;
        };
        const trap: MailTrap = {
          window,
          messageId,
          async stop(name) {
            const sender = child(name);
            if (window === 'after-ack') {
              sender.child.kill('SIGSTOP');
              return;
            }
            sender.child.kill('SIGKILL');
            await sender.exited;
          },
          async kill(name) {
            const sender = child(name);
            sender.child.kill('SIGKILL');
            await sender.exited;
          },
        };
        for (const slot of servers) slot.relay.arm(trap);
        return trap;
      },
      serverOf(relayName) {
        return servers.findIndex((s) => s.relay.name === relayName);
      },
      async restart(index) {
        const slot = slots[index];
        if (!slot) throw new Error(`no server ${index}`);
        await launch(slot);
        await until(`HAProxy routing to ${slot.name} again`, () => routed([slot.name]));
      },
      stop,
    };
  } catch (error: unknown) {
    await stop();
    throw error;
  }
}
