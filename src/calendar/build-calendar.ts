import { TZDate } from '@date-fns/tz';
import ical, { type ICalCalendar, ICalEventStatus } from 'ical-generator';
import { dayInZone } from '../core/days.js';
import type { MeetingStatus } from '../meetings/meeting-records.js';
import {
  firstOccurrenceDay,
  isOccurrenceDay,
  occurrenceAt,
  type SeriesSlot,
  seriesRRule,
} from '../meetings/series-occurrences.js';
import { vtimezone } from './vtimezone.js';

export interface CalendarSeries {
  id: string;
  title: string;
  slot: SeriesSlot;
  durationMinutes: number;
  sequence: number;
}

export interface CalendarMeeting {
  id: string;
  seriesId: string | null;
  title: string;
  scheduledAt: string;
  durationMinutes: number;
  status: MeetingStatus;
  sequence: number;
  rescheduledToId: string | null;
}

export interface BuildCalendarOptions {
  name: string;
  /** The zone of events without a series (the organization's). */
  timeZone: string;
  /** Active series only: each becomes one recurring event. */
  series: readonly CalendarSeries[];
  meetings: readonly CalendarMeeting[];
  now: Date;
  /** Base address for links to each 1:1 (PUBLIC_URL); none when unset. */
  publicUrl?: string | undefined;
}

const seriesUid = (id: string) => `series-${id}@rudder`;
const meetingUid = (id: string) => `meeting-${id}@rudder`;
const MINUTE = 60_000;

/**
 * The iCalendar text (RFC 5545) of some series and meetings:
 * - a series is one VEVENT with `RRULE` (the same dates Rudder schedules), in its zone;
 * - a meeting that deviates from its series' slot (cancelled, moved, another length) is an
 *   override of that occurrence (same UID, RECURRENCE-ID = the slot); a moved one carries the
 *   new time, a cancelled one STATUS:CANCELLED;
 * - other meetings (no series, off the current rule, from an earlier rule) stand alone.
 * SEQUENCE = series sequence + meeting sequence: either one rising (a changed series, a
 * moved or cancelled 1:1) raises it, which is what tells calendars to replace their copy.
 */
export function buildCalendar(options: BuildCalendarOptions): string {
  const years = eventYears(options);
  const calendar = ical({
    prodId: { company: 'Rudder', product: 'Rudder 1:1', language: 'EN' },
    name: options.name,
    // No calendar-wide zone name: ical-generator would then write DTSTAMP as a local time,
    // while RFC 5545 wants it in UTC. Each event names its zone; the generator writes a
    // VTIMEZONE for every zone used.
    timezone: { name: '', generator: (zone) => vtimezone(zone, years) },
  });
  const seriesById = new Map(options.series.map((s) => [s.id, s]));
  const meetingsById = new Map(options.meetings.map((m) => [m.id, m]));
  const consumed = new Set<string>();
  const onSlot = (m: CalendarMeeting): CalendarSeries | null => {
    const series = m.seriesId ? seriesById.get(m.seriesId) : undefined;
    if (!series) return null;
    const day = dayInZone(m.scheduledAt, series.slot.timeZone);
    if (!isOccurrenceDay(series.slot, day)) return null;
    return occurrenceAt(series.slot, day).getTime() === Date.parse(m.scheduledAt) ? series : null;
  };
  const finalOf = (m: CalendarMeeting): CalendarMeeting => {
    let current = m;
    for (
      let hops = 0;
      current.status === 'rescheduled' && current.rescheduledToId && hops < 20;
      hops += 1
    ) {
      const next = meetingsById.get(current.rescheduledToId);
      if (!next) break;
      current = next;
    }
    return current;
  };

  for (const series of options.series) {
    const start = occurrenceAt(series.slot, firstOccurrenceDay(series.slot));
    addEvent(calendar, options, {
      uid: seriesUid(series.id),
      title: series.title,
      start,
      minutes: series.durationMinutes,
      timeZone: series.slot.timeZone,
      sequence: series.sequence,
      rrule: seriesRRule(series.slot),
    });
  }
  for (const meeting of options.meetings) {
    const series = onSlot(meeting);
    if (!series) continue;
    consumed.add(meeting.id);
    const slot = new Date(meeting.scheduledAt);
    const base = {
      uid: seriesUid(series.id),
      title: meeting.title,
      timeZone: series.slot.timeZone,
      recurrenceId: slot,
      meetingId: meeting.id,
    };
    if (meeting.status === 'rescheduled' || meeting.status === 'cancelled') {
      const target = finalOf(meeting);
      const moved = target !== meeting && target.status !== 'cancelled' && !onSlot(target);
      if (moved) consumed.add(target.id);
      addEvent(calendar, options, {
        ...base,
        start: moved ? new Date(target.scheduledAt) : slot,
        minutes: moved ? target.durationMinutes : meeting.durationMinutes,
        sequence: series.sequence + meeting.sequence + (moved ? target.sequence : 0),
        cancelled: !moved,
        meetingId: moved ? target.id : meeting.id,
      });
    } else if (meeting.durationMinutes !== series.durationMinutes) {
      addEvent(calendar, options, {
        ...base,
        start: slot,
        minutes: meeting.durationMinutes,
        sequence: series.sequence + meeting.sequence,
      });
    }
  }
  for (const meeting of options.meetings) {
    if (consumed.has(meeting.id)) continue;
    const series = meeting.seriesId ? seriesById.get(meeting.seriesId) : undefined;
    addEvent(calendar, options, {
      uid: meetingUid(meeting.id),
      title: meeting.title,
      start: new Date(meeting.scheduledAt),
      minutes: meeting.durationMinutes,
      timeZone: series?.slot.timeZone ?? options.timeZone,
      sequence: meeting.sequence + (series?.sequence ?? 0),
      cancelled: meeting.status === 'cancelled' || meeting.status === 'rescheduled',
      meetingId: meeting.id,
    });
  }
  const text = calendar.toString();
  // RFC 5545 §3.1: every content line, the last one included, ends with CRLF.
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

function addEvent(
  calendar: ICalCalendar,
  options: BuildCalendarOptions,
  e: {
    uid: string;
    title: string;
    start: Date;
    minutes: number;
    timeZone: string;
    sequence: number;
    rrule?: string;
    recurrenceId?: Date;
    cancelled?: boolean;
    meetingId?: string;
  },
): void {
  // TZDate makes ical-generator write local wall-clock times with TZID (not the process' TZ).
  const inZone = (d: Date) => new TZDate(d.getTime(), e.timeZone);
  const url =
    options.publicUrl && e.meetingId
      ? `${options.publicUrl.replace(/\/+$/, '')}/meetings/${e.meetingId}`
      : null;
  calendar.createEvent({
    id: e.uid,
    summary: e.title,
    start: inZone(e.start),
    end: inZone(new Date(e.start.getTime() + e.minutes * MINUTE)),
    timezone: e.timeZone,
    stamp: options.now,
    sequence: e.sequence,
    ...(e.rrule ? { repeating: e.rrule } : {}),
    ...(e.recurrenceId ? { recurrenceId: inZone(e.recurrenceId) } : {}),
    status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    description: `The 1:1 accountability meeting: Results → Pipeline → Activity.${url ? `\n${url}` : ''}`,
    ...(url ? { url } : {}),
  });
}

/** The years the VTIMEZONEs must cover: every event's, plus ten years of recurrence ahead. */
function eventYears(options: BuildCalendarOptions): { fromYear: number; toYear: number } {
  const years = [
    options.now.getUTCFullYear(),
    ...options.meetings.map((m) => new Date(m.scheduledAt).getUTCFullYear()),
    ...options.series.map((s) => Number(s.slot.startsOn.slice(0, 4))),
  ];
  return {
    fromYear: Math.min(...years),
    toYear: Math.max(...years, options.now.getUTCFullYear() + 10),
  };
}
