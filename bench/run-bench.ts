import type { Database } from '../src/db/database.js';
import { generateSize } from './generate/generate-size.js';
import type { EngineName } from './load/bench-target.js';
import type { LoadResult } from './load/load-tables.js';
import { openBenchDb } from './load/open-bench-db.js';
import { type AgendaMeasure, measureAgenda } from './measure/measure-agenda.js';
import { type ImportMeasure, measureImport } from './measure/measure-import.js';
import {
  type MinimalThroughput,
  measureMinimalThroughput,
} from './measure/measure-minimal-throughput.js';
import { measureScorecard, type ScorecardMeasure } from './measure/measure-scorecard.js';
import { connections, measureServer, type ServerMeasure } from './measure/measure-server.js';
import { measureWeb, type WebMeasure } from './measure/measure-web.js';
import type { SizeName, SizeSpec } from './spec.js';

export interface BenchOptions {
  sizes: readonly SizeName[];
  engines: readonly EngineName[];
  quick: boolean;
  /** Generated CSV files and loaded PGlite folders live here, per size and generator version. */
  cacheDir: string;
  /** A PostgreSQL server; the bench creates its own databases on it. */
  databaseUrl: string;
  /** The repository (for bin/rudder.js and dist/web). */
  root: string;
  log: (line: string) => void;
  /** Called after every engine of every size with what is measured so far. */
  onProgress?: (partial: BenchRun) => Promise<void>;
}

export interface EngineResult {
  engine: EngineName;
  load: LoadResult & { cached: boolean };
  /** Rows in each table after the load, counted in the database. */
  rows: Record<string, number>;
  import: ImportMeasure;
  agenda: AgendaMeasure;
  scorecard: ScorecardMeasure;
  /** The one-statement minimal facts per second at the HTTP load's connections. */
  minimalThroughput: MinimalThroughput;
  server: ServerMeasure;
}

export interface SizeResult {
  size: SizeName;
  spec: SizeSpec;
  generation: { seconds: number; cached: boolean; key: string };
  engines: EngineResult[];
}

export interface BenchRun {
  sizes: SizeResult[];
  web: WebMeasure;
}

const counted = [
  'person',
  'team',
  'team_membership',
  'stage',
  'goal',
  'opportunity',
  'opportunity_event',
  'activity',
  'meeting',
];

async function countRows(db: Database): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const table of counted) {
    const [row] = await db.query<{ n: number }>(`select count(*)::int8 as n from "${table}"`);
    rows[table] = row?.n ?? 0;
  }
  return rows;
}

/** Generates and loads every size asked for on every engine, measuring nothing. */
export async function prepareBench(
  options: Pick<BenchOptions, 'sizes' | 'engines' | 'cacheDir' | 'databaseUrl' | 'log'>,
): Promise<void> {
  for (const size of options.sizes) {
    const generated = await generateSize(options.cacheDir, size);
    options.log(`bench-${size}: ${generated.cached ? 'cached' : 'generated'}`);
    for (const engine of options.engines) {
      const bench = await openBenchDb({ ...options, engine, generated });
      options.log(`bench-${size} ${engine}: ${bench.cached ? 'cached' : 'loaded'}`);
      await bench.db.close();
    }
  }
}

/** Runs every measure for every size and engine asked for. */
export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const { log, quick } = options;
  const iterations = quick
    ? {
        agenda: 20,
        agendaWarmup: 5,
        scorecard: 5,
        scorecardWarmup: 2,
        startups: 1,
        // Long enough that a loaded machine (CI runs two test files at once) still completes
        // requests on PGlite, whose one connection the server's job loop shares.
        seconds: 5,
        warmupSeconds: 1,
      }
    : {
        agenda: 200,
        agendaWarmup: 20,
        scorecard: 30,
        scorecardWarmup: 3,
        startups: 5,
        seconds: 10,
        warmupSeconds: 3,
      };
  const sizes: SizeResult[] = [];
  const web = await measureWeb(options.root);
  for (const size of options.sizes) {
    log(`bench-${size}: generating (or reusing) the CSV files…`);
    const generated = await generateSize(options.cacheDir, size);
    log(
      `bench-${size}: ${generated.cached ? 'cached' : `generated in ${generated.seconds.toFixed(1)} s`}`,
    );
    const engines: EngineResult[] = [];
    for (const engine of options.engines) {
      const common = { engine, generated, databaseUrl: options.databaseUrl, log };
      log(`bench-${size} ${engine}: import vs COPY…`);
      const imported = await measureImport(common);
      const bench = await openBenchDb(common);
      let result: Omit<EngineResult, 'server'>;
      try {
        const rows = await countRows(bench.db);
        log(`bench-${size} ${engine}: agenda…`);
        const agenda = await measureAgenda(bench.db, {
          reps: generated.spec.reps,
          samples: iterations.agenda,
          warmup: iterations.agendaWarmup,
        });
        log(`bench-${size} ${engine}: scorecard…`);
        const scorecard = await measureScorecard(bench.db, {
          samples: iterations.scorecard,
          warmup: iterations.scorecardWarmup,
        });
        // Here, while the bench database is open: PGlite's folder admits one process, and the
        // server below needs it.
        log(`bench-${size} ${engine}: minimal facts at ${connections} connections…`);
        const minimalThroughput = await measureMinimalThroughput(bench.db, {
          reps: generated.spec.reps,
          callers: connections,
          seconds: iterations.seconds,
          warmupSeconds: iterations.warmupSeconds,
        });
        result = {
          engine,
          load: { ...bench.load, cached: bench.cached },
          rows,
          import: imported,
          agenda,
          scorecard,
          minimalThroughput,
        };
      } finally {
        await bench.db.close();
      }
      log(`bench-${size} ${engine}: server start-up and HTTP…`);
      const server = await measureServer({
        target: bench.target,
        spec: generated.spec,
        startups: iterations.startups,
        seconds: iterations.seconds,
        warmupSeconds: iterations.warmupSeconds,
      });
      engines.push({ ...result, server });
      log(summaryLine(size, engines[engines.length - 1]));
      const current: SizeResult = {
        size,
        spec: generated.spec,
        generation: { seconds: generated.seconds, cached: generated.cached, key: generated.key },
        engines: [...engines],
      };
      await options.onProgress?.({ sizes: bySize([...sizes, current]), web });
    }
    sizes.push({
      size,
      spec: generated.spec,
      generation: { seconds: generated.seconds, cached: generated.cached, key: generated.key },
      engines,
    });
  }
  return { sizes: bySize(sizes), web };
}

/** Smallest first, whatever order they ran in (growth reads left to right). */
function bySize(sizes: SizeResult[]): SizeResult[] {
  return [...sizes].sort((a, b) => a.spec.reps - b.spec.reps);
}

function summaryLine(size: SizeName, r: EngineResult | undefined): string {
  if (!r) return '';
  const imp = r.import.measured ? `import ${r.import.throughputRatio}× COPY` : 'import n/a';
  return `bench-${size} ${r.engine}: agenda p95 ${r.agenda.agenda.p95} ms (minimal ${r.agenda.minimal.p95}), ranking p95 ${r.scorecard.scorecard.p95} ms, ${imp}, agenda ${r.server.agenda?.requestsPerSecond ?? '-'} req/s (minimal facts ${r.minimalThroughput.statementsPerSecond}/s, reopened ${r.server.reopened.agenda?.requestsPerSecond ?? '-'}), RSS ${r.server.memory.rssMb} MB, start ${r.server.startup.medianMs} ms`;
}
