import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAgenda } from '../../src/agenda/prepare-agenda.js';
import { insertOpportunity } from '../../src/db/test-fixtures.js';
import { createWorld, signIn, type World, worldNow } from './world.js';

// Agendas and scorecards are kept per data version (src/db/data-version.ts): a repeated
// request is served from the cache, and any change to the data they come from is seen at once.
describe('cached agendas and scorecards', () => {
  let world: World;
  let cookie: Record<'m1' | 'leader', string>;
  beforeAll(async () => {
    world = await createWorld();
    cookie = {
      m1: await signIn(world.app, world.a.emails.m1),
      leader: await signIn(world.app, world.a.emails.leader),
    };
  });
  afterAll(async () => {
    await world.close();
  });

  const get = async (url: string, who: keyof typeof cookie) => {
    const response = await world.app.inject({ url, headers: { cookie: cookie[who] } });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const cacheStats = () => {
    const caches = world.app.resultCaches;
    if (caches === null) throw new Error('the world runs with the default cache');
    return { agendas: caches.agendas.stats(), scorecards: caches.scorecards.stats() };
  };

  /** A deal r1a won in February 2026, the review month of an agenda on 2026-03-15. */
  async function winInFebruary(amount: number) {
    await insertOpportunity(world.db, world.a.orgId, {
      ownerId: world.a.people.r1a,
      name: `Won ${amount}`,
      amount,
      stageId: world.a.stages['Closed Won'] ?? '',
      status: 'won',
      createdAt: '2026-01-10T12:00:00Z',
      closeDate: '2026-02-12',
      closedAt: '2026-02-12T15:00:00Z',
    });
  }

  it('serves a repeated agenda from the cache and a changed one afresh', async () => {
    const url = `/api/v1/people/${world.a.people.r1a}/agenda?asOf=2026-03-15`;
    const first = await get(url, 'm1');
    const before = cacheStats().agendas;
    expect(await get(url, 'm1')).toEqual(first);
    expect(cacheStats().agendas.hits).toBe(before.hits + 1);
    expect(cacheStats().agendas.misses).toBe(before.misses);

    await winInFebruary(123_456);
    const after = await get(url, 'm1');
    expect(cacheStats().agendas.misses).toBe(before.misses + 1);
    expect(after.results.review.period.key).toBe('2026-02');
    expect(after.results.review.actual).toBe(first.results.review.actual + 123_456);
    // The same document a fresh computation gives, without any cache.
    const fresh = await prepareAgenda(world.db, {
      orgId: world.a.orgId,
      personId: world.a.people.r1a,
      now: world.clock.now(),
      asOf: '2026-03-15',
    });
    expect(after).toEqual(JSON.parse(JSON.stringify(fresh)));
  });

  it('prepares today’s agenda for the new day once the clock passes midnight', async () => {
    const url = `/api/v1/people/${world.a.people.r1a}/agenda`;
    world.clock.set('2026-03-15T23:59:00.000Z');
    expect((await get(url, 'm1')).asOf).toBe('2026-03-15');
    world.clock.set('2026-03-16T00:01:00.000Z');
    expect((await get(url, 'm1')).asOf).toBe('2026-03-16');
    world.clock.set(worldNow);
  });

  it('serves a repeated ranking from the cache and a changed one afresh', async () => {
    const url = '/api/v1/scorecard/organization?period=2026-02';
    const first = await get(url, 'leader');
    const before = cacheStats().scorecards;
    expect(await get(url, 'leader')).toEqual(first);
    expect(cacheStats().scorecards.hits).toBe(before.hits + 1);

    const rowOf = (card: { rows: Array<{ personId: string; actual: number }> }) =>
      card.rows.find((row) => row.personId === world.a.people.r1a);
    await winInFebruary(1_000);
    const after = await get(url, 'leader');
    expect(rowOf(after)?.actual).toBe((rowOf(first)?.actual ?? 0) + 1_000);
  });
});
