/**
 * SQL pieces that rebuild an opportunity as it stood at the end of an earlier day from the
 * events after it, shared by the rep's and the team's facts. Parameters follow the facts'
 * convention: $1 is the organization, $3 the organization's time zone.
 */

/** The instant an org-local day starts: `day::timestamp at time zone tz` ($3). */
export const dayStart = (param: string) => `((${param})::date::timestamp at time zone $3)`;

/** The fields whose history rebuilds an opportunity's state at an earlier instant. */
export const tracked = ['stage', 'amount', 'close_date', 'owner', 'status'] as const;
export type TrackedField = (typeof tracked)[number];

/**
 * `field`'s value at instant `at` from the events scanned: the old value of its first change
 * at or after `at` (null when it did not change since; then the value now holds).
 */
export const valueAt = (field: TrackedField, at: string) =>
  `(array_agg(old_value order by observed_at, id)
      filter (where field = '${field}' and observed_at >= ${at}))[1]`;
export const changedSince = (field: TrackedField, at: string) =>
  `coalesce(bool_or(field = '${field}' and observed_at >= ${at}), false)`;

/**
 * Over a deal's events: per tracked field, whether it changed since `since` and its value
 * then, whether it changed after `end` and its value at `end` (`stage_changed, stage_then,
 * stage_later, stage_at`, …).
 */
export const trackedEventColumns = (since: string, end: string) =>
  tracked
    .map(
      (f) => `${changedSince(f, since)} as ${f}_changed, ${valueAt(f, since)} as ${f}_then,
       ${changedSince(f, end)} as ${f}_later, ${valueAt(f, end)} as ${f}_at`,
    )
    .join(',\n       ');

/**
 * Ids of the opportunities that `owners` (SQL giving person ids as text; default the rep)
 * owned at the end of day `asOf` and someone else took afterwards: found through their owner
 * changes after that day (owner changes are few; a partial index).
 */
export const ownedUntilLater = (asOf: string, owners = '$2::text') =>
  `select ev.opportunity_id from opportunity_event ev
    where ev.org_id = $1 and ev.field = 'owner' and ev.old_value in (${owners})
      and ev.observed_at >= ${dayStart(`${asOf}::date + 1`)}`;

/**
 * A lateral subquery giving, for opportunity `alias`, each field's value at the end of day
 * `asOf` (`<field>_at`, when `<field>_later`: it changed after). An opportunity whose last
 * tracked change is before then reads no event at all: the import raises last_changed_at on
 * every change of a tracked field, so nothing changed after.
 */
export const atEnd = (fields: TrackedField[], alias: string, asOf: string) => {
  const end = dayStart(`${asOf}::date + 1`);
  return `select ${fields
    .map((f) => `${changedSince(f, end)} as ${f}_later, ${valueAt(f, end)} as ${f}_at`)
    .join(', ')}
      from opportunity_event ev
     where ev.org_id = $1 and ev.opportunity_id = ${alias}.id and ev.observed_at >= ${end}
       and ${alias}.last_changed_at >= ${end}`;
};

/** What a closed deal's bookings depend on: who owned it, its amount, whether it was won. */
export const closedFields: TrackedField[] = ['owner', 'amount', 'status'];

/**
 * Deal `deal` as it stood at the end of the as-of day (`owner_then` as text, `amount_then`,
 * `status_then`) from `atEnd(closedFields, deal, asOf)` joined as `at`: the value then when
 * the field changed later, else the value now.
 */
export const thenColumns = (deal: string, at: string) => `
  case when ${at}.owner_later then ${at}.owner_at else ${deal}.owner_id::text end as owner_then,
  case when ${at}.amount_later then ${at}.amount_at::int8 else ${deal}.amount end as amount_then,
  case when ${at}.status_later then ${at}.status_at else ${deal}.status end as status_then`;

/** Which deals: owned by `owners` and closed in [from, to) (instants). */
export interface ClosedWindow {
  /** A SELECT giving person ids (uuid), one per row. */
  owners: string;
  from: string;
  to: string;
  /** The as-of day: deals count as they stood at its end. */
  asOf: string;
}

/**
 * The deals `owners` own now or owned at the end of day `asOf`, closed in [from, to), whose
 * tracked fields changed after that day, each as it is now (`*_now`) and as it was then
 * (`*_then`, from the events after it). Found through (org, owner, last_changed_at) and the
 * owner changes after the day: an agenda of today reads no row.
 */
export const changedLaterClosed = (w: ClosedWindow) => {
  const end = dayStart(`${w.asOf}::date + 1`);
  const closedIn = `o.closed_at >= ${w.from} and o.closed_at < ${w.to}`;
  return `
  select d.id, d.created_at, d.closed_at,
         d.owner_id::text as owner_now, d.amount as amount_now, d.status as status_now,
         ${thenColumns('d', 'l')}
    from (select o.id, o.org_id, o.owner_id, o.amount, o.status, o.created_at, o.closed_at,
                 o.last_changed_at
            from opportunity o
           where o.org_id = $1 and o.owner_id in (${w.owners}) and o.last_changed_at >= ${end}
             and ${closedIn}
          union
          select o.id, o.org_id, o.owner_id, o.amount, o.status, o.created_at, o.closed_at,
                 o.last_changed_at
            from opportunity o
           where o.org_id = $1
             and o.id in (${ownedUntilLater(w.asOf, `select p::text from (${w.owners}) as owners(p)`)})
             and ${closedIn}) d
    left join lateral (${atEnd(closedFields, 'd', w.asOf)}) l on true`;
};

/**
 * The deals `owners` held at the end of day `asOf` among those closed in [from, to), as they
 * stood then (`owner_id` as text, amount, status). Deals unchanged since are read as they are
 * (an index-only range of opportunity_owner_closed_idx, which carries last_changed_at for
 * this); the others come from `changedLaterClosed`, kept when their owner then is one of
 * `owners`.
 */
export const closedAsOf = (w: ClosedWindow) => {
  const end = dayStart(`${w.asOf}::date + 1`);
  return `
  select o.owner_id::text as owner_id, o.amount, o.status, o.created_at, o.closed_at
    from opportunity o
   where o.org_id = $1 and o.owner_id in (${w.owners})
     and o.closed_at >= ${w.from} and o.closed_at < ${w.to} and o.last_changed_at < ${end}
  union all
  select owner_then, amount_then, status_then, created_at, closed_at
    from (${changedLaterClosed(w)}) c
   where owner_then in (select p::text from (${w.owners}) as owners(p))`;
};
