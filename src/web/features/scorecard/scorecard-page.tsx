import { Link, useSearchParams } from 'react-router';
import { api, messageOf } from '../../api/client.js';
import { useApiMutation, useOrgScorecard, useScorecard, useTeams } from '../../api/queries.js';
import { useSession } from '../../app/session.js';
import { Empty, QueryView } from '../../components/states.js';
import { AttainmentChart, ScorecardTable } from './scorecard-table.js';

/** The team scorecard, to publish to the team; leaders and admins also see the organization. */
export default function ScorecardPage() {
  const { person } = useSession();
  const teams = useTeams();
  const [params, setParams] = useSearchParams();
  const teamId = params.get('team') ?? teams.data?.items[0]?.id;
  const scorecard = useScorecard(teamId);
  const canPublish =
    person.role === 'manager' &&
    teams.data?.items.some((t) => t.id === teamId && t.managerId === person.id);
  const publish = useApiMutation(
    () =>
      api('POST', '/scorecard/publish', {
        body: { team: teamId, period: scorecard.data?.period.key },
      }),
    [],
  );
  return (
    <section className="page" aria-labelledby="sc-title">
      <h1 id="sc-title">Team scorecard</h1>
      <p className="muted">
        Results, attainment, rank, year to date, trend: never pipeline detail, activity, stages or
        notes.
      </p>
      <QueryView query={teams} what="teams">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No team within your reach." next="An admin adds you to a team." />
          ) : (
            <div className="toolbar">
              <label>
                Team{' '}
                <select value={teamId} onChange={(e) => setParams({ team: e.target.value })}>
                  {page.items.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
              {teamId ? (
                <Link className="button" to={`/scorecard/present?team=${teamId}`}>
                  Presentation view
                </Link>
              ) : null}
              {canPublish ? (
                <button
                  type="button"
                  className="primary"
                  onClick={() => publish.mutate(undefined)}
                  disabled={publish.isPending}
                >
                  {publish.isSuccess ? 'Published to the team' : 'Publish to team'}
                </button>
              ) : null}
            </div>
          )
        }
      </QueryView>
      {publish.error ? (
        <p className="form-error" role="alert">
          {messageOf(publish.error)}
        </p>
      ) : null}
      {teamId ? (
        <QueryView query={scorecard} what="the scorecard">
          {(s) => (
            <>
              <ScorecardTable scorecard={s} />
              <AttainmentChart scorecard={s} />
            </>
          )}
        </QueryView>
      ) : null}
      {person.role === 'leader' || person.role === 'admin' ? <OrganizationRanking /> : null}
    </section>
  );
}

export function OrganizationRanking() {
  const scorecard = useOrgScorecard();
  return (
    <section aria-labelledby="org-title">
      <h2 id="org-title">Organization ranking</h2>
      <QueryView query={scorecard} what="the organization ranking">
        {(s) => <ScorecardTable scorecard={s} />}
      </QueryView>
    </section>
  );
}
