import { decimalAmount } from '../core/format.js';
import type { Row } from '../db/database.js';
import { periodCell } from './export-cells.js';
import type { CellValue } from './neutralize-cell.js';

/**
 * What `rudder export` writes: one file per kind, in Rudder's own import format where an
 * import kind exists (people, goals, opportunities, activities, results), so that an
 * export imports into an empty organization unchanged. `$1` is the organization; rows
 * come in pages ordered by `key` (keyset paging keeps memory flat on large tables).
 * People are named by external id, else e-mail, else name: the order imports resolve.
 */
export interface ExportTable {
  file: string;
  /** Select list and FROM clause; must expose `key` for paging. */
  sql: string;
  columns: readonly string[];
  /**
   * Cells SQL cannot write, from the selected row (which may hold more than `columns`):
   * amounts in their currency's decimals, goal periods in the fiscal calendar.
   */
  cells?: (row: Row) => Record<string, CellValue>;
}

const personRef = (alias: string) =>
  `coalesce(${alias}.external_id, ${alias}.email, ${alias}.name)`;
const text = (value: unknown) => String(value);
const eventAmount = (value: unknown, currency: unknown) =>
  value === null || value === undefined ? null : decimalAmount(text(value), text(currency));

export const exportTables: readonly ExportTable[] = [
  {
    file: 'people',
    columns: [
      'external_id',
      'name',
      'email',
      'role',
      'team',
      'manager_email',
      'manager_external_id',
      'title',
    ],
    // The manager of a row is the person's: their team's manager, or for someone in no team
    // (a manager), the leader of the teams they manage, which the import sets back.
    sql: `select p.id::text as key, p.external_id, p.name, p.email, p.role, t.name as team,
            m.email as manager_email, m.external_id as manager_external_id, p.title
          from person p
          left join lateral (select tm.team_id from team_membership tm
                             where tm.org_id = p.org_id and tm.person_id = p.id and tm.valid_to is null
                             order by tm.valid_from desc limit 1) cur on true
          left join team t on t.org_id = p.org_id and t.id = cur.team_id
          left join person m on m.org_id = p.org_id and m.id = case
            when t.id is not null then t.manager_id
            else (select led.leader_id from team led
                  where led.org_id = p.org_id and led.manager_id = p.id and led.leader_id <> p.id
                  order by led.name limit 1) end
          where p.org_id = $1`,
  },
  {
    file: 'teams',
    columns: ['name', 'manager', 'leader'],
    sql: `select t.id::text as key, t.name, ${personRef('m')} as manager, ${personRef('l')} as leader
          from team t left join person m on m.org_id = t.org_id and m.id = t.manager_id
          left join person l on l.org_id = t.org_id and l.id = t.leader_id where t.org_id = $1`,
  },
  {
    file: 'team-memberships',
    columns: ['team', 'person', 'valid_from', 'valid_to'],
    sql: `select tm.id::text as key, t.name as team, ${personRef('p')} as person, tm.valid_from, tm.valid_to
          from team_membership tm join team t on t.org_id = tm.org_id and t.id = tm.team_id
          join person p on p.org_id = tm.org_id and p.id = tm.person_id where tm.org_id = $1`,
  },
  {
    file: 'stages',
    columns: ['name', 'position', 'kind', 'probability'],
    sql: `select s.id::text as key, s.name, s.position, s.kind, s.probability from stage s where s.org_id = $1`,
  },
  {
    file: 'goals',
    columns: ['person', 'metric', 'activity_kind', 'period', 'target', 'status'],
    sql: `select g.id::text as key, ${personRef('p')} as person, g.metric, g.activity_kind,
            g.period_kind, g.period_start, g.target::text as target, g.status,
            o.currency, o.fiscal_year_start_month
          from goal g join person p on p.org_id = g.org_id and p.id = g.person_id
          join org o on o.id = g.org_id where g.org_id = $1`,
    cells: (row) => ({
      period: periodCell(
        text(row.period_kind),
        text(row.period_start),
        Number(row.fiscal_year_start_month),
      ),
      // Money targets are in the organization's currency; counts are whole numbers.
      target:
        row.metric === 'bookings' || row.metric === 'pipeline_value'
          ? decimalAmount(text(row.target), text(row.currency))
          : text(row.target),
    }),
  },
  {
    file: 'opportunities',
    columns: [
      'external_id',
      'name',
      'account',
      'owner',
      'stage',
      'amount',
      'currency',
      'probability',
      'created_at',
      'close_date',
      'closed_at',
    ],
    sql: `select o.id::text as key, o.external_id, o.name, o.account, ${personRef('p')} as owner,
            s.name as stage, o.amount::text as amount, o.currency, o.probability,
            o.created_at, o.close_date, o.closed_at
          from opportunity o join person p on p.org_id = o.org_id and p.id = o.owner_id
          join stage s on s.org_id = o.org_id and s.id = o.stage_id where o.org_id = $1`,
    // An opportunity's amount is in its own currency's minor units.
    cells: (row) => ({ amount: decimalAmount(text(row.amount), text(row.currency)) }),
  },
  {
    file: 'opportunity-events',
    columns: ['opportunity_external_id', 'field', 'old_value', 'new_value', 'observed_at'],
    sql: `select lpad(e.id::text, 20, '0') as key, o.external_id as opportunity_external_id, e.field,
            e.old_value, e.new_value, e.observed_at, o.currency
          from opportunity_event e join opportunity o on o.org_id = e.org_id and o.id = e.opportunity_id
          where e.org_id = $1`,
    // An amount change is money like the opportunity's amount: the same decimals.
    cells: (row): Record<string, CellValue> =>
      row.field === 'amount'
        ? {
            old_value: eventAmount(row.old_value, row.currency),
            new_value: eventAmount(row.new_value, row.currency),
          }
        : {},
  },
  {
    file: 'activities',
    columns: [
      'external_id',
      'person',
      'kind',
      'occurred_at',
      'opportunity_external_id',
      'subject',
      'count',
    ],
    sql: `select lpad(a.id::text, 20, '0') as key, a.external_id, ${personRef('p')} as person, a.kind,
            a.occurred_at, o.external_id as opportunity_external_id, a.subject, a.count
          from activity a join person p on p.org_id = a.org_id and p.id = a.person_id
          left join opportunity o on o.org_id = a.org_id and o.id = a.opportunity_id where a.org_id = $1`,
  },
  {
    file: 'results',
    columns: ['external_id', 'person', 'period', 'amount'],
    sql: `select r.id::text as key, r.external_id, ${personRef('p')} as person, r.day as period,
            r.amount::text as amount, o.currency
          from result_entry r join person p on p.org_id = r.org_id and p.id = r.person_id
          join org o on o.id = r.org_id where r.org_id = $1`,
    cells: (row) => ({ amount: decimalAmount(text(row.amount), text(row.currency)) }),
  },
];
