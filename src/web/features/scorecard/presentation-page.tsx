import { Link, useSearchParams } from 'react-router';
import { useScorecard } from '../../api/queries.js';
import type { Scorecard } from '../../api/types.js';
import { useSession } from '../../app/session.js';
import { QueryView } from '../../components/states.js';
import { reviewMonths } from '../../components/today.js';
import { AttainmentChart, ScorecardTable, usePeriodTitle } from './scorecard-table.js';

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
        {(s) => <Presentation scorecard={s} />}
      </QueryView>
    </section>
  );
}

function Presentation({ scorecard }: { scorecard: Scorecard }) {
  const title = usePeriodTitle(scorecard.period);
  return (
    <>
      <h1 id="present-title">
        {scorecard.team.name} — {title}
      </h1>
      <ScorecardTable scorecard={scorecard} large />
      <AttainmentChart scorecard={scorecard} />
    </>
  );
}
