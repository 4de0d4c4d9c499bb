import type { Day } from '../core/facts.js';
import {
  addDays,
  businessDayOnOrBefore,
  clock,
  isoWeekday,
  localInstant,
} from './demo-calendar.js';
import { type DemoContext, repStartDay } from './demo-context.js';
import type { DemoRows } from './demo-rows.js';
import { addMeetingRecord, type HeldMeeting } from './meeting-records.js';
import { type ProgressionStage, type RepProfile, reps } from './profiles.js';
import { demoId, randomFor } from './random.js';

const MEETING_MINUTES = 20;

/**
 * A monthly 1:1 series per rep (every 4 weeks on the same weekday, so the wall-clock slot
 * stays put), the last three meetings and the next one. The last 1:1 is 18–27 days ago for
 * every rep, so "created since the last 1:1" means the same window across a team.
 */
export function generateMeetings(ctx: DemoContext, rows: DemoRows): void {
  const { calendar } = ctx;
  reps.forEach((rep, index) => {
    const random = randomFor(`meetings:${rep.key}`);
    const teamIndex = reps.filter((r) => r.team === rep.team).indexOf(rep);
    // Each manager's reps follow each other in half-hour slots from 9:00.
    const time = clock(9 * 60 + 30 * teamIndex);
    const daysAgo = rep.cadence === 'overdue' ? 40 : 18 + ((index * 3) % 10);
    const lastDay = businessDayOnOrBefore(addDays(calendar.today, -daysAgo));
    const earliest = addDays(repStartDay(calendar, rep), 7);
    const pastDays = [2, 1, 0]
      .map((cycles) => addDays(lastDay, -28 * cycles))
      .filter((day) => day >= earliest);
    let nextDay: Day | null = addDays(lastDay, 28);
    while (nextDay <= calendar.today) nextDay = addDays(nextDay, 7);
    // Overdue: the monthly 1:1 is due but nobody put it in the calendar.
    if (rep.cadence === 'overdue') nextDay = null;

    const seriesId = demoId(`series:${rep.key}`);
    const firstDay = pastDays[0] ?? lastDay;
    const managerKey = ctx.managerKey(rep);
    rows.meeting_series.push({
      org_id: ctx.orgId,
      id: seriesId,
      rep_id: ctx.personId(rep.key),
      manager_id: ctx.personId(managerKey),
      cadence: 'monthly',
      weekday: isoWeekday(firstDay),
      time_of_day: `${time}:00`,
      time_zone: calendar.timeZone,
      duration_minutes: MEETING_MINUTES,
      starts_on: firstDay,
      active: true,
      sequence: 0,
      created_at: localInstant(addDays(firstDay, -7), '08:00', calendar.timeZone),
    });
    const base = {
      org_id: ctx.orgId,
      series_id: seriesId,
      rep_id: ctx.personId(rep.key),
      manager_id: ctx.personId(managerKey),
      duration_minutes: MEETING_MINUTES,
      rescheduled_to_id: null,
      sequence: 0,
    };
    const held: HeldMeeting[] = [];
    pastDays.forEach((day, i) => {
      const id = demoId(`meeting:${rep.key}:${day}`);
      const scheduledAt = localInstant(day, time, calendar.timeZone);
      const createdAt = localInstant(addDays(day, -21), '08:00', calendar.timeZone);
      // The oldest meeting of one rep was missed: a gap the cadence report shows.
      if (rep.cadence === 'missed' && i === 0 && pastDays.length === 3) {
        rows.meeting.push({
          ...base,
          id,
          scheduled_at: scheduledAt,
          status: 'missed',
          started_at: null,
          held_at: null,
          stage_reached: null,
          agenda_snapshot: null,
          created_at: createdAt,
        });
        return;
      }
      const startMinute = 9 * 60 + 30 * teamIndex + random.int(0, 3);
      const startedAt = localInstant(day, clock(startMinute), calendar.timeZone);
      const heldAt = localInstant(day, clock(startMinute + random.int(16, 24)), calendar.timeZone);
      const stage = i === pastDays.length - 1 ? rep.expectedStage : earlierStage(rep);
      rows.meeting.push({
        ...base,
        id,
        scheduled_at: scheduledAt,
        status: 'held',
        started_at: startedAt,
        held_at: heldAt,
        stage_reached: stage,
        // Frozen from the inserted data afterwards (freeze-demo-agendas.ts).
        agenda_snapshot: null,
        created_at: createdAt,
      });
      held.push({ id, day, heldAt, stage });
    });
    if (nextDay !== null) {
      rows.meeting.push({
        ...base,
        id: demoId(`meeting:${rep.key}:${nextDay}`),
        scheduled_at: localInstant(nextDay, time, calendar.timeZone),
        status: 'scheduled',
        started_at: null,
        held_at: null,
        stage_reached: null,
        agenda_snapshot: null,
        created_at: held.at(-1)?.heldAt ?? localInstant(lastDay, '12:00', calendar.timeZone),
      });
    }
    addMeetingRecord({ ctx, rows, rep, managerKey, held, random });
  });
}

/**
 * The stage of the meetings before the last one: on plan in the previous month means a
 * results-only meeting then; otherwise the same review as now (at least pipeline).
 */
function earlierStage(rep: RepProfile): ProgressionStage {
  if (rep.attainment.previous >= 1) return 'results';
  return rep.expectedStage === 'results' ? 'pipeline' : rep.expectedStage;
}
