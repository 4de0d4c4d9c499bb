import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World } from './world.js';

interface RankingPage {
  of: number;
  rows: Array<{ personId: string; rank: number | null }>;
  limit: number;
  offset: number;
  total: number;
}

// The organization-wide ranking answers one page at a time (limit/offset like every list),
// with the total kept, so a leader's screen does not pull thousands of rows.
describe(`GET /api/v1/scorecard/organization, paged (${testEngine})`, () => {
  let world: World;
  let leader: string;
  let whole: RankingPage;
  const url = '/api/v1/scorecard/organization?period=2026-02';

  beforeAll(async () => {
    world = await createWorld();
    leader = await signIn(world.app, world.a.emails.leader);
    whole = await get(`${url}&limit=200`);
  });
  afterAll(async () => world.close());

  async function get(path: string): Promise<RankingPage> {
    const response = await world.app.inject({ url: path, headers: { cookie: leader } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('answers the first 50 by default, with the total of the whole ranking', async () => {
    const [{ n }] = (await world.db.query<{ n: number }>(
      `select count(distinct person_id) as n from team_membership
        where org_id = $1 and valid_from < '2026-03-01' and (valid_to is null or valid_to > '2026-02-01')`,
      [world.a.orgId],
    )) as [{ n: number }];
    expect(whole.total).toBe(n);
    expect(whole.rows).toHaveLength(n);
    const first = await get(url);
    expect([first.limit, first.offset, first.total]).toEqual([50, 0, n]);
    expect(first.rows).toEqual(whole.rows);
  });

  it('cuts the ranking in rank order: first page, last page, past the end', async () => {
    expect(whole.total).toBeGreaterThan(3);
    const first = await get(`${url}&limit=3`);
    expect(first.rows).toEqual(whole.rows.slice(0, 3));
    expect(first.of).toBe(whole.of);
    const lastOffset = Math.floor((whole.total - 1) / 3) * 3;
    const last = await get(`${url}&limit=3&offset=${lastOffset}`);
    expect(last.rows).toEqual(whole.rows.slice(lastOffset));
    expect(last.rows.length).toBe(whole.total - lastOffset);
    expect(last.total).toBe(whole.total);
    const past = await get(`${url}&limit=3&offset=${whole.total}`);
    expect([past.rows, past.total]).toEqual([[], whole.total]);
  });

  it.each(['limit=0', 'limit=201', 'limit=ten', 'offset=-1', 'offset=1.5'])(
    'refuses %s with a 400 problem',
    async (query) => {
      const response = await world.app.inject({
        url: `${url}&${query}`,
        headers: { cookie: leader },
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    },
  );

  it('documents limit, offset and total in the OpenAPI document', async () => {
    const document = (await world.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        {
          get: {
            parameters: Array<{ name: string }>;
            responses: Record<
              string,
              { content: Record<string, { schema: { properties: Record<string, unknown> } }> }
            >;
          };
        }
      >;
    };
    const operation = document.paths['/api/v1/scorecard/organization']?.get;
    expect(operation?.parameters.map((p) => p.name).sort()).toEqual(['limit', 'offset', 'period']);
    const answer =
      operation?.responses['200']?.content['application/json']?.schema.properties ?? {};
    expect(Object.keys(answer)).toEqual(
      expect.arrayContaining(['rows', 'limit', 'offset', 'total']),
    );
  });
});
