import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg, insertPerson, insertStages } from '../db/test-fixtures.js';
import { importFile } from './import-file.js';
import { csvFolder, dataDigest } from './test-files.js';

const header = 'external_id,name,owner,stage,amount,close_date';
const good = (id: string, amount = '100.00') =>
  `${id},Deal ${id},rep@example.com,Proposal,${amount},2024-06-30`;

let db: Database;
let orgId: string;
const files = csvFolder();

beforeAll(async () => {
  db = await createTestDb();
  orgId = await insertOrg(db, { slug: 'bad-files' });
  await insertPerson(db, orgId, { name: 'Rep', email: 'rep@example.com' });
  await insertStages(db, orgId);
  // Something to keep: the failed imports below must not touch it.
  await importFile({
    db,
    orgId,
    path: files.write('base.csv', `${header}\n${good('BASE-1')}\n`),
    settings: { kind: 'opportunities', asOf: '2024-01-01T00:00:00Z' },
  });
});
afterAll(async () => {
  files.remove();
  await db.close();
});

async function importText(name: string, text: string) {
  const before = await dataDigest(db);
  const result = await importFile({
    db,
    orgId,
    path: files.write(name, text),
    settings: { kind: 'opportunities', asOf: '2024-02-01T00:00:00Z' },
  });
  expect(result.status).toBe('failed');
  expect(await dataDigest(db)).toEqual(before);
  const [run] = await db.query<{ status: string; errors: unknown[] }>(
    'select status, errors from import_run where org_id = $1 and id = $2',
    [orgId, result.runId],
  );
  expect(run?.status).toBe('failed');
  expect(run?.errors.length).toBeGreaterThan(0);
  return result;
}

describe(`bad opportunity files on ${testEngine}`, () => {
  it('names the delimiter when a ; file is read with the wrong one', async () => {
    const text = `${header.replaceAll(',', ';')}\n${good('A-1').replaceAll(',', ';')}\n`;
    const result = await importFile({
      db,
      orgId,
      path: files.write('semicolon.csv', text),
      delimiter: ',',
      settings: { kind: 'opportunities', asOf: '2024-02-01T00:00:00Z' },
    });
    expect(result.status).toBe('failed');
    expect(result.errors[0]).toMatchObject({ line: 1, field: '(row)' });
    expect(result.errors[0]?.reason).toContain('wrong delimiter');
  });

  it('lists a missing required column', async () => {
    const result = await importText(
      'no-stage.csv',
      'external_id,name,owner,amount,close_date\nA-1,Deal,rep@example.com,5,2024-06-30\n',
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: 1,
        field: 'stage',
        reason: expect.stringContaining('no column for stage'),
      }),
    ]);
  });

  it('reports ragged rows by line and writes nothing of the good ones', async () => {
    const result = await importText(
      'ragged.csv',
      `${header}\n${good('A-1')}\n${good('A-2')},extra\nA-3,Deal\n`,
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: 3,
        field: '(row)',
        reason: 'expected 6 fields as in the header, found 7',
      }),
      expect.objectContaining({
        line: 4,
        field: '(row)',
        reason: 'expected 6 fields as in the header, found 2',
      }),
    ]);
  });

  it('reports invalid dates with line, field and value', async () => {
    const result = await importText(
      'dates.csv',
      `${header}\n${good('A-1')}\nA-2,Deal,rep@example.com,Proposal,5,2024-02-30\n`,
    );
    expect(result.errors).toEqual([
      {
        line: 3,
        field: 'close_date',
        value: '2024-02-30',
        reason: expect.stringContaining('2024-02-30'),
      },
    ]);
  });

  it('reports a NUL character in a cell as a row error, shown as ␀, not a failed COPY', async () => {
    const result = await importText(
      'nul.csv',
      `${header}\n${good('A-1')}\nA-2,Deal\u0000 two,rep@example.com,Proposal,5,2024-06-30\n`,
    );
    expect(result.errors).toEqual([
      { line: 3, field: 'name', value: 'Deal\u2400 two', reason: 'contains a NUL character' },
    ]);
  });

  it('ignores a NUL in a column that is not imported', async () => {
    const before = await dataDigest(db);
    const result = await importFile({
      db,
      orgId,
      path: files.write('nul-ignored.csv', `${header},notes\n${good('NUL-1')},a\u0000b\n`),
      settings: { kind: 'opportunities', asOf: '2024-02-01T00:00:00Z', dryRun: true },
    });
    expect(result).toMatchObject({ status: 'succeeded', errors: [] });
    expect(result.counts).toMatchObject({ rows: 1, new: 1 });
    expect(await dataDigest(db)).toEqual(before);
  });

  it('rejects negative and non-numeric amounts', async () => {
    const result = await importText(
      'amounts.csv',
      `${header}\n${good('A-1', '-500')}\n${good('A-2', 'lots')}\n${good('A-3', '12.5.0')}\n`,
    );
    expect(result.errors.map((e) => [e.line, e.field, e.value])).toEqual([
      [2, 'amount', '-500'],
      [3, 'amount', 'lots'],
      [4, 'amount', '12.5.0'],
    ]);
    expect(result.errors[0]?.reason).toContain('negative');
  });

  it('names both lines of a repeated external id', async () => {
    const result = await importText(
      'dupes.csv',
      `${header}\n${good('A-1')}\n${good('A-2')}\n${good('A-1', '7')}\n`,
    );
    expect(result.errors).toEqual([
      {
        line: 4,
        field: 'external_id',
        value: 'A-1',
        reason: expect.stringContaining('also on line 2'),
      },
    ]);
  });

  it('stops at a 10 MB field with its line', async () => {
    const huge = `"${'x'.repeat(10 * 1024 * 1024)}"`;
    const result = await importText(
      'huge.csv',
      `${header}\n${good('A-1')}\nA-2,${huge},rep@example.com,Proposal,5,2024-06-30\n`,
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: 3,
        field: '(row)',
        reason: expect.stringContaining('larger than the limit'),
      }),
    ]);
  });

  it('rejects unknown stages and owners unless told how to handle them', async () => {
    const result = await importText(
      'refs.csv',
      `${header}\nA-1,Deal,nobody@example.com,Dreaming,5,2024-06-30\n`,
    );
    expect(result.errors.map((e) => e.field)).toEqual(['owner', 'stage']);
  });

  it('writes nothing but the import_run record in a dry run', async () => {
    const before = await dataDigest(db);
    const result = await importFile({
      db,
      orgId,
      path: files.write('dry.csv', `${header}\n${good('BASE-1', '200')}\n${good('NEW-1')}\n`),
      settings: { kind: 'opportunities', asOf: '2024-02-01T00:00:00Z', dryRun: true },
    });
    expect(result).toMatchObject({ status: 'succeeded', dryRun: true });
    expect(result.counts).toMatchObject({ new: 1, changed: 1, unchanged: 0, errors: 0, events: 2 });
    expect(await dataDigest(db)).toEqual(before);
  });
});
