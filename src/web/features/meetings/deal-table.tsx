import { useState } from 'react';
import type { DealSummary } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { TableScroll } from '../../components/table-scroll.js';
import { DealHistoryPanel } from './deal-history.js';

/**
 * The largest open deals: a summary to ask about, not a CRM. A deal's name opens its history
 * below the table (not inside it: on a phone the table scrolls sideways in its box, the
 * history must not).
 */
export function DealTable({
  deals,
  personId,
}: {
  deals: readonly DealSummary[];
  personId: string;
}) {
  const f = useFormat();
  const [openId, setOpenId] = useState<string | null>(null);
  if (deals.length === 0) return <p className="muted">No open deals.</p>;
  return (
    <>
      {/* What to ask about first (amount, flags), then the rest; scrolls in its own box on a phone. */}
      <TableScroll label={'Largest open deals'}>
        <table className="data deal-table">
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
                  <button
                    type="button"
                    className="link-button deal-open"
                    aria-expanded={openId === deal.id}
                    aria-controls="deal-history"
                    onClick={() => setOpenId(openId === deal.id ? null : deal.id)}
                    title={deal.name}
                  >
                    {deal.name}
                  </button>
                  {deal.account ? (
                    <span className="detail" title={deal.account}>
                      {deal.account}
                    </span>
                  ) : null}
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
      <div id="deal-history">
        {openId ? (
          <DealHistoryPanel personId={personId} dealId={openId} onClose={() => setOpenId(null)} />
        ) : null}
      </div>
    </>
  );
}
