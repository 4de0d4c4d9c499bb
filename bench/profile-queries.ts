import { parseArgs } from 'node:util';
import { prepareAgenda } from '../src/agenda/prepare-agenda.js';
import { benchOrgId, repId } from './generate/ids.js';
import { postgresTarget } from './load/bench-target.js';
import { open } from './load/open-bench-db.js';
import { bareRankingSql, measureScorecard } from './measure/measure-scorecard.js';
import { serialTiming, type TimedStatement } from './measure/serial-timing.js';
import { benchNow, isSizeName } from './spec.js';

/**
 * Where the time of one agenda and one org-wide ranking goes, query by query, on a loaded
 * bench database (run `npm run bench` first):
 *   tsx bench/profile-queries.ts --size L --engine postgres [--explain]
 * Each query is timed on its own (run one at a time); --explain prints EXPLAIN (ANALYZE,
 * BUFFERS) of the slowest queries.
 */
type Timing = Pick<TimedStatement, 'ms' | 'text' | 'params'>;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'L' },
    engine: { type: 'string', default: 'postgres' },
    explain: { type: 'boolean', default: false },
    dir: { type: 'string' },
  },
});
const size = (values.size ?? 'L').toUpperCase();
if (!isSizeName(size)) throw new Error('--size S|M|L');
const target =
  values.engine === 'pglite'
    ? { engine: 'pglite' as const, dataDir: values.dir ?? '' }
    : postgresTarget(
        process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rudder_bench',
        size,
      );
const db = await open(target);
try {
  const timings: Timing[] = [];
  const timed = serialTiming(db, (statement) => timings.push(statement));
  // Warm, then profile: one agenda (queries run in turn here, not concurrently).
  for (let r = 0; r < 5; r += 1)
    await prepareAgenda(db, { orgId: benchOrgId, personId: repId(r), now: new Date(benchNow) });
  await prepareAgenda(timed, { orgId: benchOrgId, personId: repId(7), now: new Date(benchNow) });
  const agenda = [...timings];
  timings.length = 0;
  await measureScorecard(db, { samples: 1, warmup: 1 });
  const { buildTeamScorecard } = await import('../src/scorecard/build-team-scorecard.js');
  const { loadOrgContext } = await import('../src/db/facts/org-context.js');
  const org = await loadOrgContext(db, benchOrgId);
  const period = {
    kind: 'month' as const,
    key: '2026-05',
    label: 'May 2026',
    start: '2026-05-01',
    end: '2026-06-01',
  };
  await buildTeamScorecard(timed, { org, team: null, period, today: '2026-06-15' });
  await timed.query(bareRankingSql, [benchOrgId, period.start, period.end, org.timeZone]);
  const ranking = [...timings];
  const show = async (title: string, list: Timing[]) => {
    const total = list.reduce((sum, t) => sum + t.ms, 0);
    process.stdout.write(`\n${title}: ${list.length} queries, ${total.toFixed(1)} ms in turn\n`);
    for (const t of [...list].sort((a, b) => b.ms - a.ms)) {
      process.stdout.write(
        `${t.ms.toFixed(2).padStart(8)} ms  ${t.text.replace(/\s+/g, ' ').slice(0, 110)}\n`,
      );
    }
    if (!values.explain) return;
    for (const t of [...list].sort((a, b) => b.ms - a.ms).slice(0, 2)) {
      const plan = await db.query<Record<string, string>>(
        `explain (analyze, buffers) ${t.text}`,
        t.params,
      );
      process.stdout.write(`\n${plan.map((row) => Object.values(row)[0]).join('\n')}\n`);
    }
  };
  await show('agenda (one rep)', agenda);
  await show('org-wide ranking', ranking);
} finally {
  await db.close();
}
