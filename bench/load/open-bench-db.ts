import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../../src/db/database.js';
import type { GeneratedSize } from '../generate/generate-size.js';
import { productModule } from '../measure/product.js';
import { adminQuery, type BenchTarget, type EngineName, postgresTarget } from './bench-target.js';
import { type LoadResult, loadTables } from './load-tables.js';

export interface BenchDb {
  db: Database;
  target: BenchTarget;
  /** The load of this run, or of the run that filled the cache. */
  load: LoadResult;
  cached: boolean;
}

export interface OpenBenchDbOptions {
  engine: EngineName;
  generated: GeneratedSize;
  /** PostgreSQL server (any database on it): the bench creates its own databases. */
  databaseUrl: string;
  log: (line: string) => void;
}

/** Opens the loaded bench database of a size, loading it first unless cached. */
export async function openBenchDb(options: OpenBenchDbOptions): Promise<BenchDb> {
  const { generated, log } = options;
  const target: BenchTarget =
    options.engine === 'pglite'
      ? { engine: 'pglite', dataDir: join(generated.dir, 'pglite') }
      : postgresTarget(options.databaseUrl, generated.spec.name);
  const cachedLoad = await readMarker(target, generated.key);
  if (cachedLoad) {
    const db = await open(target);
    return { db, target, load: cachedLoad, cached: true };
  }
  log(`Loading bench-${generated.spec.name} into ${options.engine}…`);
  await reset(target);
  const db = await open(target);
  try {
    const load = await loadTables(db, { csvDir: generated.csvDir, tables: generated.tables, log });
    await writeMarker(db, target, generated.key, load);
    return { db, target, load, cached: false };
  } catch (error: unknown) {
    await db.close();
    throw error;
  }
}

/** The database as the product opens it (see `productModule`). */
export async function open(target: BenchTarget): Promise<Database> {
  const { createDb } =
    await productModule<typeof import('../../src/db/create-db.js')>('db/create-db.js');
  return target.engine === 'pglite'
    ? createDb({ dataDir: target.dataDir })
    : createDb({ databaseUrl: target.databaseUrl });
}

/** An empty data folder or database (the loaded one of an older generator is dropped). */
export async function reset(target: BenchTarget): Promise<void> {
  if (target.engine === 'pglite') {
    await rm(target.dataDir, { recursive: true, force: true });
    return;
  }
  await adminQuery(target.adminUrl, `drop database if exists ${target.database} with (force)`);
  await adminQuery(target.adminUrl, `create database ${target.database}`);
}

interface Marker {
  key: string;
  load: LoadResult;
}

async function readMarker(target: BenchTarget, key: string): Promise<LoadResult | null> {
  let text: string | null = null;
  if (target.engine === 'pglite') {
    const path = join(target.dataDir, 'bench-loaded.json');
    text = existsSync(path) ? await readFile(path, 'utf8') : null;
  } else {
    const rows = await adminQuery<{ comment: string | null }>(
      target.adminUrl,
      `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
      [target.database],
    );
    text = rows[0]?.comment ?? null;
  }
  if (text === null) return null;
  try {
    const marker = JSON.parse(text) as Marker;
    return marker.key === key ? marker.load : null;
  } catch {
    return null;
  }
}

/** Written last: a load that was interrupted is redone by the next run. */
async function writeMarker(db: Database, target: BenchTarget, key: string, load: LoadResult) {
  const text = JSON.stringify({ key, load } satisfies Marker);
  if (target.engine === 'pglite') {
    await writeFile(join(target.dataDir, 'bench-loaded.json'), text);
  } else {
    await db.query(`comment on database ${target.database} is '${text.replaceAll("'", "''")}'`);
  }
}
