/**
 * The identity of a staged activity within its file: the external id, else the
 * natural key (person, kind, time, subject). Used for duplicates and for matching.
 */
const key = `coalesce('id:' || s.external_id,
  'row:' || s.person_id || '|' || s.kind || '|' || s.occurred_at || '|' || coalesce(s.subject, ''))`;

const match = [
  `update import_staging s set target_id = a.id from activity a
   where a.org_id = $1 and s.external_id is not null and a.external_id = s.external_id`,
  // Without an external id the natural key decides; activity_person_idx serves it.
  `update import_staging s set target_id = a.id from activity a
   where a.org_id = $1 and s.external_id is null and a.external_id is null
     and a.person_id = s.person_id and a.occurred_at = s.occurred_at and a.kind = s.kind
     and a.subject is not distinct from s.subject`,
  `update import_staging s set opportunity_id = o.id from opportunity o
   where o.org_id = $1 and s.opportunity_external_id is not null
     and o.external_id = s.opportunity_external_id`,
];

const changed = `((a.person_id, a.kind, a.occurred_at, a.opportunity_id, a.subject, a.count)
  is distinct from (s.person_id, s.kind, s.occurred_at, s.opportunity_id, s.subject, s.count))`;

const update = `update activity a set person_id = s.person_id, kind = s.kind,
    occurred_at = s.occurred_at, opportunity_id = s.opportunity_id, subject = s.subject, count = s.count
  from import_staging s where a.org_id = $1 and a.id = s.target_id and ${changed}`;

const insert = `insert into activity (org_id, external_id, person_id, kind, occurred_at, opportunity_id, subject, count)
  select $1, s.external_id, s.person_id, s.kind, s.occurred_at, s.opportunity_id, s.subject, s.count
  from import_staging s where s.target_id is null order by s.line`;

export const activityMerge = { key, match, changed, update, insert };
