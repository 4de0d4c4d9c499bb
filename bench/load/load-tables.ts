import { join } from 'node:path';
import type { Database } from '../../src/db/database.js';
import type { TableFile } from '../generate/table-file.js';
import { readChunks } from './read-chunks.js';

export interface LoadTiming {
  table: string;
  rows: number;
  seconds: number;
}

export interface LoadResult {
  tables: LoadTiming[];
  /** Dropping, then rebuilding the secondary indexes and foreign keys. */
  rebuildSeconds: number;
  vacuumSeconds: number;
  seconds: number;
}

interface Deferred {
  indexes: string[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

/**
 * Secondary indexes and foreign keys of the tables, dropped for the bulk load and rebuilt
 * after it (the standard bulk-load recipe: one sort per index, one join per key, instead
 * of one index insertion and one trigger per row). Primary keys stay.
 */
async function dropDeferred(db: Database, tables: readonly string[]): Promise<Deferred> {
  const indexes = await db.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i join pg_class c on c.oid = i.indrelid
      where c.relname = any($1::text[]) and c.relnamespace = 'public'::regnamespace
        and not i.indisprimary
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    [tables],
  );
  const foreignKeys = await db.query<{ table: string; name: string; definition: string }>(
    `select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition
       from pg_constraint k join pg_class c on c.oid = k.conrelid
      where k.contype = 'f' and c.relname = any($1::text[])
        and c.relnamespace = 'public'::regnamespace`,
    [tables],
  );
  for (const fk of foreignKeys)
    await db.query(`alter table "${fk.table}" drop constraint "${fk.name}"`);
  for (const index of indexes) await db.query(`drop index ${index.name}`);
  return { indexes: indexes.map((i) => i.definition), foreignKeys };
}

async function restoreDeferred(db: Database, deferred: Deferred): Promise<void> {
  for (const definition of deferred.indexes) await db.query(definition);
  for (const fk of deferred.foreignKeys) {
    await db.query(`alter table "${fk.table}" add constraint "${fk.name}" ${fk.definition}`);
  }
}

/** The rep_month rollup's triggers (migration rep-month-rollup), per table they watch. */
const rollupTriggers: Readonly<Record<string, string>> = {
  opportunity: 'opportunity_rep_month',
  activity: 'activity_rep_month',
  result_entry: 'result_entry_rep_month',
};

/**
 * Like the indexes, the rollup is built once after the bulk load rather than kept per COPY
 * statement: its triggers are off during the COPYs and the rollup is rebuilt from the tables.
 */
async function setRollupTriggers(db: Database, tables: readonly string[], on: boolean) {
  for (const table of tables) {
    const prefix = rollupTriggers[table];
    if (prefix === undefined) continue;
    for (const event of ['insert', 'update', 'delete'])
      await db.query(
        `alter table "${table}" ${on ? 'enable always' : 'disable'} trigger ${prefix}_${event}`,
      );
  }
  if (on) await db.query('select rudder_rep_month_rebuild(id) from org');
}

/** COPYs the generated files into a migrated, empty database, then VACUUM (ANALYZE). */
export async function loadTables(
  db: Database,
  options: { csvDir: string; tables: readonly TableFile[]; log: (line: string) => void },
): Promise<LoadResult> {
  const started = performance.now();
  const names = options.tables.map((t) => t.table);
  let rebuild = performance.now();
  const deferred = await dropDeferred(db, names);
  await setRollupTriggers(db, names, false);
  let rebuildSeconds = (performance.now() - rebuild) / 1000;
  const timings: LoadTiming[] = [];
  for (const file of options.tables) {
    const t0 = performance.now();
    const rows = await db.copyIn(db, {
      table: file.table,
      columns: file.columns,
      csv: readChunks(join(options.csvDir, file.file)),
    });
    if (rows !== file.rows)
      throw new Error(`${file.table}: loaded ${rows} rows, generated ${file.rows}`);
    const seconds = (performance.now() - t0) / 1000;
    timings.push({ table: file.table, rows, seconds });
    if (rows > 1000) options.log(`  ${file.table}: ${rows} rows in ${seconds.toFixed(1)} s`);
  }
  rebuild = performance.now();
  await restoreDeferred(db, deferred);
  await setRollupTriggers(db, names, true);
  rebuildSeconds += (performance.now() - rebuild) / 1000;
  options.log(`  indexes, foreign keys and the rollup rebuilt in ${rebuildSeconds.toFixed(1)} s`);
  const vacuum = performance.now();
  await db.vacuumAnalyze();
  const vacuumSeconds = (performance.now() - vacuum) / 1000;
  return {
    tables: timings,
    rebuildSeconds,
    vacuumSeconds,
    seconds: (performance.now() - started) / 1000,
  };
}
