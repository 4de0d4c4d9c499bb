import { Link } from 'react-router';
import type { Scorecard } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { Movement, ordinal } from '../../components/stat.js';
import { stateWords, type TeamRow } from './team-rows.js';

/**
 * The team at a glance. The month under review (attainment, rank, movement) and the month in
 * progress (bookings so far against the month's goal) sit under their own headings: they are
 * two different periods and must never read as one.
 */
export function TeamTable({
  rows,
  lastMonth,
  thisMonth,
  months,
}: {
  rows: readonly TeamRow[];
  lastMonth: Scorecard | undefined;
  thisMonth: Scorecard | undefined;
  months: { review: string; current: string };
}) {
  const f = useFormat();
  const last = (id: string) => lastMonth?.rows.find((r) => r.personId === id);
  const now = (id: string) => thisMonth?.rows.find((r) => r.personId === id);
  return (
    <div className="table-scroll">
      <table className="data team-table">
        <caption>1:1s and results, most urgent first</caption>
        <thead>
          <tr>
            <td colSpan={2} />
            <th scope="colgroup" colSpan={3} className="group">
              Last month · {f.month(months.review)}
            </th>
            <th scope="colgroup" colSpan={2} className="group">
              This month so far · {f.month(months.current)}
            </th>
          </tr>
          <tr>
            <th scope="col">Rep</th>
            <th scope="col">1:1</th>
            <th scope="col" className="num">
              Attainment
            </th>
            <th scope="col">Rank</th>
            <th scope="col">Movement</th>
            <th scope="col" className="num">
              Bookings
            </th>
            <th scope="col" className="num">
              % of goal
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const review = last(row.repId);
            const current = now(row.repId);
            return (
              <tr key={row.repId}>
                {/* The 1:1 opens from the rep's own cell, which stays in view on a phone
                    (the first column sticks while the rest scrolls in its box). */}
                <th scope="row">
                  <span className="rep-cell">
                    {row.name}
                    <Link className="button small" to={`/one-on-one/${row.repId}`}>
                      Open 1:1
                      <span className="visually-hidden"> with {row.name}</span>
                    </Link>
                  </span>
                </th>
                <td>
                  <span className={`badge state-${row.state}`}>{stateWords[row.state]}</span>
                  <MeetingWhen row={row} />
                </td>
                <td className="num">{f.percent(review?.attainment)}</td>
                <td className="nowrap">{review ? ordinal(review.rank, lastMonth?.of) : '—'}</td>
                <td className="nowrap">
                  <Movement movement={review?.movement ?? null} />
                </td>
                <td className="num">{f.money(current?.actual)}</td>
                <td className="num">{f.percent(current?.attainment)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * When, in words that add up: a late 1:1 says when it was due and how late it is, then when
 * the next one is; a date in the future never stands beside "Overdue" alone.
 */
function MeetingWhen({ row }: { row: TeamRow }) {
  const f = useFormat();
  if (row.state === 'held' || row.state === 'scheduled')
    return <span className="cell-note">{row.at ? f.dateTime(row.at) : 'nothing planned'}</span>;
  const late = row.daysOverdue === 1 ? '1 day late' : `${row.daysOverdue} days late`;
  return (
    <>
      {row.dueOn ? (
        <span className="cell-note">
          due {f.dayShort(row.dueOn)}
          {row.state === 'overdue' && row.daysOverdue > 0 ? ` · ${late}` : ''}
        </span>
      ) : null}
      <span className="cell-note">{row.at ? `next ${f.dateTime(row.at)}` : 'nothing planned'}</span>
    </>
  );
}
