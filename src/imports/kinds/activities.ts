import type { ImportContext, ImportKindHandler, RowResult } from '../import-kind.js';
import type { ImportRecord } from '../import-types.js';
import { activityMerge } from '../merge/activities.sql.js';
import { parseInstant } from '../read/parse-date.js';
import { parseInteger } from '../read/parse-number.js';
import { RowCheck } from '../row-check.js';
import { findDuplicateKeys, queryCounts } from '../sql-checks.js';
import { readPerson } from './read-person.js';

/**
 * Activities (calls, e-mails, meetings, …), keyed by external id or, without one, by the
 * natural key person + kind + occurred_at + subject. Kinds are lower-cased so "Call" and
 * "call" count together and match activity goals. A related opportunity that Rudder does
 * not know (Salesforce's WhatId also points at accounts) is left empty, not an error.
 */
export const activities: ImportKindHandler = {
  copied: [
    { name: 'external_id', type: 'text' },
    { name: 'person_id', type: 'uuid' },
    { name: 'kind', type: 'text' },
    { name: 'occurred_at', type: 'timestamptz' },
    { name: 'opportunity_external_id', type: 'text' },
    { name: 'subject', type: 'text' },
    { name: 'count', type: 'int4' },
  ],
  derived: [
    { name: 'target_id', type: 'int8' },
    { name: 'opportunity_id', type: 'uuid' },
  ],
  tables: ['activity'],
  mergesInSegments: true,

  toRow(record: ImportRecord, context: ImportContext): RowResult {
    const row = new RowCheck(record);
    const dates = {
      timeZone: context.org.timeZone,
      dateOrder: context.settings.dateOrder ?? 'mdy',
    };
    const personId = readPerson(row, 'person', context);
    const kind = row.required('kind')?.toLowerCase() ?? null;
    const occurredAt = row.parse('occurred_at', (text) => parseInstant(text, dates));
    if (row.text('occurred_at') === '') row.fail('occurred_at', 'is required');
    const count = row.parse('count', (text) => parseInteger(text, { min: 1 })) ?? 1;
    return row.result([
      row.optional('external_id'),
      personId,
      kind,
      occurredAt,
      row.optional('opportunity_external_id'),
      row.optional('subject'),
      count,
    ]);
  },

  check: (tx) =>
    findDuplicateKeys(tx, { key: activityMerge.key, field: 'external_id', label: 'activity' }),

  async match(tx, { org }) {
    for (const statement of activityMerge.match) await tx.query(statement, [org.id]);
    return queryCounts(
      tx,
      `select count(*) filter (where a.id is null) as new,
              count(*) filter (where a.id is not null and ${activityMerge.changed}) as changed,
              count(*) filter (where a.id is not null and not ${activityMerge.changed}) as unchanged
       from import_staging s left join activity a on a.org_id = $1 and a.id = s.target_id`,
      [org.id],
    );
  },

  async merge(tx, { org }) {
    await tx.query(activityMerge.update, [org.id]);
    await tx.query(activityMerge.insert, [org.id]);
    return 0;
  },
};
