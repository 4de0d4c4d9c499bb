import type { Queryable } from '../../db/database.js';
import { roles } from '../../db/schema/people.js';
import type { FieldIssue } from '../../shared/app-error.js';
import type { ImportKindHandler, RowResult } from '../import-kind.js';
import type { ImportRecord } from '../import-types.js';
import { peopleMerge } from '../merge/people.sql.js';
import { peopleManagers } from '../merge/people-managers.sql.js';
import { regionLeaders } from '../merge/region-leaders.sql.js';
import { teamLeaders } from '../merge/team-leaders.sql.js';
import { parseDay } from '../read/parse-date.js';
import { RowCheck } from '../row-check.js';
import { MAX_KEPT_ERRORS } from '../row-errors.js';
import {
  findDuplicateKeys,
  findUnknownReferences,
  queryCounts,
  runStatements,
} from '../sql-checks.js';

/** A row changes its person, their team, or the leader of the teams they manage. */
const changed = `(${peopleMerge.changed} or ${teamLeaders.leaderChanged})`;

/**
 * People, their teams and the teams' managers and leaders. A row is matched to a person
 * by external id, else e-mail, else name (only when it is unique): people without a login
 * or an e-mail are normal. A row naming a team makes it the person's current team from the
 * as-of day (the previous membership ends that day); a manager on the row becomes the
 * team's manager. The manager on a manager's row leads the teams that manager manages.
 * A manager may be named by external id, e-mail or name (`manager`, as CRM exports do); a
 * name found nowhere adds that manager. A rep's row without a team joins their manager's
 * team, named after the manager unless another row or Rudder names it. A region column
 * lets a leader's row lead the region's teams that no manager's row gives a leader.
 * Empty cells never erase what Rudder knows (an e-mail, a title, a role, a leader).
 */
export const people: ImportKindHandler = {
  copied: [
    { name: 'external_id', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'email', type: 'text' },
    { name: 'role', type: 'text' },
    { name: 'team', type: 'text' },
    { name: 'manager_email', type: 'text' },
    { name: 'manager_external_id', type: 'text' },
    { name: 'title', type: 'text' },
    { name: 'manager', type: 'text' },
    { name: 'region', type: 'text' },
  ],
  derived: [
    { name: 'target_id', type: 'uuid' },
    { name: 'is_new', type: 'boolean not null default false' },
    { name: 'manager_id', type: 'uuid' },
    // The manager as resolved by the check: a row of the file, or a person not in it.
    { name: 'manager_line', type: 'int4' },
    { name: 'manager_person', type: 'uuid' },
    { name: 'is_manager', type: 'boolean not null default false' },
    // A manager named only in another row's manager column, added by the check.
    { name: 'named_only', type: 'boolean not null default false' },
  ],
  tables: ['person', 'team', 'team_membership'],

  toRow(record: ImportRecord): RowResult {
    const row = new RowCheck(record);
    const name = row.required('name');
    const email = readEmail(row, 'email');
    const roleText = row.optional('role')?.toLowerCase() ?? null;
    const role = roles.find((candidate) => candidate === roleText) ?? null;
    if (roleText !== null && role === null) row.fail('role', `expected one of ${roles.join(', ')}`);
    return row.result([
      row.optional('external_id'),
      name,
      email,
      role,
      row.optional('team'),
      readEmail(row, 'manager_email'),
      row.optional('manager_external_id'),
      row.optional('title'),
      row.optional('manager'),
      row.optional('region'),
    ]);
  },

  async check(tx, { org }) {
    await runStatements(tx, peopleManagers.indexes, []);
    for (const statement of peopleMerge.match) await tx.query(statement, [org.id]);
    const managers = await resolveManagers(tx, org.id);
    return [
      ...managers,
      ...(await findDuplicateKeys(tx, {
        key: 's.external_id',
        field: 'external_id',
        label: 'external id',
      })),
      ...(await findDuplicateKeys(tx, { key: 's.email', field: 'email', label: 'e-mail' })),
      ...(await findUnknownReferences(tx, {
        where: peopleMerge.emailTaken,
        value: 's.email',
        field: 'email',
        reason: 'this e-mail belongs to another person (with a different external id)',
        params: [org.id],
      })),
      ...(await findUnknownReferences(tx, {
        where: peopleManagers.unknownManager,
        value: 'coalesce(s.manager_external_id, s.manager_email, s.manager)',
        field: 'manager',
        reason: 'the manager is neither in the organization nor in this file',
      })),
      ...(await findUnknownReferences(tx, {
        where: regionLeaders.secondLeader,
        value: 's.region',
        field: 'region',
        reason: "another leader's row names this region; a region has one leader",
        params: [org.id],
      })),
      ...(await findUnknownReferences(tx, {
        where: peopleMerge.conflictingManager,
        value: 's.team',
        field: 'team',
        reason: 'another row names a different manager for this team',
      })),
    ];
  },

  match: (tx, { org }) =>
    queryCounts(
      tx,
      `select count(*) filter (where p.id is null) as new,
              count(*) filter (where p.id is not null and ${changed}) as changed,
              count(*) filter (where p.id is not null and not ${changed}) as unchanged
       from import_staging s left join person p on p.org_id = $1 and p.id = s.target_id`,
      [org.id],
    ),

  async merge(tx, { org, settings }) {
    const day = parseDay(settings.asOf, { timeZone: org.timeZone });
    if (!day.ok) throw new Error(`as-of ${settings.asOf}: ${day.reason}`);
    await runStatements(
      tx,
      [
        ...peopleMerge.writePeople,
        ...peopleMerge.writeTeams,
        teamLeaders.writeLeaders,
        regionLeaders.writeLeaders,
      ],
      [org.id, day.value],
    );
    return 0;
  },
};

/**
 * Resolves every row's manager (see people-managers.sql.ts), adds the managers named only
 * by name, and derives roles and teams from the hierarchy. Returns the names that designate
 * several people, one error per row with the candidates.
 */
async function resolveManagers(tx: Queryable, orgId: string): Promise<FieldIssue[]> {
  const run = (statements: readonly string[]) => runStatements(tx, statements, [orgId]);
  await run([...peopleManagers.resolveIds, ...peopleManagers.resolveNames]);
  const ambiguous = await tx.query<{ line: number; value: string; candidates: Candidate[] }>(
    `${peopleManagers.ambiguousNames} limit ${MAX_KEPT_ERRORS}`,
    [orgId],
  );
  await run([
    ...peopleManagers.addNamedManagers,
    ...peopleManagers.impliedRoles,
    ...peopleManagers.defaultTeams,
  ]);
  return ambiguous.map(({ line, value, candidates }) => ({
    line,
    field: 'manager',
    value,
    reason: `${candidates.length} people are named "${value}": ${candidates.map(describe).join('; ')}; name the manager by e-mail or external id`,
  }));
}

interface Candidate {
  line: number | null;
  name: string;
  email: string | null;
  externalId: string | null;
}

/** A candidate as the admin can find them: their line in the file, or that Rudder has them. */
function describe(candidate: Candidate): string {
  const keys = [candidate.externalId, candidate.email].filter((key) => key !== null);
  const who = keys.length > 0 ? `${candidate.name} (${keys.join(', ')})` : candidate.name;
  return candidate.line === null ? `${who} already in Rudder` : `line ${candidate.line}: ${who}`;
}

function readEmail(row: RowCheck, field: string): string | null {
  const email = row.optional(field)?.toLowerCase() ?? null;
  if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email))
    row.fail(field, 'is not an e-mail address');
  return email;
}
