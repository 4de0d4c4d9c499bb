import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg, insertStages } from '../db/test-fixtures.js';
import { importFile } from '../imports/import-file.js';
import type { ImportSettings } from '../imports/import-types.js';
import { csvFolder } from '../imports/test-files.js';
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
    teams: await q(`select t.name, m.name as manager, l.name as leader from team t
      left join person m on m.org_id = t.org_id and m.id = t.manager_id
      left join person l on l.org_id = t.org_id and l.id = t.leader_id
      where t.org_id = $1 order by t.name`),
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
      from goal g join person p on p.org_id = g.org_id and p.id = g.person_id where g.org_id = $1
      order by p.name, g.metric, g.period_kind`),
    results: await q(`select r.external_id, p.name, r.day, r.amount from result_entry r
      join person p on p.org_id = r.org_id and p.id = r.person_id where r.org_id = $1 order by r.day, p.name`),
  };
}

describe(`export then import on ${testEngine}`, () => {
  it('gives an empty organization identical data', async () => {
    // A fiscal year from February: FY2025 runs 2024-02-01 → 2025-01-31.
    const source = await insertOrg(db, { slug: 'source', fiscalYearStartMonth: 2 });
    await insertStages(db, source);
    const inputs: Array<[ImportSettings['kind'], string]> = [
      [
        'people',
        // Maria, in no team, reports to Lea: Lea leads the team Maria manages.
        'external_id,name,email,role,team,manager_email,title\nU-0,Lea,lea@example.com,leader,,,CRO\nU-1,Maria,maria@example.com,manager,,lea@example.com,VP\nU-2,Rob,rob@example.com,rep,East,maria@example.com,AE\n,Nina,,rep,East,maria@example.com,\n',
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
        'person,metric,activity_kind,period,target\nU-2,bookings,,2024-03,5000\nNina,activity,call,2024-03,40\nU-2,bookings,,FY2025-Q2,15000\nU-2,pipeline_value,,FY2025,60000.5\n',
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
    // Goals name their period as the goal import reads it, in the fiscal calendar.
    const goalLines = readFileSync(join(out, 'goals.csv'), 'utf8').trim().split('\n').sort();
    expect(goalLines).toEqual([
      'Nina,activity,call,2024-03,40,agreed',
      'U-2,bookings,,2024-03,5000.00,agreed',
      'U-2,bookings,,FY2025-Q2,15000.00,agreed',
      'U-2,pipeline_value,,FY2025,60000.50,agreed',
      'person,metric,activity_kind,period,target,status',
    ]);
    // Maria is in no team: her manager column names the leader of the team she manages.
    expect(readFileSync(join(out, 'people.csv'), 'utf8')).toContain(
      'U-1,Maria,maria@example.com,manager,,lea@example.com,U-0,VP',
    );

    const target = await insertOrg(db, { slug: 'target', fiscalYearStartMonth: 2 });
    await insertStages(db, target);
    for (const kind of ['people', 'opportunities', 'activities', 'goals', 'results'] as const) {
      const result = await load(target, kind, join(out, `${kind}.csv`));
      expect(result.errors).toEqual([]);
    }
    const expected = await snapshot(source);
    const actual = await snapshot(target);
    expect(expected.teams).toEqual([{ name: 'East', manager: 'Maria', leader: 'Lea' }]);
    expect(
      expected.goals.map((g) => `${g.metric} ${g.period_kind} ${g.period_start} ${g.target}`),
    ).toEqual([
      'activity month 2024-03-01 40',
      'bookings month 2024-03-01 500000',
      'bookings quarter 2024-05-01 1500000',
      'pipeline_value year 2024-02-01 6000050',
    ]);
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
  it("writes amounts in the currency's own decimals and reads them back exactly", async () => {
    const amounts = async (orgId: string) => ({
      opportunities: await db.query(
        'select external_id, amount, currency from opportunity where org_id = $1 order by external_id',
        [orgId],
      ),
      goals: await db.query('select metric, target from goal where org_id = $1', [orgId]),
      results: await db.query('select day, amount from result_entry where org_id = $1', [orgId]),
    });
    const yenOrg = async (slug: string) => {
      const orgId = await insertOrg(db, { slug });
      await db.query(`update org set currency = 'JPY' where id = $1`, [orgId]);
      await insertStages(db, orgId);
      return orgId;
    };
    const source = await yenOrg('yen-source');
    const inputs: Array<[ImportSettings['kind'], string]> = [
      ['people', 'external_id,name,email\nU-1,Kenji,kenji@example.jp\n'],
      [
        'opportunities',
        // The yen has no minor unit; the Kuwaiti dinar has three.
        'external_id,name,owner,stage,amount,currency,close_date\nO-1,Yen deal,U-1,Proposal,"¥1,234,567",,2024-06-30\nO-2,Dinar deal,U-1,Proposal,1.234,KWD,2024-06-30\n',
      ],
      ['goals', 'person,metric,period,target\nU-1,bookings,2024-03,5000000\n'],
      ['results', 'person,period,amount\nU-1,2024-02-15,-500\n'],
    ];
    for (const [kind, text] of inputs) {
      const result = await load(source, kind, files.write(`yen-${kind}.csv`, text));
      expect(result.errors).toEqual([]);
    }
    const stored = {
      opportunities: [
        { external_id: 'O-1', amount: 1234567, currency: 'JPY' },
        { external_id: 'O-2', amount: 1234, currency: 'KWD' },
      ],
      goals: [{ metric: 'bookings', target: 5000000 }],
      results: [{ day: '2024-02-15', amount: -500 }],
    };
    expect(await amounts(source)).toEqual(stored);

    const out = join(files.dir, 'yen-out');
    await exportOrganization({ db, orgId: source, outDir: out, format: 'csv' });
    const opportunities = readFileSync(join(out, 'opportunities.csv'), 'utf8');
    expect(opportunities).toContain('O-1,Yen deal,,U-1,Proposal,1234567,JPY,');
    expect(opportunities).toContain('O-2,Dinar deal,,U-1,Proposal,1.234,KWD,');
    expect(readFileSync(join(out, 'goals.csv'), 'utf8')).toContain(
      'U-1,bookings,,2024-03,5000000,agreed',
    );
    expect(readFileSync(join(out, 'results.csv'), 'utf8')).toContain(',U-1,2024-02-15,-500\n');

    const target = await yenOrg('yen-target');
    for (const kind of ['people', 'opportunities', 'goals', 'results'] as const) {
      const result = await load(target, kind, join(out, `${kind}.csv`));
      expect(result.errors).toEqual([]);
    }
    expect(await amounts(target)).toEqual(stored);
  });
});
