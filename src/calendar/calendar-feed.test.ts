import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg, insertPerson, insertTeam } from '../db/test-fixtures.js';
import { cancelMeeting } from '../meetings/cancel-meeting.js';
import type { Actor } from '../meetings/meeting-records.js';
import { rescheduleMeeting } from '../meetings/reschedule-meeting.js';
import { scheduleSeries } from '../meetings/schedule-series.js';
import { occurrenceAt, occurrenceDays } from '../meetings/series-occurrences.js';
import { createCalendarFeed } from './create-calendar-feed.js';
import { renderCalendarFeed } from './render-calendar-feed.js';
import { renderMeetingIcs } from './render-meeting-ics.js';
import { revokeCalendarFeed } from './revoke-calendar-feed.js';

const at = (iso: string) => new Date(iso);

function parse(text: string) {
  return new ICAL.Component(ICAL.parse(text));
}

/** The VEVENTs of a calendar, split into masters and overrides (RECURRENCE-ID). */
function events(text: string) {
  const all = parse(text).getAllSubcomponents('vevent');
  return {
    all,
    masters: all.filter((e) => !e.hasProperty('recurrence-id')),
    overrides: all.filter((e) => e.hasProperty('recurrence-id')),
  };
}

const iso = (t: ICAL.Time) => t.toJSDate().toISOString();

describe(`calendar feed and .ics files (${testEngine})`, () => {
  let db: Database;
  let orgId: string;
  let manager: Actor;
  let repId: string;
  let token: string;

  beforeAll(async () => {
    db = await createTestDb();
    orgId = await insertOrg(db, { timeZone: 'America/New_York' });
    const managerId = await insertPerson(db, orgId, { name: 'Morgan Manager', role: 'manager' });
    repId = await insertPerson(db, orgId, { name: 'Riley Rep' });
    await insertTeam(db, orgId, {
      name: 'East',
      managerId,
      members: [{ personId: repId, from: '2026-01-01' }],
    });
    manager = { personId: managerId, role: 'manager' };
    ({ token } = await createCalendarFeed(db, {
      orgId,
      personId: repId,
      now: at('2026-10-15T12:00:00Z'),
    }));
  });
  afterAll(async () => {
    await db.close();
  });

  it('describes a series as one RRULE event whose dates are the ones Rudder schedules, across the DST change', async () => {
    const { nextMeeting, series } = await scheduleSeries(db, {
      orgId,
      actor: manager,
      repId,
      series: { cadence: 'biweekly', weekday: 1, timeOfDay: '09:00', timeZone: 'America/New_York' },
      now: at('2026-10-15T12:00:00Z'),
    });
    expect(nextMeeting?.scheduledAt).toBe('2026-10-19T13:00:00.000Z');
    const text = await renderCalendarFeed(db, { token, now: at('2026-10-15T12:00:00Z') });
    // RFC 5545: every content line ends with CRLF, no bare LF anywhere.
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:America/New_York');
    const { masters } = events(text);
    expect(masters).toHaveLength(1);
    const master = masters[0] as ICAL.Component;
    expect(master.getFirstPropertyValue('rrule')?.toString()).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
    );
    expect(master.getFirstPropertyValue('sequence')).toBe(0);
    const event = new ICAL.Event(master);
    expect(event.startDate.zone?.tzid).toBe('America/New_York');
    const iterator = event.iterator();
    const expanded: ICAL.Time[] = [];
    for (let i = 0; i < 8; i += 1) {
      const next = iterator.next();
      if (next) expanded.push(next);
    }
    // 09:00 local throughout; UTC moves from 13:00 (EDT) to 14:00 (EST) after 2026-11-01.
    expect(expanded.slice(0, 3).map((t) => [t.hour, iso(t)])).toEqual([
      [9, '2026-10-19T13:00:00.000Z'],
      [9, '2026-11-02T14:00:00.000Z'],
      [9, '2026-11-16T14:00:00.000Z'],
    ]);
    const ours = occurrenceDays(series, { from: '2026-10-01', count: 8 }).map((day) =>
      occurrenceAt(series, day).toISOString(),
    );
    expect(expanded.map(iso)).toEqual(ours);
  });

  it('marks a cancelled occurrence STATUS:CANCELLED with a higher SEQUENCE', async () => {
    const [first] = await db.query<{ id: string }>(
      "select id from meeting where status = 'scheduled'",
    );
    await cancelMeeting(db, { orgId, meetingId: first?.id ?? '', actor: manager });
    const { overrides } = events(
      await renderCalendarFeed(db, { token, now: at('2026-10-16T12:00:00Z') }),
    );
    expect(overrides).toHaveLength(1);
    const override = overrides[0] as ICAL.Component;
    expect(override.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(iso(override.getFirstPropertyValue('recurrence-id') as ICAL.Time)).toBe(
      '2026-10-19T13:00:00.000Z',
    );
    expect(override.getFirstPropertyValue('sequence')).toBe(1);
  });

  it('raises the series SEQUENCE when the series changes, and moves a rescheduled occurrence', async () => {
    const changed = await scheduleSeries(db, {
      orgId,
      actor: manager,
      repId,
      series: { cadence: 'biweekly', weekday: 1, timeOfDay: '10:00', timeZone: 'America/New_York' },
      now: at('2026-10-20T12:00:00Z'),
    });
    expect(changed.series.sequence).toBe(1);
    // The rule now runs from 2026-10-20: first Monday 10-26, 10:00 EDT = 14:00Z.
    expect(changed.nextMeeting?.scheduledAt).toBe('2026-10-26T14:00:00.000Z');
    let cal = events(await renderCalendarFeed(db, { token, now: at('2026-10-20T12:00:00Z') }));
    const master = cal.masters.find((e) => e.hasProperty('rrule')) as ICAL.Component;
    expect(master.getFirstPropertyValue('sequence')).toBe(1);
    expect(iso(master.getFirstPropertyValue('dtstart') as ICAL.Time)).toBe(
      '2026-10-26T14:00:00.000Z',
    );
    // The cancelled 10-19 meeting is off the new rule: it stands alone, still cancelled.
    const standalone = cal.masters.filter((e) => !e.hasProperty('rrule'));
    expect(standalone.map((e) => e.getFirstPropertyValue('status'))).toEqual(['CANCELLED']);

    await rescheduleMeeting(db, {
      orgId,
      meetingId: changed.nextMeeting?.id ?? '',
      actor: manager,
      scheduledAt: at('2026-10-28T15:00:00Z'),
      now: at('2026-10-21T12:00:00Z'),
    });
    cal = events(await renderCalendarFeed(db, { token, now: at('2026-10-21T12:00:00Z') }));
    expect(cal.overrides).toHaveLength(1);
    const moved = cal.overrides[0] as ICAL.Component;
    expect(iso(moved.getFirstPropertyValue('recurrence-id') as ICAL.Time)).toBe(
      '2026-10-26T14:00:00.000Z',
    );
    const movedStart = moved.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect([movedStart.hour, iso(movedStart)]).toEqual([11, '2026-10-28T15:00:00.000Z']);
    expect(moved.getFirstPropertyValue('status')).toBe('CONFIRMED');
    // series 1 + the old meeting's 1 (moved) + the new meeting's 0.
    expect(moved.getFirstPropertyValue('sequence')).toBe(2);
    // The new meeting is the override, not a second event.
    expect(cal.all).toHaveLength(3);
  });

  it('writes one meeting as a standalone .ics in the series zone', async () => {
    const [row] = await db.query<{ id: string }>(
      "select id from meeting where status = 'scheduled' order by scheduled_at limit 1",
    );
    const text = await renderMeetingIcs(db, { orgId, meetingId: row?.id ?? '' });
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const all = parse(text).getAllSubcomponents('vevent');
    expect(all).toHaveLength(1);
    const event = new ICAL.Event(all[0] as ICAL.Component);
    expect(event.uid).toBe(`meeting-${row?.id}@rudder`);
    expect(event.startDate.zone?.tzid).toBe('America/New_York');
    expect([event.startDate.hour, iso(event.startDate), iso(event.endDate)]).toEqual([
      11,
      '2026-10-28T15:00:00.000Z',
      '2026-10-28T15:20:00.000Z',
    ]);
    expect(event.summary).toBe('1:1 Riley Rep / Morgan Manager');
  });

  it('stops answering once revoked, and never answers a made-up token', async () => {
    await expect(
      renderCalendarFeed(db, { token: 'nope', now: at('2026-10-22T00:00:00Z') }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await revokeCalendarFeed(db, { orgId, personId: repId, now: at('2026-10-22T00:00:00Z') }),
    ).toBe(1);
    await expect(
      renderCalendarFeed(db, { token, now: at('2026-10-22T00:00:00Z') }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
