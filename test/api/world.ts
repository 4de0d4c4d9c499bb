import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/auth/password.js';
import { createSignInLimiter, type SignInLimiterOptions } from '../../src/auth/sign-in-limiter.js';
import { ConfigSchema } from '../../src/config/config.js';
import type { Database, Queryable } from '../../src/db/database.js';
import { createTestDb } from '../../src/db/test-db.js';
import { insertGoal, insertOrg, insertStages } from '../../src/db/test-fixtures.js';
import { createApp } from '../../src/server/create-app.js';
import type { Clock } from '../../src/shared/clock.js';
import { seedWorkflow, type WorkflowFixtures } from './world-workflow.js';

export const password = 'correct horse battery';
/** "Today" in the world: mid-March 2026; the mover changed teams on 1 January. */
export const worldNow = '2026-03-15T12:00:00.000Z';
export const worldPeriod = '2026-03';

export interface MutableClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function mutableClock(at: Date | string): MutableClock {
  let time = new Date(at).getTime();
  return {
    now: () => new Date(time),
    set: (next) => {
      time = new Date(next).getTime();
    },
    advance: (ms) => {
      time += ms;
    },
  };
}

const personKeys = [
  'admin',
  'leader',
  'm1',
  'm2',
  'r1a',
  'r1b',
  'r2a',
  'r2b',
  'mover',
  'both',
] as const;
export type PersonKey = (typeof personKeys)[number];

export interface OrgWorld {
  orgId: string;
  slug: string;
  people: Record<PersonKey, string>;
  emails: Record<PersonKey, string>;
  teams: { t1: string; t2: string };
  /** One held 1:1 per rep with their manager now; the mover also has an old one with m1. */
  meetings: {
    r1a: string;
    r1b: string;
    r2a: string;
    r2b: string;
    moverOld: string;
    moverNew: string;
  };
  /** Per meeting of r1a, r1b and r2a: the rep's commitment and the manager's. */
  commitments: Record<'r1a' | 'r1b' | 'r2a', { rep: string; manager: string }>;
  /**
   * r1a's own second commitment, left open for POST /commitments/:id/done; '' unless the
   * world was made with `commitmentToMarkDone` (other tests count r1a's commitments).
   */
  toMarkDone: string;
  /** On r1a's meeting: a shared note by m1, a private one by m1, a private one by r1a. */
  notes: { shared: string; managerPrivate: string; repPrivate: string };
  apiTokenId: string;
  workflow: WorkflowFixtures;
  importRunId: string;
  /** Stage ids by name (the standard stages). */
  stages: Record<string, string>;
  /** The won deal each rep owns (by person id): what GET /people/:id/deals/:dealId opens. */
  deals: Record<string, string>;
}

export interface World {
  db: Database;
  app: FastifyInstance;
  clock: MutableClock;
  a: OrgWorld;
  b: OrgWorld;
  close(): Promise<void>;
}

export interface WorldOptions {
  limits?: SignInLimiterOptions;
  settings?: object;
  commitmentToMarkDone?: boolean;
}

/**
 * Two organizations, mirror images. In each: an admin, a leader over team 1 (team 2 has no
 * leader), managers m1 (team 1: r1a, r1b) and m2 (team 2: r2a, r2b, and the mover, who left
 * team 1 on 2026-01-01), and `both`, a rep whose e-mail exists in both organizations.
 */
export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const db = await createTestDb();
  const clock = mutableClock(worldNow);
  const hash = await hashPassword(password);
  const a = await seedOrg(db, 'org-a', hash, options);
  const b = await seedOrg(db, 'org-b', hash, options);
  const config = ConfigSchema.parse({
    LOG_LEVEL: process.env.RUDDER_TEST_LOG ?? 'silent',
    // "Sync now" and "Connect Salesforce" need a key and a connected app on the server.
    CRM_SECRET_KEY: '7'.repeat(64),
    SALESFORCE_CLIENT_ID: 'world-consumer-key',
    SALESFORCE_CLIENT_SECRET: 'world-consumer-secret',
    SALESFORCE_LOGIN_URL: 'https://login.example.test',
  });
  const app = await createApp({
    db,
    clock,
    config,
    signInLimiter: createSignInLimiter(
      db,
      options.limits ?? { perAccount: 1000, perAddress: 1000, windowMinutes: 15 },
    ),
  });
  await app.ready();
  return {
    db,
    app,
    clock,
    a,
    b,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

async function one(db: Queryable, sql: string, params: unknown[]): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql, params);
  return row?.id ?? '';
}

async function seedOrg(
  db: Database,
  slug: string,
  hash: string,
  options: WorldOptions,
): Promise<OrgWorld> {
  const orgId = await insertOrg(db, { slug, settings: options.settings ?? {} });
  const stages = await insertStages(db, orgId);
  const roleOf = (key: PersonKey) =>
    key === 'admin'
      ? 'admin'
      : key === 'leader'
        ? 'leader'
        : key.startsWith('m') && key !== 'mover'
          ? 'manager'
          : 'rep';
  const people = {} as Record<PersonKey, string>;
  const emails = {} as Record<PersonKey, string>;
  for (const key of personKeys) {
    emails[key] = key === 'both' ? 'both@rudder.test' : `${key}@${slug}.test`;
    people[key] = await one(
      db,
      `insert into person (org_id, name, email, role, password_hash) values ($1, $2, $3, $4, $5) returning id`,
      [orgId, `${slug} ${key}`, emails[key], roleOf(key), hash],
    );
  }
  const team = (name: string, managerId: string, leaderId: string | null) =>
    one(
      db,
      'insert into team (org_id, name, manager_id, leader_id) values ($1, $2, $3, $4) returning id',
      [orgId, name, managerId, leaderId],
    );
  // A Salesforce connection, for "Sync now" (its secrets are never opened by the routes).
  await db.query(
    `insert into crm_connection (org_id, kind, instance_url, auth_kind, secrets)
     values ($1, 'salesforce', 'https://acme.my.salesforce.com', 'refresh-token', 'v1.x.y.z')`,
    [orgId],
  );
  const t1 = await team('Team 1', people.m1, people.leader);
  const t2 = await team('Team 2', people.m2, null);
  const member = (teamId: string, personId: string, from: string, to: string | null = null) =>
    db.query(
      'insert into team_membership (org_id, team_id, person_id, valid_from, valid_to) values ($1, $2, $3, $4, $5)',
      [orgId, teamId, personId, from, to],
    );
  await member(t1, people.r1a, '2025-01-01');
  await member(t1, people.r1b, '2025-01-01');
  await member(t1, people.both, '2025-01-01');
  await member(t2, people.r2a, '2025-01-01');
  await member(t2, people.r2b, '2025-01-01');
  await member(t1, people.mover, '2025-01-01', '2026-01-01');
  await member(t2, people.mover, '2026-01-01');

  const meeting = (repId: string, managerId: string, heldAt: string) =>
    one(
      db,
      `insert into meeting (org_id, rep_id, manager_id, scheduled_at, status, started_at, held_at, stage_reached)
       values ($1, $2, $3, $4, 'held', $4, $4, 'results') returning id`,
      [orgId, repId, managerId, heldAt],
    );
  const meetings = {
    r1a: await meeting(people.r1a, people.m1, '2026-02-10T10:00:00Z'),
    r1b: await meeting(people.r1b, people.m1, '2026-02-11T10:00:00Z'),
    r2a: await meeting(people.r2a, people.m2, '2026-02-12T10:00:00Z'),
    r2b: await meeting(people.r2b, people.m2, '2026-02-13T10:00:00Z'),
    moverOld: await meeting(people.mover, people.m1, '2025-12-10T10:00:00Z'),
    moverNew: await meeting(people.mover, people.m2, '2026-02-14T10:00:00Z'),
  };
  const commitment = (meetingId: string, ownerId: string, ownerRole: string, repId: string) =>
    one(
      db,
      `insert into commitment (org_id, meeting_id, owner_id, owner_role, rep_id, text, due_on, created_at)
       select $1::uuid, $2::uuid, $3::uuid, $4::text, $5::uuid, 'follow up', date '2026-03-31', m.held_at
         from meeting m
        where m.org_id = $1 and m.id = $2 returning id`,
      [orgId, meetingId, ownerId, ownerRole, repId],
    );
  const commitments = {
    r1a: {
      rep: await commitment(meetings.r1a, people.r1a, 'rep', people.r1a),
      manager: await commitment(meetings.r1a, people.m1, 'manager', people.r1a),
    },
    r1b: {
      rep: await commitment(meetings.r1b, people.r1b, 'rep', people.r1b),
      manager: await commitment(meetings.r1b, people.m1, 'manager', people.r1b),
    },
    r2a: {
      rep: await commitment(meetings.r2a, people.r2a, 'rep', people.r2a),
      manager: await commitment(meetings.r2a, people.m2, 'manager', people.r2a),
    },
  };
  await commitment(meetings.moverOld, people.mover, 'rep', people.mover);
  const toMarkDone = options.commitmentToMarkDone
    ? await commitment(meetings.r1a, people.r1a, 'rep', people.r1a)
    : '';
  const note = (authorId: string, visibility: string, body: string) =>
    one(
      db,
      `insert into meeting_note (org_id, meeting_id, author_id, section, visibility, body)
       values ($1, $2, $3, 'results', $4, $5) returning id`,
      [orgId, meetings.r1a, authorId, visibility, body],
    );
  const notes = {
    shared: await note(people.m1, 'shared', `${slug}: shared note`),
    managerPrivate: await note(people.m1, 'private', `${slug}: manager's private note`),
    repPrivate: await note(people.r1a, 'private', `${slug}: rep's private note`),
  };
  await one(
    db,
    `insert into meeting_note (org_id, meeting_id, author_id, section, body) values ($1, $2, $3, 'general', 'old') returning id`,
    [orgId, meetings.moverOld, people.m1],
  );
  for (const rep of ['r1a', 'r1b', 'r2a', 'r2b', 'mover', 'both'] as const) {
    for (const month of ['2026-01-01', '2026-02-01', '2026-03-01']) {
      await insertGoal(db, orgId, { personId: people[rep], periodStart: month, target: 100_000 });
    }
  }
  const won = stages['Closed Won'] ?? '';
  const deals: Record<string, string> = {};
  for (const [rep, amount] of [
    ['r1a', 120_000],
    ['r1b', 80_000],
    ['r2a', 50_000],
    ['mover', 70_000],
  ] as const) {
    deals[people[rep]] = await one(
      db,
      `insert into opportunity (org_id, owner_id, name, amount, currency, stage_id, status, created_at, close_date,
                                closed_at, last_changed_at)
       values ($1, $2, 'Deal', $3, 'USD', $4, 'won', '2026-01-05T00:00:00Z', '2026-03-05', '2026-03-05T12:00:00Z',
               '2026-03-05T12:00:00Z') returning id`,
      [orgId, people[rep], amount, won],
    );
  }
  for (const teamId of [t1, t2]) {
    await db.query(
      `insert into scorecard_publication (org_id, team_id, period_key) values ($1, $2, '2026-03')`,
      [orgId, teamId],
    );
  }
  const importRunId = await one(
    db,
    `insert into import_run (org_id, kind, status, actor_id) values ($1, 'opportunities', 'succeeded', $2) returning id`,
    [orgId, people.admin],
  );
  const apiTokenId = await one(
    db,
    `insert into api_token (org_id, name, token_hash, created_by) values ($1, 'sync', $2, $3) returning id`,
    [orgId, `hash-${slug}`, people.admin],
  );
  return {
    orgId,
    slug,
    people,
    emails,
    teams: { t1, t2 },
    meetings,
    commitments,
    toMarkDone,
    notes,
    apiTokenId,
    workflow: await seedWorkflow(db, orgId, people),
    importRunId,
    stages,
    deals,
  };
}

/** Signs in through the API and returns the Cookie header to send. */
export async function signIn(app: FastifyInstance, email: string, org?: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password, ...(org ? { org } : {}) },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.body}`);
  return sessionCookieOf(response.cookies);
}

export function sessionCookieOf(cookies: Array<{ name: string; value: string }>): string {
  const cookie = cookies.find((c) => c.name === 'rudder_session');
  if (!cookie) throw new Error('no session cookie');
  return `rudder_session=${cookie.value}`;
}
