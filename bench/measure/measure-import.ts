import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../../src/db/database.js';
import type { GeneratedSize } from '../generate/generate-size.js';
import type { TableFile } from '../generate/table-file.js';
import { adminQuery, type BenchTarget, postgresTarget } from '../load/bench-target.js';
import { open, reset } from '../load/open-bench-db.js';
import { readChunks } from '../load/read-chunks.js';
import { benchNow } from '../spec.js';
import { ratio } from './stats.js';

export type ImportMeasure =
  | { measured: false; reason: string }
  | {
      measured: true;
      rows: number;
      /** `COPY opportunity FROM` the same rows, already resolved to ids (the database's limit). */
      copySeconds: number;
      copyRowsPerSecond: number;
      /** importFile: parse, validate, stage, merge, events, VACUUM (ANALYZE) — what `rudder import` does. */
      importSeconds: number;
      importRowsPerSecond: number;
      /** Import throughput / COPY throughput (target ≥ 0.5). */
      throughputRatio: number;
      /**
       * `COPY` of the same rows into a table of the same columns with no index, key or foreign
       * key (the engine's limit for writing them at all), and the import's ratio to it (no
       * target: it shows how much of the gap the indexes and keys alone explain).
       */
      unindexedCopySeconds: number;
      unindexedCopyRowsPerSecond: number;
      unindexedRatio: number;
      /**
       * The bench process's RSS before the import and its peak during it (sampled every
       * 50 ms): on PostgreSQL that is the import's own memory, which must not grow with the
       * file; on PGlite it includes the database's WASM heap.
       */
      rssBeforeMb: number;
      peakRssMb: number;
      status: string;
      counts: Record<string, number>;
    };

type ImportFileFn = (options: {
  db: Database;
  orgId: string;
  path: string;
  settings: { kind: 'opportunities'; asOf: string };
}) => Promise<{ status: string; counts: object; errors: unknown[] }>;

/** The import pipeline, if this checkout has it (it is being written alongside the bench). */
async function findImportFile(): Promise<ImportFileFn | null> {
  try {
    const module = (await import('../../src/imports/import-file.js')) as {
      importFile?: ImportFileFn;
    };
    return typeof module.importFile === 'function' ? module.importFile : null;
  } catch {
    return null;
  }
}

/**
 * CSV import of the size's opportunities into an empty organization (its people and stages
 * loaded), against a raw COPY of the same rows into the same empty table. A fresh database,
 * so the cached bench data stays as generated.
 */
export async function measureImport(options: {
  engine: BenchTarget['engine'];
  generated: GeneratedSize;
  databaseUrl: string;
  log: (line: string) => void;
}): Promise<ImportMeasure> {
  const importFile = await findImportFile();
  if (!importFile) return { measured: false, reason: 'not measured: import not yet built' };
  const { generated } = options;
  const scratch = await mkdtemp(join(generated.dir, 'import-'));
  const target: BenchTarget =
    options.engine === 'pglite'
      ? { engine: 'pglite', dataDir: join(scratch, 'pglite') }
      : postgresTarget(options.databaseUrl, `import_${generated.spec.name}`);
  await reset(target);
  const db = await open(target);
  try {
    const parents = generated.tables.filter((t) =>
      ['org', 'person', 'team', 'stage'].includes(t.table),
    );
    for (const file of parents) await copyFile(db, generated.csvDir, file);
    const opportunity = generated.tables.find((t) => t.table === 'opportunity');
    if (!opportunity) throw new Error('no opportunity file');
    await db.vacuumAnalyze();
    const copyStart = performance.now();
    const copied = await copyFile(db, generated.csvDir, opportunity);
    const copySeconds = (performance.now() - copyStart) / 1000;
    await db.query('truncate opportunity cascade');
    const unindexedSeconds = await copyUnindexed(db, generated.csvDir, opportunity, copied);
    await db.vacuumAnalyze(['opportunity', 'opportunity_event']);
    options.log(
      `  raw COPY: ${copied} rows in ${copySeconds.toFixed(2)} s (unindexed ${unindexedSeconds.toFixed(2)} s); importing…`,
    );
    const [org] = await db.query<{ id: string }>('select id from org');
    const rssBefore = process.memoryUsage.rss();
    let peakRss = rssBefore;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 50);
    const importStart = performance.now();
    const result = await importFile({
      db,
      orgId: org?.id ?? '',
      path: join(generated.csvDir, generated.importFile.file),
      settings: { kind: 'opportunities', asOf: benchNow },
    }).finally(() => clearInterval(sampler));
    const importSeconds = (performance.now() - importStart) / 1000;
    const [count] = await db.query<{ n: number }>('select count(*)::int8 as n from opportunity');
    if (result.status !== 'succeeded' || count?.n !== copied) {
      throw new Error(
        `import ${result.status}: ${count?.n} rows, ${JSON.stringify(result.errors.slice(0, 3))}`,
      );
    }
    const counts = Object.fromEntries(
      Object.entries(result.counts).filter((e): e is [string, number] => typeof e[1] === 'number'),
    );
    return {
      measured: true,
      rows: copied,
      copySeconds,
      copyRowsPerSecond: Math.round(copied / copySeconds),
      importSeconds,
      importRowsPerSecond: Math.round(copied / importSeconds),
      throughputRatio: ratio(copySeconds, importSeconds),
      unindexedCopySeconds: unindexedSeconds,
      unindexedCopyRowsPerSecond: Math.round(copied / unindexedSeconds),
      unindexedRatio: ratio(unindexedSeconds, importSeconds),
      rssBeforeMb: Math.round(rssBefore / 2 ** 20),
      peakRssMb: Math.round(peakRss / 2 ** 20),
      status: result.status,
      counts,
    };
  } finally {
    await db.close();
    if (target.engine === 'postgres') {
      await adminQuery(target.adminUrl, `drop database if exists ${target.database} with (force)`);
    }
    await rm(scratch, { recursive: true, force: true });
  }
}

async function copyFile(db: Database, csvDir: string, file: TableFile): Promise<number> {
  return db.copyIn(db, {
    table: file.table,
    columns: file.columns,
    csv: readChunks(join(csvDir, file.file)),
  });
}

/**
 * Seconds to COPY the opportunity file into a new table of the same columns with nothing
 * else. `LIKE … INCLUDING DEFAULTS` copies the names, types, NOT NULL and defaults (a column
 * the file omits is filled as in the real table) and leaves out the primary key, indexes,
 * checks, foreign keys and the rollup's triggers. A plain (logged) table, not a temporary or
 * unlogged one: those skip the write-ahead log or use the session's small local buffers,
 * which the real table cannot, so the gap to the indexed COPY would not be the indexes, keys
 * and triggers alone. Dropped afterwards: the import must find the database as before.
 */
async function copyUnindexed(
  db: Database,
  csvDir: string,
  file: TableFile,
  expected: number,
): Promise<number> {
  const table = 'bench_opportunity_unindexed';
  await db.query(`create table ${table} (like opportunity including defaults)`);
  try {
    const start = performance.now();
    const copied = await copyFile(db, csvDir, { ...file, table });
    const seconds = (performance.now() - start) / 1000;
    if (copied !== expected) throw new Error(`unindexed COPY: ${copied} of ${expected} rows`);
    return seconds;
  } finally {
    await db.query(`drop table ${table}`);
  }
}
