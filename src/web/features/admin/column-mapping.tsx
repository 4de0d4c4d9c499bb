import type { ImportColumns } from '../../../imports/suggest-import-columns.js';
import { fieldHints, fieldLabel } from './import-kinds.js';

/** Rudder field → the chosen header; '' when the file has no column for the field. */
export type Mapping = Record<string, string>;

/**
 * The mapping proposed for a file, keeping the admin's choices that its headers still allow,
 * unless the server reads that column of this file as another field (a "Role" column is the
 * role in one file and the team in the next: see the mapping's notes).
 */
export function proposedMapping(columns: ImportColumns, previous: Mapping | null): Mapping {
  const proposedFor = new Map(
    columns.fields.flatMap(({ field, header }) => (header === null ? [] : [[header, field]])),
  );
  return Object.fromEntries(
    columns.fields.map(({ field, header }) => {
      const kept = previous?.[field];
      const keep =
        kept !== undefined &&
        columns.headers.includes(kept) &&
        (proposedFor.get(kept) ?? field) === field;
      return [field, (keep ? kept : header) ?? ''];
    }),
  );
}

/** Required fields without a column: the upload would be refused, so it is not offered. */
export function missingRequired(columns: ImportColumns, mapping: Mapping): string[] {
  return columns.fields.filter((f) => f.required && !mapping[f.field]).map((f) => f.field);
}

/** Only the columns chosen, as the upload's `columns` parameter wants them. */
export function chosenColumns(mapping: Mapping): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter(([, header]) => header !== ''));
}

const sources: Readonly<Record<ImportColumns['preset'], string>> = {
  rudder: "Rudder's column names",
  salesforce: 'a Salesforce export',
  hubspot: 'a HubSpot export',
};

/** What to do before the preview, said next to its button. */
export function MissingColumns({ missing }: { missing: readonly string[] }) {
  if (missing.length === 0) return null;
  return (
    <p className="mapping-missing" role="alert">
      Choose a column for {missing.map(fieldLabel).join(', ')} under Columns before the preview: the
      import needs {missing.length === 1 ? 'it' : 'them'}.
    </p>
  );
}

/** One select per Rudder field, listing the file's headers; required fields first. */
export function ColumnMapping({
  columns,
  mapping,
  onChange,
}: {
  columns: ImportColumns;
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
}) {
  const used = new Set(Object.values(mapping));
  const unused = columns.headers.filter((header) => !used.has(header));
  const fields = [
    ...columns.fields.filter((f) => f.required),
    ...columns.fields.filter((f) => !f.required),
  ];
  return (
    <section className="card" aria-labelledby="mapping-title">
      <h2 id="mapping-title">Columns</h2>
      <p className="muted">
        {columns.remembered
          ? 'Proposed from the mapping you used last time for this kind of file.'
          : `Proposed from ${sources[columns.preset]}.`}{' '}
        Choose the column of your file that holds each field; the choice is kept for the next file.
      </p>
      {columns.notes.map((note) => (
        <p key={note} className="mapping-note">
          {note}
        </p>
      ))}
      <div className="mapping-grid">
        {fields.map(({ field, required }) => (
          <label
            key={field}
            className={required && !mapping[field] ? 'unmapped-required' : undefined}
          >
            <span>
              {fieldLabel(field)}
              {required ? ' (required)' : ''}
              {fieldHints[field] ? (
                <span className="field-hint muted"> · {fieldHints[field]}</span>
              ) : null}
            </span>
            <select
              value={mapping[field] ?? ''}
              onChange={(event) => onChange({ ...mapping, [field]: event.target.value })}
            >
              <option value="">— not in the file —</option>
              {columns.headers.map((header) => (
                <option key={header} value={header}>
                  {header}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {unused.length > 0 ? <p className="muted">Not imported: {unused.join(', ')}.</p> : null}
    </section>
  );
}
