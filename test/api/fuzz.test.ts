import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { visibility } from '../../src/server/access/visibility.js';
import { createWorld, signIn, type World } from './world.js';

const json = fc.jsonValue({ maxDepth: 3 });
const queryValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer().map(String),
  fc.constantFrom('-1', '1e309', 'NaN', '2026-13-45', ''),
);
const queryKeys = fc.constantFrom(
  'limit',
  'offset',
  'team',
  'period',
  'person',
  'rep',
  'role',
  'asOf',
  'since',
  'from',
  'to',
  'action',
  'x',
);

/** No 5xx, no stack trace, always problem+json on errors: whatever arrives in a body or a query. */
describe(`fuzzing every route (${testEngine})`, () => {
  let world: World;
  let cookies: string[];
  beforeAll(async () => {
    world = await createWorld();
    cookies = [
      await signIn(world.app, world.a.emails.admin),
      await signIn(world.app, world.a.emails.m1),
      await signIn(world.app, world.a.emails.r1a),
    ];
  });
  afterAll(async () => world.close());

  const routes = visibility.filter(
    (r) => r.url.startsWith('/api/v1') && !r.url.endsWith('/sign-out'),
  );
  const ids = () => [
    world.a.people.r1a,
    world.a.teams.t1,
    world.a.meetings.r1a,
    world.b.people.r1a,
    'not-a-uuid',
    '',
  ];

  for (const rule of routes) {
    it(`${rule.method} ${rule.url} never answers 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(
          json,
          fc.dictionary(queryKeys, queryValue, { maxKeys: 4 }),
          fc.nat({ max: 5 }),
          fc.nat({ max: 2 }),
          async (body, query, idIndex, who) => {
            const url = rule.url.replace(':id', encodeURIComponent(ids()[idIndex] ?? ''));
            const response = await world.app.inject({
              method: rule.method,
              url,
              query,
              headers: { cookie: cookies[who] ?? '' },
              ...(rule.method === 'GET' || rule.method === 'DELETE'
                ? {}
                : {
                    payload: JSON.stringify(body),
                    headers: { cookie: cookies[who] ?? '', 'content-type': 'application/json' },
                  }),
            });
            expect(response.statusCode, response.body).toBeLessThan(500);
            expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
            if (response.statusCode >= 400)
              expect(response.headers['content-type']).toContain('application/problem+json');
          },
        ),
        { numRuns: 25, seed: 20260315 },
      );
    });
  }
});
