// Where the time of one org-wide ranking (buildTeamScorecard, team null) goes, step by step, on
// a loaded bench database opened WITHOUT migrating (the bench folders are read-only in spirit;
// copy a PGlite folder to /tmp first when another process may have it open):
//   npx tsx bench/profile-ranking.ts --engine pglite --dir /tmp/M-pglite [--samples 30] [--explain]
//   npx tsx bench/profile-ranking.ts --engine postgres --url postgres://…/rudder_bench_l
// Each statement is timed on its own, one at a time; the core's JavaScript is timed apart.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { addDays, monthOf } from '../src/core/days.js';
import { periodContaining, previousPeriod } from '../src/core/periods.js';
import { createDb } from '../src/db/create-db.js';
import type { Queryable, Row } from '../src/db/database.js';
import { loadOrgContext } from '../src/db/facts/org-context.js';
import { buildTeamScorecard } from '../src/scorecard/build-team-scorecard.js';
import { benchOrgId } from './generate/ids.js';
import { serialTiming } from './measure/serial-timing.js';
import { summarize } from './measure/stats.js';
import { compareRanking } from './profile-ranking-variants.js';
import { benchAsOf } from './spec.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    dir: { type: 'string' },
    url: { type: 'string' },
    samples: { type: 'string', default: '30' },
    explain: { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
  },
});
const db = await createDb(
  values.engine === 'postgres'
    ? {
        databaseUrl: values.url ?? 'postgres://postgres@127.0.0.1:5432/rudder_bench_m',
        migrate: false,
      }
    : { dataDir: values.dir ?? '', migrate: false },
);
const samples = Number(values.samples);
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

interface Statement {
  text: string;
  params: readonly unknown[];
  ms: number[];
  rows: number;
}

/** Records every statement's time and text, one at a time, keyed by its first line. */
function recording(statements: Map<string, Statement>): Queryable {
  return serialTiming(db, ({ text, params, ms, rows }) => {
    const found = [...statements.values()].find(
      (s) => s.text === text && JSON.stringify(s.params) === JSON.stringify(params),
    );
    if (found) found.ms.push(ms);
    else
      statements.set(`${text.trim().split('\n')[0]?.slice(0, 70)} [${statements.size}]`, {
        text,
        params,
        ms: [ms],
        rows,
      });
  });
}

try {
  const org = await loadOrgContext(db, benchOrgId);
  const fy = org.fiscalYearStartMonth;
  const period = periodContaining({
    day: addDays(`${monthOf(benchAsOf)}-01`, -1),
    kind: 'month',
    fiscalYearStartMonth: fy,
  });
  const options = { org, team: null, period, today: benchAsOf };
  if (values.compare) {
    const loadBefore = load();
    const compared = await compareRanking(db, { ...options, samples });
    process.stdout.write(
      `${JSON.stringify({ engine: db.engine, loadBefore, loadAfter: load(), ...compared }, null, 1)}\n`,
    );
    process.exit(0);
  }
  const loadBefore = load();
  for (let i = 0; i < 3; i += 1) await buildTeamScorecard(db, options);

  // The whole build, as measured by the bench.
  const total: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = performance.now();
    await buildTeamScorecard(db, options);
    total.push(performance.now() - start);
  }
  // Statement by statement, serialised.
  const statements = new Map<string, Statement>();
  const serial = recording(statements);
  const serialTotal: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = performance.now();
    await buildTeamScorecard(serial, options);
    serialTotal.push(performance.now() - start);
  }
  // The JavaScript alone: the same build on a database that answers from memory.
  const answers = new Map<string, unknown[]>();
  for (const s of statements.values())
    answers.set(s.text + JSON.stringify(s.params), await db.query(s.text, s.params));
  const memory: Queryable = {
    query<T = Row>(text: string, params: readonly unknown[] = []) {
      return Promise.resolve((answers.get(text + JSON.stringify(params)) ?? []) as T[]);
    },
  };
  const js: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = performance.now();
    await buildTeamScorecard(memory, options);
    js.push(performance.now() - start);
  }
  const report = {
    engine: db.engine,
    period: period.key,
    previous: previousPeriod(period, fy).key,
    loadBefore,
    loadAfter: load(),
    total: summarize(total),
    serialTotal: summarize(serialTotal),
    javascript: summarize(js),
    statements: [...statements].map(([key, s]) => ({ key, rows: s.rows, ...summarize(s.ms) })),
  };
  process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
  if (values.explain) {
    for (const s of statements.values()) {
      const plan = await db.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers) ${s.text}`,
        s.params,
      );
      process.stdout.write(
        `\n${s.text.trim()}\n${plan.map((r) => r['QUERY PLAN'].slice(0, 240)).join('\n')}\n`,
      );
    }
  }
} finally {
  await db.close();
}
