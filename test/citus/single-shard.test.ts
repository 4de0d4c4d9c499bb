import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPrepQueue } from '../../src/agenda/list-prep-queue.js';
import { viewAgenda } from '../../src/agenda/view-agenda.js';
import { requestPasswordReset } from '../../src/auth/request-password-reset.js';
import { signIn } from '../../src/auth/sign-in.js';
import { createSignInLimiter } from '../../src/auth/sign-in-limiter.js';
import { addMonths, dayInZone } from '../../src/core/days.js';
import type { Database } from '../../src/db/database.js';
import { createTestDb, testEngine } from '../../src/db/test-db.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { claimJob } from '../../src/jobs/claim-job.js';
import { enqueuePeriodicJobs } from '../../src/jobs/enqueue-periodic-jobs.js';
import { getCadenceCompliance } from '../../src/leaders/get-cadence-compliance.js';
import { getFollowThrough } from '../../src/leaders/get-follow-through.js';
import { getStageHeatmap } from '../../src/leaders/get-stage-heatmap.js';
import { listRepsAtActivityStage } from '../../src/leaders/list-reps-at-activity-stage.js';
import { adviseSeriesCadence } from '../../src/meetings/advise-series-cadence.js';
import { getScorecard } from '../../src/scorecard/get-scorecard.js';
import {
  type CapturedStatement,
  capturingDb,
  checkStatements,
  conjuncts,
  distributionColumns,
  unpinnedScans,
} from './single-shard-plans.js';

/**
 * Citus readiness (issue #26, docs/scaling.md#citus): every statement that prepares agendas,
 * scorecards and leaders' reports for one organization routes to that organization's shard.
 * The statements are captured as the code issues them (a new query is checked without
 * being listed here) and each is planned with its own parameters: every scan of a table
 * distributed by organization must be pinned to one.
 */
describe(`every statement of the facts layer routes to one organization (${testEngine})`, () => {
  const now = new Date('2026-11-18T15:00:00Z');
  let db: Database;
  let orgId: string;
  let login: string;
  let distribution: Map<string, string>;

  beforeAll(async () => {
    db = await createTestDb();
    const demo = await seedDemo({ db, now });
    orgId = demo.orgId;
    login = demo.logins[0]?.email ?? '';
    distribution = await distributionColumns(db);
  });
  afterAll(async () => {
    await db.close();
  });

  /** Runs `work` on a capturing database; returns what it issued. */
  const capture = async (work: (db: Database) => Promise<unknown>) => {
    const captured = capturingDb(db);
    await work(captured.db);
    return captured.statements;
  };
  const people = (role: string) =>
    db.query<{ id: string }>('select id from person where org_id = $1 and role = $2 order by id', [
      orgId,
      role,
    ]);

  it('knows the tables distributed by organization', () => {
    // Every table with org_id; the others (org, data_version, setup_token, sign_in_limit) are
    // reference or coordinator-local tables.
    expect([...distribution.keys()].sort()).toEqual(
      [
        'activity',
        'activity_share',
        'api_token',
        'audit_event',
        'calendar_feed',
        'commitment',
        'crm_connection',
        'crm_oauth_state',
        'goal',
        'goal_event',
        'idempotent_request',
        'import_mapping',
        'import_run',
        'job',
        'meeting',
        'meeting_note',
        'meeting_series',
        'one_time_token',
        'opportunity',
        'opportunity_event',
        'outbox_message',
        'person',
        'rep_month',
        'rep_month_activity',
        'rep_pre_work',
        'result_entry',
        'scorecard_publication',
        'session',
        'stage',
        'team',
        'team_membership',
      ].sort(),
    );
    expect(distribution.has('org')).toBe(false);
    expect(distribution.get('goal')).toBe('org_id');
  });

  it('finds a scan no organization pins, in a statement planted without org_id', async () => {
    const planted: CapturedStatement[] = [
      // A rep's goals by person alone: every shard would be asked.
      { text: 'select g.target from goal g where g.person_id = $1', params: [orgId] },
      // Pinned, but joined to meetings on the rep alone: meeting is not co-located.
      {
        text: `select count(*) from person p join meeting m on m.rep_id = p.id
                where p.org_id = $1`,
        params: [orgId],
      },
      // An org_id condition under an OR pins nothing.
      {
        text: `select count(*) from opportunity o where o.org_id = $1 or o.amount > 0`,
        params: [orgId],
      },
      // An update by id alone.
      { text: `update goal set status = status where id = $1`, params: [orgId] },
      // Joined on org_id to a CTE that reads every organization's deals.
      {
        text: `with c as materialized (select org_id, id from opportunity where amount > 0)
               select count(*) from c
                 join opportunity_event ev on ev.org_id = c.org_id and ev.opportunity_id = c.id`,
        params: [],
      },
      // The same CTE pinned to one organization: no finding.
      {
        text: `with c as materialized (select org_id, id from opportunity where org_id = $1)
               select count(*) from c
                 join opportunity_event ev on ev.org_id = c.org_id and ev.opportunity_id = c.id`,
        params: [orgId],
      },
      // Pinned through a co-located join: no finding.
      {
        text: `select count(*) from person p
                 join meeting m on m.org_id = p.org_id and m.rep_id = p.id
                where p.org_id = $1`,
        params: [orgId],
      },
    ];
    const verdicts = await checkStatements(db, planted, distribution);
    expect(verdicts.map((v) => v.unpinned)).toEqual([
      [{ table: 'goal', alias: 'g' }],
      [{ table: 'meeting', alias: 'm' }],
      [{ table: 'opportunity', alias: 'o' }],
      [{ table: 'goal', alias: 'goal' }],
      [
        { table: 'opportunity', alias: 'opportunity' },
        { table: 'opportunity_event', alias: 'ev' },
      ],
      [],
      [],
    ]);
  });

  it('reads a join condition only between distribution columns', () => {
    const distributed = new Map([
      ['team', 'org_id'],
      ['team_membership', 'org_id'],
    ]);
    const scan = (alias: string, table: string, filter: string) => ({
      'Node Type': 'Seq Scan',
      'Relation Name': table,
      Alias: alias,
      Filter: filter,
    });
    const join = (hashCond: string) => ({
      'Node Type': 'Hash Join',
      'Hash Cond': hashCond,
      Plans: [
        scan('t', 'team', "(t.org_id = 'a5f0c1de-0000-4000-8000-000000000001'::uuid)"),
        scan('tm', 'team_membership', '(tm.valid_to IS NULL)'),
      ],
    });
    expect(
      unpinnedScans(join('((tm.org_id = t.org_id) AND (tm.team_id = t.id))'), distributed),
    ).toEqual([]);
    expect(unpinnedScans(join('(tm.team_id = t.id)'), distributed)).toEqual([
      { table: 'team_membership', alias: 'tm' },
    ]);
    expect(unpinnedScans(join('(tm.team_id = t.org_id)'), distributed)).toEqual([
      { table: 'team_membership', alias: 'tm' },
    ]);
    expect(conjuncts("((a.x = 'it''s (AND)'::text) AND ((b.y = 1) OR (b.z = 2)))")).toEqual([
      "a.x = 'it''s (AND)'::text",
      '(b.y = 1) OR (b.z = 2)',
    ]);
  });

  it('pins every scan behind agendas, scorecards and leaders’ reports', async () => {
    const managers = await people('manager');
    const [leader] = await people('leader');
    const [rep] = await people('rep');
    const [manager] = managers;
    if (!leader || !rep || !manager) throw new Error('the demo has a leader, managers and reps');
    const teams = await db.query<{ id: string }>('select id from team where org_id = $1', [orgId]);
    const today = dayInZone(now, 'America/New_York');
    const month = today.slice(0, 7);
    const from = `${addMonths(month, -2)}-01`;
    const to = `${addMonths(month, 1)}-01`;
    const statements = await capture(async (db) => {
      // Agendas: the prep queue prepares every rep's agenda of each manager.
      for (const manager of managers)
        await listPrepQueue(db, { orgId, managerId: manager.id, now });
      await viewAgenda(db, { orgId, repId: rep.id, viewerId: manager.id, now });
      // The team's comparisons behind the cadence advice.
      await adviseSeriesCadence(db, { orgId, repId: rep.id, chosen: 'weekly', now });
      // Scorecards and the ranking: the organization's and each team's.
      await getScorecard(db, { orgId, teamId: null, now, publishedOnly: false });
      for (const team of teams)
        await getScorecard(db, { orgId, teamId: team.id, now, publishedOnly: false });
      // Leaders' reports, organization-wide and for one leader.
      for (const leaderId of [undefined, leader.id]) {
        await getCadenceCompliance(db, { orgId, from, to, now, leaderId });
        await getFollowThrough(db, { orgId, from, to, leaderId });
        await getStageHeatmap(db, {
          orgId,
          fromMonth: addMonths(month, -5),
          toMonth: month,
          leaderId,
        });
        await listRepsAtActivityStage(db, { orgId, throughMonth: month, leaderId });
      }
    });
    const verdicts = await checkStatements(db, statements, distribution);
    // Every statement was planned (none skipped as unplannable).
    expect(verdicts).toHaveLength(statements.length);
    // What the work above reached: every table an agenda, a scorecard or a report reads.
    expect(managers.length).toBeGreaterThan(1);
    // 15 since the scorecard reads its members, months and goals in one statement (was 4).
    expect(new Set(verdicts.map((v) => v.statement.text)).size).toBeGreaterThanOrEqual(15);
    expect([...new Set(verdicts.flatMap((v) => v.scanned))].sort()).toEqual([
      'activity',
      'activity_share',
      'commitment',
      'goal',
      'meeting',
      'meeting_series',
      'opportunity',
      'opportunity_event',
      'person',
      'rep_month',
      'rep_month_activity',
      'result_entry',
      'scorecard_publication',
      'stage',
      'team',
      'team_membership',
    ]);
    const failing = verdicts
      .filter((v) => v.unpinned.length > 0)
      .map((v) => ({
        sql: v.statement.text.replace(/\s+/g, ' ').slice(0, 300),
        unpinned: v.unpinned,
      }));
    expect(failing).toEqual([]);
  });

  /**
   * The statements that span organizations by design, each with its reason; docs/scaling.md
   * says how each runs on Citus. Any other statement of these paths must be pinned.
   */
  const crossOrg = [
    {
      statement: /^insert into job .* from meeting m/s,
      reason: "the job scheduler finds every organization's 1:1s past their end",
    },
    {
      statement: /^insert into job .* from outbox_message o/s,
      reason: "the job scheduler finds every organization's unsent e-mail",
    },
    {
      statement: /^insert into job .* from crm_connection c/s,
      reason: "the job scheduler finds every organization's CRM sync that is due",
    },
    {
      statement: /^delete from idempotent_request where ctid/,
      reason: "each job runner's poll deletes expired Idempotency-Keys of every organization",
    },
    {
      statement: /^update job j set attempts/,
      reason: 'a job runner claims the next due job of any organization',
    },
    {
      statement: /from person p join org o on o\.id = p\.org_id\s+where lower\(p\.email\)/,
      reason:
        'signing in and asking for a password reset start from an e-mail address, which may open several organizations',
    },
  ];

  it('finds only the listed statements spanning organizations in jobs and sign-in', async () => {
    const limiter = createSignInLimiter(db);
    const statements = await capture(async (db) => {
      await enqueuePeriodicJobs(db, { now, deliverMail: true, syncCrm: true });
      await claimJob(db, {
        kinds: ['detect-missed', 'deliver-mail', 'crm-sync'],
        now,
        leaseMs: 30_000,
        maxAttempts: 5,
      });
      await expect(
        signIn(db, {
          email: login,
          password: 'not the password',
          address: '10.2.0.1',
          now,
          limiter,
        }),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await requestPasswordReset(db, { email: login, now, address: '10.2.0.1' });
    });
    const verdicts = await checkStatements(db, statements, distribution);
    expect(verdicts).toHaveLength(statements.length);
    const spanning = verdicts
      .filter((v) => v.unpinned.length > 0)
      .map((v) => v.statement.text.trim());
    // Each spanning statement is a listed one, and each listed one was seen spanning.
    expect(spanning.filter((text) => !crossOrg.some((c) => c.statement.test(text)))).toEqual([]);
    expect(
      crossOrg.filter((c) => !spanning.some((text) => c.statement.test(text))).map((c) => c.reason),
    ).toEqual([]);
  });
});
