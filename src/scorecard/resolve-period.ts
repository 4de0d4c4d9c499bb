import { type Period, parsePeriodKey, periodContaining } from '../core/periods.js';
import { AppError } from '../shared/app-error.js';

/** A period key from the query string, or the month of `today`; a bad key names the field. */
export function resolvePeriod(
  key: string | undefined,
  today: string,
  fiscalYearStartMonth: number,
): Period {
  if (key === undefined)
    return periodContaining({ day: today, kind: 'month', fiscalYearStartMonth });
  const period = parsePeriodKey(key, fiscalYearStartMonth);
  if (!period) {
    throw new AppError('VALIDATION_FAILED', 'period: expected 2026-10, FY2027-Q1 or FY2027.', {
      issues: [
        {
          field: 'querystring.period',
          value: key,
          reason: 'expected 2026-10, FY2027-Q1 or FY2027',
        },
      ],
    });
  }
  return period;
}
