import { unreachable } from '../../shared/app-error.js';
import type { ImportContext, ImportKindHandler, RowResult } from '../import-kind.js';
import type { ImportRecord } from '../import-types.js';
import { merge } from '../merge/opportunities.sql.js';
import { minorUnitsOf, readCurrency } from '../money.js';
import { parseAmount } from '../read/parse-amount.js';
import { parseBoolean } from '../read/parse-boolean.js';
import { parseDay, parseInstant } from '../read/parse-date.js';
import { parseProbability } from '../read/parse-number.js';
import { RowCheck } from '../row-check.js';
import { findDuplicateKeys, queryCounts } from '../sql-checks.js';
import { readStage } from './read-stage.js';

/**
 * Opportunities are a snapshot of the CRM's current state, keyed by external id.
 * Rules of a row (documented in docs/import.md):
 * - no created date: created_at is the snapshot's as-of time (when Rudder first saw it);
 * - no close date: null, the pipeline's own "no close date" bucket;
 * - an empty amount is 0 (Salesforce allows opportunities without one), flagged
 *   `amount_missing`; on a won deal that understates bookings, so the row is a warning,
 *   or an error when the organization refuses such deals (setting `wonWithoutAmount`);
 * - status follows the stage's kind; closed_at is the file's closed date, else the close
 *   date at 00:00 in the organization's zone, else the as-of time.
 */
export const opportunities: ImportKindHandler = {
  copied: [
    { name: 'external_id', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'account', type: 'text' },
    { name: 'owner_id', type: 'uuid' },
    { name: 'amount', type: 'int8' },
    { name: 'amount_missing', type: 'bool' },
    { name: 'currency', type: 'text' },
    { name: 'stage_id', type: 'uuid' },
    { name: 'status', type: 'text' },
    { name: 'probability', type: 'int2' },
    { name: 'created_at', type: 'timestamptz' },
    { name: 'close_date', type: 'date' },
    { name: 'closed_at', type: 'timestamptz' },
  ],
  derived: [{ name: 'target_id', type: 'uuid' }],
  tables: ['opportunity', 'opportunity_event', 'stage'],
  mergesInSegments: true,

  toRow(record: ImportRecord, context: ImportContext): RowResult {
    const { org, settings } = context;
    const row = new RowCheck(record);
    const dates = { timeZone: org.timeZone, dateOrder: settings.dateOrder ?? 'mdy' };
    const externalId = row.required('external_id');
    const name = row.required('name');
    const ownerId = readOwner(row, context);
    const currencyText = row.optional('currency');
    const currency = currencyText === null ? org.currency : readCurrency(currencyText);
    if (currency === null) row.fail('currency', 'is not a three-letter currency code');
    const minorUnits = minorUnitsOf(currency ?? org.currency);
    const amount = row.parse('amount', (text) =>
      parseAmount(text, { minorUnits, allowNegative: false }),
    );
    const probability = row.parse('probability', (text) =>
      parseProbability(text, { scale: settings.probabilityScale ?? 'percent' }),
    );
    const stage = readStage(row, context, {
      isWon: row.parse('is_won', (text) => parseBoolean(text, { empty: 'false' })),
      isClosed: row.parse('is_closed', (text) => parseBoolean(text, { empty: 'false' })),
      probability,
    });
    const createdAt = row.parse('created_at', (text) => parseInstant(text, dates));
    const closeDate = row.parse('close_date', (text) => parseDay(text, dates));
    let closedAt = row.parse('closed_at', (text) => parseInstant(text, dates));
    if (stage !== null && stage.kind !== 'open' && closedAt === null) {
      const midnight = closeDate === null ? null : parseInstant(closeDate, dates);
      closedAt = midnight?.ok === true ? midnight.value : settings.asOf;
    }
    if (stage?.kind === 'open') closedAt = null;
    const amountMissing = row.text('amount') === '';
    if (amountMissing && stage?.kind === 'won') wonWithoutAmount(row, context, externalId);
    return row.result([
      externalId,
      name,
      row.optional('account'),
      ownerId,
      amount ?? 0,
      amountMissing,
      currency,
      stage?.id ?? null,
      stage?.kind ?? null,
      probability,
      createdAt,
      closeDate,
      closedAt,
    ]);
  },

  check: (tx) =>
    findDuplicateKeys(tx, { key: 's.external_id', field: 'external_id', label: 'external id' }),

  async hasRows(tx, orgId) {
    const [row] = await tx.query<{ found: boolean }>(
      'select exists (select 1 from opportunity where org_id = $1) as found',
      [orgId],
    );
    return row?.found === true;
  },

  async match(tx, { org, hadRows }) {
    // A first import skips the lookup: no staged row can match. Looking up each key cost ~3 s
    // of bench-L; a key repeated across segments breaks the insert instead, and the
    // whole-file check reports it (merge-in-segments.ts).
    if (hadRows) {
      // One probe of the unique key per staged row: the same plan whatever the planner
      // believes of the table's size (it grows within an import merged in segments, where a
      // join would hash the whole table for every segment: ~0.3 s each over 1M rows).
      // A row is rewritten only when it matched: a first import's rows stay as they are.
      const existing = `(select o.id from opportunity o
                          where o.org_id = $1 and o.external_id = s.external_id)`;
      await tx.query(
        `update import_staging s set target_id = ${existing} where ${existing} is not null`,
        [org.id],
      );
    }
    const [known] = await tx.query<{ rows: number; matched: number }>(
      'select count(*)::int8 as rows, count(target_id)::int8 as matched from import_staging',
    );
    // Only new rows: nothing to compare, no join.
    if (known?.matched === 0) return { new: known.rows, changed: 0, unchanged: 0 };
    return queryCounts(
      tx,
      `select count(*) filter (where o.id is null) as new,
              count(*) filter (where o.id is not null and ${merge.changed}) as changed,
              count(*) filter (where o.id is not null and not ${merge.changed}) as unchanged
       from import_staging s left join opportunity o on o.org_id = $1 and o.id = s.target_id`,
      [org.id],
    );
  },

  async merge(tx, context, counts) {
    await context.stages.persist(tx, context.org.id);
    const params = [context.org.id, context.settings.asOf, context.runId];
    let changes = 0;
    if (counts.changed > 0) {
      // Events first: they compare the staged rows with the rows as they were.
      changes = await merge.recordChanges(tx, [...params, context.settings.snapshotEvents ?? null]);
      await tx.query(merge.updateChanged, params.slice(0, 2));
    }
    const created = counts.new > 0 ? await merge.insertNew(tx, params) : 0;
    return changes + created;
  },

  async report(tx, { org, settings }) {
    if (settings.fullSnapshot !== true) return {};
    const rows = await tx.query<{ external_id: string; total: number }>(merge.missing, [org.id]);
    return {
      missing: { count: rows[0]?.total ?? 0, externalIds: rows.map((r) => r.external_id) },
    };
  },
};

/** A won deal whose amount the file leaves empty: warned of, or refused by the org's setting. */
function wonWithoutAmount(row: RowCheck, { org }: ImportContext, externalId: string | null): void {
  switch (org.wonWithoutAmount) {
    case 'warn':
      row.warn(
        'amount',
        'a won deal without an amount: imported as 0, so bookings may be understated',
        externalId,
      );
      return;
    case 'refuse':
      row.fail(
        'amount',
        'a won deal needs an amount (the organization refuses won deals without one)',
      );
      return;
    default:
      unreachable(org.wonWithoutAmount);
  }
}

function readOwner(row: RowCheck, { people, settings }: ImportContext): string | null {
  const reference = row.optional('owner') ?? settings.defaultOwner ?? null;
  if (reference === null) {
    row.fail('owner', 'is required (or import with a default owner)');
    return null;
  }
  const person = people.resolve(reference);
  if (person.ok) return person.id;
  row.fail('owner', person.reason);
  return null;
}
