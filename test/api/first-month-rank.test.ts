import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { testEngine } from '../../src/db/test-db.js';
import { insertOrg, insertStages } from '../../src/db/test-fixtures.js';
import { createWorld, password, signIn, type World } from './world.js';

/**
 * A new customer's first 1:1: the admin imports people, goals and opportunities with last
 * month's wins on 15 March 2026 (the world's today), and the manager opens a rep's agenda.
 * Its review month is February, when the reps were already in the team the file names.
 */
describe(`a new organization's first agenda ranks the rep for the review month (${testEngine})`, () => {
  let world: World;
  let orgId: string;
  let admin: string;

  const upload = async (kind: string, csv: string) => {
    const response = await world.app.inject({
      method: 'POST',
      url: `/api/v1/imports?kind=${kind}&fileName=${kind}.csv`,
      headers: { cookie: admin, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().errors).toEqual([]);
  };
  const idOf = async (email: string) => {
    const [row] = await world.db.query<{ id: string }>(
      'select id from person where org_id = $1 and email = $2',
      [orgId, email],
    );
    return row?.id ?? '';
  };

  beforeAll(async () => {
    world = await createWorld();
    orgId = await insertOrg(world.db, { slug: 'fresh' });
    await insertStages(world.db, orgId);
    await world.db.query(
      `insert into person (org_id, name, email, role, password_hash)
       values ($1, 'Fresh Admin', 'admin@fresh.test', 'admin', $2)`,
      [orgId, await hashPassword(password)],
    );
    admin = await signIn(world.app, 'admin@fresh.test', 'fresh');
    await upload(
      'people',
      [
        'name,email,manager',
        'Mia Manager,mia@fresh.test,',
        'Ada Rep,ada@fresh.test,Mia Manager',
        'Bo Rep,bo@fresh.test,Mia Manager',
        'Cy Rep,cy@fresh.test,Mia Manager',
      ].join('\n'),
    );
    await upload(
      'goals',
      [
        'person,metric,period,target',
        'ada@fresh.test,bookings,2026-02,10000',
        'bo@fresh.test,bookings,2026-02,10000',
        'cy@fresh.test,bookings,2026-02,10000',
      ].join('\n'),
    );
    // February's wins: Bo 9,000, Ada 7,000 (two deals), Cy 3,000.
    await upload(
      'opportunities',
      [
        'external_id,name,owner,stage,amount,close_date',
        'O-1,Alpha,ada@fresh.test,Closed Won,4000,2026-02-10',
        'O-2,Beta,ada@fresh.test,Closed Won,3000,2026-02-20',
        'O-3,Gamma,bo@fresh.test,Closed Won,9000,2026-02-12',
        'O-4,Delta,cy@fresh.test,Closed Won,3000,2026-02-25',
        'O-5,Epsilon,ada@fresh.test,Proposal,5000,2026-04-30',
      ].join('\n'),
    );
    await world.db.query('update person set password_hash = $2 where org_id = $1 and email = $3', [
      orgId,
      await hashPassword(password),
      'mia@fresh.test',
    ]);
  });
  afterAll(async () => world.close());

  it('ranks Ada second of three in February, though the team was imported on 15 March', async () => {
    const manager = await signIn(world.app, 'mia@fresh.test', 'fresh');
    const ada = await idOf('ada@fresh.test');
    const response = await world.app.inject({
      method: 'GET',
      url: `/api/v1/people/${ada}/agenda`,
      headers: { cookie: manager },
    });
    expect(response.statusCode, response.body).toBe(200);
    const { results } = response.json();
    expect(results.review.period).toMatchObject({ kind: 'month' });
    // Amounts are in minor units: 7,000.00.
    expect(results.review.actual).toBe(700000);
    expect(results.ranking).toMatchObject({ rank: 2, of: 3 });
  });

  it('still moves a rep on the day of a later import, keeping the time before in the old team', async () => {
    // Cy moves to a new team (a new manager) with an import on 2 April.
    world.clock.set('2026-04-02T09:00:00.000Z');
    admin = await signIn(world.app, 'admin@fresh.test', 'fresh');
    await upload(
      'people',
      [
        'name,email,manager',
        'Max Manager,max@fresh.test,',
        'Cy Rep,cy@fresh.test,Max Manager',
      ].join('\n'),
    );
    const memberships = await world.db.query<{ team: string; from: string; to: string | null }>(
      `select t.name as team, m.valid_from as from, m.valid_to as to from team_membership m
       join team t on t.org_id = m.org_id and t.id = m.team_id
       join person p on p.org_id = m.org_id and p.id = m.person_id
       where m.org_id = $1 and p.email = 'cy@fresh.test' order by m.valid_from`,
      [orgId],
    );
    expect(memberships.map((m) => [m.team, m.to])).toEqual([
      ['Mia Manager', '2026-04-02'],
      ['Max Manager', null],
    ]);
    expect(memberships[1]?.from).toBe('2026-04-02');
  });
});
