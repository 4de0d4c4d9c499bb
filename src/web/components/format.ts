import { createContext, useContext } from 'react';

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
  percent(ratio: number | null | undefined): string;
  number(value: number | null | undefined): string;
  times(value: number | null | undefined): string;
  /** An org-local day `YYYY-MM-DD`. */
  day(day: string | null | undefined): string;
  /** An instant, in the organization's zone. */
  dateTime(iso: string | null | undefined): string;
  month(day: string): string;
}

const dash = '—';

export function makeFormatters({ currency, locale, timeZone }: OrgFormat): Formatters {
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const asUtcDay = (d: string) => new Date(`${d}T00:00:00Z`);
  return {
    money: (v) => (v === null || v === undefined ? dash : money.format(v / 100)),
    percent: (v) => (v === null || v === undefined ? dash : percent.format(v)),
    number: (v) => (v === null || v === undefined ? dash : number.format(v)),
    times: (v) => (v === null || v === undefined ? dash : `${number.format(v)}×`),
    day: (d) => (d ? day.format(asUtcDay(d)) : dash),
    dateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : dash),
    month: (d) => month.format(asUtcDay(d.length === 7 ? `${d}-01` : d)),
  };
}

export function useFormat(): Formatters {
  return makeFormatters(useContext(FormatContext));
}
