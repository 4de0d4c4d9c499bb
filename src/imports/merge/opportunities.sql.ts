import type { Queryable } from '../../db/database.js';
import { MAX_KEPT_ERRORS } from '../row-errors.js';
import { queryWritten } from '../sql-checks.js';

/**
 * The fields whose change is an opportunity event ($2 as-of time, $3 the import run; $4 the
 * fields to record, null for all).
 */
const tracked = `(o.stage_id, o.amount, o.close_date, o.owner_id, o.status)
  is distinct from (s.stage_id, s.amount, s.close_date, s.owner_id, s.status)`;

/**
 * Whether a staged row `s` differs from its opportunity `o`. A file without created
 * dates keeps the created_at Rudder recorded when it first saw the opportunity. An amount
 * that became missing (or was given at last) is a change, though not an event.
 */
const changed = `((o.name, o.account, o.owner_id, o.amount, o.amount_missing, o.currency, o.stage_id,
   o.status, o.probability, o.close_date, o.closed_at, o.created_at)
  is distinct from (s.name, s.account, s.owner_id, s.amount, s.amount_missing, s.currency,
   s.stage_id, s.status, s.probability, s.close_date, s.closed_at,
   coalesce(s.created_at, o.created_at)))`;

/**
 * One event per changed field, computed by joining the staged snapshot with the current
 * rows. Values are text: stage and owner ids, amounts in minor units, days as YYYY-MM-DD.
 */
const recordChanges = `with ins as (
  insert into opportunity_event (org_id, opportunity_id, field, old_value, new_value, observed_at, import_run_id)
  select $1, o.id, c.field, c.old_value, c.new_value, $2::timestamptz, $3::uuid
  from import_staging s
  join opportunity o on o.org_id = $1 and o.id = s.target_id
  cross join lateral (values
    ('stage', o.stage_id::text, s.stage_id::text),
    ('amount', o.amount::text, s.amount::text),
    ('close_date', to_char(o.close_date, 'YYYY-MM-DD'), to_char(s.close_date, 'YYYY-MM-DD')),
    ('owner', o.owner_id::text, s.owner_id::text),
    ('status', o.status, s.status)
  ) as c(field, old_value, new_value)
  where c.old_value is distinct from c.new_value
    and ($4::text[] is null or c.field = any($4::text[]))
  returning 1
) select count(*)::int8 as n from ins`;

const updateChanged = `update opportunity o set
    name = s.name, account = s.account, owner_id = s.owner_id, amount = s.amount,
    amount_missing = s.amount_missing, currency = s.currency, stage_id = s.stage_id, status = s.status, probability = s.probability,
    created_at = coalesce(s.created_at, o.created_at), close_date = s.close_date,
    closed_at = s.closed_at,
    last_changed_at = case when ${tracked} then greatest(o.last_changed_at, $2::timestamptz)
                           else o.last_changed_at end
  from import_staging s
  where o.org_id = $1 and o.id = s.target_id and ${changed}`;

/**
 * New opportunities, each with its 'created' event (old null, new its stage) at created_at.
 * The events go in in opportunity order: their index leads with the (random) opportunity id,
 * and inserting in key order touches each index page once instead of once per event (bench-L
 * merge ~4 s faster).
 */
const insertNew = `with ins as (
  insert into opportunity (org_id, external_id, name, account, owner_id, amount, amount_missing,
                           currency, stage_id, status, probability, created_at, close_date,
                           closed_at, last_changed_at)
  select $1, s.external_id, s.name, s.account, s.owner_id, s.amount, s.amount_missing, s.currency,
         s.stage_id,
         s.status, s.probability, coalesce(s.created_at, $2::timestamptz), s.close_date, s.closed_at,
         greatest(coalesce(s.created_at, $2::timestamptz), s.closed_at)
  from import_staging s where s.target_id is null
  order by s.line
  returning id, stage_id, created_at
), events as (
  insert into opportunity_event (org_id, opportunity_id, field, old_value, new_value, observed_at, import_run_id)
  select $1, ins.id, 'created', null, ins.stage_id::text, ins.created_at, $3::uuid from ins
  order by ins.id
  returning 1
) select count(*)::int8 as n from events`;

/** Opportunities with an external id that a full snapshot lacks: reported, never deleted. */
const missing = `select o.external_id, count(*) over ()::int8 as total
  from opportunity o
  where o.org_id = $1 and o.external_id is not null
    and not exists (select 1 from import_staging s where s.external_id = o.external_id)
  order by o.external_id limit ${MAX_KEPT_ERRORS}`;

export const merge = {
  changed,
  recordChanges: (tx: Queryable, params: readonly unknown[]) =>
    queryWritten(tx, recordChanges, params),
  updateChanged,
  insertNew: (tx: Queryable, params: readonly unknown[]) => queryWritten(tx, insertNew, params),
  missing,
};
