import type { ImportRun } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { Empty } from '../../components/states.js';

export function ImportHistory({ runs }: { runs: readonly ImportRun[] }) {
  const f = useFormat();
  if (runs.length === 0)
    return (
      <Empty
        title="No import yet."
        next="Export a report from your CRM as CSV and preview it above."
      />
    );
  return (
    <div className="table-scroll">
      <table className="data">
        <caption>History</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">File</th>
            <th scope="col">Kind of run</th>
            <th scope="col">Result</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td>{f.dateTime(r.startedAt)}</td>
              <td>{r.kind}</td>
              <td>{r.fileName ?? '—'}</td>
              <td>{r.dryRun ? 'preview' : 'import'}</td>
              <td>
                <span className={r.status === 'succeeded' ? 'badge pass' : 'badge fail'}>
                  {r.status}
                </span>
              </td>
              <td className="num">{r.rowsRead}</td>
              <td>
                <RunNotes run={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Why a run failed (its first error) and the rows it imported with a warning. */
function RunNotes({ run }: { run: ImportRun }) {
  const { firstError, errorCount, warnings, warningCount } = run;
  const failure =
    run.status !== 'failed' || firstError === null
      ? null
      : firstError.line === undefined && errorCount === 1
        ? firstError.reason
        : `${errorCount} ${errorCount === 1 ? 'error' : 'errors'}`;
  if (failure === null && warningCount === 0) return null;
  return (
    <>
      {failure ? <p>{failure}</p> : null}
      {warningCount > 0 ? (
        <details>
          <summary>
            {warningCount} {warningCount === 1 ? 'warning' : 'warnings'}
          </summary>
          <ul>
            {warnings.map((w) => (
              <li key={`${w.line}-${w.field}`}>
                Line {w.line}
                {w.externalId === null ? '' : ` (${w.externalId})`}: {w.reason}
              </li>
            ))}
            {warningCount > warnings.length ? (
              <li>… and {warningCount - warnings.length} more</li>
            ) : null}
          </ul>
        </details>
      ) : null}
    </>
  );
}
