import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { BenchTarget } from '../load/bench-target.js';

// Start as `npm start` does: the built JavaScript, when it is there. Without a build the
// checkout's bin compiles TypeScript at launch (tsx), which start-up times would include.
const built = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const rudderBin = existsSync(built)
  ? built
  : fileURLToPath(new URL('../../bin/rudder.js', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the first 200 on /readyz. */
  readyMs: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** `rudder serve` on the bench data, as a user starts it; resolves at its first 200 on /readyz. */
export async function startServerProcess(
  target: BenchTarget,
  settings: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...settings,
  };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  if (target.engine === 'pglite') env.RUDDER_DATA_DIR = target.dataDir;
  else env.DATABASE_URL = target.databaseUrl;
  const started = performance.now();
  const child = spawn(process.execPath, [rudderBin, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  });
  child.stderr?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  });
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`rudder serve exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, url, readyMs: performance.now() - started, stop };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await stop();
  throw new Error(`rudder serve not ready in 120 s:\n${output}`);
}

/** Resident memory now and at its peak, from /proc (Linux). */
export async function memoryOf(pid: number): Promise<{ rssMb: number; hwmMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), hwmMb: Math.round(kb('VmHWM') / 1024) };
}

/** Milliseconds of `rudder --help`: loading the CLI's modules alone (no database, no server). */
export function cliLoadMs(): number {
  const started = performance.now();
  spawnSync(process.execPath, [rudderBin, '--help'], { stdio: 'ignore' });
  return Math.round(performance.now() - started);
}
