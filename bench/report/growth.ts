import type { EngineName } from '../load/bench-target.js';
import { ratio } from '../measure/stats.js';
import { repsBySize } from '../spec.js';
import type { TargetCheck } from './targets.js';

/** What the growth checks read of one engine's results at one size (a BenchRun has it). */
export interface GrowthEngine {
  engine: EngineName;
  agenda: { agenda: { p95: number }; minimal: { p95: number } };
  scorecard: { scorecard: { p95: number }; ranked: number };
  import: { measured: false } | { measured: true; importRowsPerSecond: number };
}

export interface GrowthRun {
  sizes: ReadonlyArray<{ size: string; spec: { reps: number }; engines: readonly GrowthEngine[] }>;
}

interface Point {
  size: string;
  reps: number;
  result: GrowthEngine;
}

const limits = { agendaFlat: 1.5, rankingPerRep: 1.5, importRows: 0.67 } as const;

/**
 * The ranking and the import are compared from bench-M up: at bench-S (20 reps, 10,000
 * rows) their fixed costs (planning, the organization's read, the import's set-up and
 * VACUUM) are most of the time, so the cost per rep or per row there is inflated and any
 * larger size would look as good or better whatever the growth: the check could not fail.
 */
const linearFrom = repsBySize.M;

/**
 * DESIGN.md's growth targets, each engine from its smallest to its largest size in the run:
 * a rep's computed agenda flat (p95 largest ÷ smallest ≤ 1.5), the organization-wide ranking
 * linear in reps (p95 per rep ranked, largest ÷ smallest from bench-M, ≤ 1.5) and the import
 * linear in rows (rows/s, largest ÷ smallest from bench-M, ≥ 0.67). A check without two sizes
 * to compare is not measured (met: null).
 */
export function checkGrowth(run: GrowthRun): TargetCheck[] {
  const engines = [...new Set(run.sizes.flatMap((s) => s.engines.map((r) => r.engine)))];
  return engines.flatMap((engine) => {
    const points = [...run.sizes]
      .sort((a, b) => a.spec.reps - b.spec.reps)
      .flatMap((s) => {
        const result = s.engines.find((r) => r.engine === engine);
        return result ? [{ size: s.size, reps: s.spec.reps, result }] : [];
      });
    const fromM = points.filter((p) => p.reps >= linearFrom);
    return [
      agendaFlat(engine, points),
      rankingLinear(engine, fromM),
      importLinear(
        engine,
        fromM.filter((p) => p.result.import.measured),
      ),
    ];
  });
}

function ends(points: readonly Point[]): [Point, Point] | null {
  const first = points[0];
  const last = points[points.length - 1];
  return first && last && points.length >= 2 ? [first, last] : null;
}

function notMeasured(what: string, engine: string, target: string, needs: string): TargetCheck {
  return { what, engine, target, measured: `not measured: ${needs}`, met: null, size: '-' };
}

function agendaFlat(engine: string, points: readonly Point[]): TargetCheck {
  const what = "a rep's computed agenda flat in size (p95, largest ÷ smallest)";
  const target = `≤ ${limits.agendaFlat}×`;
  const pair = ends(points);
  if (!pair) return notMeasured(what, engine, target, 'needs two sizes in the run');
  const [small, large] = pair;
  const a = small.result.agenda.agenda.p95;
  const b = large.result.agenda.agenda.p95;
  const r = ratio(b, a);
  return {
    what,
    engine,
    target,
    // Beside it, the same ratio of the one-statement minimal facts of the same run: how much
    // of the growth the engine itself shows for these facts.
    measured: `${r}× (${b} ms at ${large.size} ÷ ${a} ms at ${small.size}); the minimal facts ${ratio(
      large.result.agenda.minimal.p95,
      small.result.agenda.minimal.p95,
    )}× (${large.result.agenda.minimal.p95} ÷ ${small.result.agenda.minimal.p95} ms)`,
    met: r <= limits.agendaFlat,
    size: `${small.size} → ${large.size}`,
  };
}

function rankingLinear(engine: string, points: readonly Point[]): TargetCheck {
  const what = 'org-wide ranking linear in reps (p95 per rep ranked, largest ÷ smallest ≥ M)';
  const target = `≤ ${limits.rankingPerRep}×`;
  const pair = ends(points);
  if (!pair) return notMeasured(what, engine, target, 'needs two sizes from bench-M up');
  const [small, large] = pair;
  const perRep = (p: Point) => p.result.scorecard.scorecard.p95 / p.result.scorecard.ranked;
  const r = ratio(perRep(large), perRep(small));
  const shown = (p: Point) =>
    `${p.result.scorecard.scorecard.p95} ms ÷ ${p.result.scorecard.ranked} reps at ${p.size}`;
  return {
    what,
    engine,
    target,
    measured: `${r}× (${shown(large)}, against ${shown(small)})`,
    met: r <= limits.rankingPerRep,
    size: `${small.size} → ${large.size}`,
  };
}

function importLinear(engine: string, points: readonly Point[]): TargetCheck {
  const what = 'CSV import linear in rows (rows/s, largest ÷ smallest ≥ M)';
  const target = `≥ ${limits.importRows}×`;
  const pair = ends(points);
  const rowsPerSecond = (p: Point) =>
    p.result.import.measured ? p.result.import.importRowsPerSecond : Number.NaN;
  if (!pair) return notMeasured(what, engine, target, 'needs two imports from bench-M up');
  const [small, large] = pair;
  const r = ratio(rowsPerSecond(large), rowsPerSecond(small));
  return {
    what,
    engine,
    target,
    measured: `${r}× (${rowsPerSecond(large)} rows/s at ${large.size}, ${rowsPerSecond(small)} at ${small.size})`,
    met: r >= limits.importRows,
    size: `${small.size} → ${large.size}`,
  };
}
