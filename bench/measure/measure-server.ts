import autocannon from 'autocannon';
import { createApiToken } from '../../src/auth/create-api-token.js';
import { createSession } from '../../src/auth/create-session.js';
import { teamOf } from '../generate/generate-org.js';
import { benchOrgId, leaderId, managerId, repId } from '../generate/ids.js';
import type { BenchTarget } from '../load/bench-target.js';
import { open } from '../load/open-bench-db.js';
import { benchAsOf, type SizeSpec } from '../spec.js';
import { type CpuPerRequest, cpuPerRequest } from './cpu-time.js';
import { cliLoadMs, freePort, memoryOf, startServerProcess } from './server-process.js';
import { startStaticAgenda } from './static-agenda-process.js';
import { median } from './stats.js';

export interface HttpResult {
  path: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** The timed window completed nothing: measured over a fixed number of requests instead. */
  extended?: true;
}

export interface ServerMeasure {
  /** Start → first 200 on /readyz; `cliLoadMs`: `rudder --help` alone (module loading). */
  startup: { runs: number[]; medianMs: number; cliLoadMs: number };
  /**
   * Computed on every request (a server with RESULT_CACHE_MB=0): a rep's agenda as first
   * opened that day. Null when the route answered other than 200 (see note).
   */
  agenda: HttpResult | null;
  /**
   * Where the computed agendas' CPU went, per request: the server process, PostgreSQL (every
   * `postgres` process; null on PGlite, which runs inside the server) and the load generator.
   * Their sum against the machine's cores bounds the requests per second.
   */
  agendaCpu: CpuPerRequest | null;
  /**
   * The ceiling beside it, in the same run: a bare Fastify process serving an agenda of the
   * real endpoint's bytes, serialised once (no session, no database, no computation).
   */
  ceiling: { bytes: number; agenda: HttpResult } | null;
  scorecard: HttpResult | null;
  readyz: HttpResult;
  /**
   * A server as started by default (results kept per data version): agendas reopened — the
   * same `reopenedReps` reps over and over, each opened once before — and the ranking reopened.
   * `memory` is this server's, after every rep's agenda was opened once more (cache full).
   */
  reopened: { reps: number; agenda: HttpResult | null; scorecard: HttpResult | null };
  /** The default server after all its load: VmRSS now and VmHWM (peak). */
  memory: { rssMb: number; hwmMb: number };
  /** The same on the server that computes every request. */
  memoryUncached: { rssMb: number; hwmMb: number };
  note: string;
}

interface Target {
  path: string;
  headers: Record<string, string>;
}

/** Connections of every load (the minimal facts' throughput uses as many callers). */
export const connections = 10;

/**
 * Requests at `connections` connections for `seconds`. A window in which no request
 * completed (a loaded machine: at load 20+ a computed agenda can outlast a quick run's
 * window) says nothing, so it is run again until `connections` requests have completed,
 * one per connection, however long they take: the result then counts those requests over
 * their own duration, and `extended` says so.
 */
export async function load(
  url: string,
  target: (n: number) => Target,
  seconds: number,
): Promise<HttpResult> {
  const timed = await loadOnce(url, target, { duration: seconds });
  if (timed.requests > 0) return timed;
  return { ...(await loadOnce(url, target, { amount: connections })), extended: true };
}

async function loadOnce(
  url: string,
  target: (n: number) => Target,
  run: { duration: number } | { amount: number },
): Promise<HttpResult> {
  let n = 0;
  const first = target(0);
  const result = await autocannon({
    url: `${url}${first.path}`,
    connections,
    ...run,
    // A request of the extended run may wait behind a loaded machine: minutes, not 10 s.
    ...('amount' in run ? { timeout: 600 } : {}),
    // A different rep on every request: one cached rep would flatter the database.
    requests: [
      {
        setupRequest: (request) => {
          const next = target(n++);
          return { ...request, path: next.path, headers: { ...request.headers, ...next.headers } };
        },
      },
    ],
  });
  return {
    path: first.path,
    requestsPerSecond: Math.round((result.requests.total / Math.max(1, result.duration)) * 10) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Runs `open(0 … count-1)`, four at a time. */
async function fill(count: number, open: (n: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await open(next++);
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

interface Credentials {
  /** The admin's API token: the organization's scorecard. */
  token: string;
  /** A session cookie per team manager: a manager prepares their reps' 1:1s. */
  managerCookies: string[];
}

async function benchCredentials(target: BenchTarget, spec: SizeSpec): Promise<Credentials> {
  const db = await open(target);
  try {
    // The server's clock is the real one: sessions must be valid now, not at benchNow.
    const now = new Date();
    const created = await createApiToken(db, {
      orgId: benchOrgId,
      name: 'bench',
      createdBy: leaderId(spec.reps, spec.teams),
      now,
    });
    const managerCookies: string[] = [];
    for (let team = 0; team < spec.teams; team += 1) {
      const personId = managerId(spec.reps, team);
      const cookie = await createSession(db, {
        orgId: benchOrgId,
        personId,
        now,
        absoluteHours: 24,
      });
      managerCookies.push(`rudder_session=${cookie}`);
    }
    return { token: created.token, managerCookies };
  } finally {
    await db.close();
  }
}

/** Reps whose agendas the reopened measure cycles through: a dozen managers' morning. */
const reopenedReps = 200;

/**
 * Start-up time (median of `startups` cold starts), then one server that computes every
 * request (RESULT_CACHE_MB=0) under autocannon at 10 connections on the agenda (a different
 * rep each time), the organization's scorecard and /readyz; then a server as started by
 * default on reopened agendas and the reopened ranking; memory after each one's load.
 * The database must be closed by the caller: PGlite's data folder admits one process.
 */
export async function measureServer(options: {
  target: BenchTarget;
  spec: SizeSpec;
  startups: number;
  seconds: number;
  warmupSeconds: number;
}): Promise<ServerMeasure> {
  const credentials = await benchCredentials(options.target, options.spec);
  const cliLoad = cliLoadMs();
  const runs: number[] = [];
  // Every start is timed; the last server stays up for the load.
  for (let i = 1; i < options.startups; i += 1) {
    const server = await startServerProcess(options.target);
    runs.push(Math.round(server.readyMs));
    await server.stop();
  }
  const { reps } = options.spec;
  const agendaOf = (n: number): Target => {
    const rep = (n * 7919) % reps;
    const cookie = credentials.managerCookies[teamOf(rep, options.spec)] ?? '';
    return { path: `/api/v1/people/${repId(rep)}/agenda?asOf=${benchAsOf}`, headers: { cookie } };
  };
  const organization = (): Target => ({
    path: '/api/v1/scorecard/organization?period=2026-05',
    headers: { authorization: `Bearer ${credentials.token}` },
  });
  const failures: string[] = [];
  let agendaBody = '';
  const probe = async (url: string, { path, headers }: Target) => {
    const response = await fetch(`${url}${path}`, { headers });
    const text = await response.text();
    if (response.status !== 200) failures.push(`${path}: ${response.status} ${text.slice(0, 200)}`);
    else if (path.includes('/agenda') && agendaBody === '') agendaBody = text;
    return response.status === 200;
  };
  const server = await startServerProcess(options.target, { RESULT_CACHE_MB: '0' });
  runs.push(Math.round(server.readyMs));
  let computed: Pick<
    ServerMeasure,
    'agenda' | 'agendaCpu' | 'ceiling' | 'scorecard' | 'readyz' | 'memoryUncached'
  >;
  try {
    const agendaOk = await probe(server.url, agendaOf(1));
    const scorecardOk = await probe(server.url, organization());
    // Warm up (JIT, tsx, the database's caches) before anything is recorded.
    if (agendaOk) await load(server.url, agendaOf, options.warmupSeconds);
    if (scorecardOk) await load(server.url, organization, Math.max(1, options.warmupSeconds / 2));
    const measured = agendaOk
      ? await cpuPerRequest(server.child.pid ?? 0, options.target.engine === 'postgres', () =>
          load(server.url, agendaOf, options.seconds),
        )
      : null;
    const agenda = measured?.result ?? null;
    const ceiling = agendaOk ? await measureCeiling(agendaBody, options) : null;
    const scorecard = scorecardOk ? await load(server.url, organization, options.seconds) : null;
    const readyz = await load(
      server.url,
      () => ({ path: '/readyz', headers: {} }),
      Math.max(1, Math.round(options.seconds / 2)),
    );
    computed = {
      agenda,
      agendaCpu: measured?.cpu ?? null,
      ceiling,
      scorecard,
      readyz,
      memoryUncached: await memoryOf(server.child.pid ?? 0),
    };
  } finally {
    await server.stop();
  }
  const cached = await startServerProcess(options.target);
  let reopened: ServerMeasure['reopened'];
  let memory: ServerMeasure['memory'];
  try {
    const set = Math.min(reps, reopenedReps);
    const reopenedAgenda = (n: number) => agendaOf(n % set);
    // Each agenda of the set opened once, in turn: from here on they are reopened.
    let agendaOk = true;
    for (let n = 0; n < set && agendaOk; n += 1)
      agendaOk = await probe(cached.url, reopenedAgenda(n));
    const scorecardOk = await probe(cached.url, organization());
    if (agendaOk) await load(cached.url, reopenedAgenda, options.warmupSeconds);
    reopened = {
      reps: set,
      agenda: agendaOk ? await load(cached.url, reopenedAgenda, options.seconds) : null,
      scorecard: scorecardOk ? await load(cached.url, organization, options.seconds) : null,
    };
    // Memory with the cache full, as after a day of use: every rep's agenda opened once.
    await fill(reps, (n) => probe(cached.url, agendaOf(n)));
    memory = await memoryOf(cached.child.pid ?? 0);
  } finally {
    await cached.stop();
  }
  const note =
    failures.length === 0
      ? "agenda as each rep's manager (session cookie), org scorecard as the admin (API token)"
      : `not measured: ${failures.join('; ')}`;
  return {
    startup: { runs, medianMs: median(runs), cliLoadMs: cliLoad },
    ...computed,
    reopened,
    memory,
    note,
  };
}

/**
 * The bare Fastify process serving `body` at 10 connections, for as long as the agenda's
 * load; the Rudder server stays up meanwhile (idle), as it would beside it.
 */
async function measureCeiling(
  body: string,
  options: { seconds: number; warmupSeconds: number },
): Promise<{ bytes: number; agenda: HttpResult }> {
  const server = await startStaticAgenda(body, await freePort());
  try {
    const target = () => ({ path: '/agenda', headers: {} });
    await load(server.url, target, options.warmupSeconds);
    return {
      bytes: Buffer.byteLength(body),
      agenda: await load(server.url, target, options.seconds),
    };
  } finally {
    await server.stop();
  }
}
