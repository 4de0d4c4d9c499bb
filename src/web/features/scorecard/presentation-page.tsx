import { Link, useSearchParams } from 'react-router';
import { useScorecard } from '../../api/queries.js';
import { useSession } from '../../app/session.js';
import { QueryView } from '../../components/states.js';
import { reviewMonths } from '../../components/today.js';
import { AttainmentChart, ScorecardTable } from './scorecard-table.js';

/** The scorecard large, for the team meeting's screen. */
export default function PresentationPage() {
  const [params] = useSearchParams();
  const { org } = useSession();
  const team = params.get('team') ?? undefined;
  const period = params.get('period') ?? reviewMonths(org.timeZone).review;
  const scorecard = useScorecard(team, period);
  return (
    <section className="page presentation" aria-labelledby="present-title">
      <p className="breadcrumb">
        <Link to={`/scorecard?team=${team ?? ''}&period=${period}`}>Back to the scorecard</Link>
      </p>
      <QueryView query={scorecard} what="the scorecard">
        {(s) => (
          <>
            <h1 id="present-title">
              {s.team.name} — {s.period.label}
            </h1>
            <ScorecardTable scorecard={s} large />
            <AttainmentChart scorecard={s} />
          </>
        )}
      </QueryView>
    </section>
  );
}
