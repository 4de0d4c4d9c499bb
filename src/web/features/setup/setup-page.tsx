import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, messageOf } from '../../api/client.js';
import { keys } from '../../api/queries.js';
import type { Me } from '../../api/types.js';
import { ErrorState, Loading } from '../../components/states.js';

/** The form's fields, named as the API names them in its problems (`body.<field>`). */
type Field =
  | 'name'
  | 'currency'
  | 'timeZone'
  | 'fiscalYearStartMonth'
  | 'admin.name'
  | 'admin.email'
  | 'admin.password';

const monthNames = Array.from({ length: 12 }, (_, i) =>
  new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, i, 1)),
  ),
);

/** The browser's own zone: the most likely answer, so the list opens on it. */
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * First run: "Set up your organization". Open while the server has no organization, or with a
 * setup link printed by `rudder org setup-token`; the server decides, this screen only asks.
 */
export default function SetupPage() {
  const [params] = useSearchParams();
  const setupToken = params.get('token') ?? undefined;
  const status = useQuery({
    queryKey: ['setup'],
    queryFn: () => api<{ open: boolean }>('GET', '/setup'),
    retry: false,
  });
  if (status.isPending) return <Loading what="the setup" />;
  if (status.error) return <ErrorState error={status.error} retry={() => status.refetch()} />;
  if (!status.data.open && setupToken === undefined) return <AlreadySetUp />;
  return <SetupForm setupToken={setupToken} />;
}

function AlreadySetUp() {
  return (
    <main id="main" className="sign-in">
      <section className="card sign-in-card" aria-labelledby="setup-closed-title">
        <p className="brand">Rudder</p>
        <h1 id="setup-closed-title">This Rudder is already set up</h1>
        <p>
          An organization exists on this server, so the setup screen is closed: it would otherwise
          let anyone create an account here.
        </p>
        <p className="muted">
          To add another organization, ask whoever runs the server for a setup link (
          <code>rudder org setup-token</code>).
        </p>
        <Link className="button primary" to="/sign-in">
          Go to sign-in
        </Link>
      </section>
    </main>
  );
}

function SetupForm({ setupToken }: { setupToken: string | undefined }) {
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [timeZone, setTimeZone] = useState(browserZone);
  const [month, setMonth] = useState(1);
  const [adminName, setAdminName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const client = useQueryClient();
  const currencies = useMemo(currencyOptions, []);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const me = await api<Me>('POST', '/setup', {
        body: {
          name,
          currency,
          timeZone,
          fiscalYearStartMonth: month,
          admin: { name: adminName, email, password },
          ...(setupToken === undefined ? {} : { setupToken }),
        },
      });
      client.setQueryData(keys.me, me);
      await client.invalidateQueries({ queryKey: ['setup'] });
      navigate('/', { replace: true });
    } catch (caught: unknown) {
      const byField = fieldErrors(caught);
      setErrors(byField);
      // A refusal that names no field of the form (closed setup, spent link) is said above the button.
      if (Object.keys(byField).length === 0) setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in setup">
      <form className="card setup-card" onSubmit={submit} aria-labelledby="setup-title" noValidate>
        <p className="brand">Rudder</p>
        <h1 id="setup-title">Set up your organization</h1>
        <p className="muted setup-intro">
          Rudder keeps your team's figures in your organization's currency, and counts days and
          months in its time zone. You become its first admin; you will import your people and deals
          next.
        </p>
        <fieldset>
          <legend>Your organization</legend>
          <Input
            label="Organization name"
            error={errors.name}
            value={name}
            onChange={setName}
            autoComplete="organization"
            placeholder="e.g. Acme Sales"
          />
          <div className="setup-row">
            <Choice
              label="Currency"
              error={errors.currency}
              value={currency}
              onChange={setCurrency}
            >
              {currencies.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </Choice>
            <Choice
              label="Fiscal year starts in"
              error={errors.fiscalYearStartMonth}
              value={String(month)}
              onChange={(v) => setMonth(Number(v))}
            >
              {monthNames.map((m, i) => (
                <option key={m} value={i + 1}>
                  {m}
                </option>
              ))}
            </Choice>
          </div>
          <Choice label="Time zone" error={errors.timeZone} value={timeZone} onChange={setTimeZone}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll('_', ' ')}
              </option>
            ))}
          </Choice>
        </fieldset>
        <fieldset>
          <legend>You, its first admin</legend>
          <Input
            label="Your name"
            error={errors['admin.name']}
            value={adminName}
            onChange={setAdminName}
            autoComplete="name"
          />
          <Input
            label="E-mail"
            type="email"
            error={errors['admin.email']}
            value={email}
            onChange={setEmail}
            autoComplete="email"
          />
          <Input
            label="Password"
            type="password"
            hint="At least 10 characters."
            error={errors['admin.password']}
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
          />
        </fieldset>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Setting up…' : 'Create the organization'}
        </button>
      </form>
    </main>
  );
}

function Input(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  type?: 'text' | 'email' | 'password';
  hint?: string;
  autoComplete?: string;
  placeholder?: string;
}) {
  const id = useId();
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    // Hint and error sit beside the label, not in it: the field's name stays its label alone.
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
        {...(props.autoComplete ? { autoComplete: props.autoComplete } : {})}
        {...(props.placeholder ? { placeholder: props.placeholder } : {})}
      />
      {props.hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {props.hint}
        </span>
      ) : null}
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}

function Choice(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        {props.children}
      </select>
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <span id={id} className="field-error">
      {error}
    </span>
  ) : null;
}

/** The problem's issues by form field: `body.admin.email` → `admin.email`. */
function fieldErrors(error: unknown): Partial<Record<Field, string>> {
  if (!(error instanceof ApiError)) return {};
  const found: Partial<Record<Field, string>> = {};
  for (const issue of error.problem?.issues ?? []) {
    const field = issue.field.replace(/^body\./, '');
    // The slug is made of the name here: a taken one is the name's problem.
    const key = field === 'slug' ? 'name' : field;
    if (isField(key)) found[key] = capitalize(issue.reason);
  }
  return found;
}

const fields: readonly string[] = [
  'name',
  'currency',
  'timeZone',
  'fiscalYearStartMonth',
  'admin.name',
  'admin.email',
  'admin.password',
];
const isField = (value: string): value is Field => fields.includes(value);
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** 'EUR — Euro', by code, from what the browser's Intl knows. */
function currencyOptions(): Array<{ code: string; label: string }> {
  const names = new Intl.DisplayNames(['en'], { type: 'currency' });
  return Intl.supportedValuesOf('currency').map((code) => ({
    code,
    label: `${code} — ${names.of(code) ?? code}`,
  }));
}
