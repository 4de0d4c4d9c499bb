/**
 * The events a history file yields ($1 org, $2 import run). Per opportunity, states are
 * ordered by time; the first state is the opportunity's creation, each later one yields
 * an event per field that differs from the state before it. `fresh` marks events not
 * recorded yet (same opportunity, field, values and time): re-importing a history file
 * records nothing twice.
 */
const events = `with states as (
  select s.line, s.opportunity_id, s.changed_at, s.stage_id, s.status, s.amount, s.close_date,
         row_number() over w as position,
         lag(s.stage_id) over w as prev_stage, lag(s.status) over w as prev_status,
         lag(s.amount) over w as prev_amount, lag(s.close_date) over w as prev_close
  from import_staging s where s.opportunity_id is not null
  window w as (partition by s.opportunity_id order by s.changed_at, s.line)
), candidates as (
  select line, opportunity_id, changed_at, c.field, c.old_value, c.new_value
  from states
  cross join lateral (values
    ('stage', prev_stage::text, stage_id::text, prev_stage is not null),
    ('status', prev_status, status, prev_status is not null),
    ('amount', prev_amount::text, amount::text, prev_amount is not null and amount is not null),
    ('close_date', to_char(prev_close, 'YYYY-MM-DD'), to_char(close_date, 'YYYY-MM-DD'),
       prev_close is not null and close_date is not null)
  ) as c(field, old_value, new_value, comparable)
  where position > 1 and c.comparable and c.old_value is distinct from c.new_value
  union all
  select line, opportunity_id, changed_at, 'created', null, stage_id::text
  from states where position = 1
    and not exists (select 1 from opportunity_event e
                    where e.org_id = $1 and e.opportunity_id = states.opportunity_id and e.field = 'created')
), events as (
  select c.*, not exists (
    select 1 from opportunity_event e
    where e.org_id = $1 and e.opportunity_id = c.opportunity_id and e.field = c.field
      and e.observed_at = c.changed_at and e.old_value is not distinct from c.old_value
      and e.new_value is not distinct from c.new_value
  ) as fresh
  from candidates c
)`;

const insertEvents = `${events}, ins as (
  insert into opportunity_event (org_id, opportunity_id, field, old_value, new_value, observed_at, import_run_id)
  select $1, opportunity_id, field, old_value, new_value, changed_at, $2::uuid
  from events where fresh order by opportunity_id, changed_at, line
  returning 1
) select count(*)::int8 as n from ins`;

/**
 * A snapshot import records 'created' with the stage the opportunity had then; the
 * history knows the stage it really started in, so that event is corrected.
 */
const correctCreated = `update opportunity_event e set new_value = first.stage_id::text
  from (select distinct on (s.opportunity_id) s.opportunity_id, s.stage_id
        from import_staging s where s.opportunity_id is not null
        order by s.opportunity_id, s.changed_at, s.line) first
  where e.org_id = $1 and e.opportunity_id = first.opportunity_id and e.field = 'created'
    and e.new_value is distinct from first.stage_id::text`;

/** "Stalled" reads last_changed_at: the latest change the history shows counts. */
const touchOpportunities = `update opportunity o set last_changed_at = latest.at
  from (select e.opportunity_id, max(e.observed_at) as at from opportunity_event e
        where e.org_id = $1 and e.import_run_id = $2 and e.field <> 'created'
        group by e.opportunity_id) latest
  where o.org_id = $1 and o.id = latest.opportunity_id and o.last_changed_at < latest.at`;

export const history = { events, insertEvents, correctCreated, touchOpportunities };
