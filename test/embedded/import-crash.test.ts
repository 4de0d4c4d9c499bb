import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/create-db.js';
import { insertOrg, insertPerson, insertStages } from '../../src/db/test-fixtures.js';
import { writeOpportunitiesCsv } from './generate-opportunities.js';
import { spawnTs } from './spawn-rudder.js';

const dir = mkdtempSync(join(tmpdir(), 'rudder-import-crash-'));
const file = join(dir, 'opportunities.csv');
const rows = 200_000;
const env = { RUDDER_DATA_DIR: join(dir, 'data') };
const args = ['opportunities', file, '--org', 'crash', '--as-of', '2024-06-01T00:00:00Z'];

beforeAll(async () => {
  const db = await createDb({ dataDir: env.RUDDER_DATA_DIR });
  try {
    const orgId = await insertOrg(db, { slug: 'crash' });
    await insertPerson(db, orgId, { name: 'Owner', email: 'owner@example.com' });
    await insertStages(db, orgId);
  } finally {
    await db.close();
  }
  await writeOpportunitiesCsv(file, rows, 'owner@example.com');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function countRows() {
  const db = await createDb({ dataDir: env.RUDDER_DATA_DIR });
  try {
    const [row] = await db.query<{ opportunities: number; events: number; running: number }>(
      `select (select count(*) from opportunity)::int8 as opportunities,
              (select count(*) from opportunity_event)::int8 as events,
              (select count(*) from import_run where status = 'running')::int8 as running`,
    );
    return row;
  } finally {
    await db.close();
  }
}

/** The runs as the import history keeps them, oldest first. */
async function runs() {
  const db = await createDb({ dataDir: env.RUDDER_DATA_DIR });
  try {
    return await db.query<{ status: string; errors: unknown; finished: boolean }>(
      `select status, errors, finished_at is not null as finished
         from import_run order by started_at`,
    );
  } finally {
    await db.close();
  }
}

describe('an import killed with kill -9', () => {
  it('leaves nothing of the file behind, and a re-run succeeds', { timeout: 900_000 }, async () => {
    const killed = spawnTs('test/embedded/run-import.ts', args, env);
    // The plain progress line (stderr is not a TTY) shows rows streaming in the transaction.
    await killed.waitFor(/import: reading, [1-9]\d* rows read/, 120_000);
    killed.child.kill('SIGKILL');
    expect(await killed.exited).toBe('SIGKILL');

    // Reopening takes over the stale data-folder lock; the open transaction is gone.
    expect(await countRows()).toEqual({ opportunities: 0, events: 0, running: 1 });

    const rerun = spawnTs('test/embedded/run-import.ts', args, env);
    expect(await rerun.exited).toBe(0);
    expect(rerun.output()).toContain(`new                    ${rows}`);
    expect(await countRows()).toEqual({ opportunities: rows, events: rows, running: 0 });
    // The CLI's start marked the killed run failed: on PGlite no other process can run it.
    expect(await runs()).toEqual([
      {
        status: 'failed',
        errors: [{ field: '(import)', reason: 'the server stopped during the import' }],
        finished: true,
      },
      { status: 'succeeded', errors: [], finished: true },
    ]);
  });
});
