import type { ImportContext, ImportKindHandler, RowResult } from '../import-kind.js';
import type { ImportRecord } from '../import-types.js';
import { history } from '../merge/opportunity-history.sql.js';
import { minorUnitsOf } from '../money.js';
import { parseAmount } from '../read/parse-amount.js';
import { parseDay, parseInstant } from '../read/parse-date.js';
import { parseProbability } from '../read/parse-number.js';
import { RowCheck } from '../row-check.js';
import { findDuplicateKeys, findUnknownReferences, queryCounts } from '../sql-checks.js';
import { readStage } from './read-stage.js';

/**
 * A CRM's history of opportunity states (Salesforce OpportunityHistory): one row per
 * observed state of an opportunity. Consecutive states of one opportunity, ordered by
 * time, become opportunity events for each field that changed. The opportunities must
 * have been imported first; rows naming an unknown one are errors.
 */
export const opportunityHistory: ImportKindHandler = {
  copied: [
    { name: 'opportunity_external_id', type: 'text' },
    { name: 'changed_at', type: 'timestamptz' },
    { name: 'stage_id', type: 'uuid' },
    { name: 'status', type: 'text' },
    { name: 'amount', type: 'int8' },
    { name: 'close_date', type: 'date' },
  ],
  derived: [{ name: 'opportunity_id', type: 'uuid' }],
  tables: ['opportunity_event', 'opportunity', 'stage'],

  toRow(record: ImportRecord, context: ImportContext): RowResult {
    const { org, settings } = context;
    const row = new RowCheck(record);
    const dates = { timeZone: org.timeZone, dateOrder: settings.dateOrder ?? 'mdy' };
    const opportunity = row.required('opportunity_external_id');
    const changedAt = row.parse('changed_at', (text) => parseInstant(text, dates));
    if (changedAt === null && row.text('changed_at') === '') row.fail('changed_at', 'is required');
    const probability = row.parse('probability', (text) =>
      parseProbability(text, { scale: settings.probabilityScale ?? 'percent' }),
    );
    const stage = readStage(row, context, { isWon: null, isClosed: null, probability });
    // An empty amount says nothing about the amount: no amount event from that row.
    const amount = row.parse('amount', (text) =>
      parseAmount(text, { minorUnits: minorUnitsOf(org.currency), allowNegative: false }),
    );
    const closeDate = row.parse('close_date', (text) => parseDay(text, dates));
    return row.result([
      opportunity,
      changedAt,
      stage?.id ?? null,
      stage?.kind ?? null,
      amount,
      closeDate,
    ]);
  },

  async check(tx, { org }) {
    await tx.query(
      `update import_staging s set opportunity_id = o.id from opportunity o
       where o.org_id = $1 and o.external_id = s.opportunity_external_id`,
      [org.id],
    );
    return [
      ...(await findDuplicateKeys(tx, {
        key: `s.opportunity_external_id || ' at ' || to_char(s.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
        field: 'changed_at',
        label: 'opportunity and time',
      })),
      ...(await findUnknownReferences(tx, {
        where: 's.opportunity_id is null',
        value: 's.opportunity_external_id',
        field: 'opportunity_external_id',
        reason: 'no opportunity with this external id; import the opportunities first',
      })),
    ];
  },

  /** A row is new when it yields an event not recorded yet, unchanged otherwise. */
  match: (tx, { org }) =>
    queryCounts(
      tx,
      `${history.events}
       select count(distinct line) filter (where fresh) as new, 0 as changed,
              (select count(*) from import_staging) - count(distinct line) filter (where fresh) as unchanged
       from events`,
      [org.id],
    ),

  async merge(tx, context) {
    await context.stages.persist(tx, context.org.id);
    const params = [context.org.id, context.runId];
    await tx.query(history.correctCreated, [context.org.id]);
    const written = await tx.query<{ n: number }>(history.insertEvents, params);
    await tx.query(history.touchOpportunities, params);
    return written[0]?.n ?? 0;
  },
};
