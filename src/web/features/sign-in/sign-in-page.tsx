import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, messageOf } from '../../api/client.js';
import { keys } from '../../api/queries.js';

export function SignInPage() {
  const [params] = useSearchParams();
  // From a set-password link: the account's e-mail and its organization are known.
  const linkedOrg = params.get('org') ?? '';
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The organizations this e-mail and password open, when more than one: the user chooses. */
  const [choices, setChoices] = useState<OrgChoice[]>([]);
  const [org, setOrg] = useState('');
  const navigate = useNavigate();
  const client = useQueryClient();
  // A server without any organization has nobody to sign in: its first visitor sets it up.
  const setup = useQuery({
    queryKey: ['setup'],
    queryFn: () => api<{ open: boolean }>('GET', '/setup'),
    retry: false,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/auth/sign-in', {
        body: {
          email,
          password,
          ...(choices.length > 0 && org ? { org } : linkedOrg ? { org: linkedOrg } : {}),
        },
      });
      await client.invalidateQueries({ queryKey: keys.me });
      const next = params.get('next');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (caught: unknown) {
      const offered = orgChoices(caught);
      if (offered.length > 0) {
        setChoices(offered);
        setOrg((current) =>
          offered.some((c) => c.slug === current) ? current : (offered[0]?.slug ?? ''),
        );
      } else setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  if (setup.data?.open) return <Navigate to="/setup" replace />;

  return (
    <main id="main" className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <p className="brand">Rudder</p>
        <h1 id="sign-in-title">Sign in</h1>
        <p className="muted">The monthly 1:1: Results, then Pipeline, then Activity.</p>
        <label>
          E-mail
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setChoices([]);
            }}
          />
        </label>
        {choices.length > 0 ? (
          <fieldset className="org-choice">
            <legend>This e-mail opens several organizations. Which one?</legend>
            {choices.map((choice) => (
              <label key={choice.slug} className="check">
                <input
                  type="radio"
                  name="org"
                  value={choice.slug}
                  checked={org === choice.slug}
                  onChange={() => setOrg(choice.slug)}
                />
                <span>
                  {choice.name} <span className="muted">({choice.slug})</span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

interface OrgChoice {
  slug: string;
  name: string;
}

/** The API's "choose one" answer: issues on `body.org`, the slug as value, the name as reason. */
function orgChoices(error: unknown): OrgChoice[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [];
  return (error.problem?.issues ?? []).flatMap((issue) =>
    issue.field === 'body.org' && issue.value ? [{ slug: issue.value, name: issue.reason }] : [],
  );
}
