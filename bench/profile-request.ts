import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSession } from '../src/auth/create-session.js';
import { ConfigSchema } from '../src/config/config.js';
import { createDb } from '../src/db/create-db.js';
import type { Database, QueryOptions, Row } from '../src/db/database.js';
import { createApp } from '../src/server/create-app.js';
import { systemClock } from '../src/shared/clock.js';
import { teamOf } from './generate/generate-org.js';
import { benchOrgId, managerId, repId } from './generate/ids.js';
import { postgresTarget } from './load/bench-target.js';
import { summarize } from './measure/stats.js';
import { benchAsOf, isSizeName, sizeSpec } from './spec.js';

/**
 * Where one computed agenda REQUEST's time goes, in process (Fastify's inject, no sockets):
 * each statement the request sends (its text's start, count, time) and the rest (the core's
 * JavaScript, validation, serialisation). On bench data loaded before
 * (`npm run bench -- --prepare`):
 *   DATABASE_URL=… npx tsx bench/profile-request.ts --size M --engine postgres [--requests 200]
 * The server computes every agenda (RESULT_CACHE_MB=0), a different rep on each request.
 * `--unnamed` sends every statement unprepared (as before statements had names).
 */
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'M' },
    engine: { type: 'string', default: 'postgres' },
    requests: { type: 'string', default: '200' },
    // Drops the statement names (QueryOptions.name): every statement parsed and planned anew.
    unnamed: { type: 'boolean', default: false },
  },
});
const size = (values.size ?? 'M').toUpperCase();
if (!isSizeName(size)) throw new Error('--size S|M|L');
const spec = sizeSpec(size);
const root = fileURLToPath(new URL('..', import.meta.url));
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rudder_bench';
let db: Database;
if (values.engine === 'postgres') {
  const target = postgresTarget(databaseUrl, size);
  if (target.engine !== 'postgres') throw new Error('unreachable');
  db = await createDb({ databaseUrl: target.databaseUrl, migrate: false });
} else {
  const cache = join(root, 'bench', '.cache');
  const dir = readdirSync(cache).find((d) => d.startsWith(`${size}-`));
  if (!dir) throw new Error(`bench-${size} is not prepared`);
  db = await createDb({ dataDir: join(cache, dir, 'pglite'), migrate: false });
}
const statements = new Map<string, { n: number; ms: number[] }>();
let counting = false;
const counted: Database = {
  ...db,
  async query<T = Row>(text: string, params?: readonly unknown[], options?: QueryOptions) {
    const start = performance.now();
    try {
      return await db.query<T>(text, params, values.unnamed === true ? undefined : options);
    } finally {
      if (counting) {
        const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
        const entry = statements.get(key) ?? { n: 0, ms: [] };
        entry.n += 1;
        entry.ms.push(performance.now() - start);
        statements.set(key, entry);
      }
    }
  },
};
const config = ConfigSchema.parse({ LOG_LEVEL: 'silent', RESULT_CACHE_MB: 0 });
const app = await createApp({ db: counted, clock: systemClock, config });
await app.ready();
const cookies: string[] = [];
for (let team = 0; team < spec.teams; team += 1) {
  const personId = managerId(spec.reps, team);
  const cookie = await createSession(db, {
    orgId: benchOrgId,
    personId,
    now: new Date(),
    absoluteHours: 1,
  });
  cookies.push(`rudder_session=${cookie}`);
}
const request = async (n: number) => {
  const rep = (n * 7919) % spec.reps;
  const start = performance.now();
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/people/${repId(rep)}/agenda?asOf=${benchAsOf}`,
    headers: { cookie: cookies[teamOf(rep, spec)] ?? '' },
  });
  if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
  return { ms: performance.now() - start, bytes: response.body.length };
};
const total = Number(values.requests);
for (let n = 0; n < 30; n += 1) await request(n);
counting = true;
const ms: number[] = [];
let bytes = 0;
for (let n = 30; n < 30 + total; n += 1) {
  const r = await request(n);
  ms.push(r.ms);
  bytes = r.bytes;
}
const sqlMs = [...statements.values()].reduce((s, e) => s + e.ms.reduce((a, b) => a + b, 0), 0);
const requestMs = ms.reduce((a, b) => a + b, 0);
process.stdout.write(
  `${JSON.stringify(
    {
      size,
      engine: values.engine,
      requests: total,
      bytes,
      request: summarize(ms),
      statementsPerRequest: [...statements.values()].reduce((s, e) => s + e.n, 0) / total,
      statements: [...statements.entries()].map(([text, e]) => ({
        text,
        perRequest: e.n / total,
        ...summarize(e.ms),
      })),
      meanMs: { request: requestMs / total, sql: sqlMs / total, rest: (requestMs - sqlMs) / total },
    },
    null,
    2,
  )}\n`,
);
await app.close();
await db.close();
