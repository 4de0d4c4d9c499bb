import { z } from 'zod';

/** An org-local calendar day, `YYYY-MM-DD`. */
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A fraction (1 = 100%); null when it has no meaning (a goal of 0, nothing closed…). */
export const RatioSchema = z.number().nullable();

export const MoneyCountSchema = z.object({ count: z.number().int(), value: z.number() });
export type MoneyCount = z.infer<typeof MoneyCountSchema>;

/**
 * The days Rudder accepts as input. The floor: `Date.UTC` reads the years 0–99 as 1900–1999
 * and PostgreSQL has no year 0, and no sales figure predates 1900. The ceiling: an agenda
 * reads goals up to two years past its day (coverage horizon, fiscal years), measured with
 * every fiscal start month, and the year 10000 has no `YYYY-MM-DD` form.
 */
export const FIRST_SUPPORTED_DAY = '1900-01-01';
export const LAST_SUPPORTED_DAY = '9997-12-31';
export const SUPPORTED_DAYS = `from ${FIRST_SUPPORTED_DAY} to ${LAST_SUPPORTED_DAY}`;

const outsideSupportedDays = `is outside the supported days (${SUPPORTED_DAYS})`;

/** A day that exists (`2026-02-30` does not), within the supported days. */
export const SupportedDaySchema = z.iso
  .date()
  .refine((day) => day >= FIRST_SUPPORTED_DAY && day <= LAST_SUPPORTED_DAY, outsideSupportedDays)
  .describe(`a day, YYYY-MM-DD, ${SUPPORTED_DAYS}`);

/** A month key, `YYYY-MM`, within the supported days. */
export const SupportedMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')
  .refine(
    (month) => month >= FIRST_SUPPORTED_DAY.slice(0, 7) && month <= LAST_SUPPORTED_DAY.slice(0, 7),
    outsideSupportedDays,
  )
  .describe(`a month, YYYY-MM, ${SUPPORTED_DAYS}`);

/**
 * A period key (`2026-10`, `2026-Q1`, `FY2027-Q1`, `FY2027`) whose year is a supported one;
 * its form is `parsePeriodKey`'s to judge.
 */
export const SupportedPeriodKeySchema = z
  .string()
  .min(4)
  .max(12)
  .refine((key) => {
    const year = /^\s*(?:FY)?(\d{4})/i.exec(key)?.[1];
    return (
      year === undefined ||
      (year >= FIRST_SUPPORTED_DAY.slice(0, 4) && year <= LAST_SUPPORTED_DAY.slice(0, 4))
    );
  }, outsideSupportedDays);

/** An ISO 8601 instant with its UTC offset, on a supported day (read in UTC). */
export const SupportedInstantSchema = z.iso
  .datetime({ offset: true })
  .refine((instant) => {
    const ms = Date.parse(instant);
    // ISO 8601 allows what Date cannot read (a +1400 offset without its colon): not supported.
    if (Number.isNaN(ms)) return false;
    const day = new Date(ms).toISOString().slice(0, 10);
    return day >= FIRST_SUPPORTED_DAY && day <= LAST_SUPPORTED_DAY;
  }, outsideSupportedDays)
  .describe(`an instant, ISO 8601 with offset, ${SUPPORTED_DAYS}`);

/**
 * C0 control characters other than tab, line feed and carriage return. NUL cannot be
 * stored at all (PostgreSQL text refuses it); the others are never typed by a person and
 * only corrupt what a screen, a CSV export or an e-mail shows.
 */
function firstControlCharacter(text: string): number | null {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return code;
  }
  return null;
}
/** Half of a UTF-16 surrogate pair without its other half: not Unicode text at all. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Why `text` cannot be stored as it is, or null when it can: PostgreSQL refuses NUL in
 * text and jsonb, and a lone surrogate has no UTF-8 form (the driver would silently store
 * U+FFFD instead).
 */
export function unstorableTextProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains a lone surrogate (not valid Unicode)';
  return null;
}

/** Why `text` is not plain text, or null when it is. */
export function plainTextProblem(text: string): string | null {
  const control = firstControlCharacter(text);
  if (control === null || control === 0) return unstorableTextProblem(text);
  return `contains the control character U+${control.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` made storable to show it in an error: NUL as ␀ (U+2400), a lone surrogate as U+FFFD. */
export function storableForDisplay(text: string): string {
  return text.replaceAll('\u0000', '\u2400').replace(/\p{Surrogate}/gu, '\uFFFD');
}

export const PLAIN_TEXT_RULE =
  'no control characters but tab, line feed and carriage return; no lone surrogates';

/**
 * Free text as a person types it: trimmed, `min`–`max` characters, and refused when it
 * holds a NUL or another C0 control character (tab, LF and CR are text) or a lone surrogate.
 */
export function plainText(options: { min?: number; max: number; trim?: boolean }) {
  const base = options.trim === false ? z.string() : z.string().trim();
  return base
    .min(options.min ?? 0)
    .max(options.max)
    .check((context) => {
      const problem = plainTextProblem(context.value);
      if (problem !== null)
        context.issues.push({ code: 'custom', message: problem, input: context.value });
    })
    .describe(`free text: ${PLAIN_TEXT_RULE}`);
}
