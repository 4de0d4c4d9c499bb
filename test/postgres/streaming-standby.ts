import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Debian's PostgreSQL 15 (package postgresql-15); PG_BIN overrides. */
const bin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** PostgreSQL refuses to run as root: as root (CI), the tools run as the `postgres` user. */
async function pg(tool: string, args: string[]): Promise<string> {
  const command = path.join(bin, tool);
  const asRoot = process.getuid?.() === 0;
  const { stdout } = asRoot
    ? await run('runuser', ['-u', 'postgres', '--', command, ...args])
    : await run(command, args);
  return stdout;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StreamingPair {
  primaryUrl: string;
  standbyUrl: string;
  /** The standby's server log (every statement: `log_statement = all`). */
  standbyLog: string;
  stopStandby(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL 15 primary of its own (initdb's pg_hba trusts replication from 127.0.0.1,
 * which a shared server's may not) and a streaming standby made with `pg_basebackup -R`,
 * both on free loopback ports in a temporary folder, for the read-replica tests.
 */
export async function startStreamingPair(): Promise<StreamingPair> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rudder-replica-'));
  chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    chownSync(dir, Number(stdout.trim()), -1);
  }
  const primary = path.join(dir, 'primary');
  const standby = path.join(dir, 'standby');
  const standbyLog = path.join(dir, 'standby.log');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  await pg('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = (port: number, extra = '') =>
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off ${extra}`;
  await pg('pg_ctl', [
    '-D',
    primary,
    '-o',
    options(primaryPort),
    '-l',
    `${primary}.log`,
    '-w',
    'start',
  ]);
  const started = [primary];
  try {
    await pg('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres'],
      ...['-D', standby, '-R', '-X', 'stream', '--no-sync'],
    ]);
    await pg('pg_ctl', [
      ...['-D', standby, '-o', options(standbyPort, '-c log_statement=all')],
      ...['-l', standbyLog, '-w', 'start'],
    ]);
    started.push(standby);
  } catch (error: unknown) {
    for (const folder of started) await pg('pg_ctl', ['-D', folder, '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const stopOne = async (folder: string) => {
    if (!started.includes(folder)) return;
    started.splice(started.indexOf(folder), 1);
    await pg('pg_ctl', ['-D', folder, '-m', 'fast', '-w', 'stop']);
  };
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    standbyUrl: `postgres://postgres@127.0.0.1:${standbyPort}/postgres`,
    standbyLog,
    stopStandby: () => stopOne(standby),
    async stop() {
      await stopOne(standby);
      await stopOne(primary);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
