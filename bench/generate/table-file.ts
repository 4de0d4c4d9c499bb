/** One generated CSV file and the table columns it is COPYed into, in order. */
export interface TableFile {
  table: string;
  columns: readonly string[];
  /** File name inside the size's CSV folder. */
  file: string;
  rows: number;
}

const DAY_MS = 86_400_000;

export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

export function addDaysMs(ms: number, days: number): number {
  return ms + days * DAY_MS;
}

export { DAY_MS };
