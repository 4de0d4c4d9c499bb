import { tzOffset } from '@date-fns/tz';

const HOUR = 3_600_000;

interface Transition {
  /** The UTC instant the new offset applies from. */
  at: number;
  fromMinutes: number;
  toMinutes: number;
}

const offsetAt = (timeZone: string, ms: number): number => tzOffset(timeZone, new Date(ms));

/** The offset changes of a zone in [fromMs, toMs), each found to the minute by bisection. */
function transitions(timeZone: string, fromMs: number, toMs: number): Transition[] {
  const found: Transition[] = [];
  let previous = offsetAt(timeZone, fromMs);
  // Zones change offset at most a few times a year, never twice within 12 hours.
  for (let t = fromMs + 12 * HOUR; t < toMs; t += 12 * HOUR) {
    const offset = offsetAt(timeZone, t);
    if (offset === previous) continue;
    let low = t - 12 * HOUR;
    let high = t;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetAt(timeZone, middle) === previous) low = middle;
      else high = middle;
    }
    found.push({ at: high, fromMinutes: previous, toMinutes: offset });
    previous = offset;
  }
  return found;
}

function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** RFC 5545 local date-time (no zone suffix) of a UTC instant shifted by an offset. */
function localStamp(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, '');
}

function zoneAbbreviation(timeZone: string, ms: number): string | null {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  // "GMT-5" style names say nothing a TZOFFSETTO does not; TZNAME is optional.
  return part && !part.startsWith('GMT') ? part : null;
}

/**
 * A VTIMEZONE for an IANA zone, written from the runtime's own zone rules (Intl) for the
 * years `fromYear` to `toYear`: one observance per offset change, each with the local
 * DTSTART "as observed before the onset" that RFC 5545 §3.6.5 asks for. Explicit
 * transitions rather than a yearly RRULE, because rules change (US 2007, EU proposals)
 * and a list of what really happens cannot be wrong for the years it covers.
 */
export function vtimezone(timeZone: string, options: { fromYear: number; toYear: number }): string {
  // From mid-year before: the observance in force on 1 January is listed too.
  const fromMs = Date.UTC(options.fromYear - 1, 6, 1);
  const toMs = Date.UTC(options.toYear + 1, 0, 1);
  const changes = transitions(timeZone, fromMs, toMs);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  if (changes.length === 0) {
    const offset = utcOffset(offsetAt(timeZone, fromMs));
    lines.push(
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${offset}`,
      `TZOFFSETTO:${offset}`,
      'END:STANDARD',
    );
  }
  for (const change of changes) {
    const kind = change.toMinutes > change.fromMinutes ? 'DAYLIGHT' : 'STANDARD';
    const name = zoneAbbreviation(timeZone, change.at);
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(change.at, change.fromMinutes)}`,
      `TZOFFSETFROM:${utcOffset(change.fromMinutes)}`,
      `TZOFFSETTO:${utcOffset(change.toMinutes)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  // RFC 5545 §3.1: content lines end with CRLF.
  return `${lines.join('\r\n')}\r\n`;
}
