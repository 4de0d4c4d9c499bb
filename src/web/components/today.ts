/** Today in the organization's zone, as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The calendar month of a day: [first day, first day of the next month). */
export function monthOf(day: string): { start: string; end: string; key: string } {
  const [y = 0, m = 1] = day.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const key = day.slice(0, 7);
  return { start: `${key}-01`, end: `${next}-01`, key };
}

/** The month key `YYYY-MM` that is `count` months after `key` (negative: before). */
export function addMonths(key: string, count: number): string {
  const [y = 0, m = 1] = key.split('-').map(Number);
  const total = y * 12 + (m - 1) + count;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/**
 * The month under review and the month in progress, as the API keys periods: the last
 * complete month is what a 1:1 and a published scorecard look back on.
 */
export function reviewMonths(timeZone: string): { review: string; current: string } {
  const current = todayIn(timeZone).slice(0, 7);
  return { review: addMonths(current, -1), current };
}
