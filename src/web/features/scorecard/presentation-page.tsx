import { Link, useSearchParams } from 'react-router';
import { useScorecard } from '../../api/queries.js';
import { QueryView } from '../../components/states.js';
import { AttainmentChart, ScorecardTable } from './scorecard-table.js';

/** The scorecard large, for the team meeting's screen. */
export default function PresentationPage() {
  const [params] = useSearchParams();
  const scorecard = useScorecard(params.get('team') ?? undefined);
  return (
    <section className="page presentation" aria-labelledby="present-title">
      <p className="breadcrumb">
        <Link to="/scorecard">Back to the scorecard</Link>
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
