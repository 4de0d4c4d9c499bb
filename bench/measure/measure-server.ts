import autocannon from 'autocannon';
import { createApiToken } from '../../src/auth/create-api-token.js';
import { createSession } from '../../src/auth/create-session.js';
import { teamOf } from '../generate/generate-org.js';
import { benchOrgId, leaderId, managerId, repId } from '../generate/ids.js';
import type { BenchTarget } from '../load/bench-target.js';
import { open } from '../load/open-bench-db.js';
import { benchAsOf, type SizeSpec } from '../spec.js';
import { cliLoadMs, memoryOf, startServerProcess } from './server-process.js';
import { median } from './stats.js';

export interface HttpResult {
  path: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface ServerMeasure {
  /** Start → first 200 on /readyz; `cliLoadMs`: `rudder --help` alone (module loading). */
  startup: { runs: number[]; medianMs: number; cliLoadMs: number };
  /** Null when the route answered other than 200 (see note). */
  agenda: HttpResult | null;
  scorecard: HttpResult | null;
  readyz: HttpResult;
  /** After the load: VmRSS now and VmHWM (peak). */
  memory: { rssMb: number; hwmMb: number };
  note: string;
}

interface Target {
  path: string;
  headers: Record<string, string>;
}

async function load(
  url: string,
  target: (n: number) => Target,
  seconds: number,
): Promise<HttpResult> {
  let n = 0;
  const first = target(0);
  const result = await autocannon({
    url: `${url}${first.path}`,
    connections: 10,
    duration: seconds,
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

/**
 * Start-up time (median of `startups` cold starts), then one server under autocannon at 10
 * connections on the agenda, the organization's scorecard and /readyz; memory after the load.
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
  const server = await startServerProcess(options.target);
  runs.push(Math.round(server.readyMs));
  try {
    const failures: string[] = [];
    const probe = async ({ path, headers }: Target) => {
      const response = await fetch(`${server.url}${path}`, { headers });
      if (response.status !== 200)
        failures.push(`${path}: ${response.status} ${(await response.text()).slice(0, 200)}`);
      return response.status === 200;
    };
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
    const agendaOk = await probe(agendaOf(1));
    const scorecardOk = await probe(organization());
    // Warm up (JIT, tsx, the database's caches) before anything is recorded.
    if (agendaOk) await load(server.url, agendaOf, options.warmupSeconds);
    if (scorecardOk) await load(server.url, organization, Math.max(1, options.warmupSeconds / 2));
    const agenda = agendaOk ? await load(server.url, agendaOf, options.seconds) : null;
    const scorecard = scorecardOk ? await load(server.url, organization, options.seconds) : null;
    const readyz = await load(
      server.url,
      () => ({ path: '/readyz', headers: {} }),
      Math.max(1, Math.round(options.seconds / 2)),
    );
    const memory = await memoryOf(server.child.pid ?? 0);
    const note =
      failures.length === 0
        ? "agenda as each rep's manager (session cookie), org scorecard as the admin (API token)"
        : `not measured: ${failures.join('; ')}`;
    return {
      startup: { runs, medianMs: median(runs), cliLoadMs: cliLoad },
      agenda,
      scorecard,
      readyz,
      memory,
      note,
    };
  } finally {
    await server.stop();
  }
}
