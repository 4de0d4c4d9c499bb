/**
 * Who each row's manager is, as CRM exports name them: by external id, by e-mail, or by
 * a name only ("agent, manager, office" sheets, CRM user exports). The manager is either a
 * row of the file (`manager_line`) or a person the organization already has who is not in
 * the file (`manager_person`). `$1` is the organization's id; `s` is a staged row. These run
 * in `check`, after the rows were matched to existing people (`target_id`), so that a dry
 * run counts and reports exactly what the import would write.
 */

const norm = (expression: string) => `lower(btrim(${expression}))`;

/** The person a staged row stands for is in the file: it is not also an outside candidate. */
const notInFile = (alias: string) =>
  `not exists (select 1 from import_staging f where f.target_id = ${alias}.id)`;

/** The row's manager, as the check resolved it; null when the row names none. */
const managerKey = (alias: string) =>
  `coalesce('line:' || ${alias}.manager_line, 'person:' || ${alias}.manager_person)`;

/** A row whose manager is not resolved yet, and the reference it is resolved by. */
const unresolved = 's.manager_line is null and s.manager_person is null';

/** Resolves one kind of reference: a row of the file first, then a person not in the file. */
function resolveBy(reference: string, fileKey: string, orgKey: string): string[] {
  return [
    `update import_staging s set manager_line = m.line from import_staging m
     where ${unresolved} and ${reference} is not null and ${fileKey} = ${reference}`,
    `update import_staging s set manager_line = f.line
     from person p join import_staging f on f.target_id = p.id
     where ${unresolved} and ${reference} is not null and p.org_id = $1 and ${orgKey} = ${reference}`,
    // A person the file does not list stays a reference to that person.
    `update import_staging s set manager_person = p.id from person p
     where ${unresolved} and ${reference} is not null and p.org_id = $1 and ${orgKey} = ${reference}
       and ${notInFile('p')}`,
  ];
}

/**
 * The generic `manager` cell is read only when neither explicit column is filled; it is
 * tried as an external id, then an e-mail; a name is resolved by `resolveNames`.
 */
const generic = `(case when s.manager_external_id is null and s.manager_email is null
  then s.manager end)`;

const resolveIds = [
  ...resolveBy('s.manager_external_id', 'm.external_id', 'p.external_id'),
  // The e-mail cells are lower-cased when read.
  ...resolveBy('s.manager_email', 'm.email', 'lower(p.email)'),
  ...resolveBy(generic, 'm.external_id', 'p.external_id'),
  ...resolveBy(`lower(${generic})`, 'm.email', 'lower(p.email)'),
];

/** Everyone a name may designate: the file's rows and the organization's other people. */
const nameCandidates = `select s.line as ref, m.line as cand_line, null::uuid as cand_person,
    m.name, m.email, m.external_id
  from import_staging s join import_staging m on ${norm('m.name')} = ${norm(generic)}
  where ${unresolved} and ${generic} is not null
  union all
  select s.line, null, p.id, p.name, p.email, p.external_id
  from import_staging s join person p on p.org_id = $1 and ${norm('p.name')} = ${norm(generic)}
  where ${unresolved} and ${generic} is not null and ${notInFile('p')}`;

/** A name that designates exactly one person resolves to them. */
const resolveNames = [
  `update import_staging s set manager_line = c.cand_line, manager_person = c.cand_person
   from (select ref, min(cand_line) as cand_line,
                (array_agg(cand_person) filter (where cand_person is not null))[1] as cand_person
         from (${nameCandidates}) x group by ref having count(*) = 1) c
   where s.line = c.ref`,
];

/** Names that designate several people: each candidate, for the row error. */
const ambiguousNames = `select ref as line, ${generic.replaceAll('s.', 'r.')} as value,
    json_agg(json_build_object('line', x.cand_line, 'name', x.name, 'email', x.email,
                               'externalId', x.external_id) order by x.cand_line nulls last, x.email)
      as candidates
  from (${nameCandidates}) x join import_staging r on r.line = x.ref
  group by ref, r.manager, r.manager_external_id, r.manager_email
  having count(*) > 1 order by ref`;

/** A name in the manager column only (not an e-mail): that manager is added, once per name. */
const addNamedManagers = [
  `insert into import_staging (line, name, role, named_only)
   select -row_number() over (order by min(s.line)), min(btrim(s.manager)), 'manager', true
   from import_staging s
   where ${unresolved} and ${generic} is not null and position('@' in s.manager) = 0
     and not exists (select 1 from import_staging m where ${norm('m.name')} = ${norm(generic)})
     and not exists (select 1 from person p where p.org_id = $1 and ${norm('p.name')} = ${norm(generic)})
   group by ${norm('s.manager')}`,
  `update import_staging s set manager_line = m.line from import_staging m
   where ${unresolved} and ${generic} is not null and m.named_only
     and ${norm('m.name')} = ${norm(generic)}`,
];

/**
 * A reference that designates nobody: an unknown external id or e-mail. (An unknown name
 * was added as a manager; a name of several people is reported with its candidates.)
 */
const unknownManager = `${unresolved} and (s.manager_external_id is not null
  or s.manager_email is not null or position('@' in coalesce(s.manager, '')) > 0)`;

/** The person a row's manager is, once every row has its `target_id` (during the merge). */
const resolvedManager = (alias: string) =>
  `coalesce(${alias}.manager_person, (select m.target_id from import_staging m where m.line = ${alias}.manager_line))`;

/** Who manages: their role says so, the file names them as a manager, or they run a team. */
const isManager = `(coalesce(s.role in ('manager', 'leader'), false)
  or exists (select 1 from import_staging r where r.manager_line = s.line and r.line <> s.line)
  or exists (select 1 from person p where p.org_id = $1 and p.id = s.target_id
             and p.role in ('manager', 'leader'))
  or exists (select 1 from team t where t.org_id = $1 and t.manager_id = s.target_id))`;

/**
 * Roles the file implies: a new person who manages a manager is a leader, one who manages
 * reps a manager, anyone else a rep. An existing rep who now manages is promoted; a role
 * the file gives, or any other existing role, is kept.
 */
const impliedRoles = [
  `update import_staging s set is_manager = ${isManager}`,
  `update import_staging s set role = case
     when exists (select 1 from import_staging r where r.manager_line = s.line and r.is_manager
                  and r.line <> s.line) then 'leader'
     when s.is_manager then 'manager' else 'rep' end
   where s.role is null and (s.target_id is null or s.is_manager and exists (
     select 1 from person p where p.org_id = $1 and p.id = s.target_id and p.role = 'rep'))`,
];

/** The name of a row's manager: their row's (the file's spelling) or the person's. */
const managerName = `coalesce((select m.name from import_staging m where m.line = s.manager_line),
  (select p.name from person p where p.org_id = $1 and p.id = s.manager_person))`;

/** A rep's row without a team whose manager is resolved. */
const teamless = `s.team is null and not s.is_manager
  and (s.manager_line is not null or s.manager_person is not null)`;

/**
 * A rep's row without a team joins their manager's team: the one another row of the file
 * names with that manager, else the only team the manager runs in Rudder, else a team
 * named after the manager. A manager's own manager leads their teams instead.
 */
const defaultTeams = [
  `update import_staging s set team = named.team
   from (select distinct on (${managerKey('o')}) ${managerKey('o')} as manager, o.team
         from import_staging o
         where o.team is not null and not o.is_manager
           and (o.manager_line is not null or o.manager_person is not null)
         order by ${managerKey('o')}, o.line) named
   where ${teamless} and named.manager = ${managerKey('s')}`,
  `update import_staging s set team = (select min(t.name) from team t where t.org_id = $1
     and t.manager_id = coalesce(s.manager_person,
       (select m.target_id from import_staging m where m.line = s.manager_line))
     having count(*) = 1)
   where ${teamless}`,
  `update import_staging s set team = ${managerName} where ${teamless}`,
];

/**
 * Every step above looks rows up by line, manager, target, key or name: without indexes
 * each lookup scans the staging table, and a file of 5,000 people took two minutes.
 */
const indexes = [
  'create index on import_staging (line)',
  'create index on import_staging (manager_line)',
  'create index on import_staging (target_id)',
  'create index on import_staging (external_id)',
  'create index on import_staging (email)',
  'create index on import_staging (team)',
  `create index on import_staging (${norm('name')})`,
  'analyze import_staging',
];

export const peopleManagers = {
  indexes,
  managerKey,
  resolveIds,
  resolveNames,
  ambiguousNames,
  addNamedManagers,
  unknownManager,
  resolvedManager,
  impliedRoles,
  defaultTeams,
};
