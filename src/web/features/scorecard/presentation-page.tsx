import { Link, useSearchParams } from 'react-router';
import { useScorecard, useTeams } from '../../api/queries.js';
import type { Scorecard } from '../../api/types.js';
import { useSession } from '../../app/session.js';
import { Empty, QueryView } from '../../components/states.js';
import { reviewMonths } from '../../components/today.js';
import { AttainmentChart, ScorecardTable, usePeriodTitle } from './scorecard-table.js';

/** The scorecard large, for the team meeting's screen. */
export default function PresentationPage() {
  const [params] = useSearchParams();
  const { org } = useSession();
  const teams = useTeams();
  // Without a team in the link, the first team within reach, as the scorecard page picks.
  const team = params.get('team') || teams.data?.items[0]?.id;
  const period = params.get('period') ?? reviewMonths(org.timeZone).review;
  const scorecard = useScorecard(team, period);
  return (
    <section className="page presentation" aria-labelledby="present-title">
      <p className="breadcrumb">
        <Link to={`/scorecard?team=${team ?? ''}&period=${period}`}>Back to the scorecard</Link>
      </p>
      {teams.data?.items.length === 0 ? (
        <Empty title="No team within your reach." next="An admin adds you to a team." />
      ) : (
        <QueryView query={scorecard} what="the scorecard">
          {(s) => <Presentation scorecard={s} />}
        </QueryView>
      )}
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
