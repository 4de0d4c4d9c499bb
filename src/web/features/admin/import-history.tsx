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
          </tr>
        ))}
      </tbody>
    </table>
  );
}
