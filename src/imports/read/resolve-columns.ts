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
}

export interface ResolvedColumns<K extends ImportKind> {
  preset: PresetName;
  /** For each field found, the header of the column that holds it. */
  columns: Partial<Record<ImportField<K>, string>>;
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
  const best = suggestColumns(options);
  const columns = { ...best.columns, ...explicitColumns(kind, headers, options.map ?? {}) };

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
  return { preset: best.preset, columns };
}

/**
 * The columns a preset finds in the headers (the best-matching preset with `auto`),
 * without the explicit mapping and without requiring anything: what the web offers the
 * admin to confirm or change before an upload.
 */
export function suggestColumns<K extends ImportKind>(
  options: Omit<ResolveColumnsOptions<K>, 'map'>,
): ResolvedColumns<K> {
  const { kind, headers } = options;
  const choice = options.preset ?? 'auto';
  const candidates = (choice === 'auto' ? presetNames : [choice]).map((preset) => ({
    preset,
    columns: matchPreset(kind, preset, headers),
  }));
  return candidates.reduce((a, b) => (score(kind, b.columns) > score(kind, a.columns) ? b : a));
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
