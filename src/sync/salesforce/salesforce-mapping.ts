import type { ImportRecord } from '../../imports/import-types.js';
import type { SalesforceRecord } from './salesforce-api.js';

/**
 * Salesforce's objects in Rudder's terms, in one place: the SOQL each object is read with
 * and how a record becomes a row of an import kind (Rudder's canonical field names, as a
 * CSV file in Rudder's format would have them). Every query is ordered by SystemModstamp,
 * the cursor, and starts AT the cursor (>=): records stamped in the same second as the last
 * run's last one are read again and count as unchanged, never missed.
 */

/** The objects a sync reads, in the order it merges them (owners before their deals). */
export const salesforceObjects = [
  'User',
  'Opportunity',
  'OpportunityHistory',
  'Task',
  'Event',
] as const;
export type SalesforceObject = (typeof salesforceObjects)[number];

const since = (cursor: string | undefined) =>
  cursor === undefined ? '' : ` WHERE SystemModstamp >= ${soqlInstant(cursor)}`;
const and = (cursor: string | undefined, clause: string) =>
  cursor === undefined ? ` WHERE ${clause}` : `${since(cursor)} AND ${clause}`;
const ordered = ' ORDER BY SystemModstamp, Id';

/** SOQL datetime literals are unquoted ISO 8601 in UTC. */
function soqlInstant(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new Error(`cursor ${iso} is not an instant`);
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A quoted SOQL string literal (ids come from Salesforce, but quote them properly anyway). */
const soqlString = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export const soql = {
  // Standard users only: portal, guest and automation users own no deals worth a 1:1.
  User: (cursor?: string) =>
    `SELECT Id, Name, Email, Title, IsActive, ManagerId, Manager.Name, SystemModstamp FROM User${and(cursor, "UserType = 'Standard'")}${ordered}`,
  Opportunity: (cursor: string | undefined, amountField: string) =>
    `SELECT Id, Name, Account.Name, OwnerId, StageName, ${amountField === 'Amount' ? 'Amount' : `Amount, ${amountField}`}, Probability, CreatedDate, CloseDate, IsClosed, IsWon, IsDeleted, SystemModstamp FROM Opportunity${since(cursor)}${ordered}`,
  /** Which opportunities have history rows stamped since the cursor. */
  OpportunityHistory: (cursor?: string) =>
    `SELECT Id, OpportunityId, SystemModstamp FROM OpportunityHistory${since(cursor)}${ordered}`,
  /** The whole history of some opportunities: the states before a change give its old values. */
  historyOf: (opportunityIds: readonly string[]) =>
    `SELECT Id, OpportunityId, CreatedDate, StageName, Amount, CloseDate, Probability, IsDeleted FROM OpportunityHistory WHERE OpportunityId IN (${opportunityIds.map(soqlString).join(', ')}) ORDER BY OpportunityId, CreatedDate, Id`,
  Task: (cursor?: string) =>
    `SELECT Id, OwnerId, Subject, Type, TaskSubtype, ActivityDate, CompletedDateTime, CreatedDate, WhatId, IsDeleted, SystemModstamp FROM Task${since(cursor)}${ordered}`,
  Event: (cursor?: string) =>
    `SELECT Id, OwnerId, Subject, Type, StartDateTime, ActivityDateTime, CreatedDate, WhatId, IsDeleted, SystemModstamp FROM Event${since(cursor)}${ordered}`,
  stages: () =>
    'SELECT Id, MasterLabel, ApiName, IsActive, IsClosed, IsWon, DefaultProbability, SortOrder FROM OpportunityStage ORDER BY SortOrder',
};

/** A field's text: Salesforce answers null for an empty field, numbers and booleans as JSON. */
export function field(record: SalesforceRecord, name: string): string {
  let value: unknown = record;
  for (const part of name.split('.')) {
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

export const isDeleted = (record: SalesforceRecord) => record.IsDeleted === true;

const values = (entries: Record<string, string>): Readonly<Record<string, string>> =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== ''));

/**
 * A user: matched to a person by Salesforce id, else e-mail. The hierarchy becomes teams:
 * someone with a manager belongs to that manager's team ("<manager>'s team", managed by
 * them), and a manager's own manager leads the teams they manage. `roles` says who manages
 * (from the whole batch); null keeps the person's role in Rudder.
 */
export function personRecord(
  record: SalesforceRecord,
  line: number,
  role: 'leader' | 'manager' | null,
): ImportRecord {
  const managerName = field(record, 'Manager.Name');
  return {
    line,
    values: values({
      external_id: field(record, 'Id'),
      name: field(record, 'Name'),
      email: field(record, 'Email'),
      title: field(record, 'Title'),
      manager_external_id: field(record, 'ManagerId'),
      team: managerName === '' ? '' : teamName(managerName),
      role: role ?? '',
    }),
  };
}

export const teamName = (managerName: string) => `${managerName}'s team`;

/**
 * Who manages whom in a batch of users: a user named as someone's manager manages; one
 * whose reports manage too leads.
 */
export function rolesOf(users: readonly SalesforceRecord[]): Map<string, 'leader' | 'manager'> {
  const managerOf = new Map(users.map((user) => [field(user, 'Id'), field(user, 'ManagerId')]));
  const roles = new Map<string, 'leader' | 'manager'>();
  for (const [, manager] of managerOf) if (manager !== '') roles.set(manager, 'manager');
  for (const [id, manager] of managerOf) {
    if (manager !== '' && roles.has(id)) roles.set(manager, 'leader');
  }
  return roles;
}

/** An opportunity, owned by its owner's Salesforce id; the amount from the chosen field. */
export function opportunityRecord(
  record: SalesforceRecord,
  line: number,
  amountField: string,
): ImportRecord {
  return {
    line,
    values: values({
      external_id: field(record, 'Id'),
      name: field(record, 'Name'),
      account: field(record, 'Account.Name'),
      owner: field(record, 'OwnerId'),
      stage: field(record, 'StageName'),
      amount: field(record, amountField),
      probability: field(record, 'Probability'),
      created_at: field(record, 'CreatedDate'),
      close_date: field(record, 'CloseDate'),
      is_closed: field(record, 'IsClosed'),
      is_won: field(record, 'IsWon'),
    }),
  };
}

/**
 * One OpportunityHistory row: the state of a deal from its CreatedDate on. With a custom
 * amount field the history's Amount is another figure, so it is left out: amount changes
 * then come from the snapshots.
 */
export function historyRecord(
  record: SalesforceRecord,
  line: number,
  withAmount: boolean,
): ImportRecord {
  return {
    line,
    values: values({
      opportunity_external_id: field(record, 'OpportunityId'),
      changed_at: field(record, 'CreatedDate'),
      stage: field(record, 'StageName'),
      amount: withAmount ? field(record, 'Amount') : '',
      close_date: field(record, 'CloseDate'),
      probability: field(record, 'Probability'),
    }),
  };
}

/** Subtypes Salesforce sets itself, more precise than the editable Type picklist. */
const preciseSubtypes: Readonly<Record<string, string>> = {
  Call: 'call',
  Email: 'email',
  ListEmail: 'email',
  LinkedIn: 'linkedin',
};

/**
 * A task: a call or an e-mail by its TaskSubtype, else by its Type (Call, Meeting, …), else
 * "task". It happened when completed, else on its due date, else when created.
 */
export function taskRecord(record: SalesforceRecord, line: number): ImportRecord {
  const subtype = preciseSubtypes[field(record, 'TaskSubtype')];
  const kind = subtype ?? (field(record, 'Type') || field(record, 'TaskSubtype') || 'task');
  return {
    line,
    values: values({
      external_id: field(record, 'Id'),
      person: field(record, 'OwnerId'),
      kind: kind.toLowerCase(),
      occurred_at:
        field(record, 'CompletedDateTime') ||
        field(record, 'ActivityDate') ||
        field(record, 'CreatedDate'),
      opportunity_external_id: field(record, 'WhatId'),
      subject: field(record, 'Subject'),
    }),
  };
}

/** A calendar event: a meeting unless its Type says otherwise, at its start. */
export function eventRecord(record: SalesforceRecord, line: number): ImportRecord {
  return {
    line,
    values: values({
      external_id: field(record, 'Id'),
      person: field(record, 'OwnerId'),
      kind: (field(record, 'Type') || 'meeting').toLowerCase(),
      occurred_at:
        field(record, 'StartDateTime') ||
        field(record, 'ActivityDateTime') ||
        field(record, 'CreatedDate'),
      opportunity_external_id: field(record, 'WhatId'),
      subject: field(record, 'Subject'),
    }),
  };
}
