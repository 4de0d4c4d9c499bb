import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda } from '../../src/core/agenda-schema.js';
import type { Scorecard } from '../../src/core/scorecard.js';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World } from './world.js';

/** A cell a spreadsheet reads as a number: no grouping, one decimal point at most. */
const SPREADSHEET_NUMBER = /^-?\d+(\.\d+)?$/;

describe(`data export over HTTP (${testEngine})`, () => {
  let world: World;

  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(async () => world.close());

  it("streams the caller's organization as NDJSON, one kind per line, nothing of another", async () => {
    const cookie = await signIn(world.app, world.a.emails.admin);
    const response = await world.app.inject({
      url: '/api/v1/export?format=ndjson',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const lines = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; row: Record<string, unknown> });
    const people = lines.filter((l) => l.kind === 'people').map((l) => l.row.email);
    expect(people).toContain(world.a.emails.r1a);
    expect(people).toContain('both@rudder.test');
    expect(new Set(lines.map((l) => l.kind))).toEqual(
      new Set(['people', 'teams', 'team-memberships', 'stages', 'goals', 'opportunities']),
    );
    expect(response.body).not.toContain('org-b');
    expect(response.body).not.toContain(world.b.orgId);
    const [event] = await world.db.query<{ details: { what: string } }>(
      `select details from audit_event where org_id = $1 and action = 'export.created'`,
      [world.a.orgId],
    );
    expect(event?.details.what).toBe('organization');
  });

  it('writes every numeric scorecard column as a plain number, the prorated goal as the API shows it', async () => {
    const cookie = await signIn(world.app, world.a.emails.m1);
    const get = (url: string) => world.app.inject({ url: `/api/v1${url}`, headers: { cookie } });
    const query = `team=${world.a.teams.t1}&period=2026-03`;
    const csv = await get(`/scorecard/export.csv?${query}`);
    expect(csv.statusCode, csv.body).toBe(200);
    const [head, ...rows] = parse(csv.body) as string[][];
    expect(head).toEqual([
      'rank',
      'name',
      'actual',
      'goal',
      'attainment',
      'previous_rank',
      'movement',
      'ytd_actual',
      'ytd_goal',
      'ytd_attainment',
      'currency',
    ]);
    // Team 1: r1a won $1,200.00, r1b $800.00, `both` nothing, each against $1,000.00 a month
    // (Jan, Feb, Mar 2026). Today is Sun 2026-03-15: March has 22 business days (2–6, 9–13,
    // 16–20, 23–27, 30–31), 10 of them elapsed, so the year-to-date goal is
    // 100,000 + 100,000 + 100,000 × 10/22 = 245,454.54… cents → 245,455 → "2454.55".
    // February: everyone 0 of goal, all ranked 1st; movement = previous rank − rank.
    expect(rows).toEqual([
      [
        '1',
        expect.any(String),
        '1200.00',
        '1000.00',
        '1.2000',
        '1',
        '0',
        '1200.00',
        '2454.55',
        '0.4889',
        'USD',
      ],
      [
        '2',
        expect.any(String),
        '800.00',
        '1000.00',
        '0.8000',
        '1',
        '-1',
        '800.00',
        '2454.55',
        '0.3259',
        'USD',
      ],
      [
        '3',
        expect.any(String),
        '0.00',
        '1000.00',
        '0.0000',
        '1',
        '-2',
        '0.00',
        '2454.55',
        '0.0000',
        'USD',
      ],
    ]);
    const numeric = [0, 2, 3, 4, 5, 6, 7, 8, 9];
    for (const row of rows) {
      for (const column of numeric) expect(row[column]).toMatch(SPREADSHEET_NUMBER);
    }

    // The same cents in the JSON API, on the scorecard and on the rep's 1:1 agenda (the web
    // app shows these values, in whole dollars).
    const json = (await get(`/scorecard?${query}`)).json<Scorecard>();
    expect(json.rows.map((row) => row.yearToDate?.goal)).toEqual([245_455, 245_455, 245_455]);
    const agenda = (await get(`/people/${world.a.people.r1a}/agenda`)).json<Agenda>();
    expect(agenda.results.yearToDate.goal).toBe(245_455);
  });

  it('gives the scorecard as CSV with a formula-like name neutralised', async () => {
    await world.db.query(`update person set name = $3 where org_id = $1 and id = $2`, [
      world.a.orgId,
      world.a.people.r1a,
      '=HYPERLINK("http://evil.test","win")',
    ]);
    const cookie = await signIn(world.app, world.a.emails.r1b);
    const response = await world.app.inject({
      url: `/api/v1/scorecard/export.csv?team=${world.a.teams.t1}&period=2026-03`,
      headers: { cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const [head, ...rows] = response.body.trim().split('\n');
    expect(head).toBe(
      'rank,name,actual,goal,attainment,previous_rank,movement,ytd_actual,ytd_goal,ytd_attainment,currency',
    );
    expect(response.body).toContain(`"'=HYPERLINK(""http://evil.test"",""win"")"`);
    expect(rows.find((row) => row.includes('HYPERLINK'))).toMatch(
      /^1,.*,1200\.00,1000\.00,1\.2000,/,
    );
  });

  it('answers 404 for a team the caller cannot reach', async () => {
    const cookie = await signIn(world.app, world.a.emails.m1);
    const response = await world.app.inject({
      url: `/api/v1/scorecard/export.csv?team=${world.a.teams.t2}`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(404);
  });
});
