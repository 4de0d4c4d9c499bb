import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World, worldNow } from './world.js';

// The rep's part between meetings: answers before the 1:1 and commitments marked done as
// they go, seen by their manager (and the leader above), by no other rep or manager.
describe(`the rep's pre-work and done-marking (${testEngine})`, () => {
  let world: World;
  const cookie: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    world.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: cookie[who] ?? '' },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    world = await createWorld({ commitmentToMarkDone: true });
    for (const who of ['r1a', 'r1b', 'm1', 'm2', 'leader', 'admin'] as const)
      cookie[who] = await signIn(world.app, world.a.emails[who]);
  });
  afterAll(async () => world.close());

  it('keeps the answers of the rep for their manager and the leader above, and no one else', async () => {
    const upcoming = world.a.workflow.reviewIn; // r1a's 1:1 with m1, not yet held
    const empty = await call('r1a', 'GET', `/meetings/${upcoming}/pre-work`);
    expect(empty.json()).toEqual({
      meetingId: upcoming,
      repId: world.a.people.r1a,
      answers: [],
      updatedAt: null,
    });
    const saved = await call('r1a', 'PUT', `/meetings/${upcoming}/pre-work`, {
      answers: [
        { question: 'What have you advanced?', answer: 'Globex to Proposal.' },
        { question: 'What moved the close dates?', answer: '   ' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const expected = {
      meetingId: upcoming,
      repId: world.a.people.r1a,
      // The blank answer is dropped.
      answers: [{ question: 'What have you advanced?', answer: 'Globex to Proposal.' }],
      updatedAt: worldNow,
    };
    expect(saved.json()).toEqual(expected);
    for (const who of ['m1', 'leader', 'r1a'])
      expect((await call(who, 'GET', `/meetings/${upcoming}/pre-work`)).json()).toEqual(expected);
    // Another rep, another team's manager: exactly like a meeting that does not exist.
    for (const who of ['r1b', 'm2']) {
      const response = await call(who, 'GET', `/meetings/${upcoming}/pre-work`);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('Globex');
    }
    expect((await call('admin', 'GET', `/meetings/${upcoming}/pre-work`)).statusCode).toBe(403);
    // Only the rep writes it, and only before the 1:1 is held.
    expect(
      (await call('m1', 'PUT', `/meetings/${upcoming}/pre-work`, { answers: [] })).statusCode,
    ).toBe(403);
    expect(
      (await call('r1b', 'PUT', `/meetings/${upcoming}/pre-work`, { answers: [] })).statusCode,
    ).toBe(404);
    const held = await call('r1a', 'PUT', `/meetings/${world.a.meetings.r1a}/pre-work`, {
      answers: [{ question: 'Q', answer: 'late' }],
    });
    expect(held.statusCode).toBe(409);
  });

  it('lets the rep mark their own commitment done, and the manager sees it in the review', async () => {
    const mine = world.a.toMarkDone;
    const done = await call('r1a', 'POST', `/commitments/${mine}/done`, { done: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ id: mine, status: 'open', doneAt: worldNow });
    const review = await call(
      'm1',
      'GET',
      `/meetings/${world.a.workflow.reviewIn}/commitments-to-review`,
    );
    const items = review.json().items as Array<{ id: string; doneAt: string | null }>;
    expect(items.find((c) => c.id === mine)?.doneAt).toBe(worldNow);
    expect(items.find((c) => c.id === world.a.commitments.r1a.manager)?.doneAt).toBeNull();
    // Taken back; the manager's commitment to the rep is not the rep's to mark.
    const undone = await call('r1a', 'POST', `/commitments/${mine}/done`, { done: false });
    expect(undone.json()).toMatchObject({ doneAt: null });
    const theirs = world.a.commitments.r1a.manager;
    expect(
      (await call('r1a', 'POST', `/commitments/${theirs}/done`, { done: true })).statusCode,
    ).toBe(403);
    expect(
      (await call('r1b', 'POST', `/commitments/${mine}/done`, { done: true })).statusCode,
    ).toBe(404);
    expect((await call('m1', 'POST', `/commitments/${mine}/done`, { done: true })).statusCode).toBe(
      403,
    );
  });
});
