import { describe, expect, it } from 'vitest';
import { checkGrowth, type GrowthEngine, type GrowthRun } from './growth.js';

// Hand-made runs: every ratio below is worked out by hand from the fixture's numbers.
interface At {
  agendaP95?: number;
  minimalP95?: number;
  rankingP95?: number;
  ranked?: number;
  /** null: the import was not measured at this size. */
  importRowsPerSecond?: number | null;
  engine?: GrowthEngine['engine'];
}

function engineAt(at: At): GrowthEngine {
  const rows = at.importRowsPerSecond === undefined ? 30_000 : at.importRowsPerSecond;
  return {
    engine: at.engine ?? 'pglite',
    agenda: { agenda: { p95: at.agendaP95 ?? 4 }, minimal: { p95: at.minimalP95 ?? 2 } },
    scorecard: { scorecard: { p95: at.rankingP95 ?? 10 }, ranked: at.ranked ?? 20 },
    import: rows === null ? { measured: false } : { measured: true, importRowsPerSecond: rows },
  };
}

const reps = { S: 20, M: 200, L: 2000 } as const;

function runOf(sizes: Partial<Record<keyof typeof reps, At[]>>): GrowthRun {
  return {
    sizes: Object.entries(sizes).map(([size, engines]) => ({
      size,
      spec: { reps: reps[size as keyof typeof reps] },
      engines: (engines ?? []).map(engineAt),
    })),
  };
}

const byWhat = (run: GrowthRun, engine = 'pglite') => {
  const checks = checkGrowth(run).filter((c) => c.engine === engine);
  const find = (start: string) => checks.find((c) => c.what.startsWith(start));
  return { agenda: find("a rep's"), ranking: find('org-wide'), import: find('CSV import') };
};

describe('checkGrowth', () => {
  it('measures nothing when the run has one size', () => {
    const checks = checkGrowth(runOf({ S: [{}] }));
    expect(checks.map((c) => [c.met, c.size])).toEqual([
      [null, '-'],
      [null, '-'],
      [null, '-'],
    ]);
    expect(checks.every((c) => c.measured.startsWith('not measured'))).toBe(true);
  });

  it("holds the agenda flat when its p95 at the largest size is at most 1.5× the smallest's", () => {
    // 6 ÷ 4 = 1.5 (met, the bound is inclusive); 6.4 ÷ 4 = 1.6 (not met).
    // Beside it the minimal facts' own ratio: 5 ÷ 2 = 2.5.
    const flat = byWhat(
      runOf({ S: [{ agendaP95: 4 }], M: [{}], L: [{ agendaP95: 6, minimalP95: 5 }] }),
    );
    expect(flat.agenda).toMatchObject({ met: true, size: 'S → L' });
    expect(flat.agenda?.measured).toBe(
      '1.5× (6 ms at L ÷ 4 ms at S); the minimal facts 2.5× (5 ÷ 2 ms)',
    );
    const grows = byWhat(runOf({ S: [{ agendaP95: 4 }], M: [{}], L: [{ agendaP95: 6.4 }] }));
    expect(grows.agenda).toMatchObject({ met: false, size: 'S → L' });
    expect(grows.agenda?.measured.startsWith('1.6×')).toBe(true);
  });

  it('compares the agenda of S and M when those are the sizes run, whatever their order', () => {
    // 5 ÷ 4 = 1.25; the ranking and the import need two sizes from M up.
    const checks = byWhat(runOf({ M: [{ agendaP95: 5 }], S: [{ agendaP95: 4 }] }));
    expect(checks.agenda).toMatchObject({ met: true, size: 'S → M' });
    expect(checks.agenda?.measured.startsWith('1.25×')).toBe(true);
    expect(checks.ranking?.met).toBeNull();
    expect(checks.import?.met).toBeNull();
  });

  it('takes the ranking per rep from bench-M up, not from bench-S', () => {
    // Per rep: S 10/20 = 0.5 ms, M 20/200 = 0.1 ms, L 300/2000 = 0.15 ms → L ÷ M = 1.5 (met).
    const linear = byWhat(
      runOf({
        S: [{ rankingP95: 10, ranked: 20 }],
        M: [{ rankingP95: 20, ranked: 200 }],
        L: [{ rankingP95: 300, ranked: 2000 }],
      }),
    );
    expect(linear.ranking).toMatchObject({ met: true, size: 'M → L' });
    expect(linear.ranking?.measured.startsWith('1.5×')).toBe(true);
    // L 400/2000 = 0.2 ms per rep: 2× M's (not met), though only 0.4× S's.
    const superlinear = byWhat(
      runOf({
        S: [{ rankingP95: 10, ranked: 20 }],
        M: [{ rankingP95: 20, ranked: 200 }],
        L: [{ rankingP95: 400, ranked: 2000 }],
      }),
    );
    expect(superlinear.ranking).toMatchObject({ met: false, size: 'M → L' });
    expect(superlinear.ranking?.measured.startsWith('2×')).toBe(true);
  });

  it('holds the import linear when its rows/s at the largest size is at least 0.67× that at M', () => {
    // L ÷ M: 21,000 / 30,000 = 0.7 (met); 20,000 / 30,000 = 0.667 (not met). Against S's
    // 50,000 both would fail: S is not the baseline.
    const linear = byWhat(
      runOf({
        S: [{ importRowsPerSecond: 50_000 }],
        M: [{ importRowsPerSecond: 30_000 }],
        L: [{ importRowsPerSecond: 21_000 }],
      }),
    );
    expect(linear.import).toMatchObject({ met: true, size: 'M → L' });
    expect(linear.import?.measured).toBe('0.7× (21000 rows/s at L, 30000 at M)');
    const slower = byWhat(
      runOf({ M: [{ importRowsPerSecond: 30_000 }], L: [{ importRowsPerSecond: 20_000 }] }),
    );
    expect(slower.import?.met).toBe(false);
    expect(slower.import?.measured.startsWith('0.667×')).toBe(true);
  });

  it('leaves the import unmeasured when only one size from M up has an import', () => {
    const checks = byWhat(
      runOf({
        S: [{ importRowsPerSecond: 50_000 }],
        M: [{ importRowsPerSecond: 30_000 }],
        L: [{ importRowsPerSecond: null }],
      }),
    );
    expect(checks.import?.met).toBeNull();
    expect(checks.ranking?.met).toBe(true);
  });

  it('checks each engine on the sizes it ran', () => {
    // PGlite at S and L (agenda 8 ÷ 4 = 2, not met); PostgreSQL at S only (not measured).
    const run = runOf({
      S: [{ agendaP95: 4 }, { engine: 'postgres', agendaP95: 2 }],
      L: [{ agendaP95: 8 }],
    });
    expect(byWhat(run, 'pglite').agenda?.met).toBe(false);
    expect(byWhat(run, 'postgres').agenda?.met).toBeNull();
    expect(checkGrowth(run)).toHaveLength(6);
  });
});
