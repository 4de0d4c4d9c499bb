import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, messageOf } from '../../api/client.js';
import { ErrorState, Loading } from '../../components/states.js';

interface PasswordLink {
  purpose: 'invitation' | 'password_reset';
  email: string | null;
  org: { slug: string; name: string };
}

/**
 * The page of an invitation or reset link (`/set-password?token=…`). The token carries its
 * organization: the page names it, and sends to a sign-in for that organization afterwards.
 */
export default function SetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const link = useQuery({
    queryKey: ['password-link', token],
    queryFn: () => api<PasswordLink>('GET', '/auth/password-link', { query: { token } }),
    enabled: token !== '',
    retry: false,
  });
  if (token === '' || (link.error instanceof ApiError && link.error.status === 404))
    return <SpentLink />;
  if (link.isPending) return <Loading what="your link" />;
  if (link.error) return <ErrorState error={link.error} retry={() => link.refetch()} />;
  return <ChoosePassword token={token} link={link.data} />;
}

function ChoosePassword({ token, link }: { token: string; link: PasswordLink }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/auth/password', { body: { token, password } });
      const next = new URLSearchParams({ org: link.org.slug, email: link.email ?? '' });
      navigate(`/sign-in?${next.toString()}`, { replace: true });
    } catch (caught: unknown) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="password-title">
        <p className="brand">Rudder</p>
        <h1 id="password-title">
          {link.purpose === 'invitation' ? 'Choose your password' : 'Choose a new password'}
        </h1>
        <p className="muted">
          For {link.email ?? 'your account'} in <strong>{link.org.name}</strong>. The link works
          once.
        </p>
        <label>
          Password
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <span className="field-hint">At least 10 characters.</span>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save and sign in'}
        </button>
      </form>
    </main>
  );
}

function SpentLink() {
  return (
    <main id="main" className="sign-in">
      <section className="card sign-in-card" aria-labelledby="spent-title">
        <p className="brand">Rudder</p>
        <h1 id="spent-title">This link no longer works</h1>
        <p>It was already used, or it has expired. Ask your admin for a new invitation.</p>
        <Link className="button primary" to="/sign-in">
          Go to sign-in
        </Link>
      </section>
    </main>
  );
}
