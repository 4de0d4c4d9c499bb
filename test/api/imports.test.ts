import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World, worldNow } from './world.js';

const header = 'external_id,name,email,role\n';
const clean = `${header}U-1,Uma Upload,uma@upload.test,rep\nU-2,Ulf Upload,ulf@upload.test,rep\n`;
const broken = `${header}U-1,Uma Upload,uma@upload.test,rep\nU-2,Ulf Upload,not-an-email,rep\n`;

describe(`POST /api/v1/imports, a CSV upload (${testEngine})`, () => {
  let world: World;
  let admin: string;

  beforeAll(async () => {
    world = await createWorld();
    admin = await signIn(world.app, world.a.emails.admin);
  });
  afterAll(async () => world.close());

  const upload = (csv: string, query: string) =>
    world.app.inject({
      method: 'POST',
      url: `/api/v1/imports?kind=people&fileName=team.csv&${query}`,
      headers: { cookie: admin, 'content-type': 'text/csv' },
      payload: csv,
    });
  const uploaded = async () => {
    const rows = await world.db.query<{ n: number }>(
      `select count(*)::int8 as n from person where org_id = $1 and name like '% Upload'`,
      [world.a.orgId],
    );
    return rows[0]?.n;
  };

  it('counts a clean file and writes nothing when it is a dry run', async () => {
    const response = await upload(clean, 'dryRun=true');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      kind: 'people',
      dryRun: true,
      status: 'succeeded',
      counts: { rows: 2, new: 2, changed: 0, errors: 0 },
      errors: [],
    });
    expect(await uploaded()).toBe(0);
  });

  it('answers the row errors by line and field when a row is bad, and writes nothing', async () => {
    const response = await upload(broken, 'dryRun=false');
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem).toMatchObject({ code: 'IMPORT_FAILED' });
    expect(problem.issues).toEqual([
      expect.objectContaining({ line: 3, field: 'email', value: 'not-an-email' }),
    ]);
    expect(await uploaded()).toBe(0);
  });

  it('imports the fixed file, and the run shows its outcome and its audit events', async () => {
    const response = await upload(clean, 'dryRun=false');
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ status: 'succeeded', counts: { new: 2 } });
    expect(await uploaded()).toBe(2);

    const run = await world.app.inject({
      url: `/api/v1/imports/${result.runId}`,
      headers: { cookie: admin },
    });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({
      id: result.runId,
      status: 'succeeded',
      fileName: 'team.csv',
      rowsRead: 2,
      counts: { new: 2 },
      errors: [],
      // The server's injected clock, not the database's: history reads the app's time.
      startedAt: worldNow,
    });
    const events = await world.db.query<{ action: string; details: { via: string } }>(
      `select action, details from audit_event where org_id = $1 and subject_id = $2 order by id`,
      [world.a.orgId, result.runId],
    );
    expect(events.map((e) => e.action)).toEqual(['import.started', 'import.finished']);
    expect(events[0]?.details.via).toBe('upload');
  });

  it('reports a file without the required columns as an issue of line 1', async () => {
    const response = await upload('who,what\nx,y\n', 'dryRun=true');
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toContainEqual(
      expect.objectContaining({ line: 1, field: 'name' }),
    );
  });

  it('names the won deals without an amount (line, external id) in the preview, the import and the history', async () => {
    const owner = world.a.emails.r1a;
    const won = [
      'external_id,name,owner,stage,amount,close_date',
      `U-W1,Upload won,${owner},Closed Won,500,2026-02-10`,
      `U-W2,Upload won without amount,${owner},Closed Won,,2026-02-11`,
      `U-O3,Upload open without amount,${owner},Qualification,,2026-04-30`,
      `U-W4,Upload won without amount too,${owner},Closed Won,,2026-02-12`,
    ].join('\n');
    const send = (dryRun: boolean) =>
      world.app.inject({
        method: 'POST',
        url: `/api/v1/imports?kind=opportunities&fileName=won.csv&dryRun=${dryRun}`,
        headers: { cookie: admin, 'content-type': 'text/csv' },
        payload: won,
      });
    const reason = 'a won deal without an amount: imported as 0, so bookings may be understated';
    const warnings = [
      { line: 3, externalId: 'U-W2', field: 'amount', reason },
      { line: 5, externalId: 'U-W4', field: 'amount', reason },
    ];
    const runIds: string[] = [];
    for (const dryRun of [true, false]) {
      const response = await send(dryRun);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        dryRun,
        status: 'succeeded',
        counts: { rows: 4, new: 4 },
        warningCount: 2,
        warnings,
      });
      runIds.push(response.json().runId);
    }
    // The world's clock stands still: every run started at the same instant, so find them.
    const history = await world.app.inject({
      url: '/api/v1/imports?limit=100',
      headers: { cookie: admin },
    });
    expect(history.statusCode, history.body).toBe(200);
    const shown = history
      .json()
      .items.filter((r: { id: string }) => runIds.includes(r.id))
      .map((r: { dryRun: boolean; warningCount: number; warnings: unknown }) => ({
        dryRun: r.dryRun,
        warningCount: r.warningCount,
        warnings: r.warnings,
      }));
    expect(shown).toEqual(
      expect.arrayContaining([
        { dryRun: true, warningCount: 2, warnings },
        { dryRun: false, warningCount: 2, warnings },
      ]),
    );
    expect(shown).toHaveLength(2);
  });

  it('answers 404 for an import of another organization', async () => {
    const response = await world.app.inject({
      url: `/api/v1/imports/${world.b.importRunId}`,
      headers: { cookie: admin },
    });
    expect(response.statusCode).toBe(404);
  });

  it('a keyed upload runs once: the retry answers the first run, another file with the key is 422', async () => {
    const keyed = (csv: string, key: string) =>
      world.app.inject({
        method: 'POST',
        url: '/api/v1/imports?kind=people&fileName=keyed.csv&dryRun=false',
        headers: { cookie: admin, 'content-type': 'text/csv', 'idempotency-key': key },
        payload: csv,
      });
    const runs = async () =>
      (
        await world.db.query<{ n: number }>(
          "select count(*)::int as n from import_run where org_id = $1 and file_name = 'keyed.csv'",
          [world.a.orgId],
        )
      )[0]?.n;
    const file = `${header}K-1,Kim Keyed,kim@keyed.test,rep\n`;
    const first = await keyed(file, 'upload-1');
    expect(first.statusCode, first.body).toBe(200);
    const again = await keyed(file, 'upload-1');
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<{ runId: string }>().runId).toBe(first.json<{ runId: string }>().runId);
    expect(await runs()).toBe(1);
    const other = await keyed(`${header}K-2,Kit Keyed,kit@keyed.test,rep\n`, 'upload-1');
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await runs()).toBe(1);
  });
});
