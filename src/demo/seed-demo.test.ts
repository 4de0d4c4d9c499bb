import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAgenda } from '../agenda/prepare-agenda.js';
import { AgendaSchema } from '../core/agenda-schema.js';
import { addDays, addMonths } from '../core/days.js';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { demoTables } from './demo-rows.js';
import { type RepProfile, reps } from './profiles.js';
import { type DemoSummary, seedDemo } from './seed-demo.js';

const ZONE = 'America/New_York';

/** The numbers a manager could check by hand, computed with plain SQL. */
class DemoFacts {
  constructor(
    private readonly db: Database,
    readonly orgId: string,
    readonly today: string,
  ) {}

  month(offset: number): string {
    return `${addMonths(this.today.slice(0, 7), offset)}-01`;
  }

  async one(text: string, params: readonly unknown[]): Promise<number> {
    const [row] = await this.db.query<{ value: number | null }>(text, [this.orgId, ...params]);
    return Number(row?.value ?? 0);
  }

  /** Bookings won by the rep between two org-local days (end exclusive). */
  won(email: string, from: string, to: string): Promise<number> {
    return this.one(
      `SELECT sum(o.amount) AS value FROM opportunity o JOIN person p ON p.org_id = o.org_id AND p.id = o.owner_id
       WHERE o.org_id = $1 AND p.email = $2 AND o.status = 'won'
         AND (o.closed_at AT TIME ZONE '${ZONE}')::date >= $3::date AND (o.closed_at AT TIME ZONE '${ZONE}')::date < $4::date`,
      [email, from, to],
    );
  }

  goal(email: string, periodStart: string): Promise<number> {
    return this.one(
      `SELECT sum(g.target) AS value FROM goal g JOIN person p ON p.org_id = g.org_id AND p.id = g.person_id
       WHERE g.org_id = $1 AND p.email = $2 AND g.metric = 'bookings' AND g.period_start = $3::date`,
      [email, periodStart],
    );
  }

  async attainment(email: string, offset: number): Promise<number> {
    const won = await this.won(email, this.month(offset), this.month(offset + 1));
    return won / (await this.goal(email, this.month(offset)));
  }

  /** Open pipeline closing from today to the end of the month after next ÷ the goal left. */
  async coverage(email: string): Promise<number> {
    const open = await this.one(
      `SELECT sum(o.amount) AS value FROM opportunity o JOIN person p ON p.org_id = o.org_id AND p.id = o.owner_id
       WHERE o.org_id = $1 AND p.email = $2 AND o.status = 'open' AND o.close_date >= $3::date AND o.close_date < $4::date`,
      [email, this.today, this.month(3)],
    );
    let goal = 0;
    for (const offset of [0, 1, 2]) goal += await this.goal(email, this.month(offset));
    return open / (goal - (await this.won(email, this.month(0), addDays(this.today, 1))));
  }

  /** Attainment ranks of the team of `email` in the month `offset` (membership of that month). */
  async rank(email: string, offset: number): Promise<number> {
    const members = await this.db.query<{ email: string }>(
      `SELECT p.email FROM team_membership m JOIN person p ON p.org_id = m.org_id AND p.id = m.person_id
       WHERE m.org_id = $1 AND m.valid_from <= $2::date AND (m.valid_to IS NULL OR m.valid_to > $2::date)
         AND m.team_id = (SELECT m2.team_id FROM team_membership m2 JOIN person p2 ON p2.org_id = m2.org_id AND p2.id = m2.person_id
                          WHERE m2.org_id = $1 AND p2.email = $3 AND m2.valid_from <= $2::date AND (m2.valid_to IS NULL OR m2.valid_to > $2::date))`,
      [this.orgId, this.month(offset), email],
    );
    const scores = await Promise.all(
      members.map(async (m) => ({ email: m.email, score: await this.attainment(m.email, offset) })),
    );
    const mine = scores.find((s) => s.email === email)?.score ?? 0;
    return 1 + scores.filter((s) => s.score > mine).length;
  }

  openIn(email: string, stageName: string): Promise<number> {
    return this.one(
      `SELECT count(*) AS value FROM opportunity o JOIN person p ON p.org_id = o.org_id AND p.id = o.owner_id
       JOIN stage s ON s.org_id = o.org_id AND s.id = o.stage_id
       WHERE o.org_id = $1 AND p.email = $2 AND o.status = 'open' AND s.name = $3`,
      [email, stageName],
    );
  }

  count(text: string, params: readonly unknown[] = []): Promise<number> {
    return this.one(`SELECT count(*) AS value FROM ${text}`, params);
  }

  /** A digest of every demo row, without generated identity ids and password hashes. */
  async digest(): Promise<string> {
    const hash = createHash('sha256');
    for (const table of demoTables) {
      const key = table === 'org' ? 'id' : 'org_id';
      const rows = await this.db.query<{ row: string }>(
        `SELECT (to_jsonb(t) - 'password_hash' - ${table === 'activity' || table === 'opportunity_event' ? `'id'` : `'-'`})::text AS row
         FROM "${table}" t WHERE ${key} = $1 ORDER BY 1`,
        [this.orgId],
      );
      hash.update(`${table}\n${rows.map((r) => r.row).join('\n')}\n`);
    }
    return hash.digest('hex');
  }
}

const byProfile = (profile: string): RepProfile => {
  const rep = reps.find((r) => r.profile === profile);
  if (!rep) throw new Error(`no ${profile}`);
  return rep;
};

for (const nowIso of ['2026-11-22T15:00:00Z', '2027-03-03T02:00:00Z']) {
  describe(`seedDemo (${testEngine}, now ${nowIso})`, () => {
    const now = new Date(nowIso);
    let db: Database;
    let summary: DemoSummary;
    let facts: DemoFacts;

    beforeAll(async () => {
      db = await createTestDb();
      summary = await seedDemo({ db, now });
      const [row] = await db.query<{ today: string }>(
        `SELECT ($1::timestamptz AT TIME ZONE '${ZONE}')::date AS today`,
        [nowIso],
      );
      facts = new DemoFacts(db, summary.orgId, row?.today ?? '');
    });
    afterAll(async () => db.close());

    it('creates the people, teams and stages of Northwind Demo', async () => {
      expect(await facts.count('org WHERE slug = $2 AND id = $1', ['demo'])).toBe(1);
      expect(await facts.count(`person WHERE org_id = $1 AND role = 'rep'`)).toBe(12);
      expect(await facts.count(`person WHERE org_id = $1 AND role = 'manager'`)).toBe(2);
      expect(await facts.count(`team WHERE org_id = $1`)).toBe(2);
      expect(
        await facts.count(
          `(SELECT team_id FROM team_membership WHERE org_id = $1 AND valid_to IS NULL GROUP BY team_id HAVING count(*) = 6) AS full_team`,
        ),
      ).toBe(2);
      expect(await facts.count(`stage WHERE org_id = $1`)).toBe(7);
      expect(summary.logins).toHaveLength(16);
      expect(summary.password).toBe('rudder-demo');
    });

    it('lands every rep on the attainment of the profile in the last two complete months', async () => {
      for (const rep of reps) {
        expect(await facts.attainment(rep.email, -1), rep.key).toBeCloseTo(rep.attainment.last, 2);
        expect(await facts.attainment(rep.email, -2), rep.key).toBeCloseTo(
          rep.attainment.previous,
          2,
        );
      }
      expect(await facts.attainment(byProfile('star').email, -1)).toBeGreaterThanOrEqual(1.15);
      const steady = await facts.attainment(byProfile('steady').email, -1);
      expect(steady >= 1.02 && steady <= 1.1).toBe(true);
      expect(
        await facts.attainment(byProfile('behind-healthy-pipeline').email, -1),
      ).toBeLessThanOrEqual(0.8);
      expect(
        await facts.attainment(byProfile('behind-anemic-pipeline').email, -1),
      ).toBeLessThanOrEqual(0.8);
    });

    it('prepares an agenda as of the 3rd of last month with only the bookings up to that day', async () => {
      // `rudder prep <rep> --as-of <3rd of last month>` once showed the whole month's bookings.
      const monthStart = facts.month(-1);
      const asOf = addDays(monthStart, 2);
      let cutShort = 0;
      for (const rep of reps) {
        const [person] = await db.query<{ id: string }>(
          'SELECT id FROM person WHERE org_id = $1 AND email = $2',
          [summary.orgId, rep.email],
        );
        const agenda = await prepareAgenda(db, {
          orgId: summary.orgId,
          personId: person?.id ?? '',
          now,
          asOf,
        });
        const upToAsOf = await facts.won(rep.email, monthStart, addDays(asOf, 1));
        expect(agenda.results.current.period.start, rep.key).toBe(monthStart);
        expect(agenda.results.current.actual, rep.key).toBe(upToAsOf);
        if (upToAsOf < (await facts.won(rep.email, monthStart, facts.month(0)))) cutShort += 1;
      }
      // Most reps book more after the 3rd: the check above is not vacuous.
      expect(cutShort).toBeGreaterThan(reps.length / 2);
    });

    it('ranks the falling rep 2nd then 5th of 6 and keeps the star 1st', async () => {
      const falling = byProfile('falling-rank').email;
      expect([await facts.rank(falling, -2), await facts.rank(falling, -1)]).toEqual([2, 5]);
      expect(await facts.rank(byProfile('star').email, -1)).toBe(1);
      expect(await facts.rank(byProfile('new-hire-ramping').email, -1)).toBe(2);
    });

    it('builds each pipeline to the coverage of the profile', async () => {
      for (const rep of reps)
        expect(await facts.coverage(rep.email), rep.key).toBeCloseTo(rep.coverage, 1);
      expect(
        await facts.coverage(byProfile('behind-healthy-pipeline').email),
      ).toBeGreaterThanOrEqual(3);
      expect(await facts.coverage(byProfile('behind-anemic-pipeline').email)).toBeLessThan(1.5);
    });

    it('gives the anemic rep a hole at Proposal, past-due deals and little new pipeline', async () => {
      const anemic = byProfile('behind-anemic-pipeline').email;
      expect(await facts.openIn(anemic, 'Proposal')).toBe(0);
      const open = await facts.count(
        `opportunity o JOIN person p ON p.id = o.owner_id WHERE o.org_id = $1 AND p.email = $2 AND o.status = 'open'`,
        [anemic],
      );
      const pastDue = await facts.count(
        `opportunity o JOIN person p ON p.id = o.owner_id WHERE o.org_id = $1 AND p.email = $2 AND o.status = 'open' AND o.close_date < $3::date`,
        [anemic, facts.today],
      );
      expect(pastDue / open).toBeGreaterThan(0.2);
      const since = addDays(facts.today, -15);
      const created = await facts.count(
        `opportunity o JOIN person p ON p.id = o.owner_id WHERE o.org_id = $1 AND p.email = $2 AND (o.created_at AT TIME ZONE '${ZONE}')::date >= $3::date`,
        [anemic, since],
      );
      expect(created).toBe(1);
      for (const stage of [
        'Prospecting',
        'Qualification',
        'Discovery',
        'Proposal',
        'Negotiation',
      ]) {
        expect(
          await facts.openIn(byProfile('behind-healthy-pipeline').email, stage),
          stage,
        ).toBeGreaterThan(0);
      }
    });

    it('keeps every opportunity consistent with its last events', async () => {
      const last = (field: string) =>
        `(SELECT e.new_value FROM opportunity_event e WHERE e.org_id = o.org_id AND e.opportunity_id = o.id AND e.field = '${field}' ORDER BY e.observed_at DESC, e.id DESC LIMIT 1)`;
      const inconsistent = await facts.count(
        `opportunity o JOIN stage s ON s.org_id = o.org_id AND s.id = o.stage_id WHERE o.org_id = $1 AND (
           o.stage_id::text IS DISTINCT FROM ${last('stage')} OR o.amount::text IS DISTINCT FROM ${last('amount')}
           OR o.close_date::text IS DISTINCT FROM ${last('close_date')} OR s.kind <> o.status
           OR (o.status = 'open') <> (o.closed_at IS NULL) OR o.last_changed_at > $2::timestamptz)`,
        [nowIso],
      );
      expect(inconsistent).toBe(0);
      expect(
        await facts.count(`activity WHERE org_id = $1 AND occurred_at > $2::timestamptz`, [nowIso]),
      ).toBeGreaterThan(0);
    });

    it('schedules the next 1:1 for every rep but the overdue one, and shows one proposed goal', async () => {
      expect(
        await facts.count(
          `meeting WHERE org_id = $1 AND status = 'scheduled' AND scheduled_at > $2::timestamptz AND scheduled_at < $2::timestamptz + interval '21 days'`,
          [nowIso],
        ),
      ).toBe(11);
      expect(await facts.count(`meeting WHERE org_id = $1 AND status = 'missed'`)).toBe(1);
      expect(
        await facts.count(
          `goal WHERE org_id = $1 AND status = 'proposed' AND period_start = $2::date`,
          [facts.month(1)],
        ),
      ).toBe(1);
      expect(await facts.count(`meeting_note WHERE org_id = $1 AND visibility = 'private'`)).toBe(
        1,
      );
    });

    it("freezes each held 1:1's agenda from the demo's data, with the stage it reached", async () => {
      const held = await db.query<{ rep_id: string; stage_reached: string; agenda: unknown }>(
        `SELECT rep_id, stage_reached, agenda_snapshot AS agenda FROM meeting
          WHERE org_id = $1 AND status = 'held'`,
        [summary.orgId],
      );
      expect(held.length).toBe(await facts.count(`meeting WHERE org_id = $1 AND status = 'held'`));
      expect(held.length).toBeGreaterThan(12);
      for (const meeting of held) {
        const agenda = AgendaSchema.parse(meeting.agenda);
        expect(agenda.person.id).toBe(meeting.rep_id);
        expect(agenda.progression.stage).toBe(meeting.stage_reached);
      }
    });

    it('produces identical rows when seeded again with the same now, replacing the old demo', async () => {
      const before = await facts.digest();
      const again = await seedDemo({ db, now });
      expect(again.counts).toEqual(summary.counts);
      expect(await facts.count(`org WHERE slug = 'demo' AND $1::uuid IS NOT NULL`)).toBe(1);
      for (const table of demoTables) {
        const key = table === 'org' ? 'id' : 'org_id';
        expect(await facts.count(`"${table}" WHERE ${key} = $1`), table).toBe(
          summary.counts[table],
        );
      }
      expect(await facts.digest()).toBe(before);
    });
  });
}
