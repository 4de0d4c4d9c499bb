import { createContext, useContext, useMemo } from 'react';
import { decimal, percent, roundHalfUp, times } from '../../core/format.js';

export interface OrgFormat {
  currency: string;
  locale: string;
  timeZone: string;
}

const fallback: OrgFormat = { currency: 'USD', locale: 'en-US', timeZone: 'UTC' };

/** The organization's currency, locale and zone: every number and date is shown in them. */
export const FormatContext = createContext<OrgFormat>(fallback);

export interface Formatters {
  /** Money in minor units (cents), whole units shown. */
  money(minor: number | null | undefined): string;
  /** Money in minor units, compact for a chart's axis: "$60K", "$1.2M". */
  moneyShort(minor: number): string;
  /** Money typed in whole units (90000) as the API's minor units (9000000 cents; ¥ has none). */
  toMinor(units: number): number;
  /** Whole percent, rounded half-up (`roundHalfUp`): 0.125 reads 13%. */
  percent(ratio: number | null | undefined): string;
  /** At most one decimal, rounded half-up. */
  number(value: number | null | undefined): string;
  /** A multiple to one decimal, rounded half-up: 1.57 reads 1.6×, 1.549 reads 1.5×. */
  times(value: number | null | undefined): string;
  /** An org-local day `YYYY-MM-DD`. */
  day(day: string | null | undefined): string;
  /** "Nov 20": a day near today, where the year goes without saying. */
  dayShort(day: string): string;
  /** An instant, in the organization's zone. */
  dateTime(iso: string | null | undefined): string;
  month(day: string): string;
  /** "Mar" — for a chart's axis, where the year is shown once. */
  monthShort(day: string): string;
}

const dash = '—';

/**
 * The one rounding of every figure the web shows is the core's (`src/core/format.ts`), the
 * same the reasons' sentences, the e-mails and the terminal use: half-up to the shown
 * precision, so a tile and the sentence beside it never disagree.
 */
export { roundHalfUp };

export function makeFormatters({ currency, locale, timeZone }: OrgFormat): Formatters {
  // JPY has no minor unit, EUR two: the currency says how many minor units make one.
  const minorDigits =
    new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  const toUnits = (minor: number) => minor / 10 ** minorDigits;
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
  });
  const moneyShort = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const dayShort = new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const monthShort = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const asUtcDay = (d: string) => new Date(`${d}T00:00:00Z`);
  const firstOfMonth = (d: string) => asUtcDay(d.length === 7 ? `${d}-01` : d);
  return {
    money: (v) => (v === null || v === undefined ? dash : money.format(toUnits(v))),
    moneyShort: (v) => moneyShort.format(toUnits(v)),
    toMinor: (units) => Math.round(units * 10 ** minorDigits),
    percent: (v) => (v === null || v === undefined ? dash : percent(v, locale)),
    number: (v) => (v === null || v === undefined ? dash : decimal(v, 1, locale)),
    times: (v) => (v === null || v === undefined ? dash : times(v, locale)),
    day: (d) => (d ? day.format(asUtcDay(d)) : dash),
    dayShort: (d) => dayShort.format(asUtcDay(d)),
    dateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : dash),
    month: (d) => month.format(firstOfMonth(d)),
    monthShort: (d) => monthShort.format(firstOfMonth(d)),
  };
}

export function useFormat(): Formatters {
  const org = useContext(FormatContext);
  // Stable across renders: a chart redraws when its formatter changes.
  return useMemo(() => makeFormatters(org), [org]);
}
