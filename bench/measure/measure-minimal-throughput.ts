import type { Database } from '../../src/db/database.js';
import { loadOrgContext } from '../../src/db/facts/org-context.js';
import { benchOrgId, repId } from '../generate/ids.js';
import { runMinimalQueries } from '../minimal-queries.js';
import { benchAsOf } from '../spec.js';

export interface MinimalThroughput {
  /** Concurrent callers, as many as the HTTP load's connections. */
  callers: number;
  seconds: number;
  /** Minimal-facts statements answered in the timed window, and per second. */
  statements: number;
  statementsPerSecond: number;
}

/**
 * How many one-statement minimal facts (bench/minimal-queries.ts) per second the engine
 * answers with `callers` callers at once, each looping over its own reps for `seconds`: the
 * database's own ceiling for a computed agenda's facts, to set beside the agenda endpoint's
 * req/s. On PostgreSQL the bench database's pool holds 10 connections (as the server's),
 * so 10 callers keep 10 statements running; on PGlite its one connection takes them in turn.
 * A warm-up of the same shape comes first (plans prepared on every connection, caches warm).
 */
export async function measureMinimalThroughput(
  db: Database,
  options: { reps: number; callers: number; seconds: number; warmupSeconds: number },
): Promise<MinimalThroughput> {
  const org = await loadOrgContext(db, benchOrgId);
  const { reps, callers } = options;
  const run = async (seconds: number) => {
    const until = performance.now() + seconds * 1000;
    let statements = 0;
    // Caller c takes reps c, c + callers, c + 2·callers, … so that no two callers ask for
    // the same rep at the same moment (one rep's rows cached for all would flatter it).
    const caller = async (c: number) => {
      for (let n = c; performance.now() < until; n += callers) {
        await runMinimalQueries(db, { org, personId: repId(n % reps), asOf: benchAsOf });
        statements += 1;
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: callers }, (_, c) => caller(c)));
    return { statements, seconds: (performance.now() - start) / 1000 };
  };
  await run(options.warmupSeconds);
  const timed = await run(options.seconds);
  return {
    callers,
    seconds: Math.round(timed.seconds * 100) / 100,
    statements: timed.statements,
    statementsPerSecond: Math.round((timed.statements / timed.seconds) * 10) / 10,
  };
}
