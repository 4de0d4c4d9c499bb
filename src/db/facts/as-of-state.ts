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
