import type { ImportContext, ImportKindHandler, RowResult } from '../import-kind.js';
import type { ImportRecord } from '../import-types.js';
import { minorUnitsOf } from '../money.js';
import { parseAmount } from '../read/parse-amount.js';
import { parseDay } from '../read/parse-date.js';
import { type ParseResult, parsed } from '../read/parse-result.js';
import { RowCheck } from '../row-check.js';
import { findDuplicateKeys, queryCounts } from '../sql-checks.js';
import { readPerson } from './read-person.js';

/**
 * Results (bookings kept outside the CRM), keyed by external id or else by person + day.
 * The period is a day or a month (`2024-03` is booked on 2024-03-01). Negative amounts
 * are allowed: they are corrections (a cancelled booking).
 */
export const results: ImportKindHandler = {
  copied: [
    { name: 'external_id', type: 'text' },
    { name: 'person_id', type: 'uuid' },
    { name: 'day', type: 'date' },
    { name: 'amount', type: 'int8' },
  ],
  derived: [{ name: 'target_id', type: 'uuid' }],
  tables: ['result_entry'],

  toRow(record: ImportRecord, context: ImportContext): RowResult {
    const { org, settings } = context;
    const row = new RowCheck(record);
    const personId = readPerson(row, 'person', context);
    const dates = { timeZone: org.timeZone, dateOrder: settings.dateOrder ?? 'mdy' };
    const day = row.parse('period', (text) => readResultDay(text, (t) => parseDay(t, dates)));
    if (row.text('period') === '') row.fail('period', 'is required');
    const amount = row.parse('amount', (text) =>
      parseAmount(text, { minorUnits: minorUnitsOf(org.currency) }),
    );
    if (row.text('amount') === '') row.fail('amount', 'is required');
    return row.result([row.optional('external_id'), personId, day, amount]);
  },

  check: (tx) =>
    findDuplicateKeys(tx, {
      key: resultKey,
      field: 'period',
      label: 'result (external id, or person and day)',
    }),

  async match(tx, { org }) {
    await tx.query(
      `update import_staging s set target_id = r.id from result_entry r
       where r.org_id = $1 and s.external_id is not null and r.external_id = s.external_id`,
      [org.id],
    );
    await tx.query(
      `update import_staging s set target_id = r.id from result_entry r
       where r.org_id = $1 and s.external_id is null and r.external_id is null
         and r.person_id = s.person_id and r.day = s.day`,
      [org.id],
    );
    return queryCounts(
      tx,
      `select count(*) filter (where r.id is null) as new,
              count(*) filter (where r.id is not null and ${changed}) as changed,
              count(*) filter (where r.id is not null and not ${changed}) as unchanged
       from import_staging s left join result_entry r on r.org_id = $1 and r.id = s.target_id`,
      [org.id],
    );
  },

  async merge(tx, { org }) {
    await tx.query(
      `update result_entry r set person_id = s.person_id, day = s.day, amount = s.amount
       from import_staging s where r.org_id = $1 and r.id = s.target_id and ${changed}`,
      [org.id],
    );
    await tx.query(
      `insert into result_entry (org_id, external_id, person_id, day, amount)
       select $1, s.external_id, s.person_id, s.day, s.amount from import_staging s
       where s.target_id is null order by s.line`,
      [org.id],
    );
    return 0;
  },
};

const resultKey = `coalesce('id:' || s.external_id, 'row:' || s.person_id || '|' || s.day)`;
const changed = `((r.person_id, r.day, r.amount) is distinct from (s.person_id, s.day, s.amount))`;

/** `YYYY-MM` is the first day of that month; anything else is read as a date. */
function readResultDay(
  text: string,
  parseDate: (text: string) => ParseResult<string>,
): ParseResult<string> {
  const month = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (month !== null && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    return parsed(`${month[1]}-${month[2]}-01`);
  }
  return parseDate(text);
}
