import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/create-db.js';
import { insertOrg, insertPerson, insertStages } from '../../src/db/test-fixtures.js';
import { spawnTs } from './spawn-rudder.js';

const dir = mkdtempSync(join(tmpdir(), 'rudder-import-nul-'));
const file = join(dir, 'opportunities.csv');
const env = { RUDDER_DATA_DIR: join(dir, 'data') };

beforeAll(async () => {
  const db = await createDb({ dataDir: env.RUDDER_DATA_DIR });
  try {
    const orgId = await insertOrg(db, { slug: 'nul' });
    await insertPerson(db, orgId, { name: 'Owner', email: 'owner@example.com' });
    await insertStages(db, orgId);
  } finally {
    await db.close();
  }
  writeFileSync(
    file,
    'external_id,name,owner,stage,amount,close_date\n' +
      'A-1,Deal one,owner@example.com,Proposal,5,2024-06-30\n' +
      'A-2,Deal\u0000two,owner@example.com,Proposal,5,2024-06-30\n',
  );
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rudder import of a file with a NUL byte in a cell', () => {
  it('prints the row error with its line and field, not a stack trace', async () => {
    const run = spawnTs('src/cli/index.ts', ['import', 'opportunities', file, '--org', 'nul'], env);
    expect(await run.exited).toBe(1);
    const output = run.output();
    expect(output).not.toContain('unexpected error');
    expect(output).toContain('failed: nothing written');
    expect(output).toMatch(/line 3\s+name "Deal␀two": contains a NUL character/);
  }, 180_000);
});
