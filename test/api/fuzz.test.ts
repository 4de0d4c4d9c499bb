import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { importKinds } from '../../src/imports/read/import-fields.js';
import { visibility } from '../../src/server/access/visibility.js';
import {
  anyText,
  csvOf,
  encodeUrlPart,
  queryValueOf,
  recordsOf,
  type SchemaContext,
  schemaValue,
} from './fuzz-arbitraries.js';
import { createWorld, signIn, type World } from './world.js';

const roles = ['admin', 'leader', 'manager', 'rep'] as const;
type Role = (typeof roles)[number];

/** Generated requests per route; the total is printed and checked at the end. */
const RUNS = 40;

/**
 * Tables a refused request may still write, each for a reason of its own: a session is
 * what signing in makes (and a refused sign-in makes none, but a later request may touch
 * one); an upload's import_run and its audit event are the record of a failed import; a
 * refused sign-in is what the shared sign-in limit counts (sign_in_limit).
 */
const mayChangeWhenRefused = new Set([
  'session',
  'import_run',
  'audit_event',
  'job',
  'sign_in_limit',
]);

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema: Parameters<typeof schemaValue>[0];
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Parameters<typeof schemaValue>[0] }> };
}

/**
 * No 5xx, no stack trace, problem+json on errors, and a refused request writes nothing:
 * whatever arrives in a body, a query or a path, shaped by the route's own schema so that it
 * reaches the use case, with hostile values in every field (fuzz-arbitraries.ts).
 */
describe(`fuzzing every route (${testEngine})`, () => {
  let world: World;
  let cookies: Record<Role, string>;
  let operations: Record<string, Record<string, Operation>>;
  let context: SchemaContext;
  let digestSql: string;
  let cases = 0;

  beforeAll(async () => {
    world = await createWorld();
    cookies = {
      admin: await signIn(world.app, world.a.emails.admin),
      leader: await signIn(world.app, world.a.emails.leader),
      manager: await signIn(world.app, world.a.emails.m1),
      rep: await signIn(world.app, world.a.emails.r1a),
    };
    const { workflow } = world.a;
    const document = (await world.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    operations = document.paths;
    context = {
      components: document.components.schemas,
      ids: () => [
        world.a.people.r1b,
        world.a.teams.t1,
        world.a.meetings.r1a,
        world.a.commitments.r1a.rep,
        workflow.meetings.toStart,
        workflow.reviewIn,
        workflow.goals.r1a,
        workflow.proposals.accept.byRep,
        workflow.proposals.counter.byManager,
        world.a.importRunId,
        world.a.apiTokenId,
        world.b.people.r1a,
        '00000000-0000-0000-0000-000000000000',
        'not-a-uuid',
      ],
    };
    const tables = await world.db.query<{ name: string }>(
      `select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
    );
    digestSql = `select ${tables
      .filter((t) => !mayChangeWhenRefused.has(t.name) && !t.name.startsWith('__'))
      .map(
        (t) =>
          `(select md5(coalesce(string_agg(r::text, '|' order by r::text), '')) from "${t.name}" r) as "${t.name}"`,
      )
      .join(', ')}`;
  });
  afterAll(async () => world.close());

  const digest = async () => (await world.db.query(digestSql))[0];

  const routes = visibility.filter(
    (r) =>
      !r.url.endsWith('/sign-out') &&
      (r.url.startsWith('/api/v1') || r.url.startsWith('/calendar')),
  );

  const pathValue = (name: string, rule: (typeof routes)[number]) =>
    name === 'kind'
      ? fc.oneof(fc.constantFrom(...importKinds), anyText.map(encodeUrlPart))
      : name === 'token'
        ? fc.constantFrom(`${world.a.orgId}.secret`, 'x', '%00', '%ED%A0%80', 'a.b.c', '')
        : fc.oneof(
            { arbitrary: fc.constantFrom(...idsOf(rule)), weight: 6 },
            { arbitrary: fc.constantFrom(...context.ids()), weight: 3 },
            { arbitrary: fc.constantFrom('%00', '%ED%A0%80', '%FF', ''), weight: 1 },
          );

  /** The ids of the kind of object the route's `:id` designates. */
  const idsOf = (rule: (typeof routes)[number]): string[] => {
    const { a } = world;
    if (rule.auth !== 'signed-in') return context.ids();
    switch (rule.target) {
      case 'person':
        // Not the signed-in callers: a PATCH that deactivates one would end its session.
        return [a.people.r1b, a.people.r2a, a.people.mover, a.people.both];
      case 'team':
        return [a.teams.t1, a.teams.t2];
      case 'meeting':
        return [a.meetings.r1a, ...Object.values(a.workflow.meetings), a.workflow.reviewIn];
      case 'commitment':
        return [a.commitments.r1a.rep, a.commitments.r1a.manager];
      case 'goal':
        return [
          ...Object.values(a.workflow.goals),
          ...Object.values(a.workflow.proposals).flatMap((p) => [p.byRep, p.byManager]),
        ];
      case 'api-token':
        return [a.apiTokenId];
      case 'import-run':
        return [a.importRunId];
      case 'none':
        return context.ids();
      default:
        return context.ids();
    }
  };

  /** Mostly a role the route lets in (to reach its use case), now and then any role. */
  const whoMayCall = (rule: (typeof routes)[number]) => {
    const allowed =
      rule.auth === 'signed-in' ? roles.filter((role) => rule.roles[role] !== 'none') : roles;
    return fc.oneof(
      { arbitrary: fc.constantFrom(...(allowed.length > 0 ? allowed : roles)), weight: 5 },
      { arbitrary: fc.constantFrom(...roles), weight: 1 },
    );
  };

  /** One request for `rule`: path, query and body drawn from its OpenAPI operation. */
  function requestOf(rule: (typeof routes)[number]) {
    const openApiPath = rule.url.replace(/:(\w+)/g, '{$1}');
    const operation = operations[openApiPath]?.[rule.method.toLowerCase()] ?? {};
    const pathNames = [...rule.url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
    const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
    const jsonBody = operation.requestBody?.content['application/json']?.schema;
    const isIngest = rule.url === '/api/v1/ingest/:kind';
    const isUpload = rule.url === '/api/v1/imports' && rule.method === 'POST';
    return fc
      .record({
        path: fc.tuple(...pathNames.map((name) => pathValue(name, rule))),
        query: fc.tuple(
          ...query.map((p) => {
            // The parameter's description says what the value is (a period key, a month…).
            const schema = { description: p.description, ...p.schema };
            const value = queryValueOf(schemaValue(schema, context));
            return p.required === true
              ? fc.oneof(
                  { arbitrary: value, weight: 9 },
                  { arbitrary: fc.constant(null), weight: 1 },
                )
              : fc.option(value, { freq: 1 });
          }),
        ),
        kind: fc.constantFrom(...importKinds),
        rows: fc.constantFrom(...importKinds).chain(recordsOf),
        body:
          jsonBody === undefined ? fc.jsonValue({ maxDepth: 2 }) : schemaValue(jsonBody, context),
        who: whoMayCall(rule),
      })
      .map(({ path, query: values, kind, rows, body, who }) => {
        let url = rule.url;
        pathNames.forEach((name, index) => {
          url = url.replace(`:${name}`, path[index] ?? '');
        });
        const pairs = query.flatMap((p, index) => {
          const value = values[index];
          return value === null || value === undefined ? [] : [`${p.name}=${value}`];
        });
        if (isUpload) pairs.push(`kind=${kind}`);
        if (pairs.length > 0) url += `?${pairs.join('&')}`;
        const cookie = cookies[who];
        if (rule.method === 'GET' || rule.method === 'DELETE')
          return { method: rule.method, url, headers: { cookie } };
        const payload = isUpload ? csvOf(kind, rows) : JSON.stringify(isIngest ? rows : body);
        const contentType = isUpload ? 'text/csv' : 'application/json';
        return {
          method: rule.method,
          url,
          payload,
          headers: { cookie, 'content-type': contentType },
        };
      });
  }

  for (const rule of routes) {
    // Forty requests, each between two digests of the database (and sign-ins hash passwords).
    it(`${rule.method} ${rule.url} never answers 5xx, and writes nothing when it refuses`, {
      timeout: 120_000,
    }, async () => {
      await fc.assert(
        fc.asyncProperty(requestOf(rule), async (request) => {
          cases += 1;
          const before = await digest();
          const response = await world.app.inject(request);
          expect(response.statusCode, `${request.url}\n${response.body}`).toBeLessThan(500);
          expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
          if (response.statusCode >= 400) {
            expect(response.headers['content-type']).toContain('application/problem+json');
            expect(await digest(), `${request.url} wrote although refused`).toEqual(before);
          }
        }),
        { numRuns: RUNS, seed: 20260315 },
      );
    });
  }

  it('generated every case', () => {
    console.log(`fuzz: ${cases} generated requests over ${routes.length} routes`);
    expect(cases).toBe(routes.length * RUNS);
  });
});
