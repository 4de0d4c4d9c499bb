import type { Agenda } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { StageHeading } from './stage-heading.js';

/** Activity: counts by kind against targets and the team median, then the calendar ahead. */
export function ActivitySection({ agenda }: { agenda: Agenda }) {
  const f = useFormat();
  const activity = agenda.activity;
  if (!activity) {
    return (
      <p className="muted">
        {agenda.activityWithheld
          ? 'Activity detail is withheld: the progression did not reach the activity stage and the rep has not shared it.'
          : 'No activity recorded.'}
      </p>
    );
  }
  return (
    <div className="section-body">
      <table className="data">
        <caption>Activity since {f.day(activity.since)} and this period</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Since last 1:1
            </th>
            <th scope="col" className="num">
              Team median
            </th>
            <th scope="col" className="num">
              Last period
            </th>
            <th scope="col" className="num">
              This period pace
            </th>
          </tr>
        </thead>
        <tbody>
          {activity.kinds.map((k) => (
            <tr key={k.kind}>
              <th scope="row">{k.kind}</th>
              <td className="num">{f.number(k.since)}</td>
              <td className="num">{f.number(k.teamMedian)}</td>
              <td className="num">
                {f.number(k.review.count)}{' '}
                <span className="muted">
                  {k.review.goal === null ? '· no goal' : `of ${f.number(k.review.goal)}`}
                </span>
              </td>
              <td className="num">
                {k.current.goal === null ? (
                  <span className="muted">no goal</span>
                ) : (
                  f.percent(k.current.pace)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <StageHeading>
        On the calendar, {f.day(activity.calendarAhead.from)} –{' '}
        {f.day(activity.calendarAhead.until)}
      </StageHeading>
      {activity.calendarAhead.items.length === 0 ? (
        <p className="goal-note">Nothing scheduled ahead: ask what will fill the calendar.</p>
      ) : (
        <ul className="calendar-ahead">
          {activity.calendarAhead.items.map((item) => (
            <li key={`${item.occurredAt}-${item.kind}-${item.subject ?? ''}`}>
              <span className="muted">{f.day(item.day)}</span> {item.kind}
              {item.subject ? ` — ${item.subject}` : ''}
              {item.opportunityName && !item.subject?.includes(item.opportunityName)
                ? ` (${item.opportunityName})`
                : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
