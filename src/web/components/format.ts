import { createContext, useContext, useMemo } from 'react';

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
  /** Rounded down, as the agenda's reasons are: 99.6% reads 99%, never the 100% it missed. */
  percent(ratio: number | null | undefined): string;
  number(value: number | null | undefined): string;
  /** Rounded down like `percent`: 2.96× reads 2.9×, never the 3× it missed. */
  times(value: number | null | undefined): string;
  /** An org-local day `YYYY-MM-DD`. */
  day(day: string | null | undefined): string;
  /** An instant, in the organization's zone. */
  dateTime(iso: string | null | undefined): string;
  month(day: string): string;
  /** "Mar" — for a chart's axis, where the year is shown once. */
  monthShort(day: string): string;
}

const dash = '—';

/** The epsilon keeps 0.29 × 100 = 28.999999999999996 from reading as 28. */
const floorTo = (value: number, decimals: number) =>
  Math.floor(value * 10 ** decimals + 1e-9) / 10 ** decimals;

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
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
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
    percent: (v) => (v === null || v === undefined ? dash : percent.format(floorTo(v, 2))),
    number: (v) => (v === null || v === undefined ? dash : number.format(v)),
    times: (v) => (v === null || v === undefined ? dash : `${number.format(floorTo(v, 1))}×`),
    day: (d) => (d ? day.format(asUtcDay(d)) : dash),
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
