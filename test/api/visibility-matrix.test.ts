import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../src/db/schema/people.js';
import { testEngine } from '../../src/db/test-db.js';
import { ruleFor, type SignedInRule, visibility } from '../../src/server/access/visibility.js';
import {
  callerKey,
  covers,
  idsOf,
  relations,
  sampleRequest,
  targetOf,
  uuidsIn,
} from './matrix-cases.js';
import { createWorld, signIn, type World } from './world.js';

/** JSON bodies parsed; CSV and NDJSON exports searched as text (ids must not leak there either). */
function bodyOf(response: { headers: Record<string, unknown>; body: string; json(): unknown }) {
  const type = String(response.headers['content-type'] ?? '');
  return type.includes('json') && !type.includes('ndjson') ? response.json() : response.body;
}

const signedIn = visibility.filter((r): r is SignedInRule => r.auth === 'signed-in');

describe(`visibility matrix (${testEngine})`, () => {
  let world: World;
  const cookies = {} as Record<(typeof roles)[number], string>;

  beforeAll(async () => {
    world = await createWorld({ commitmentToMarkDone: true });
    for (const role of roles)
      cookies[role] = await signIn(world.app, world.a.emails[callerKey[role]]);
  });
  afterAll(async () => world.close());

  it('has a row for every registered route, and no row without a route', () => {
    const registered = world.app.registeredRoutes;
    const missing = registered
      .filter((r) => !ruleFor(r.method, r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    const stale = visibility
      .filter(
        (rule) =>
          !registered.some(
            (r) =>
              r.method === rule.method &&
              (r.url === rule.url ||
                (rule.auth === 'public' && rule.prefix && r.url.startsWith(rule.url))),
          ),
      )
      .map((r) => `${r.method} ${r.url}`);
    expect(stale).toEqual([]);
  });

  it('aims every route with an :id at an object of org B for each role of org A (otherOrg)', () => {
    const b = world.b;
    const ofB = new Set([
      ...Object.values(b.people),
      ...Object.values(b.teams),
      ...Object.values(b.meetings),
      ...Object.values(b.commitments).flatMap((c) => [c.rep, c.manager]),
      ...Object.values(b.workflow.meetings),
      ...Object.values(b.workflow.goals),
      ...Object.values(b.workflow.proposals).flatMap((p) => [p.byRep, p.byManager]),
      b.apiTokenId,
      b.importRunId,
    ]);
    const aimed = signedIn
      .filter((rule) => rule.target !== 'none')
      .flatMap((rule) =>
        roles.map((role) => {
          const target = targetOf(world, rule, role, 'otherOrg') ?? 'none';
          return `${rule.method} ${rule.url} as ${role}: ${ofB.has(target) ? 'org B' : target}`;
        }),
      )
      .filter((line) => !line.endsWith('org B'));
    expect(aimed).toEqual([]);
  });

  for (const rule of signedIn) {
    const name = `${rule.method} ${rule.url}`;

    // The session probe (GET /me) alone answers 204: signed out is its answer, not an error.
    const signedOut = rule.signedOut === 'no-content' ? 204 : 401;
    it(`${name} answers ${signedOut} without a session`, async () => {
      const sample = sampleRequest(world, rule, world.a.people.r1a);
      const response = await world.app.inject({
        method: rule.method,
        url: sample.url,
        ...(sample.payload ? { payload: sample.payload } : {}),
        ...(sample.headers ? { headers: sample.headers } : {}),
      });
      expect(response.statusCode).toBe(signedOut);
      if (signedOut === 401) expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
      else expect(response.body).toBe('');
    });

    for (const role of roles) {
      const level = rule.roles[role];
      if (rule.target === 'none') {
        it(`${name} as ${role} (${level})`, async () => {
          const sample = sampleRequest(world, rule, undefined);
          // Signing out ends the session: that case gets a session of its own.
          const cookie = rule.url.endsWith('/sign-out')
            ? await signIn(world.app, world.a.emails[callerKey[role]])
            : cookies[role];
          const response = await world.app.inject({
            method: rule.method,
            url: sample.url,
            headers: { ...sample.headers, cookie },
            ...(sample.payload ? { payload: sample.payload } : {}),
          });
          if (level === 'none') {
            expect(response.statusCode, response.body).toBe(403);
            expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
            return;
          }
          // The OAuth callback answers the browser with a redirect to the CRM screen.
          if (rule.url.endsWith('/oauth/callback')) {
            expect(response.statusCode, response.body).toBe(302);
            return;
          }
          expect(response.statusCode, response.body).toBeLessThan(300);
          if (response.statusCode === 204) return;
          const body = bodyOf(response);
          const ids = idsOf(world, role);
          const found = uuidsIn(body);
          for (const relation of ['ownTeam', 'otherTeam', 'otherOrg'] as const) {
            if (covers(level, relation)) continue;
            const leaked = ids[relation].filter((id) => found.has(id));
            expect(leaked, `${relation} ids in ${name} as ${role}`).toEqual([]);
          }
          if (body && typeof body === 'object' && 'items' in body && 'total' in body) {
            const page = body as { items: unknown[]; total: number; limit: number };
            if (page.items.length < page.limit) expect(page.total).toBe(page.items.length);
          }
        });
        continue;
      }
      for (const relation of relations) {
        it(`${name} as ${role} (${level}) on ${relation}`, async () => {
          const target = targetOf(world, rule, role, relation);
          if (target === undefined) return; // this caller has no such object (a manager's own 1:1)
          const sample = sampleRequest(world, rule, target);
          const response = await world.app.inject({
            method: rule.method,
            url: sample.url,
            headers: { ...sample.headers, cookie: cookies[role] },
            ...(sample.payload ? { payload: sample.payload } : {}),
          });
          if (level === 'none') {
            expect(response.statusCode, response.body).toBe(403);
          } else if (covers(level, relation)) {
            expect(response.statusCode, response.body).toBeLessThan(300);
            if (response.statusCode !== 204) {
              const found = uuidsIn(bodyOf(response));
              const ids = idsOf(world, role);
              for (const r of ['ownTeam', 'otherTeam', 'otherOrg'] as const) {
                if (!covers(level, r))
                  expect(
                    ids[r].filter((id) => found.has(id)),
                    `${r} ids`,
                  ).toEqual([]);
              }
            }
          } else {
            expect(response.statusCode, response.body).toBe(404);
            expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
          }
        });
      }
    }
  }
});
