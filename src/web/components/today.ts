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
