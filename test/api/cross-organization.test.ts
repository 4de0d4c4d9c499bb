import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { standardStages } from '../../src/db/test-fixtures.js';
import { idsOf, uuidsIn } from './matrix-cases.js';
import { createWorld, signIn, type World } from './world.js';

/**
 * Two organizations on one server share nothing. The visibility matrix tries every route with
 * an `:id` of org B as each role of org A (relation `otherOrg`); this file covers the ids that
 * travel elsewhere — query strings and bodies — and the calendar feeds, caches and e-mails.
 */
describe(`two organizations share nothing (${testEngine})`, () => {
  let world: World;
  let cookie: { admin: string; m1: string; r1a: string; bAdmin: string; bM1: string };
  let openapi: OpenApi;
  beforeAll(async () => {
    world = await createWorld();
    cookie = {
      admin: await signIn(world.app, world.a.emails.admin),
      m1: await signIn(world.app, world.a.emails.m1),
      r1a: await signIn(world.app, world.a.emails.r1a),
      bAdmin: await signIn(world.app, world.b.emails.admin),
      bM1: await signIn(world.app, world.b.emails.m1),
    };
    openapi = (await world.app.inject({ url: '/api/openapi.json' })).json() as OpenApi;
  });
  afterAll(async () => world.close());

  /** A well-formed id that no organization has. */
  const nowhere = '00000000-0000-4000-8000-000000000000';
  /** Org B's ids: none may appear in an answer to org A, and none may be acted on. */
  const bIds = () => new Set(idsOf(world, 'admin').otherOrg);
  const isBStage = (id: string) => Object.values(world.b.stages).includes(id);
  const leakedB = (body: unknown) => [...uuidsIn(body)].filter((id) => bIds().has(id));
  const countOf = async (table: string) => {
    const [row] = await world.db.query<{ n: number }>(
      `select count(*)::int8 as n from ${table} where org_id = $1`,
      [world.b.orgId],
    );
    return row?.n ?? -1;
  };

  /** Query parameters that carry an id, with the B object each designates. */
  const queryCases = () => [
    { url: '/api/v1/goals', param: 'person', id: world.b.people.r1a },
    { url: '/api/v1/meetings', param: 'rep', id: world.b.people.r1a },
    { url: '/api/v1/commitments', param: 'rep', id: world.b.people.r1a },
    { url: '/api/v1/scorecard', param: 'team', id: world.b.teams.t1, extra: '&period=2026-03' },
    {
      url: '/api/v1/scorecard/export.csv',
      param: 'team',
      id: world.b.teams.t1,
      extra: '&period=2026-03',
    },
  ];

  it('lists every id-carrying query parameter of the API here (a new one must be added)', () => {
    const found = uuidParameters(openapi).query.sort();
    const covered = queryCases()
      .map((c) => `GET ${c.url} ${c.param}`)
      .sort();
    expect(found).toEqual(covered);
  });

  // An id of org B is answered exactly as an id that exists nowhere: nothing tells it apart.
  for (const role of ['admin', 'm1', 'r1a'] as const) {
    it(`answers org B's ids in query strings as unknown ones, as org A's ${role}`, async () => {
      for (const c of queryCases()) {
        const ask = (id: string) =>
          world.app.inject({
            url: `${c.url}?${c.param}=${id}${c.extra ?? ''}`,
            headers: { cookie: cookie[role] },
          });
        const [forB, forNobody] = [await ask(c.id), await ask(nowhere)];
        expect(forB.statusCode, `${c.url}?${c.param}: ${forB.body}`).toBe(forNobody.statusCode);
        expect(forB.body.replaceAll(c.id, nowhere)).toBe(forNobody.body);
        expect(leakedB(forB.body)).toEqual([]);
        // Never anything but an empty list or a refusal.
        if (forB.statusCode === 200) expect(forB.json()).toMatchObject({ items: [], total: 0 });
        // 403 is the role's refusal of the route itself (an admin has no 1:1 lists).
        else expect([403, 404]).toContain(forB.statusCode);
      }
    });
  }

  /** Each request body that carries an id, with org B's object in it; sent by A's admin or m1. */
  const bodyCases = () => {
    const { a, b } = world;
    const stages = standardStages.map((s) => ({
      id: a.stages[s.name],
      name: s.name,
      kind: s.kind,
      probability: s.probability,
    }));
    return [
      {
        field: 'POST /api/v1/teams managerId',
        as: 'admin',
        method: 'POST',
        url: '/api/v1/teams',
        payload: { name: 'X1', managerId: b.people.m1 },
      },
      {
        field: 'POST /api/v1/teams leaderId',
        as: 'admin',
        method: 'POST',
        url: '/api/v1/teams',
        payload: { name: 'X2', leaderId: b.people.leader },
      },
      {
        field: 'POST /api/v1/teams members',
        as: 'admin',
        method: 'POST',
        url: '/api/v1/teams',
        payload: { name: 'X3', members: [{ personId: b.people.r1a, validFrom: '2026-03-01' }] },
      },
      {
        field: 'PATCH /api/v1/teams/{id} managerId',
        as: 'admin',
        method: 'PATCH',
        url: `/api/v1/teams/${a.teams.t1}`,
        payload: { managerId: b.people.m1 },
      },
      {
        field: 'PATCH /api/v1/teams/{id} leaderId',
        as: 'admin',
        method: 'PATCH',
        url: `/api/v1/teams/${a.teams.t1}`,
        payload: { leaderId: b.people.leader },
      },
      {
        field: 'POST /api/v1/teams/{id}/members personId',
        as: 'admin',
        method: 'POST',
        url: `/api/v1/teams/${a.teams.t1}/members`,
        payload: { personId: b.people.r2a, validFrom: '2026-03-01' },
      },
      {
        field: 'PUT /api/v1/stages stages',
        as: 'admin',
        method: 'PUT',
        url: '/api/v1/stages',
        payload: {
          stages: stages.map((s, i) => (i === 0 ? { ...s, id: b.stages[s.name] } : s)),
        },
      },
      {
        field: 'POST /api/v1/scorecard/publish team',
        as: 'm1',
        method: 'POST',
        url: '/api/v1/scorecard/publish',
        payload: { team: b.teams.t1, period: '2026-03' },
      },
      {
        field: 'POST /api/v1/goals personId',
        as: 'm1',
        method: 'POST',
        url: '/api/v1/goals',
        payload: {
          personId: b.people.r1a,
          metric: 'activity',
          activityKind: 'calls',
          periodKind: 'month',
          periodStart: '2026-04-01',
          target: 10,
        },
      },
      {
        field: 'POST /api/v1/meetings repId',
        as: 'm1',
        method: 'POST',
        url: '/api/v1/meetings',
        payload: { repId: b.people.r1a, scheduledAt: '2026-04-02T09:00:00Z' },
      },
      {
        field: 'PATCH /api/v1/commitments/{id} reviewedInMeetingId',
        as: 'm1',
        method: 'PATCH',
        url: `/api/v1/commitments/${a.commitments.r1a.rep}`,
        payload: { status: 'kept', reviewedInMeetingId: b.meetings.r1a },
      },
    ] as const;
  };

  it('lists every id-carrying body field of the API here (a new one must be added)', () => {
    const found = uuidParameters(openapi).body.sort();
    expect(found).toEqual(
      bodyCases()
        .map((c) => c.field)
        .sort(),
    );
  });

  it("refuses org B's ids in request bodies as unknown ones, and changes nothing", async () => {
    const digest = async () =>
      world.db.query(
        `select (select count(*) from team)::int8 as teams,
                (select count(*) from team_membership)::int8 as memberships,
                (select string_agg(coalesce(manager_id::text, '') || coalesce(leader_id::text, ''), ',' order by id) from team) as staff,
                (select count(*) from goal)::int8 as goals, (select count(*) from meeting)::int8 as meetings,
                (select count(*) from scorecard_publication)::int8 as publications,
                (select string_agg(id::text || name, ',' order by id) from stage) as stages,
                (select string_agg(coalesce(reviewed_in_meeting_id::text, '') || status, ',' order by id) from commitment) as commitments`,
      );
    const before = await digest();
    for (const c of bodyCases()) {
      const send = (payload: unknown) =>
        world.app.inject({
          method: c.method,
          url: c.url,
          headers: { cookie: cookie[c.as] },
          payload: payload as object,
        });
      const forB = await send(c.payload);
      const bId = [...uuidsIn(c.payload)].find((id) => bIds().has(id) || isBStage(id)) ?? '';
      const forNobody = await send(JSON.parse(JSON.stringify(c.payload).replaceAll(bId, nowhere)));
      expect(forB.statusCode, `${c.field}: ${forB.body}`).toBe(forNobody.statusCode);
      expect([400, 404], `${c.field}: ${forB.body}`).toContain(forB.statusCode);
      expect(forB.body.replaceAll(bId, nowhere)).toBe(forNobody.body);
      expect(leakedB(forB.body)).toEqual([]);
    }
    expect(await digest()).toEqual(before);
  });

  it("gives org A's API token nothing of org B: objects, export and import history", async () => {
    const created = await world.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: { cookie: cookie.admin },
      payload: { name: 'crm sync' },
    });
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${(created.json() as { token: string }).token}` };
    for (const url of [
      `/api/v1/people/${world.b.people.r1a}`,
      `/api/v1/teams/${world.b.teams.t1}`,
      `/api/v1/imports/${world.b.importRunId}`,
      `/api/v1/goals/${world.b.workflow.goals.r1a}/events`,
    ]) {
      const response = await world.app.inject({ url, headers: bearer });
      expect(response.statusCode, url).toBe(404);
    }
    const revoke = await world.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-tokens/${world.b.apiTokenId}`,
      headers: bearer,
    });
    expect(revoke.statusCode).toBe(404);
    for (const url of ['/api/v1/export', '/api/v1/imports', '/api/v1/people?limit=200']) {
      const response = await world.app.inject({ url, headers: bearer });
      expect(response.statusCode, url).toBe(200);
      expect(leakedB(response.body), url).toEqual([]);
      expect(response.body, url).not.toContain('org-b');
    }
    // A's export does hold A's own people: the check above looked at a real export.
    const exported = await world.app.inject({ url: '/api/v1/export', headers: bearer });
    expect(exported.body).toContain(world.a.emails.r1a);
  });

  it("keeps each organization's calendar feed to its own meetings; a feed token moved to the other org opens nothing", async () => {
    const feed = async (who: string) => {
      const created = await world.app.inject({
        method: 'POST',
        url: '/api/v1/me/calendar-feed',
        headers: { cookie: who },
      });
      expect(created.statusCode, created.body).toBeLessThan(300);
      return (created.json() as { path: string }).path;
    };
    const aPath = await feed(cookie.m1);
    const bPath = await feed(cookie.bM1);
    const aFeed = await world.app.inject({ url: aPath });
    const bFeed = await world.app.inject({ url: bPath });
    expect(aFeed.statusCode).toBe(200);
    expect(bFeed.statusCode).toBe(200);
    expect(aFeed.body).toContain('org-a r1a');
    expect(aFeed.body).not.toContain('org-b');
    expect(bFeed.body).toContain('org-b r1a');
    expect(bFeed.body).not.toContain('org-a');
    expect(leakedB(aFeed.body)).toEqual([]);
    // `<orgId>.<secret>`: B's secret under A's organization id is no feed.
    const secret = /^\/calendar\/[^.]+\.(.+)\.ics$/.exec(bPath)?.[1] ?? '';
    expect(secret).not.toBe('');
    const moved = await world.app.inject({ url: `/calendar/${world.a.orgId}.${secret}.ics` });
    expect(moved.statusCode).toBe(404);
  });

  it('never serves one organization the cached agenda or scorecard of the other', async () => {
    const caches = world.app.resultCaches;
    if (caches === null) throw new Error('the world runs with the default cache');
    const get = async (url: string, who: string) => {
      const response = await world.app.inject({ url, headers: { cookie: who } });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as unknown;
    };
    const aScorecard = await get('/api/v1/scorecard/organization?period=2026-03', cookie.admin);
    const hitsBefore = caches.scorecards.stats().hits;
    // Mirror images: the same figures, so only a key without the org would mix them up.
    const bScorecard = await get('/api/v1/scorecard/organization?period=2026-03', cookie.bAdmin);
    expect(caches.scorecards.stats().hits).toBe(hitsBefore);
    expect(leakedB(aScorecard)).toEqual([]);
    expect(
      [...uuidsIn(bScorecard)].filter((id) => idsOf(world, 'admin').ownTeam.includes(id)),
    ).toEqual([]);
    expect(uuidsIn(bScorecard).has(world.b.people.r1a)).toBe(true);
    // The same again, from the cache this time: still each its own.
    expect(await get('/api/v1/scorecard/organization?period=2026-03', cookie.bAdmin)).toEqual(
      bScorecard,
    );
    expect(caches.scorecards.stats().hits).toBe(hitsBefore + 1);

    const aAgenda = await get(`/api/v1/people/${world.a.people.r1a}/agenda`, cookie.m1);
    const bAgenda = await get(`/api/v1/people/${world.b.people.r1a}/agenda`, cookie.bM1);
    expect(uuidsIn(aAgenda).has(world.a.people.r1a)).toBe(true);
    expect(leakedB(aAgenda)).toEqual([]);
    expect(uuidsIn(bAgenda).has(world.b.people.r1a)).toBe(true);
    expect(uuidsIn(bAgenda).has(world.a.people.r1a)).toBe(false);
  });

  it("sends each organization's e-mails to its own people only", async () => {
    const bOutbox = await countOf('outbox_message');
    const aOutbox = await world.db.query<{ n: number }>(
      'select count(*)::int8 as n from outbox_message where org_id = $1',
      [world.a.orgId],
    );
    // A published scorecard e-mails the team's reps; a reset names its organization.
    const published = await world.app.inject({
      method: 'POST',
      url: '/api/v1/scorecard/publish',
      headers: { cookie: cookie.m1 },
      payload: { team: world.a.teams.t1, period: '2026-02', email: true },
    });
    expect(published.statusCode, published.body).toBeLessThan(300);
    const reset = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'both@rudder.test', org: 'org-a' },
    });
    expect(reset.statusCode).toBe(202);
    expect(await countOf('outbox_message')).toBe(bOutbox);
    const aAfter = await world.db.query<{ n: number }>(
      'select count(*)::int8 as n from outbox_message where org_id = $1',
      [world.a.orgId],
    );
    expect((aAfter[0]?.n ?? 0) - (aOutbox[0]?.n ?? 0)).toBe(2);
    const bPublished = await world.app.inject({
      method: 'POST',
      url: '/api/v1/scorecard/publish',
      headers: { cookie: cookie.bM1 },
      payload: { team: world.b.teams.t1, period: '2026-02', email: true },
    });
    expect(bPublished.statusCode, bPublished.body).toBeLessThan(300);
    const messages = await world.db.query<{ org_id: string; to: string[]; body: string }>(
      `select org_id, "to", subject || text || html as body from outbox_message`,
    );
    expect(messages.map((m) => m.org_id === world.a.orgId).sort()).toEqual([false, true, true]);
    const emailsOf = (org: 'a' | 'b') => new Set(Object.values(world[org].emails));
    for (const message of messages) {
      const own = message.org_id === world.a.orgId ? 'a' : 'b';
      const other = own === 'a' ? 'b' : 'a';
      for (const to of message.to) expect(emailsOf(own).has(to), to).toBe(true);
      expect(message.body).not.toContain(`org-${other}`);
    }
    const resets = messages.filter((m) => m.body.includes('Reset your Rudder password'));
    expect(resets.map((m) => m.org_id)).toEqual([world.a.orgId]);
  });
});

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ in: string; name: string; schema?: unknown }>;
        requestBody?: {
          content?: Record<string, { schema?: { $ref?: string } & Schema } | undefined>;
        };
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}
interface Schema {
  properties?: Record<string, unknown>;
}

/** Every query parameter and top-level body field whose schema holds a UUID, as "METHOD path name". */
function uuidParameters(doc: OpenApi): { query: string[]; body: string[] } {
  const query: string[] = [];
  const body: string[] = [];
  const holdsUuid = (schema: unknown) => JSON.stringify(schema ?? null).includes('"uuid"');
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const name = `${method.toUpperCase()} ${path}`;
      for (const p of operation.parameters ?? [])
        if (p.in === 'query' && holdsUuid(p.schema)) query.push(`${name} ${p.name}`);
      let schema = operation.requestBody?.content?.['application/json']?.schema;
      const ref = schema?.$ref?.split('/').pop();
      if (ref) schema = doc.components?.schemas?.[ref];
      for (const [field, fieldSchema] of Object.entries(schema?.properties ?? {}))
        if (holdsUuid(fieldSchema)) body.push(`${name} ${field}`);
    }
  }
  return { query, body };
}
