import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from './report/write-results.js';
import { benchMain } from './run.js';

// The quick harness end to end on bench-S: every measure is produced with a sane shape.
// Timings are NOT asserted (the machine is shared); structure and row counts are. On a
// loaded machine (load 20 with eight test runs) the quick run alone can pass 5 minutes:
// its hook waits 15.
const onServer = Boolean(process.env.TEST_DATABASE_URL);
const finite = (x: number) => Number.isFinite(x) && x > 0;

describe('bench --quick', () => {
  let dir = '';
  let results: BenchResults;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rudder-bench-'));
    const previous = process.env.DATABASE_URL;
    if (onServer) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    try {
      const run = await benchMain({
        args: ['--quick', '--engine', onServer ? 'both' : 'pglite'],
        cacheDir: join(dir, 'cache'),
        outDir: dir,
        log: () => undefined,
      });
      if (run === null) throw new Error('a --quick run returns its results');
      results = run;
    } finally {
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
    }
  }, 900_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the bench-S organization with the counts of the spec', () => {
    // From the spec's constants, independently of bench/spec.ts: 20 reps, 13.33 reps per team,
    // 500 opportunities, 3 events each, 5,000 activities per rep, 40 goal months (2023-06…2026-09).
    const reps = 20;
    const teams = Math.round(reps / (2000 / 150));
    const expected = {
      person: reps + teams + 1,
      team: teams,
      team_membership: reps + reps / 10,
      stage: 8,
      goal: reps * 40,
      opportunity: reps * 500,
      opportunity_event: reps * 500 * 3,
      activity: reps * 5000,
      meeting: reps * 3,
    };
    const [size] = results.run.sizes;
    expect(size?.size).toBe('S');
    for (const engine of size?.engines ?? []) expect(engine.rows).toEqual(expected);
    expect(size?.engines.map((e) => e.engine)).toEqual(
      onServer ? ['pglite', 'postgres'] : ['pglite'],
    );
  });

  it('measures the import against COPY, the agenda, the ranking and the server', () => {
    for (const r of results.run.sizes[0]?.engines ?? []) {
      expect(r.import.measured).toBe(true);
      if (r.import.measured) {
        expect(r.import.rows).toBe(10_000);
        expect(
          [
            r.import.copySeconds,
            r.import.importSeconds,
            r.import.throughputRatio,
            r.import.unindexedCopySeconds,
            r.import.unindexedCopyRowsPerSecond,
            r.import.unindexedRatio,
          ].every(finite),
        ).toBe(true);
      }
      // The minimal facts at the HTTP load's 10 connections, for as long as the quick load.
      expect(r.minimalThroughput.callers).toBe(10);
      expect(r.minimalThroughput.statements).toBeGreaterThan(0);
      expect(
        [r.minimalThroughput.seconds, r.minimalThroughput.statementsPerSecond].every(finite),
      ).toBe(true);
      expect(r.agenda.samples).toBeGreaterThan(0);
      expect(
        [r.agenda.agenda.p50, r.agenda.agenda.p95, r.agenda.minimal.p95, r.agenda.ratioP95].every(
          finite,
        ),
      ).toBe(true);
      expect(r.agenda.factsMatch).toBe(true);
      expect(r.agenda.facts.opportunities).toBeGreaterThan(0);
      expect(r.scorecard.ranked).toBe(20);
      expect(r.scorecard.bareRows).toBe(20);
      expect([r.scorecard.scorecard.p95, r.scorecard.bareQuery.p95].every(finite)).toBe(true);
      expect(r.server.agenda?.non2xx).toBe(0);
      // The computed load's CPU split: the database's share apart only where it is a server.
      const cpu = r.server.agendaCpu;
      expect(cpu !== null && cpu.serverMs > 0 && cpu.loadGeneratorMs > 0).toBe(true);
      if (r.engine === 'pglite') expect(cpu?.databaseMs).toBeNull();
      else expect(cpu?.databaseMs).toBeGreaterThan(0);
      // The note says why a measure is missing (the probe's status and body).
      expect(r.server.agenda?.requests ?? 0, `${r.engine}: ${r.server.note}`).toBeGreaterThan(0);
      expect(r.server.scorecard?.requests ?? 0, `${r.engine}: ${r.server.note}`).toBeGreaterThan(0);
      expect(r.server.scorecard?.non2xx).toBe(0);
      // Reopened: the 20 reps of bench-S, each opened once before the load.
      expect(r.server.reopened.reps).toBe(20);
      expect(
        r.server.reopened.agenda?.requests ?? 0,
        `${r.engine}: ${r.server.note}`,
      ).toBeGreaterThan(0);
      expect(r.server.reopened.agenda?.non2xx).toBe(0);
      expect(r.server.reopened.scorecard?.non2xx).toBe(0);
      expect(
        [r.server.memory.rssMb, r.server.memoryUncached.rssMb, r.server.startup.medianMs].every(
          finite,
        ),
      ).toBe(true);
    }
  });

  it('checks every target of DESIGN.md', () => {
    const whats = new Set(results.targets.map((t) => t.what));
    // Eight targets; the agenda endpoint is checked computed and reopened.
    expect(whats.size).toBe(9);
    expect(results.machine.nproc).toBeGreaterThan(0);
    const computed = results.targets.filter((t) => t.what.includes('computed every time'));
    expect(computed.every((t) => t.measured.includes('minimal facts alone'))).toBe(true);
  });

  it('leaves every growth check unmeasured on the one size of a quick run', () => {
    // Three checks per engine (agenda flat, ranking and import linear), none with two sizes.
    const engines = results.run.sizes[0]?.engines.length ?? 0;
    expect(results.growth).toHaveLength(3 * engines);
    expect(results.growth.every((g) => g.met === null)).toBe(true);
  });

  it('writes the new baselines and the growth checks into RESULTS.md', async () => {
    const markdown = await readFile(join(dir, 'RESULTS.md'), 'utf8');
    expect(markdown).toContain('## Growth (DESIGN.md)');
    expect(markdown).toContain('| ratio to unindexed |');
    expect(markdown).toContain('| minimal facts/s, 10 connections | computed ÷ minimal |');
  });
});
