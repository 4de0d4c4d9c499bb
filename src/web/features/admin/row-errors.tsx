import type { ImportResult, RowError } from '../../api/types.js';

/**
 * Row-level errors by line, as the import's preview reports them. With the column mapping,
 * each field also names the file's column it was read from.
 */
export function RowErrors({
  errors,
  columns,
}: {
  errors: readonly RowError[];
  columns?: Readonly<Record<string, string>>;
}) {
  if (errors.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="data row-errors">
        <caption>
          {errors.length} row {errors.length === 1 ? 'error' : 'errors'}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e) => (
            <tr key={`${e.line ?? 0}-${e.field}-${e.reason}`}>
              <td className="num">{e.line ?? '—'}</td>
              <td>
                {e.field}
                {columns?.[e.field] && columns[e.field] !== e.field ? (
                  <span className="muted"> (column “{columns[e.field]}”)</span>
                ) : null}
              </td>
              <td>{e.value ?? ''}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Rows imported as they are but worth a look (a won deal without an amount), by line. */
export function RowWarnings({
  warnings,
  count,
}: {
  warnings: ImportResult['warnings'];
  count: number;
}) {
  if (count === 0) return null;
  return (
    <div className="table-scroll">
      <table className="data row-errors">
        <caption>
          {count} {count === 1 ? 'warning' : 'warnings'}
          {count > warnings.length ? ` (the first ${warnings.length})` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">External id</th>
            <th scope="col">Field</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {warnings.map((w) => (
            <tr key={`${w.line}-${w.field}`}>
              <td className="num">{w.line}</td>
              <td>{w.externalId ?? '—'}</td>
              <td>{w.field}</td>
              <td>{w.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
