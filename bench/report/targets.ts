import type { HttpResult } from '../measure/measure-server.js';
import { ratio } from '../measure/stats.js';
import type { BenchRun, EngineResult, SizeResult } from '../run-bench.js';

export interface TargetCheck {
  what: string;
  engine: string;
  target: string;
  measured: string;
  /** null: not measured. */
  met: boolean | null;
  size: string;
}

const limits = {
  agendaP95: { postgres: 10, pglite: 30 },
  rankingP95: { postgres: 25, pglite: 60 },
  agendaRps: { postgres: 1000, pglite: 400 },
  rssMb: { postgres: 200, pglite: 600 },
} as const;

function engineChecks(size: SizeResult, r: EngineResult): TargetCheck[] {
  const e = r.engine;
  const at = `bench-${size.size}`;
  const check = (what: string, target: string, measured: string, met: boolean | null) => ({
    what,
    engine: e,
    target,
    measured,
    met,
    size: at,
  });
  const imp = r.import;
  const httpCheck = (what: string, result: HttpResult | null, beside = '') =>
    result
      ? check(
          what,
          `≥ ${limits.agendaRps[e]} req/s`,
          `${result.requestsPerSecond} req/s (p99 ${result.p99Ms} ms)${beside}`,
          result.requestsPerSecond >= limits.agendaRps[e] && result.non2xx === 0,
        )
      : check(what, `≥ ${limits.agendaRps[e]} req/s`, `not measured (${r.server.note})`, null);
  return [
    imp.measured
      ? check(
          'CSV import vs raw COPY (throughput)',
          '≥ 0.5× COPY',
          `${imp.throughputRatio}× (${imp.importRowsPerSecond} vs ${imp.copyRowsPerSecond} rows/s)`,
          imp.throughputRatio >= 0.5,
        )
      : check('CSV import vs raw COPY (throughput)', '≥ 0.5× COPY', imp.reason, null),
    check(
      'one rep agenda p95',
      `≤ ${limits.agendaP95[e]} ms`,
      `${r.agenda.agenda.p95} ms`,
      r.agenda.agenda.p95 <= limits.agendaP95[e],
    ),
    // Issue #24: against the one-statement minimal facts (DESIGN.md's 1.5× was against the
    // sum of fifteen minimal queries, a floor that moved down with the agenda).
    check(
      'agenda vs minimal facts, one statement (p95)',
      '≤ 2×',
      `${r.agenda.ratioP95}×`,
      r.agenda.ratioP95 <= 2,
    ),
    check(
      'org-wide ranking p95',
      `≤ ${limits.rankingP95[e]} ms`,
      `${r.scorecard.scorecard.p95} ms (${r.scorecard.ranked} reps)`,
      r.scorecard.scorecard.p95 <= limits.rankingP95[e],
    ),
    // Beside it, the database's own ceiling for the agenda's facts at as many connections:
    // the target cannot be met while the minimal facts alone answer fewer per second.
    httpCheck(
      'agenda endpoint, 10 connections, computed every time',
      r.server.agenda,
      r.server.agenda
        ? `; minimal facts alone ${r.minimalThroughput.statementsPerSecond}/s, ratio ${minimalRatio(r)}×`
        : '',
    ),
    httpCheck(
      `agenda endpoint, 10 connections, reopened (${r.server.reopened.reps} reps)`,
      r.server.reopened.agenda,
    ),
    check(
      'server memory (RSS after load, default server)',
      `≤ ${limits.rssMb[e]} MB`,
      `${r.server.memory.rssMb} MB (peak ${r.server.memory.hwmMb} MB)`,
      r.server.memory.rssMb <= limits.rssMb[e],
    ),
    check(
      'start on existing data → first 200',
      '≤ 2 s',
      `${r.server.startup.medianMs} ms (median of ${r.server.startup.runs.length})`,
      r.server.startup.medianMs <= 2000,
    ),
  ];
}

/** Computed agenda req/s ÷ the minimal facts' statements/s at the same connections (null: no load). */
export function minimalRatio(r: Pick<EngineResult, 'server' | 'minimalThroughput'>): number | null {
  const agenda = r.server.agenda;
  return agenda ? ratio(agenda.requestsPerSecond, r.minimalThroughput.statementsPerSecond) : null;
}

/** DESIGN.md's targets, checked on the largest size of the run (they are stated for bench-L). */
export function checkTargets(run: BenchRun): TargetCheck[] {
  const largest = [...run.sizes].sort((a, b) => b.spec.reps - a.spec.reps)[0];
  const checks = largest ? largest.engines.flatMap((r) => engineChecks(largest, r)) : [];
  const web = run.web;
  checks.push({
    what: 'web app JavaScript, first screen (gzip)',
    engine: '-',
    target: '≤ 200 kB',
    measured: web.measured ? `${web.gzipKb} kB` : web.reason,
    met: web.measured ? web.gzipKb <= 200 : null,
    size: '-',
  });
  return checks;
}
