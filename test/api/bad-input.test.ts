import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World } from './world.js';

/** Values PostgreSQL or the date arithmetic cannot take: refused as 400s naming the field. */
describe(`bad input is a 400 problem, never a 500 (${testEngine})`, () => {
  let world: World;
  let m1: string;
  let admin: string;
  beforeAll(async () => {
    world = await createWorld();
    m1 = await signIn(world.app, world.a.emails.m1);
    admin = await signIn(world.app, world.a.emails.admin);
  });
  afterAll(async () => world.close());

  const count = async (sql: string) =>
    (await world.db.query<{ n: number }>(`select count(*)::int8 as n from ${sql}`))[0]?.n;
  const note = (body: string) =>
    world.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${world.a.meetings.r1a}/notes`,
      headers: { cookie: m1 },
      payload: { section: 'results', body },
    });

  it.each([
    ['a NUL', 'before\u0000after', 'contains a NUL character'],
    ['a bell', 'ring\u0007', 'contains the control character U+0007'],
    ['an escape', '\u001b[31mred', 'contains the control character U+001B'],
    [
      'a lone surrogate',
      'half \ud83d of a smiley',
      'contains a lone surrogate (not valid Unicode)',
    ],
  ])(
    'refuses a note body with %s, names the field, and writes nothing',
    async (_, body, reason) => {
      const before = await count('meeting_note');
      const response = await note(body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [{ field: 'body.body', reason }],
      });
      expect(await count('meeting_note')).toBe(before);
    },
  );

  it('keeps tabs, line breaks and whole emoji in a note', async () => {
    const response = await note('line one\n\tline two\r\n😀');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().body).toBe('line one\n\tline two\r\n😀');
  });

  it('refuses a goal for the year 0000 with the supported range, and writes nothing', async () => {
    const before = await count('goal');
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/goals',
      headers: { cookie: m1 },
      payload: {
        personId: world.a.people.r1a,
        metric: 'bookings',
        periodKind: 'month',
        periodStart: '0000-01-01',
        target: 5,
      },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().issues).toEqual([
      {
        field: 'body.periodStart',
        reason: 'is outside the supported days (from 1900-01-01 to 9997-12-31)',
      },
    ]);
    expect(await count('goal')).toBe(before);
  });

  it.each([
    ['asOf', '9999-12-31'],
    ['asOf', '9998-01-01'],
    ['asOf', '1899-12-31'],
    ['since', '0001-01-01'],
  ])('refuses an agenda %s=%s outside the supported days', async (field, day) => {
    const response = await world.app.inject({
      method: 'GET',
      url: `/api/v1/people/${world.a.people.r1a}/agenda?${field}=${day}`,
      headers: { cookie: m1 },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().issues).toEqual([
      {
        field: `querystring.${field}`,
        reason: 'is outside the supported days (from 1900-01-01 to 9997-12-31)',
      },
    ]);
  });

  it('prepares the agenda on the last supported day', async () => {
    const response = await world.app.inject({
      method: 'GET',
      url: `/api/v1/people/${world.a.people.r1a}/agenda?asOf=9997-12-31`,
      headers: { cookie: m1 },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().asOf).toBe('9997-12-31');
  });

  it('answers a CSV upload with a NUL in a cell with the row error, and imports nothing', async () => {
    const before = await count('person');
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=people&dryRun=false',
      headers: { cookie: admin, 'content-type': 'text/csv' },
      payload: 'external_id,name,email,role\nU-1,Uma\u0000 Upload,uma@upload.test,rep\n',
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'IMPORT_FAILED',
      issues: [
        { line: 2, field: 'name', value: 'Uma\u2400 Upload', reason: 'contains a NUL character' },
      ],
    });
    expect(await count('person')).toBe(before);
  });

  it('documents the supported days and the plain-text rule in the OpenAPI document', async () => {
    const document = (await world.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const goalBody =
      document.paths['/api/v1/goals'].post.requestBody.content['application/json'].schema;
    expect(goalBody.properties.periodStart.description).toBe(
      'a day, YYYY-MM-DD, from 1900-01-01 to 9997-12-31',
    );
    const asOf = document.paths['/api/v1/people/{id}/agenda'].get.parameters.find(
      (p: { name: string }) => p.name === 'asOf',
    );
    expect(asOf.description).toBe(
      'org-local day to prepare the agenda for (default today); YYYY-MM-DD, from 1900-01-01 to 9997-12-31',
    );
    const noteBody =
      document.paths['/api/v1/meetings/{id}/notes'].post.requestBody.content['application/json']
        .schema;
    expect(noteBody.properties.body.description).toBe(
      'free text: no control characters but tab, line feed and carriage return; no lone surrogates',
    );
  });
});
