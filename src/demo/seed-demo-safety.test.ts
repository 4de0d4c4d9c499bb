import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { createOrganization } from '../organization/create-organization.js';
import { seedDemo } from './seed-demo.js';

const now = new Date('2026-03-02T09:00:00Z');

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

/** Each organization by slug with its rows: what a reset of the demo must leave alone. */
async function orgs(): Promise<
  Array<{ slug: string; name: string; people: number; stages: number }>
> {
  return db.query(
    `select o.slug, o.name,
            (select count(*) from person p where p.org_id = o.id)::int8 as people,
            (select count(*) from stage s where s.org_id = o.id)::int8 as stages
       from org o order by o.slug`,
  );
}

const newOrg = (name: string, slug: string) =>
  createOrganization(db, {
    input: {
      name,
      slug,
      currency: 'EUR',
      timeZone: 'Europe/Paris',
      fiscalYearStartMonth: 1,
      admin: { email: `admin@${slug}.example` },
    },
    now,
  });

// The demo has 4 staff and 12 reps (src/demo/profiles.ts) and the 7 default stages.
describe(`rudder demo beside other organizations (${testEngine})`, { timeout: 120_000 }, () => {
  it('creates the demo without touching an organization that exists', async () => {
    await newOrg('Acme Sales', 'acme');
    const summary = await seedDemo({ db, now });
    expect(summary).toMatchObject({ slug: 'demo', demoSlugHeldBy: null });
    expect(await orgs()).toEqual([
      { slug: 'acme', name: 'Acme Sales', people: 1, stages: 7 },
      { slug: 'demo', name: 'Northwind Demo', people: 16, stages: 7 },
    ]);
  });

  it('resets the demo after its slug was changed, keeping the new slug', async () => {
    await db.query("update org set slug = 'northwind' where slug = 'demo'");
    // The reset removes what was added to the demo since: this person must go.
    await db.query(
      `insert into person (org_id, name, email) select id, 'Added Later', 'later@x.example' from org where slug = 'northwind'`,
    );
    const summary = await seedDemo({ db, now });
    expect(summary).toMatchObject({ slug: 'northwind', demoSlugHeldBy: null });
    expect(await orgs()).toEqual([
      { slug: 'acme', name: 'Acme Sales', people: 1, stages: 7 },
      { slug: 'northwind', name: 'Northwind Demo', people: 16, stages: 7 },
    ]);
  });

  it('never touches another organization that took the slug demo', async () => {
    await newOrg('Demolition Inc', 'demo');
    const summary = await seedDemo({ db, now });
    // The demo is still the renamed one; the holder of `demo` is named, not reset.
    expect(summary).toMatchObject({ slug: 'northwind', demoSlugHeldBy: 'Demolition Inc' });
    expect(await orgs()).toEqual([
      { slug: 'acme', name: 'Acme Sales', people: 1, stages: 7 },
      { slug: 'demo', name: 'Demolition Inc', people: 1, stages: 7 },
      { slug: 'northwind', name: 'Northwind Demo', people: 16, stages: 7 },
    ]);
  });

  it('creates a new demo as demo-2 when the demo is gone and demo is taken', async () => {
    const [demo] = await db.query<{ id: string }>("select id from org where slug = 'northwind'");
    const { deleteOrgData } = await import('./write-demo.js');
    await db.transaction((tx) => deleteOrgData(tx, demo?.id ?? ''));
    const summary = await seedDemo({ db, now });
    expect(summary).toMatchObject({ slug: 'demo-2', demoSlugHeldBy: 'Demolition Inc' });
    expect(await orgs()).toEqual([
      { slug: 'acme', name: 'Acme Sales', people: 1, stages: 7 },
      { slug: 'demo', name: 'Demolition Inc', people: 1, stages: 7 },
      { slug: 'demo-2', name: 'Northwind Demo', people: 16, stages: 7 },
    ]);
  });
});
