import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../core/days.js';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import * as f from '../db/test-fixtures.js';
import { prepareAgenda } from './prepare-agenda.js';

/*
 * "An agenda can be prepared as of any day, past or ahead, and every figure in it is what was
 * true at the end of that day." The property: for random histories and a random past day D,
 * the agenda as of D on the whole history equals the agenda as of D on a copy of the data from
 * which everything after D is gone (deals created later removed, later changes undone and
 * their events deleted). Both copies live in one database as two organizations; the second's
 * ids are mapped back to the first's before comparing.
 *
 * Activities stay in both copies: activity counts are bounded by D in SQL, and the ones
 * dated after D are the calendar ahead (scheduled then), which the agenda shows by design.
 */

const reps = ['Ana', 'Ben', 'Cy'] as const;
const openStages = ['Qualification', 'Discovery', 'Proposal'] as const;
const year = '2026';
const dayOf = (offset: number) => addDays(`${year}-01-01`, offset);
const noon = (day: string) => `${day}T12:00:00Z`;

type Change =
  | { kind: 'stage'; after: number; to: number }
  | { kind: 'amount'; after: number; to: number }
  | { kind: 'close_date'; after: number; to: number }
  | { kind: 'owner'; after: number; to: number }
  | { kind: 'won' | 'lost'; after: number };

interface Deal {
  owner: number;
  created: number;
  stage: number;
  amount: number;
  closeIn: number;
  changes: Change[];
}

const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant('stage' as const),
    after: fc.integer({ min: 1, max: 60 }),
    to: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({
    kind: fc.constant('amount' as const),
    after: fc.integer({ min: 1, max: 60 }),
    to: fc.integer({ min: 1, max: 90 }).map((k) => k * 10_000_00),
  }),
  fc.record({
    kind: fc.constant('close_date' as const),
    after: fc.integer({ min: 1, max: 60 }),
    to: fc.integer({ min: 0, max: 120 }),
  }),
  fc.record({
    kind: fc.constant('owner' as const),
    after: fc.integer({ min: 1, max: 60 }),
    to: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({
    kind: fc.constantFrom('won' as const, 'lost' as const),
    after: fc.integer({ min: 1, max: 60 }),
  }),
);

const dealArb: fc.Arbitrary<Deal> = fc.record({
  owner: fc.integer({ min: 0, max: 2 }),
  created: fc.integer({ min: 0, max: 320 }),
  stage: fc.integer({ min: 0, max: 2 }),
  amount: fc.integer({ min: 1, max: 90 }).map((k) => k * 10_000_00),
  closeIn: fc.integer({ min: 0, max: 150 }),
  changes: fc.array(changeArb, { maxLength: 4 }),
});

const scenarioArb = fc.record({
  deals: fc.array(dealArb, { minLength: 1, maxLength: 14 }),
  activities: fc.array(
    fc.record({
      rep: fc.integer({ min: 0, max: 2 }),
      day: fc.integer({ min: 200, max: 339 }),
      kind: fc.constantFrom('call', 'email', 'meeting'),
    }),
    { maxLength: 12 },
  ),
  meetingDay: fc.option(fc.integer({ min: 150, max: 320 }), { nil: null }),
  asOf: fc.integer({ min: 240, max: 330 }),
  rep: fc.integer({ min: 0, max: 2 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

interface DealState {
  owner: number;
  stage: string;
  status: 'open' | 'won' | 'lost';
  amount: number;
  closeDate: string;
  closedAt: string | null;
  lastChangedAt: string;
}

interface Event {
  field: string;
  oldValue: string | null;
  newValue: string | null;
  at: string;
}

/** A deal's state after the changes dated before `until`, and the events that recorded them. */
function replay(
  deal: Deal,
  until: string | null,
  ids: OrgIds,
): { state: DealState; events: Event[] } {
  const createdAt = noon(dayOf(deal.created));
  const state: DealState = {
    owner: deal.owner,
    stage: openStages[deal.stage] ?? 'Qualification',
    status: 'open',
    amount: deal.amount,
    closeDate: dayOf(deal.created + deal.closeIn),
    closedAt: null,
    lastChangedAt: createdAt,
  };
  const events: Event[] = [
    { field: 'created', oldValue: null, newValue: ids.stage(state.stage), at: createdAt },
  ];
  let day = deal.created;
  for (const change of deal.changes) {
    // A closed deal can still be handed to another rep or have its amount corrected (a CRM
    // reassigns a leaver's deals, won ones included); nothing else changes it.
    if (state.status !== 'open' && change.kind !== 'owner' && change.kind !== 'amount') continue;
    day += change.after;
    const at = noon(dayOf(day));
    if (until !== null && at >= until) break;
    const record = (field: string, oldValue: string | null, newValue: string | null) => {
      if (oldValue !== newValue) events.push({ field, oldValue, newValue, at });
    };
    const before = { ...state };
    const recorded = events.length;
    switch (change.kind) {
      case 'stage':
        state.stage = openStages[change.to] ?? state.stage;
        record('stage', ids.stage(before.stage), ids.stage(state.stage));
        break;
      case 'amount':
        state.amount = change.to;
        record('amount', String(before.amount), String(state.amount));
        break;
      case 'close_date':
        state.closeDate = dayOf(day + change.to);
        record('close_date', before.closeDate, state.closeDate);
        break;
      case 'owner':
        state.owner = change.to;
        record('owner', ids.person(before.owner), ids.person(state.owner));
        break;
      case 'won':
      case 'lost':
        state.stage = change.kind === 'won' ? 'Closed Won' : 'Closed Lost';
        state.status = change.kind;
        state.closedAt = at;
        record('stage', ids.stage(before.stage), ids.stage(state.stage));
        record('status', 'open', state.status);
        break;
      default: {
        const unreachable: never = change;
        throw new Error(`unknown change ${JSON.stringify(unreachable)}`);
      }
    }
    // As the import does: the last change of stage, amount, close date, owner or status.
    if (events.length > recorded) state.lastChangedAt = at;
  }
  return { state, events };
}

interface OrgIds {
  org: string;
  people: string[];
  manager: string;
  team: string;
  stages: Record<string, string>;
  person(index: number): string;
  stage(name: string): string;
}

/** The same deal has the same id in both copies (ids are unique per organization). */
async function createOrg(
  db: Database,
  scenario: Scenario,
  dealIds: string[],
  until: string | null,
) {
  const org = await f.insertOrg(db, { timeZone: 'UTC' });
  const stages = await f.insertStages(db, org);
  const people: string[] = [];
  for (const name of reps) people.push(await f.insertPerson(db, org, { name }));
  const manager = await f.insertPerson(db, org, { name: 'Mo', role: 'manager' });
  const team = await f.insertTeam(db, org, {
    name: 'East',
    managerId: manager,
    members: people.map((personId) => ({ personId, from: '2025-01-01' })),
  });
  const ids: OrgIds = {
    org,
    people,
    manager,
    team,
    stages,
    person: (i) => people[i] ?? '',
    stage: (name) => stages[name] ?? '',
  };
  for (const personId of people) {
    for (let month = 1; month <= 12; month += 1) {
      const periodStart = `${year}-${String(month).padStart(2, '0')}-01`;
      await f.insertGoal(db, org, { personId, periodStart, target: 100_000_00 });
    }
  }
  for (const [i, deal] of scenario.deals.entries()) {
    const createdAt = noon(dayOf(deal.created));
    if (until !== null && createdAt >= until) continue;
    const { state, events } = replay(deal, until, ids);
    const id = await f.insertOpportunity(db, org, {
      id: dealIds[i] ?? '',
      name: `Deal ${i + 1}`,
      ownerId: ids.person(state.owner),
      stageId: ids.stage(state.stage),
      status: state.status,
      amount: state.amount,
      createdAt,
      closeDate: state.closeDate,
      closedAt: state.closedAt,
      lastChangedAt: state.lastChangedAt,
    });
    for (const e of events) await f.insertEvent(db, org, { opportunityId: id, ...e });
  }
  for (const a of scenario.activities) {
    await f.insertActivity(db, org, {
      personId: ids.person(a.rep),
      kind: a.kind,
      at: noon(dayOf(a.day)),
    });
  }
  if (scenario.meetingDay !== null) {
    await f.insertHeldMeeting(db, org, {
      repId: ids.person(scenario.rep),
      managerId: manager,
      heldAt: `${dayOf(scenario.meetingDay)}T15:00:00Z`,
    });
  }
  return ids;
}

describe(`prepareAgenda as of a past day (${testEngine})`, () => {
  let db: Database;
  const now = new Date('2026-12-06T12:00:00Z');

  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => db.close());

  it('equals the agenda on a copy of the data from which everything after that day is gone', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const asOf = dayOf(scenario.asOf);
        const until = `${addDays(asOf, 1)}T00:00:00Z`;
        const dealIds = scenario.deals.map(() => randomUUID());
        const whole = await createOrg(db, scenario, dealIds, null);
        const cut = await createOrg(db, scenario, dealIds, until);
        const agenda = (ids: OrgIds) =>
          prepareAgenda(db, { orgId: ids.org, personId: ids.person(scenario.rep), now, asOf });
        // The cut copy's people, team and stages, written as the whole copy's, to compare.
        let cutJson = JSON.stringify(await agenda(cut));
        const pairs: Array<[string, string]> = [
          ...cut.people.map((id, i): [string, string] => [id, whole.person(i)]),
          [cut.manager, whole.manager],
          [cut.team, whole.team],
          ...Object.entries(cut.stages).map(([name, id]): [string, string] => [
            id,
            whole.stage(name),
          ]),
        ];
        for (const [from, to] of pairs) cutJson = cutJson.replaceAll(from, to);
        expect(JSON.parse(cutJson)).toEqual(await agenda(whole));
      }),
      { numRuns: 30 },
    );
  }, 180_000);
});
