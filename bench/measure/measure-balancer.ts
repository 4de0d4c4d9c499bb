// Three `rudder serve` behind HAProxy against one server direct, in the same run, on one
// PostgreSQL database of bench data (issue #26):
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/rudder_bench npm run bench:balancer -- --size M
// Prints one JSON object; bench/RESULTS.md keeps the dated runs.
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createSession } from '../../src/auth/create-session.js';
import { teamOf } from '../generate/generate-org.js';
import { generateSize } from '../generate/generate-size.js';
import { benchOrgId, managerId, repId } from '../generate/ids.js';
import { openBenchDb } from '../load/open-bench-db.js';
import { benchAsOf, isSizeName, type SizeSpec } from '../spec.js';
import { startHaproxy } from './haproxy-process.js';
import { freePort, type ServerProcess, startServerProcess } from './server-process.js';

interface Measured {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** One-minute load average just before and just after the load. */
  loadBefore: number;
  loadAfter: number;
}

const load1 = () => Number(loadavg()[0]?.toFixed(2));

/** autocannon at 10 connections for `seconds`, a new target (path, cookie) per request. */
async function measure(
  url: string,
  target: (n: number) => { path: string; cookie: string },
  seconds: number,
): Promise<Measured> {
  let n = 0;
  const loadBefore = load1();
  const result = await autocannon({
    url: `${url}${target(0).path}`,
    connections: 10,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const next = target(n++);
          return {
            ...request,
            path: next.path,
            headers: { ...request.headers, cookie: next.cookie },
          };
        },
      },
    ],
  });
  return {
    requestsPerSecond: Math.round((result.requests.total / Math.max(1, result.duration)) * 10) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    loadBefore,
    loadAfter: load1(),
  };
}

async function managerCookies(spec: SizeSpec, db: Parameters<typeof createSession>[0]) {
  const cookies: string[] = [];
  for (let team = 0; team < spec.teams; team += 1) {
    const cookie = await createSession(db, {
      orgId: benchOrgId,
      personId: managerId(spec.reps, team),
      now: new Date(),
      absoluteHours: 24,
    });
    cookies.push(`rudder_session=${cookie}`);
  }
  return cookies;
}

/** Reps whose agendas the reopened measure cycles through (as measure-server.ts). */
const reopenedReps = 200;

async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'M' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
    },
  });
  const size = (values.size ?? 'M').toUpperCase();
  if (!isSizeName(size)) throw new Error(`--size: S, M or L, not ${values.size}`);
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rudder_bench';
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const generated = await generateSize(join(root, 'bench', '.cache'), size);
  const bench = await openBenchDb({ engine: 'postgres', generated, databaseUrl, log });
  const { spec } = generated;
  let cookies: string[];
  try {
    cookies = await managerCookies(spec, bench.db);
  } finally {
    await bench.db.close();
  }
  const agendaOf = (rep: number) => ({
    path: `/api/v1/people/${repId(rep)}/agenda?asOf=${benchAsOf}`,
    cookie: cookies[teamOf(rep, spec)] ?? '',
  });
  // Computed: a different rep on every request, each once in a while (no cache helps).
  const computed = (n: number) => agendaOf((n * 7919) % spec.reps);
  const set = Math.min(spec.reps, reopenedReps);
  const reopened = (n: number) => agendaOf(((n * 7919) % spec.reps) % set);

  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    command: `npm run bench:balancer -- --size ${size} --seconds ${seconds}`,
    nproc: availableParallelism(),
    size,
    reps: spec.reps,
  };
  const started: ServerProcess[] = [];
  const stops: Array<() => Promise<void>> = [];
  try {
    for (const [label, settings] of [
      ['computed', { RESULT_CACHE_MB: '0' }],
      ['reopened', {}],
    ] as const) {
      log(`${label}: starting three servers (${JSON.stringify(settings)})…`);
      const servers: ServerProcess[] = [];
      for (let i = 0; i < 3; i += 1) {
        const server = await startServerProcess(bench.target, {
          ...settings,
          JOB_POLL_SECONDS: '5',
        });
        servers.push(server);
        started.push(server);
      }
      const haproxy = await startHaproxy({
        port: await freePort(),
        servers: servers.map((s, i) => ({ name: `s${i + 1}`, port: Number(new URL(s.url).port) })),
      });
      stops.push(() => haproxy.stop());
      // Every server up behind the balancer before anything is measured.
      const seen = new Set<string>();
      const deadline = Date.now() + 30_000;
      while (seen.size < 3 && Date.now() < deadline) {
        const response = await fetch(`${haproxy.url}/readyz`).catch(() => null);
        const by = response?.headers.get('x-served-by');
        if (response?.status === 200 && by) seen.add(by);
      }
      if (seen.size < 3) throw new Error(`HAProxy routes to ${[...seen].join(', ')} only`);
      const target = label === 'computed' ? computed : reopened;
      if (label === 'reopened') {
        // Each agenda of the set opened once on each server: from here on they are reopened.
        for (const server of servers) {
          for (let rep = 0; rep < set; rep += 1) {
            const { path, cookie } = agendaOf(rep);
            await fetch(`${server.url}${path}`, { headers: { cookie } }).then((r) => r.text());
          }
        }
      }
      const direct = servers[0]?.url ?? '';
      log(`${label}: warming up…`);
      await measure(direct, target, warmup);
      await measure(haproxy.url, target, warmup);
      log(`${label}: one server direct…`);
      const one = await measure(direct, target, seconds);
      log(`${label}: three servers behind HAProxy…`);
      const three = await measure(haproxy.url, target, seconds);
      results[label] = { oneDirect: one, threeBehindHaproxy: three };
      await haproxy.stop();
      stops.pop();
      for (const server of servers) await server.stop();
    }
  } finally {
    for (const stop of stops) await stop();
    for (const server of started) await server.stop();
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

await main();
