/**
 * What both CRM sync benchmarks (measure-sync.ts, measure-sync-hubspot.ts) do once they have
 * their CRM's data: `rudder import` of the rows as a CSV file, timed; a first sync of the same
 * rows from the local CRM API into another organization, timed; one JSON report of both.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/database.js';
import { createTestDb, testEngine } from '../../src/db/test-db.js';
import { insertOrg, insertPerson } from '../../src/db/test-fixtures.js';
import { importFile } from '../../src/imports/import-file.js';
import type { PresetName } from '../../src/imports/read/presets.js';
import { type Clock, fixedClock } from '../../src/shared/clock.js';
import { type ConnectCrmOptions, connectCrm } from '../../src/sync/connect-crm.js';
import type { SecretBox } from '../../src/sync/secret-box.js';
import type { SyncResult } from '../../src/sync/sync-run.js';

export interface SyncAgainstCsvOptions {
  /** Prefixes the two organizations' slugs and the CSV's folder. */
  slug: string;
  rows: number;
  asOf: string;
  box: SecretBox;
  /** The local CRM API, its data loaded; started and stopped here. */
  fake: { start(): Promise<string>; stop(): Promise<void>; readonly url: string };
  /** The same rows as the CRM's CSV export, and the owner (CRM id) they all belong to. */
  csv: { file: string; header: string; lines: string[]; preset: PresetName; owner: string };
  /** How the sync organization connects to the fake at `url` (the box and `asOf` added). */
  connect: (url: string) => Omit<ConnectCrmOptions, 'orgId' | 'actorId' | 'box' | 'now'>;
  sync: (options: {
    db: Database;
    orgId: string;
    box: SecretBox;
    clock: Clock;
  }) => Promise<SyncResult>;
  /** The synced object whose new rows are the deals. */
  deals: string;
  /** More figures of the sync for the report (after `imported`). */
  details?: (sync: SyncResult) => Record<string, unknown>;
}

/** Runs both, on PGlite in memory or the PostgreSQL server of TEST_DATABASE_URL; prints the report. */
export async function measureSyncAgainstCsv(options: SyncAgainstCsvOptions): Promise<void> {
  const { rows, asOf, box, fake } = options;
  const db = await createTestDb();
  await fake.start();
  const folder = await mkdtemp(join(tmpdir(), `rudder-${options.slug}-`));
  try {
    const csvOrg = await insertOrg(db, { slug: `${options.slug}-csv` });
    await insertPerson(db, csvOrg, { name: 'Bench Owner', externalId: options.csv.owner });
    const path = join(folder, options.csv.file);
    await writeFile(path, `${options.csv.header}\n${options.csv.lines.join('\n')}\n`);
    let started = performance.now();
    const csv = await importFile({
      db,
      orgId: csvOrg,
      path,
      preset: options.csv.preset,
      settings: { kind: 'opportunities', asOf, addStages: true },
    });
    const csvSeconds = (performance.now() - started) / 1000;

    const syncOrg = await insertOrg(db, { slug: `${options.slug}-sync` });
    await connectCrm(db, {
      ...options.connect(fake.url),
      orgId: syncOrg,
      actorId: null,
      box,
      now: new Date(asOf),
    });
    started = performance.now();
    const sync = await options.sync({ db, orgId: syncOrg, box, clock: fixedClock(asOf) });
    const syncSeconds = (performance.now() - started) / 1000;
    const synced = sync.objects.find((o) => o.object === options.deals);
    const report = {
      engine: testEngine,
      rows,
      csv: {
        status: csv.status,
        seconds: csvSeconds,
        rowsPerSecond: Math.round(rows / csvSeconds),
      },
      sync: {
        status: sync.status,
        message: sync.message,
        imported: synced?.counts?.new,
        ...options.details?.(sync),
        requests: sync.requests,
        seconds: syncSeconds,
        rowsPerSecond: Math.round(rows / syncSeconds),
      },
      syncOverCsv: Number((csvSeconds / syncSeconds).toFixed(2)),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await fake.stop();
    await db.close();
    await rm(folder, { recursive: true, force: true });
  }
}
