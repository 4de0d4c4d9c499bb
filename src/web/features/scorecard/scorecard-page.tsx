import { Link, useSearchParams } from 'react-router';
import { ApiError, api, messageOf } from '../../api/client.js';
import { useApiMutation, useOrgScorecard, useScorecard, useTeams } from '../../api/queries.js';
import { useSession } from '../../app/session.js';
import { useFormat } from '../../components/format.js';
import { Empty, ErrorState, Loading, QueryView } from '../../components/states.js';
import { reviewMonths } from '../../components/today.js';
import { PeriodPicker } from './period-picker.js';
import { RankingPager } from './ranking-pager.js';
import { AttainmentChart, ScorecardTable } from './scorecard-table.js';

/** The team scorecard, to publish to the team; leaders and admins also see the organization. */
export default function ScorecardPage() {
  const { person, org } = useSession();
  const f = useFormat();
  const teams = useTeams();
  const [params, setParams] = useSearchParams();
  const teamId = params.get('team') ?? teams.data?.items[0]?.id;
  const period = params.get('period') ?? reviewMonths(org.timeZone).review;
  const scorecard = useScorecard(teamId, period);
  const choose = (next: { team?: string; period?: string }) =>
    setParams({ team: next.team ?? teamId ?? '', period: next.period ?? period });
  const canPublish =
    person.role === 'manager' &&
    teams.data?.items.some((t) => t.id === teamId && t.managerId === person.id);
  const publish = useApiMutation(
    () => api('POST', '/scorecard/publish', { body: { team: teamId, period } }),
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
                <select value={teamId} onChange={(e) => choose({ team: e.target.value })}>
                  {page.items.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
              <PeriodPicker value={period} onChange={(p) => choose({ period: p })} />
              {teamId ? (
                <Link className="button" to={`/scorecard/present?team=${teamId}&period=${period}`}>
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
                  {publish.isSuccess
                    ? `${f.month(period)} published to the team`
                    : `Publish ${f.month(period)} to the team`}
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
      {teamId ? <TeamScorecard query={scorecard} period={period} /> : null}
      {person.role === 'leader' || person.role === 'admin' ? (
        <OrganizationRanking period={period} />
      ) : null}
    </section>
  );
}

function TeamScorecard({
  query,
  period,
}: {
  query: ReturnType<typeof useScorecard>;
  period: string;
}) {
  const f = useFormat();
  const { person } = useSession();
  if (query.isPending) return <Loading what="the scorecard" />;
  // A rep reads a scorecard only once its manager published it: before that it is a 404.
  if (person.role === 'rep' && query.error instanceof ApiError && query.error.status === 404)
    return (
      <Empty
        title={`The ${f.month(period)} scorecard is not published yet.`}
        next="Your manager publishes it after the month closes; choose another month meanwhile."
      />
    );
  if (query.error || !query.data)
    return <ErrorState error={query.error} retry={() => query.refetch()} />;
  return (
    <>
      <ScorecardTable scorecard={query.data} />
      <AttainmentChart scorecard={query.data} />
    </>
  );
}

export function OrganizationRanking({ period }: { period: string }) {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('rankFrom') ?? 0) || 0);
  const scorecard = useOrgScorecard(period, offset);
  const goTo = (next: number) => {
    const updated = new URLSearchParams(params);
    if (next > 0) updated.set('rankFrom', String(next));
    else updated.delete('rankFrom');
    setParams(updated);
  };
  return (
    <section aria-labelledby="org-title">
      <h2 id="org-title">Organization ranking</h2>
      <QueryView query={scorecard} what="the organization ranking">
        {(page) => (
          <>
            <ScorecardTable scorecard={page} />
            <RankingPager page={page} onPage={goTo} />
          </>
        )}
      </QueryView>
    </section>
  );
}
