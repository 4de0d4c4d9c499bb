import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../core/days.js';
import type { RepFacts } from '../../core/facts.js';
import { seedDemo } from '../../demo/seed-demo.js';
import type { Database } from '../database.js';
import { createTestDb, testEngine } from '../test-db.js';
import { loadRepFacts } from './load-rep-facts.js';
import { loadOrgContext, type OrgContext } from './org-context.js';
import { loadRepFactsInParts } from './test-rep-facts-in-parts.js';

/*
 * The one-statement loader against the sixteen queries it replaced (kept verbatim in
 * test-rep-facts-in-parts.ts): for every person of the demo and several as-of days, past,
 * today and ahead, both give the same facts. Lists whose order the old queries left to the
 * database are compared as sets (sorted the same way on both sides).
 */

const now = new Date('2026-12-06T15:00:00Z');
const today = '2026-12-06';

const by =
  <T>(key: (x: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b));

function normalized(facts: RepFacts): RepFacts {
  return {
    ...facts,
    goals: [...facts.goals].sort(
      by((g) => `${g.periodStart} ${g.periodKind} ${g.metric} ${g.activityKind}`),
    ),
    opportunities: [...facts.opportunities].sort(by((o) => o.id)),
    activitySince: [...facts.activitySince].sort(by((a) => a.kind)),
    activityByMonth: [...facts.activityByMonth].sort(by((a) => `${a.month} ${a.kind}`)),
    scheduled: [...facts.scheduled].sort(
      by((s) => `${s.occurredAt} ${s.kind} ${s.subject} ${s.opportunityName}`),
    ),
    team:
      facts.team === null
        ? null
        : {
            ...facts.team,
            current: [...facts.team.current].sort(by((m) => m.personId)),
            previous: [...facts.team.previous].sort(by((m) => m.personId)),
            createdSinceByMember: [...facts.team.createdSinceByMember].sort((a, b) => a - b),
            activitySinceByMember: [...facts.team.activitySinceByMember].sort(
              by((a) => `${a.personId} ${a.kind}`),
            ),
          },
  };
}

describe(`loadRepFacts in one statement = the sixteen queries before it (${testEngine})`, () => {
  let db: Database;
  let org: OrgContext;
  let people: Array<{ id: string; name: string }>;

  beforeAll(async () => {
    db = await createTestDb();
    const demo = await seedDemo({ db, now });
    org = await loadOrgContext(db, demo.orgId);
    people = await db.query<{ id: string; name: string }>(
      'select id, name from person where org_id = $1 order by name',
      [demo.orgId],
    );
  }, 300_000);
  afterAll(async () => {
    await db.close();
  });

  const days = [
    ['today', today],
    ['the 3rd of last month', `${addMonths(today.slice(0, 7), -1)}-03`],
    ['mid-month four months ago', `${addMonths(today.slice(0, 7), -4)}-15`],
    ['ten days ahead', addDays(today, 10)],
  ] as const;

  for (const [label, asOf] of days) {
    it(`every person of the demo, as of ${label} (${asOf})`, async () => {
      let compared = 0;
      let withOpportunities = 0;
      let withTeam = 0;
      for (const person of people) {
        const options = { org, personId: person.id, asOf };
        const [one, parts] = await Promise.all([
          loadRepFacts(db, options),
          loadRepFactsInParts(db, options),
        ]);
        expect(normalized(one), `${person.name} as of ${asOf}`).toEqual(normalized(parts));
        compared += 1;
        if (one.opportunities.length > 0) withOpportunities += 1;
        if (one.team !== null) withTeam += 1;
      }
      // The comparison covered real facts, not a room of empty agendas.
      expect(compared).toBe(people.length);
      expect(withOpportunities).toBeGreaterThan(3);
      expect(withTeam).toBeGreaterThan(3);
    }, 120_000);
  }

  it('with movement measured from a given day', async () => {
    for (const person of people) {
      const options = { org, personId: person.id, asOf: today, since: addDays(today, -60) };
      expect(normalized(await loadRepFacts(db, options))).toEqual(
        normalized(await loadRepFactsInParts(db, options)),
      );
    }
  }, 120_000);

  it('refuses a person who does not exist, like before', async () => {
    const options = { org, personId: '00000000-0000-4000-8000-000000000000', asOf: today };
    await expect(loadRepFacts(db, options)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(loadRepFactsInParts(db, options)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
