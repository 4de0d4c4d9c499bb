import { parsePeriodKey } from '../../core/periods.js';
import { goalMetrics } from '../../db/schema/pipeline.js';
import type { ImportContext, ImportKindHandler, RowResult } from '../import-kind.js';
import type { ImportRecord } from '../import-types.js';
import { minorUnitsOf } from '../money.js';
import { parseAmount } from '../read/parse-amount.js';
import { parseInteger } from '../read/parse-number.js';
import { RowCheck } from '../row-check.js';
import { findDuplicateKeys, queryCounts } from '../sql-checks.js';
import { readPerson } from './read-person.js';

type GoalMetric = (typeof goalMetrics)[number];

/**
 * Goals, keyed by the natural key person + metric + activity kind + period kind + period
 * start (the table's unique key). Periods are `2024-03`, `FY2024-Q2` or `FY2024` in the
 * organization's fiscal calendar. Money targets are in the org's currency; count targets
 * (pipeline_count, activity) are whole numbers. Imported goals are agreed at the as-of
 * time: a goal file is the organization's agreed plan; a change is kept in goal_event.
 */
export const goals: ImportKindHandler = {
  copied: [
    { name: 'person_id', type: 'uuid' },
    { name: 'metric', type: 'text' },
    { name: 'activity_kind', type: 'text' },
    { name: 'period_kind', type: 'text' },
    { name: 'period_start', type: 'date' },
    { name: 'target', type: 'int8' },
  ],
  derived: [{ name: 'target_id', type: 'uuid' }],
  tables: ['goal', 'goal_event'],

  toRow(record: ImportRecord, context: ImportContext): RowResult {
    const row = new RowCheck(record);
    const personId = readPerson(row, 'person', context);
    const metricText =
      row
        .required('metric')
        ?.toLowerCase()
        .replace(/[\s-]+/g, '_') ?? null;
    const metric = goalMetrics.find((m) => m === metricText) ?? null;
    if (metricText !== null && metric === null) {
      row.fail('metric', `expected one of ${goalMetrics.join(', ')}`);
    }
    const activityKind = row.text('activity_kind').toLowerCase();
    if (metric === 'activity' && activityKind === '') {
      row.fail('activity_kind', 'is required for an activity goal');
    }
    const periodText = row.required('period');
    const period =
      periodText === null ? null : parsePeriodKey(periodText, context.org.fiscalYearStartMonth);
    if (periodText !== null && period === null) {
      row.fail('period', 'expected a month (2024-03), a quarter (FY2024-Q2) or a year (FY2024)');
    }
    const target = readTarget(row, metric, context);
    return row.result([
      personId,
      metric,
      metric === 'activity' ? activityKind : '',
      period?.kind ?? null,
      period?.start ?? null,
      target,
    ]);
  },

  check: (tx) =>
    findDuplicateKeys(tx, {
      key: `s.person_id || '|' || s.metric || '|' || s.activity_kind || '|' || s.period_kind || '|' || s.period_start`,
      field: 'period',
      label: 'goal (person, metric, activity kind and period)',
    }),

  async match(tx, { org }) {
    await tx.query(
      `update import_staging s set target_id = g.id from goal g
       where g.org_id = $1 and g.person_id = s.person_id and g.metric = s.metric
         and g.activity_kind = s.activity_kind and g.period_kind = s.period_kind
         and g.period_start = s.period_start`,
      [org.id],
    );
    return queryCounts(
      tx,
      `select count(*) filter (where g.id is null) as new,
              count(*) filter (where g.id is not null and g.target <> s.target) as changed,
              count(*) filter (where g.id is not null and g.target = s.target) as unchanged
       from import_staging s left join goal g on g.org_id = $1 and g.id = s.target_id`,
      [org.id],
    );
  },

  async merge(tx, { org, settings }) {
    const params = [org.id, settings.asOf];
    await tx.query(
      `with upd as (
         update goal g set target = s.target from import_staging s
         where g.org_id = $1 and g.id = s.target_id and g.target <> s.target
         returning g.id, g.target)
       insert into goal_event (org_id, goal_id, action, target, at)
       select $1, id, 'proposed', target, $2::timestamptz from upd`,
      params,
    );
    await tx.query(
      `with ins as (
         insert into goal (org_id, person_id, metric, activity_kind, period_kind, period_start, target,
                           status, proposed_at, agreed_at)
         select $1, s.person_id, s.metric, s.activity_kind, s.period_kind, s.period_start, s.target,
                'agreed', $2::timestamptz, $2::timestamptz
         from import_staging s where s.target_id is null order by s.line
         returning id, target)
       insert into goal_event (org_id, goal_id, action, target, at)
       select $1, id, 'accepted', target, $2::timestamptz from ins`,
      params,
    );
    return 0;
  },
};

function readTarget(
  row: RowCheck,
  metric: GoalMetric | null,
  { org }: ImportContext,
): number | null {
  if (row.text('target') === '') {
    row.fail('target', 'is required');
    return null;
  }
  if (metric === 'bookings' || metric === 'pipeline_value') {
    return row.parse('target', (text) =>
      parseAmount(text, { minorUnits: minorUnitsOf(org.currency), allowNegative: false }),
    );
  }
  return row.parse('target', (text) => parseInteger(text, { min: 0 }));
}
