// What keeping the rep_month rollup costs a bulk write, isolated from the import's parsing:
// the same INSERT of N opportunities (and UPDATE of their owner) with the rollup triggers on
// and off, alternately, in one process on one database (PGlite in memory, or PostgreSQL when
// DATABASE_URL is set):
//   npx tsx bench/measure-rollup-cost.ts 100000 [rounds]
import { loadavg } from 'node:os';
import { createDb } from '../src/db/create-db.js';
import { insertOrg, insertPerson, insertStages } from '../src/db/test-fixtures.js';

const rows = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);
const db = await createDb(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' },
);
const seconds = async (fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  return Math.round(performance.now() - start) / 1000;
};
try {
  console.log(
    `${db.engine}, ${rows} rows, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  for (let round = 1; round <= rounds; round += 1) {
    for (const rollup of [false, true]) {
      const orgId = await insertOrg(db, {
        slug: `cost-${Date.now()}`,
        timeZone: 'America/New_York',
      });
      const stages = await insertStages(db, orgId);
      const people: string[] = [];
      for (let i = 0; i < 20; i += 1)
        people.push(await insertPerson(db, orgId, { name: `Rep ${i}` }));
      for (const name of ['insert', 'update', 'delete'])
        await db.query(
          `alter table opportunity ${rollup ? 'enable always' : 'disable'} trigger opportunity_rep_month_${name}`,
        );
      const insert = await seconds(() =>
        db.transaction((tx) =>
          tx.query(
            `insert into opportunity (org_id, owner_id, name, amount, currency, stage_id, status, created_at, closed_at, last_changed_at)
             select $1, ($2::uuid[])[1 + n % 20], 'Deal ' || n, n % 100000,
                    'USD', case when n % 3 = 0 then $3::uuid else $4::uuid end,
                    case when n % 3 = 0 then 'won' else 'open' end,
                    timestamptz '2024-01-01' + n * interval '5 minutes',
                    case when n % 3 = 0 then timestamptz '2024-02-01' + n * interval '5 minutes' end, now()
               from generate_series(1, $5) n`,
            [orgId, people, stages['Closed Won'], stages.Proposal, rows],
          ),
        ),
      );
      const update = await seconds(() =>
        db.transaction((tx) =>
          tx.query(
            `update opportunity set owner_id = ($2::uuid[])[1 + (hashtext(id::text) & 15)] where org_id = $1`,
            [orgId, people],
          ),
        ),
      );
      const [kept] = await db.query<{ n: number }>(
        'select count(*) as n from rep_month where org_id = $1',
        [orgId],
      );
      console.log(
        JSON.stringify({
          round,
          rollup,
          insertSeconds: insert,
          updateSeconds: update,
          repMonths: kept?.n ?? 0,
        }),
      );
    }
  }
  for (const name of ['insert', 'update', 'delete'])
    await db.query(`alter table opportunity enable always trigger opportunity_rep_month_${name}`);
} finally {
  await db.close();
}
