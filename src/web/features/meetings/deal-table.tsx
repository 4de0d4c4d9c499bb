import type { DealSummary } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { TableScroll } from '../../components/table-scroll.js';

/** The largest open deals: a summary to ask about, not a CRM. */
export function DealTable({ deals }: { deals: readonly DealSummary[] }) {
  const f = useFormat();
  if (deals.length === 0) return <p className="muted">No open deals.</p>;
  return (
    // What to ask about first (amount, flags), then the rest; scrolls in its own box on a phone.
    <TableScroll label={'Largest open deals'}>
      <table className="data">
        <caption>Largest open deals</caption>
        <thead>
          <tr>
            <th scope="col">Deal</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Flags</th>
            <th scope="col">Close</th>
            <th scope="col">Stage</th>
          </tr>
        </thead>
        <tbody>
          {deals.map((deal) => (
            <tr key={deal.id}>
              <th scope="row">
                {deal.name}
                {deal.account ? <span className="detail">{deal.account}</span> : null}
              </th>
              <td className="num">{f.money(deal.amount)}</td>
              <td>{deal.flags.join(', ') || '—'}</td>
              <td className="nowrap">{f.day(deal.closeDate)}</td>
              <td>{deal.stage}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
