import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg, insertStages } from '../db/test-fixtures.js';
import { importFile } from '../import/import-file.js';
import type { ImportSettings } from '../import/import-types.js';
import { csvFolder } from '../import/test-files.js';
import { exportOrganization } from './export-organization.js';

let db: Database;
const files = csvFolder();
const asOf = '2024-03-01T00:00:00.000Z';

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  files.remove();
  await db.close();
});

const load = (orgId: string, kind: ImportSettings['kind'], path: string) =>
  importFile({ db, orgId, path, settings: { kind, asOf } });

/** Every row of an organization, ids replaced by natural keys so two orgs compare. */
async function snapshot(orgId: string) {
  const q = (sql: string) => db.query(sql, [orgId]);
  return {
    people: await q(
      `select external_id, name, email, role, title from person where org_id = $1 order by name`,
    ),
    memberships:
      await q(`select t.name, p.name as person, m.valid_from, m.valid_to, mp.name as manager
      from team_membership m join team t on t.org_id = m.org_id and t.id = m.team_id
      join person p on p.org_id = m.org_id and p.id = m.person_id
      left join person mp on mp.org_id = t.org_id and mp.id = t.manager_id where m.org_id = $1 order by p.name`),
    opportunities:
      await q(`select o.external_id, o.name, o.account, p.name as owner, o.amount, o.currency, s.name as stage,
      o.status, o.probability, o.created_at, o.close_date, o.closed_at
      from opportunity o join person p on p.org_id = o.org_id and p.id = o.owner_id
      join stage s on s.org_id = o.org_id and s.id = o.stage_id where o.org_id = $1 order by o.external_id`),
    created: await q(`select o.external_id, s.name as stage, e.observed_at from opportunity_event e
      join opportunity o on o.org_id = e.org_id and o.id = e.opportunity_id
      join stage s on s.org_id = e.org_id and s.id::text = e.new_value
      where e.org_id = $1 and e.field = 'created' order by o.external_id`),
    activities:
      await q(`select a.external_id, p.name, a.kind, a.occurred_at, o.external_id as opportunity, a.subject, a.count
      from activity a join person p on p.org_id = a.org_id and p.id = a.person_id
      left join opportunity o on o.org_id = a.org_id and o.id = a.opportunity_id where a.org_id = $1 order by a.occurred_at, a.kind`),
    goals:
      await q(`select p.name, g.metric, g.activity_kind, g.period_kind, g.period_start, g.target, g.status
      from goal g join person p on p.org_id = g.org_id and p.id = g.person_id where g.org_id = $1 order by p.name, g.metric`),
    results: await q(`select r.external_id, p.name, r.day, r.amount from result_entry r
      join person p on p.org_id = r.org_id and p.id = r.person_id where r.org_id = $1 order by r.day, p.name`),
  };
}

describe(`export then import on ${testEngine}`, () => {
  it('gives an empty organization identical data', async () => {
    const source = await insertOrg(db, { slug: 'source' });
    await insertStages(db, source);
    const inputs: Array<[ImportSettings['kind'], string]> = [
      [
        'people',
        'external_id,name,email,role,team,manager_email,title\nU-1,Maria,maria@example.com,manager,,,VP\nU-2,Rob,rob@example.com,rep,East,maria@example.com,AE\n,Nina,,rep,East,maria@example.com,\n',
      ],
      [
        'opportunities',
        'external_id,name,account,owner,stage,amount,probability,created_at,close_date\nO-1,"Big, deal",=cmd(),U-2,Proposal,1234.56,55,2024-01-02T03:04:05Z,2024-06-30\nO-2,Small,,Nina,Closed Won,99,,2024-01-05T00:00:00Z,2024-02-01\nO-3,No date,Acme,U-2,Qualification,0,,,\n',
      ],
      [
        'activities',
        'external_id,person,kind,occurred_at,opportunity_external_id,subject,count\nA-1,U-2,Call,2024-02-01T10:00:00Z,O-1,First call,1\n,Nina,Email,2024-02-02T11:00:00Z,,,3\n',
      ],
      [
        'goals',
        'person,metric,activity_kind,period,target\nU-2,bookings,,2024-03,5000\nNina,activity,call,2024-03,40\n',
      ],
      [
        'results',
        'external_id,person,period,amount\nR-1,U-2,2024-02-15,-500\n,Nina,2024-02,1000.10\n',
      ],
    ];
    for (const [kind, text] of inputs) {
      const result = await load(source, kind, files.write(`in-${kind}.csv`, text));
      expect(result.errors).toEqual([]);
    }

    const out = join(files.dir, 'out');
    await exportOrganization({ db, orgId: source, outDir: out, format: 'csv' });
    // Formula-like text is neutralised in the CSV, numbers (even negative) are not.
    expect(readFileSync(join(out, 'opportunities.csv'), 'utf8')).toContain(`'=cmd()`);
    expect(readFileSync(join(out, 'results.csv'), 'utf8')).toContain(',-500.00');

    const target = await insertOrg(db, { slug: 'target' });
    await insertStages(db, target);
    for (const kind of ['people', 'opportunities', 'activities', 'goals', 'results'] as const) {
      const result = await load(target, kind, join(out, `${kind}.csv`));
      expect(result.errors).toEqual([]);
    }
    const expected = await snapshot(source);
    const actual = await snapshot(target);
    // The neutralising quote is the one intended difference of a CSV round trip.
    expect(
      actual.opportunities.map((o) => ({
        ...o,
        account: o.account === `'=cmd()` ? '=cmd()' : o.account,
      })),
    ).toEqual(expected.opportunities);
    expect({ ...actual, opportunities: [] }).toEqual({ ...expected, opportunities: [] });
    expect(expected.opportunities).toHaveLength(3);
    expect(expected.activities).toHaveLength(2);

    await exportOrganization({ db, orgId: source, outDir: join(out, 'json'), format: 'ndjson' });
    const results = readFileSync(join(out, 'json', 'results.ndjson'), 'utf8')
      .trim()
      .split('\n');
    expect(results.map((line) => JSON.parse(line))).toContainEqual({
      external_id: 'R-1',
      person: 'U-2',
      period: '2024-02-15',
      amount: '-500.00',
    });
  });
});
