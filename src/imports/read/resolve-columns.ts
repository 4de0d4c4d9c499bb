import { roles } from '../../db/schema/people.js';
import { AppError, type FieldIssue } from '../../shared/app-error.js';
import {
  type ImportField,
  type ImportKind,
  importFields,
  requiredFields,
} from './import-fields.js';
import { type PresetName, presetNames, presets } from './presets.js';

export interface ResolveColumnsOptions<K extends ImportKind> {
  kind: K;
  /** The file's headers, as read (trimmed). */
  headers: readonly string[];
  /** Which export format to expect; `auto` (the default) picks the best-matching preset. */
  preset?: PresetName | 'auto';
  /** Explicit `--map field=header` choices; they win over the preset. */
  map?: Readonly<Record<string, string>>;
  /**
   * The first rows of the file, keyed by header, when the caller has them: a people
   * file's "Role" column is read as the person's role or as the team by its values.
   */
  sample?: readonly Readonly<Record<string, string>>[];
}

export interface ResolvedColumns<K extends ImportKind> {
  preset: PresetName;
  /** For each field found, the header of the column that holds it. */
  columns: Partial<Record<ImportField<K>, string>>;
  /** Why an ambiguous column went to the field it did, in the admin's words (absent if none). */
  notes?: string[];
}

/**
 * Maps the fields of an import kind to the file's headers. Headers match a preset's
 * aliases exactly or, failing that, ignoring case, spaces and punctuation
 * ("close date" = "Close_Date" = "CloseDate"). Throws a VALIDATION_FAILED AppError
 * listing the required fields without a column and the headers that were found.
 */
export function resolveColumns<K extends ImportKind>(
  options: ResolveColumnsOptions<K>,
): ResolvedColumns<K> {
  const { kind, headers } = options;
  const best = bestCandidate(options);
  const explicit = explicitColumns(kind, headers, options.map ?? {});
  // A "Role" column chosen for the role is not also guessed as the team, nor the reverse.
  const picked = explicit as Partial<Record<string, string>>;
  const chosen = new Set([picked.role, picked.team].filter((h) => h !== undefined));
  const guessed = Object.fromEntries(
    Object.entries(best.columns).filter(
      ([field, header]) => !(['role', 'team'].includes(field) && chosen.has(header as string)),
    ),
  ) as Partial<Record<ImportField<K>, string>>;
  const columns = { ...guessed, ...explicit };

  const missing = requiredFields[kind].filter((field) => columns[field] === undefined);
  if (missing.length > 0) {
    const issues: FieldIssue[] = missing.map((field) => ({
      field,
      reason: `no column for ${field}; expected a header such as ${aliasesOf(kind, best.preset, field).join(', ')}`,
    }));
    throw new AppError(
      'VALIDATION_FAILED',
      `The file lacks required columns for ${kind}: ${missing.join(', ')} (read with the ${best.preset} preset; map them with field=header). Headers found: ${headers.join(', ')}.`,
      { issues },
    );
  }
  const notes = best.notes.filter((note) => !chosen.has(note.header));
  return {
    preset: best.preset,
    columns,
    ...(notes.length > 0 ? { notes: notes.map((note) => note.text) } : {}),
  };
}

/**
 * The columns a preset finds in the headers (the best-matching preset with `auto`),
 * without the explicit mapping and without requiring anything: what the web offers the
 * admin to confirm or change before an upload.
 */
export function suggestColumns<K extends ImportKind>(
  options: Omit<ResolveColumnsOptions<K>, 'map'>,
): ResolvedColumns<K> {
  const best = bestCandidate(options);
  return {
    preset: best.preset,
    columns: best.columns,
    ...(best.notes.length > 0 ? { notes: best.notes.map((note) => note.text) } : {}),
  };
}

function bestCandidate<K extends ImportKind>(
  options: Omit<ResolveColumnsOptions<K>, 'map'>,
): Candidate<K> {
  const { kind, headers } = options;
  const choice = options.preset ?? 'auto';
  const candidates = (choice === 'auto' ? presetNames : [choice]).map((preset) =>
    settleRoleColumn(kind, preset, headers, matchPreset(kind, preset, headers), options.sample),
  );
  return candidates.reduce((a, b) => (score(kind, b.columns) > score(kind, a.columns) ? b : a));
}

interface Candidate<K extends ImportKind> {
  preset: PresetName;
  columns: Partial<Record<ImportField<K>, string>>;
  notes: { header: string; text: string }[];
}

/**
 * Headers only a Salesforce user export has (API names and report labels), normalized:
 * with one of them beside it, a "Role" column is Salesforce's role hierarchy.
 */
const salesforceUserHeaders = new Set(
  [
    'Id',
    'User ID',
    'ManagerId',
    'Manager ID',
    'Manager.Name',
    'Manager: Full Name',
    'Username',
    'UserRoleId',
    'UserRole.Name',
    'ProfileId',
    'Profile',
    'Profile.Name',
    'Alias',
    'IsActive',
  ].map(normalize),
);

/** Rudder's roles, which a people file's role column holds. */
const roleWords: readonly string[] = roles;

/**
 * A people file's "Role" column matches both the person's `role` (Rudder's own column) and
 * the Salesforce preset's `team` (a user export's Role is its role hierarchy, which names
 * the team: "Western Sales"). One column is one field, decided in this order:
 * - the header written exactly `role` (Rudder's format) is the person's role;
 * - otherwise its values decide: all of them roles (rep, manager, leader, admin) → role,
 *   any other value → the team;
 * - without values (a header alone), it is the team only in a file that is clearly a
 *   Salesforce user export (Id, ManagerId, Username, Profile… beside it), else the role.
 * The note says which, so the column mapping can show it and the admin change it.
 */
function settleRoleColumn<K extends ImportKind>(
  kind: K,
  preset: PresetName,
  headers: readonly string[],
  columns: Partial<Record<ImportField<K>, string>>,
  sample: readonly Readonly<Record<string, string>>[] | undefined,
): Candidate<K> {
  const fields = columns as Partial<Record<string, string>>;
  const header = fields.role;
  // The column is in doubt when it is "Role" by name and the team has no other column.
  const inDoubt =
    header !== undefined &&
    normalize(header) === 'role' &&
    (fields.team === undefined || fields.team === header);
  if (kind !== 'people' || header === undefined || !inDoubt) {
    return { preset, columns, notes: [] };
  }
  const values = (sample ?? [])
    .map((row) => (row[header] ?? '').trim())
    .filter((value) => value !== '');
  const others = values.filter((value) => !roleWords.includes(value.toLowerCase()));
  const salesforceFile = headers.some((other) => salesforceUserHeaders.has(normalize(other)));
  let meaning: 'role' | 'team';
  let why: string;
  if (header === 'role') {
    meaning = 'role';
    why = "it is Rudder's own column name";
  } else if (values.length > 0 && others.length === 0) {
    meaning = 'role';
    why = `its values are roles (${[...new Set(values.map((v) => v.toLowerCase()))].join(', ')})`;
  } else if (values.length > 0) {
    meaning = 'team';
    why = `its values are not roles (${quoteSome(others)}), as in a Salesforce user export, where the role names the team`;
  } else if (salesforceFile) {
    meaning = 'team';
    why = 'the file is a Salesforce user export, where the role names the team';
  } else {
    meaning = 'role';
    why = 'nothing marks the file as a Salesforce export';
  }
  const settled = { ...fields };
  delete settled[meaning === 'role' ? 'team' : 'role'];
  const text = `The column "${header}" is read as the ${meaning === 'role' ? "person's role" : 'team'}: ${why}. Choose it for ${meaning === 'role' ? 'Team' : 'Role'} if it holds ${meaning === 'role' ? 'team names' : `roles (${roleWords.join(', ')})`}.`;
  return {
    preset,
    columns: settled as Partial<Record<ImportField<K>, string>>,
    notes: [{ header, text }],
  };
}

function quoteSome(values: readonly string[]): string {
  const distinct = [...new Set(values)];
  const shown = distinct.slice(0, 3).map((value) => `"${value}"`);
  return distinct.length > 3 ? `${shown.join(', ')}…` : shown.join(', ');
}

function matchPreset<K extends ImportKind>(
  kind: K,
  preset: PresetName,
  headers: readonly string[],
): Partial<Record<ImportField<K>, string>> {
  const columns: Partial<Record<ImportField<K>, string>> = {};
  for (const field of fieldsOf(kind)) {
    for (const alias of aliasesOf(kind, preset, field)) {
      const header = findHeader(headers, alias);
      if (header !== undefined) {
        columns[field] = header;
        break;
      }
    }
  }
  return columns;
}

/** Required fields found weigh more than any number of optional ones. */
function score<K extends ImportKind>(
  kind: K,
  columns: Partial<Record<ImportField<K>, string>>,
): number {
  const found = fieldsOf(kind).filter((field) => columns[field] !== undefined);
  const required = requiredFields[kind].filter((field) => columns[field] !== undefined);
  return required.length * 1000 + found.length;
}

function explicitColumns<K extends ImportKind>(
  kind: K,
  headers: readonly string[],
  map: Readonly<Record<string, string>>,
): Partial<Record<ImportField<K>, string>> {
  const columns: Partial<Record<ImportField<K>, string>> = {};
  const issues: FieldIssue[] = [];
  for (const [name, wanted] of Object.entries(map)) {
    const field = fieldsOf(kind).find((candidate) => candidate === name);
    const header = findHeader(headers, wanted);
    if (field === undefined) {
      const reason = `${kind} have no field "${name}"; fields: ${fieldsOf(kind).join(', ')}`;
      issues.push({ field: name, value: wanted, reason });
    } else if (header === undefined) {
      const reason = `the file has no column "${wanted}"; headers: ${headers.join(', ')}`;
      issues.push({ field: name, value: wanted, reason });
    } else {
      columns[field] = header;
    }
  }
  if (issues.length > 0) {
    const reasons = issues.map((issue) => issue.reason).join('; ');
    throw new AppError('VALIDATION_FAILED', `The column mapping is invalid: ${reasons}.`, {
      issues,
    });
  }
  return columns;
}

function fieldsOf<K extends ImportKind>(kind: K): readonly ImportField<K>[] {
  return importFields[kind];
}

/** A preset's aliases for a field, then the canonical name that every preset accepts. */
function aliasesOf<K extends ImportKind>(
  kind: K,
  preset: PresetName,
  field: ImportField<K>,
): string[] {
  const aliases: readonly string[] = presets[preset][kind]?.[field] ?? [];
  return aliases.includes(field) ? [...aliases] : [...aliases, field];
}

function findHeader(headers: readonly string[], alias: string): string | undefined {
  if (headers.includes(alias)) return alias;
  const key = normalize(alias);
  return headers.find((header) => normalize(header) === key);
}

function normalize(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}
