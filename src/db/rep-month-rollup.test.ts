import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../imports/import-file.js';
import { csvFolder } from '../imports/test-files.js';
import type { Database } from './database.js';
import { createTestDb, testEngine } from './test-db.js';
import { insertOrg, insertPerson, insertStages, insertTeam } from './test-fixtures.js';
import { recomputedRollup, storedRollup } from './test-rollup.js';

const people = ['ann@example.com', 'bob@example.com', 'cy@example.com'] as const;
const stageNames = ['Qualification', 'Proposal', 'Closed Won', 'Closed Lost'] as const;
const zones = ['UTC', 'America/New_York', 'Asia/Tokyo'] as const;

/** An instant in Jan–Apr 2024 at a random hour, so local months differ between zones. */
const instantArb = fc
  .record({ day: fc.integer({ min: 0, max: 119 }), hour: fc.integer({ min: 0, max: 23 }) })
  .map(({ day, hour }) => new Date(Date.UTC(2024, 0, 1 + day, hour)).toISOString());

const oppRowArb = fc.record({
  key: fc.integer({ min: 0, max: 7 }),
  owner: fc.constantFrom(...people),
  stage: fc.constantFrom(...stageNames),
  amount: fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: undefined }),
  created: instantArb,
  closeDay: instantArb.map((i) => i.slice(0, 10)),
});
const activityRowArb = fc.record({
  key: fc.integer({ min: 0, max: 7 }),
  person: fc.constantFrom(...people),
  kind: fc.constantFrom('Call', 'Email'),
  at: instantArb,
  count: fc.integer({ min: 1, max: 4 }),
});
const resultRowArb = fc.record({
  key: fc.integer({ min: 0, max: 5 }),
  person: fc.constantFrom(...people),
  day: instantArb.map((i) => i.slice(0, 10)),
  amount: fc.integer({ min: 0, max: 50_000 }),
});

/** The values an arbitrary generates. */
type ArbValue<A> = A extends fc.Arbitrary<infer T> ? T : never;

type Step =
  | { kind: 'opportunities'; rows: Array<ArbValue<typeof oppRowArb>> }
  | { kind: 'activities'; rows: Array<ArbValue<typeof activityRowArb>> }
  | { kind: 'results'; rows: Array<ArbValue<typeof resultRowArb>> }
  | { kind: 'owner'; key: number; to: number }
  | { kind: 'status'; key: number; won: boolean; at: string }
  | { kind: 'delete result'; key: number }
  | { kind: 'delete activity'; key: number }
  | { kind: 'move activity'; key: number; at: string; count: number }
  | { kind: 'time zone'; zone: (typeof zones)[number] }
  | { kind: 'team move'; person: number; day: string }
  | { kind: 'rolled back'; key: number; to: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('opportunities' as const),
    rows: fc.array(oppRowArb, { maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('activities' as const),
    rows: fc.array(activityRowArb, { maxLength: 6 }),
  }),
  fc.record({
    kind: fc.constant('results' as const),
    rows: fc.array(resultRowArb, { maxLength: 5 }),
  }),
  fc.record({
    kind: fc.constant('owner' as const),
    key: fc.integer({ min: 0, max: 7 }),
    to: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({
    kind: fc.constant('status' as const),
    key: fc.integer({ min: 0, max: 7 }),
    won: fc.boolean(),
    at: instantArb,
  }),
  fc.record({ kind: fc.constant('delete result' as const), key: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('delete activity' as const), key: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    kind: fc.constant('move activity' as const),
    key: fc.integer({ min: 0, max: 7 }),
    at: instantArb,
    count: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('time zone' as const), zone: fc.constantFrom(...zones) }),
  fc.record({
    kind: fc.constant('team move' as const),
    person: fc.integer({ min: 0, max: 2 }),
    day: instantArb.map((i) => i.slice(0, 10)),
  }),
  fc.record({
    kind: fc.constant('rolled back' as const),
    key: fc.integer({ min: 0, max: 7 }),
    to: fc.integer({ min: 0, max: 2 }),
  }),
);

/** An import that failed would leave nothing to check. */
function succeeded(result: { status: string; errors: unknown[] }): void {
  expect(result.errors).toEqual([]);
  expect(result.status).toBe('succeeded');
}

/** Last row per key: a file names each record once. */
function lastPerKey<T extends { key: number }>(rows: readonly T[]): T[] {
  return [...new Map(rows.map((row) => [row.key, row])).values()];
}

describe(`the rep_month rollup (${testEngine})`, () => {
  let db: Database;
  const files = csvFolder();
  let run = 0;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    files.remove();
    await db.close();
  });

  async function apply(
    orgId: string,
    personIds: string[],
    step: Step,
    index: number,
  ): Promise<void> {
    const asOf = new Date(Date.UTC(2024, 4, 1 + index)).toISOString();
    const write = (name: string, lines: string[]) =>
      files.write(`${run}-${index}-${name}`, lines.join('\n'));
    if (step.kind === 'opportunities') {
      const lines = lastPerKey(step.rows).map(
        (r) =>
          `O-${r.key},Deal ${r.key},${r.owner},${r.stage},${r.amount ?? ''},${r.closeDay},${r.created}`,
      );
      const path = write('o.csv', [
        'external_id,name,owner,stage,amount,close_date,created_at',
        ...lines,
      ]);
      succeeded(await importFile({ db, orgId, path, settings: { kind: 'opportunities', asOf } }));
    } else if (step.kind === 'activities') {
      const lines = lastPerKey(step.rows).map(
        (r) => `A-${r.key},${r.person},${r.kind},${r.at},,,${r.count}`,
      );
      const path = write('a.csv', [
        'external_id,person,kind,occurred_at,opportunity_external_id,subject,count',
        ...lines,
      ]);
      succeeded(await importFile({ db, orgId, path, settings: { kind: 'activities', asOf } }));
    } else if (step.kind === 'results') {
      const lines = lastPerKey(step.rows).map((r) => `R-${r.key},${r.person},${r.day},${r.amount}`);
      const path = write('r.csv', ['external_id,person,period,amount', ...lines]);
      succeeded(await importFile({ db, orgId, path, settings: { kind: 'results', asOf } }));
    } else if (step.kind === 'owner') {
      await db.query(
        'update opportunity set owner_id = $3 where org_id = $1 and external_id = $2',
        [orgId, `O-${step.key}`, personIds[step.to]],
      );
    } else if (step.kind === 'status') {
      await db.query(
        `update opportunity set status = $3, closed_at = $4,
                stage_id = (select id from stage where org_id = $1 and name = $5)
          where org_id = $1 and external_id = $2`,
        [
          orgId,
          `O-${step.key}`,
          step.won ? 'won' : 'lost',
          step.at,
          step.won ? 'Closed Won' : 'Closed Lost',
        ],
      );
    } else if (step.kind === 'delete result') {
      await db.query('delete from result_entry where org_id = $1 and external_id = $2', [
        orgId,
        `R-${step.key}`,
      ]);
    } else if (step.kind === 'delete activity') {
      await db.query('delete from activity where org_id = $1 and external_id = $2', [
        orgId,
        `A-${step.key}`,
      ]);
    } else if (step.kind === 'move activity') {
      await db.query(
        'update activity set occurred_at = $3, count = $4 where org_id = $1 and external_id = $2',
        [orgId, `A-${step.key}`, step.at, step.count],
      );
    } else if (step.kind === 'time zone') {
      await db.query('update org set time_zone = $2 where id = $1', [orgId, step.zone]);
    } else if (step.kind === 'team move') {
      await insertTeam(db, orgId, {
        name: `Team ${run}-${index}`,
        members: [{ personId: personIds[step.person] ?? '', from: step.day }],
      });
    } else {
      // A write that fails after changing rows: its rollup changes go with it.
      const failed = db.transaction(async (tx) => {
        await tx.query('update opportunity set owner_id = $2 where org_id = $1', [
          orgId,
          personIds[step.to],
        ]);
        await tx.query('delete from activity where org_id = $1', [orgId]);
        throw new Error('rolled back on purpose');
      });
      await expect(failed).rejects.toThrow('rolled back on purpose');
    }
  }

  // 25 sequences of up to 10 imports and writes: about 10 s on a quiet machine, much more on a busy one.
  it('equals a recomputation from the base tables after any sequence of writes', {
    timeout: 300_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...zones),
        fc.array(stepArb, { minLength: 1, maxLength: 10 }),
        async (zone, steps) => {
          run += 1;
          const orgId = await insertOrg(db, { slug: `rollup-${run}`, timeZone: zone });
          await insertStages(db, orgId);
          const personIds: string[] = [];
          for (const email of people)
            personIds.push(await insertPerson(db, orgId, { name: email, email }));
          for (const [index, step] of steps.entries()) {
            await apply(orgId, personIds, step, index);
            expect(await storedRollup(db, orgId)).toEqual(await recomputedRollup(db, orgId));
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
