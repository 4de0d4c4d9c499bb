import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { createTestDb, testEngine } from './test-db.js';

describe(`database contract (${testEngine})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies every migration when created', async () => {
    const rows = await db.query<{ name: string }>(
      `select table_name as name from information_schema.tables
        where table_schema = 'public' order by 1`,
    );
    expect(rows.map((r) => r.name)).toEqual([
      'activity',
      'activity_share',
      'api_token',
      'audit_event',
      'calendar_feed',
      'commitment',
      'crm_connection',
      'crm_oauth_state',
      'data_version',
      'goal',
      'goal_event',
      'idempotent_request',
      'import_mapping',
      'import_run',
      'job',
      'meeting',
      'meeting_note',
      'meeting_series',
      'one_time_token',
      'opportunity',
      'opportunity_event',
      'org',
      'outbox_message',
      'person',
      'rep_month',
      'rep_month_activity',
      'rep_pre_work',
      'result_entry',
      'scorecard_publication',
      'session',
      'setup_token',
      'sign_in_limit',
      'stage',
      'team',
      'team_membership',
    ]);
  });

  it('returns int8, numeric, date and timestamptz alike on both engines', async () => {
    const [row] = await db.query(
      `select 9007199254740991::int8 as big, sum(x) as total, '2028-02-29'::date as day,
              '2026-10-31T23:30:00-07:00'::timestamptz as at
         from (values (1::bigint), (2::bigint)) t(x)`,
    );
    expect(row).toEqual({
      big: 9007199254740991,
      total: 3,
      day: '2028-02-29',
      at: '2026-11-01T06:30:00.000Z',
    });
  });

  it('rolls a transaction back when its function throws', async () => {
    const [org] = await db.query<{ id: string }>(
      `insert into org (slug, name) values ('rollback', 'Rollback') returning id`,
    );
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`update org set name = 'Changed' where id = $1`, [org?.id]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const [after] = await db.query<{ name: string }>('select name from org where id = $1', [
      org?.id,
    ]);
    expect(after?.name).toBe('Rollback');
  });

  it('keeps every key led by org_id', async () => {
    // DESIGN.md: org_id leads every primary key, unique key and index of tenant tables.
    const rows = await db.query<{ index: string; first: string }>(
      `select i.relname as index, a.attname as first
         from pg_index x
         join pg_class i on i.oid = x.indexrelid
         join pg_class t on t.oid = x.indrelid
         join pg_namespace n on n.oid = t.relnamespace
         left join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
        where n.nspname = 'public' and t.relname not in ('org', 'data_version', 'sign_in_limit', 'setup_token') and i.relname <> 'job_due_idx'
        order by 1`,
    );
    const notLed = rows.filter((r) => r.first !== 'org_id').map((r) => r.index);
    expect(notLed).toEqual([]);
    expect(rows.length).toBeGreaterThan(30);
  });
});
