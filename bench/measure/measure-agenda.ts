import type { Database } from '../../src/db/database.js';
import { loadOrgContext } from '../../src/db/facts/org-context.js';
import { createRandom } from '../../src/demo/random.js';
import { benchOrgId, repId } from '../generate/ids.js';
import { runMinimalQueries } from '../minimal-queries.js';
import { benchAsOf, benchNow } from '../spec.js';
import { countingQueryable } from './count-statements.js';
import { productModule } from './product.js';
import { type Latency, ratio, summarize, timed } from './stats.js';

export interface AgendaMeasure {
  samples: number;
  agenda: Latency;
  minimal: Latency;
  /** Statements of the minimal facts (one). */
  minimalQueries: number;
  /** Statements (round trips) one prepareAgenda sends, the organization's read included. */
  statements: number;
  /** prepareAgenda p50 / minimal p50, and the same at p95 (target ≤ 2, issue #24). */
  ratioP50: number;
  ratioP95: number;
  /**
   * Both fetched the same number of opportunities, goals, scheduled activities and team
   * results, and the same bookings and activity since the last 1:1 in total.
   */
  factsMatch: boolean;
  /** Facts of the first sampled rep, to show the agenda did real work. */
  facts: { opportunities: number; goals: number; scheduled: number; teamMembers: number };
}

/**
 * One rep's full agenda for random reps, after a warm-up, against the minimal queries for the
 * same rep in the same round (so noise from the machine hits both alike).
 */
export async function measureAgenda(
  db: Database,
  options: { reps: number; samples: number; warmup: number },
): Promise<AgendaMeasure> {
  const { prepareAgenda } = await productModule<
    typeof import('../../src/agenda/prepare-agenda.js')
  >('agenda/prepare-agenda.js');
  const { loadRepFacts } = await productModule<
    typeof import('../../src/db/facts/load-rep-facts.js')
  >('db/facts/load-rep-facts.js');
  const random = createRandom(0xa6e_da);
  const pick = () => repId(random.int(0, options.reps - 1));
  const now = new Date(benchNow);
  const run = (personId: string) => prepareAgenda(db, { orgId: benchOrgId, personId, now });
  const org = await loadOrgContext(db, benchOrgId);
  const minimal = (personId: string) => runMinimalQueries(db, { org, personId, asOf: benchAsOf });
  for (let i = 0; i < options.warmup; i += 1) {
    const personId = pick();
    await run(personId);
    await minimal(personId);
  }
  const agendaMs: number[] = [];
  const minimalMs: number[] = [];
  let queries = 0;
  for (let i = 0; i < options.samples; i += 1) {
    const personId = pick();
    // Alternate the order so neither always runs on a warmer cache.
    if (i % 2 === 0) {
      agendaMs.push((await timed(() => run(personId))).ms);
      const m = await timed(() => minimal(personId));
      minimalMs.push(m.ms);
      queries = Math.max(queries, m.value.statements);
    } else {
      const m = await timed(() => minimal(personId));
      minimalMs.push(m.ms);
      queries = Math.max(queries, m.value.statements);
      agendaMs.push((await timed(() => run(personId))).ms);
    }
  }
  const agenda = summarize(agendaMs);
  const floor = summarize(minimalMs);
  const personId = repId(0);
  const facts = await loadRepFacts(db, { org, personId, asOf: benchAsOf });
  const mine = await minimal(personId);
  const counted = countingQueryable(db);
  await prepareAgenda(counted.db, { orgId: benchOrgId, personId, now });
  const factsMatch =
    facts.opportunities.length === mine.opportunities &&
    facts.goals.length === mine.goals &&
    facts.scheduled.length === mine.scheduled &&
    (facts.team?.current.length ?? 0) + (facts.team?.previous.length ?? 0) === mine.teamMembers &&
    facts.months.reduce((sum, m) => sum + m.bookings, 0) === mine.bookings &&
    facts.activitySince.reduce((sum, a) => sum + a.count, 0) === mine.activitySince;
  return {
    samples: options.samples,
    agenda,
    minimal: floor,
    minimalQueries: queries,
    statements: counted.statements(),
    ratioP50: ratio(agenda.p50, floor.p50),
    ratioP95: ratio(agenda.p95, floor.p95),
    factsMatch,
    facts: {
      opportunities: facts.opportunities.length,
      goals: facts.goals.length,
      scheduled: facts.scheduled.length,
      teamMembers: mine.teamMembers,
    },
  };
}
