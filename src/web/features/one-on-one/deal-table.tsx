import type { DealSummary } from '../../api/types.js';
import { useFormat } from '../../components/format.js';

/** The largest open deals: a summary to ask about, not a CRM. */
export function DealTable({ deals }: { deals: readonly DealSummary[] }) {
  const f = useFormat();
  if (deals.length === 0) return <p className="muted">No open deals.</p>;
  return (
    <table className="data">
      <caption>Largest open deals</caption>
      <thead>
        <tr>
          <th scope="col">Deal</th>
          <th scope="col">Stage</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col">Close</th>
          <th scope="col">Flags</th>
        </tr>
      </thead>
      <tbody>
        {deals.map((deal) => (
          <tr key={deal.id}>
            <td>
              {deal.name}
              {deal.account ? <span className="detail">{deal.account}</span> : null}
            </td>
            <td>{deal.stage}</td>
            <td className="num">{f.money(deal.amount)}</td>
            <td>{f.day(deal.closeDate)}</td>
            <td>{deal.flags.join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
