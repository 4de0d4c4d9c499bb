import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import {
  idempotencyKeyHeader,
  takesIdempotencyKey,
  writesWithoutKey,
} from '../../src/server/idempotent-writes.js';
import { createWorld, signIn, type World } from './world.js';

type Who = 'admin' | 'm1' | 'r1a';

interface Case {
  name: string;
  who: Who;
  method: 'POST' | 'PUT';
  url: (w: World, n: number) => string;
  body: (w: World, n: number) => object;
  /** The rows the write adds: counted before and after. */
  table: string;
}

/** Every route that creates something, each body made unique by `n` (one per request). */
const cases: Case[] = [
  {
    name: 'note',
    who: 'm1',
    method: 'POST',
    url: (w) => `/meetings/${w.a.meetings.r1a}/notes`,
    body: (_w, n) => ({ section: 'results', body: `note ${n}` }),
    table: 'meeting_note',
  },
  {
    name: 'commitment',
    who: 'm1',
    method: 'POST',
    url: (w) => `/meetings/${w.a.meetings.r1a}/commitments`,
    body: (_w, n) => ({ owner: 'rep', text: `promise ${n}`, dueOn: '2026-03-27' }),
    table: 'commitment',
  },
  {
    name: 'goal proposal',
    who: 'm1',
    method: 'POST',
    url: () => '/goals',
    body: (w, n) => ({
      personId: w.a.people.r1a,
      metric: 'bookings',
      periodKind: 'month',
      periodStart: `20${30 + n}-01-01`,
      target: 1_000 + n,
    }),
    table: 'goal',
  },
  {
    name: 'one-off 1:1',
    who: 'm1',
    method: 'POST',
    url: () => '/meetings',
    body: (w, n) => ({
      repId: w.a.people.r1a,
      scheduledAt: `2026-04-${String(1 + n).padStart(2, '0')}T09:00:00Z`,
    }),
    table: 'meeting',
  },
  {
    name: 'person',
    who: 'admin',
    method: 'POST',
    url: () => '/people',
    body: (_w, n) => ({ name: `New Person ${n}`, email: `new${n}@a.example` }),
    table: 'person',
  },
  {
    name: 'team',
    who: 'admin',
    method: 'POST',
    url: () => '/teams',
    body: (_w, n) => ({ name: `Team ${n}` }),
    table: 'team',
  },
  {
    name: 'invitation (its e-mail)',
    who: 'admin',
    method: 'POST',
    // Another person is another request: the key's fingerprint covers the path.
    url: (w, n) => `/people/${n % 2 === 0 ? w.a.people.r2b : w.a.people.r2a}/invitation`,
    body: () => ({}),
    table: 'outbox_message',
  },
];

describe(`Idempotency-Key on every route that creates something (${testEngine})`, () => {
  let world: World;
  let cookie: Record<Who, string>;
  let n = 0;
  beforeAll(async () => {
    world = await createWorld();
    const e = world.a.emails;
    cookie = {
      admin: await signIn(world.app, e.admin),
      m1: await signIn(world.app, e.m1),
      r1a: await signIn(world.app, e.r1a),
    };
  });
  afterAll(async () => world.close());

  const send = (c: Case, n: number, key?: string, who: Who = c.who) =>
    world.app.inject({
      method: c.method,
      url: `/api/v1${c.url(world, n)}`,
      headers: {
        cookie: cookie[who],
        ...(key === undefined ? {} : { [idempotencyKeyHeader]: key }),
      },
      payload: c.body(world, n),
    });
  const rows = async (table: string) => {
    const [row] = await world.db.query<{ n: number }>(
      `select count(*)::int as n from ${table} where org_id = $1`,
      [world.a.orgId],
    );
    return row?.n ?? -1;
  };

  for (const c of cases) {
    it(`${c.name}: same key twice writes once and answers the same; another body is 422; no key writes each time`, async () => {
      const before = await rows(c.table);
      const one = ++n;
      const first = await send(c, one, `${c.name}-1`);
      expect(first.statusCode, first.body).toBeLessThan(300);
      const again = await send(c, one, `${c.name}-1`);
      expect(again.statusCode).toBe(first.statusCode);
      expect(again.body).toBe(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await rows(c.table)).toBe(before + 1);

      const other = await send(c, ++n, `${c.name}-1`);
      expect(other.statusCode).toBe(422);
      expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await rows(c.table)).toBe(before + 1);

      const plain = await send(c, ++n);
      expect(plain.statusCode, plain.body).toBe(first.statusCode);
      expect(await rows(c.table)).toBe(before + 2);
    });

    it(`${c.name}: concurrent requests with one key make exactly one row`, async () => {
      const before = await rows(c.table);
      const one = ++n;
      const answers = await Promise.all([1, 2, 3].map(() => send(c, one, `${c.name}-race`)));
      expect(await rows(c.table)).toBe(before + 1);
      for (const a of answers) expect([200, 201, 202, 409]).toContain(a.statusCode);
      const fresh = answers.filter((a) => a.statusCode < 300 && !a.headers['idempotent-replayed']);
      expect(fresh).toHaveLength(1);
    });
  }

  it("another caller's key never answers you: an admin's API token and the admin's session keep apart", async () => {
    const c = cases.find((x) => x.name === 'team');
    if (!c) throw new Error('no team case');
    const token = await world.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: { cookie: cookie.admin },
      payload: { name: 'sync job' },
    });
    expect(token.statusCode).toBe(201);
    const bearer = token.json<{ token: string }>().token;
    const before = await rows('team');
    const bySession = await send(c, ++n, 'same-key-two-callers');
    const byToken = await world.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: {
        authorization: `Bearer ${bearer}`,
        [idempotencyKeyHeader]: 'same-key-two-callers',
      },
      payload: { name: 'Team by token' },
    });
    expect(bySession.statusCode).toBe(201);
    expect(byToken.statusCode, byToken.body).toBe(201);
    expect(byToken.headers['idempotent-replayed']).toBeUndefined();
    expect(await rows('team')).toBe(before + 2);
  });

  it('every write route of the API either takes the key (documented in OpenAPI) or says why not', async () => {
    const doc = (await world.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
    }>();
    const writes = world.app.registeredRoutes.filter(
      (r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.url.startsWith('/api/'),
    );
    expect(writes.length).toBeGreaterThan(25);
    const keyed = writes.filter((r) => takesIdempotencyKey(r.method, r.url));
    for (const r of writes) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      const params = doc.paths[path]?.[r.method.toLowerCase()]?.parameters ?? [];
      const documented = params.some((p) => p.in === 'header' && p.name === idempotencyKeyHeader);
      const name = `${r.method} ${r.url}`;
      if (keyed.includes(r)) expect(documented, name).toBe(true);
      // The imports key their runs themselves and document the header on their own.
      else if (!name.startsWith('POST /api/v1/i')) expect(documented, name).toBe(false);
      else expect(documented, name).toBe(name !== 'POST /api/v1/imports/columns');
      if (!keyed.includes(r)) expect(writesWithoutKey[name], name).toBeTruthy();
    }
    // The routes the issue names are among the keyed ones.
    const names = keyed.map((r) => `${r.method} ${r.url}`);
    for (const name of [
      'POST /api/v1/meetings/:id/notes',
      'POST /api/v1/meetings/:id/commitments',
      'POST /api/v1/goals',
      'POST /api/v1/goals/:id/counter',
      'POST /api/v1/meetings',
      'POST /api/v1/meetings/:id/start',
      'POST /api/v1/meetings/:id/finish',
      'PUT /api/v1/people/:id/meeting-series',
      'PUT /api/v1/meetings/:id/pre-work',
      'POST /api/v1/people',
      'POST /api/v1/teams',
      'POST /api/v1/people/:id/invitation',
    ])
      expect(names).toContain(name);
  });
});
