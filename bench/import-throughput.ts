// Informal throughput of an opportunities import vs a raw COPY of the same rows, on
// PGlite (in memory) and on PostgreSQL when DATABASE_URL is set:
//   npx tsx bench/import-throughput.ts 200000 [--without-rollup]
// --without-rollup disables the rep_month triggers first: the import as it was before the
// rollup, to measure what keeping it costs (same code, same run conditions).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../src/db/create-db.js';
import { insertOrg, insertPerson, insertStages } from '../src/db/test-fixtures.js';
import { importFile } from '../src/imports/import-file.js';
import { writeOpportunitiesCsv } from '../test/embedded/generate-opportunities.js';

const rows = Number(process.argv[2] ?? 200_000);
const withoutRollup = process.argv.includes('--without-rollup');
const dir = mkdtempSync(join(tmpdir(), 'rudder-bench-'));
const path = join(dir, 'opportunities.csv');
await writeOpportunitiesCsv(path, rows, 'owner@example.com');
const db = await createDb(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' },
);
try {
  // A PostgreSQL database keeps the setting between runs: set it either way.
  for (const name of ['insert', 'update', 'delete'])
    await db.query(
      `alter table opportunity ${withoutRollup ? 'disable' : 'enable always'} trigger opportunity_rep_month_${name}`,
    );
  console.log(`${db.engine}, rollup ${withoutRollup ? 'off' : 'kept by the triggers'}`);
  const orgId = await insertOrg(db, { slug: `bench-${Date.now()}` });
  await insertPerson(db, orgId, { name: 'Owner', email: `owner@example.com` });
  await insertStages(db, orgId);
  const asOf = new Date().toISOString();
  for (const label of ['first import (all new)', 'second import (all unchanged)']) {
    const start = performance.now();
    const result = await importFile({ db, orgId, path, settings: { kind: 'opportunities', asOf } });
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `${db.engine} ${label}: ${result.status} ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s`,
      result.counts,
    );
  }
  const text = readFileSync(path, 'utf8');
  const body = text.slice(text.indexOf('\n') + 1);
  const start = performance.now();
  await db.transaction(async (tx) => {
    await tx.query(`create temp table raw_copy (external_id text, name text, account text, owner text, stage text,
      amount text, probability text, created_at text, close_date text) on commit drop`);
    async function* chunks() {
      for (let at = 0; at < body.length; ) {
        let end = body.indexOf('\n', at + 8 * 1024 * 1024);
        end = end === -1 ? body.length : end + 1;
        yield body.slice(at, end);
        at = end;
      }
    }
    await db.copyIn(tx, {
      table: 'raw_copy',
      columns: [
        'external_id',
        'name',
        'account',
        'owner',
        'stage',
        'amount',
        'probability',
        'created_at',
        'close_date',
      ],
      csv: chunks(),
    });
  });
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${db.engine} raw COPY of the same rows: ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s`,
  );
  console.log(`peak RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
