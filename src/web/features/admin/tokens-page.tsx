import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import { useApiMutation } from '../../api/queries.js';
import type { ApiToken, Page } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { Empty, QueryView } from '../../components/states.js';

const key = ['api-tokens'] as const;

export default function TokensPage() {
  const f = useFormat();
  const tokens = useQuery({
    queryKey: key,
    queryFn: () => api<Page<ApiToken>>('GET', '/api-tokens'),
  });
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const create = useApiMutation(
    () => api<ApiToken & { token: string }>('POST', '/api-tokens', { body: { name } }),
    [key],
  );
  const revoke = useApiMutation((id: string) => api('DELETE', `/api-tokens/${id}`), [key]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(undefined, {
      onSuccess: (t) => {
        setSecret(t.token);
        setName('');
      },
    });
  };
  return (
    <section className="page" aria-labelledby="tokens-title">
      <h1 id="tokens-title">API tokens</h1>
      <form className="inline-form" onSubmit={submit}>
        <label className="grow">
          Name
          <input
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Salesforce nightly sync"
          />
        </label>
        <button type="submit" className="primary">
          Create token
        </button>
      </form>
      {secret ? (
        <p className="banner good" role="status">
          Copy it now, it is shown once: <code>{secret}</code>
        </p>
      ) : null}
      {create.error || revoke.error ? (
        <p className="form-error" role="alert">
          {messageOf(create.error ?? revoke.error)}
        </p>
      ) : null}
      <QueryView query={tokens} what="API tokens">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No API token." next="Create one for each sync job, named after it." />
          ) : (
            <table className="data">
              <caption>Tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">{t.name}</th>
                    <td>{f.dateTime(t.createdAt)}</td>
                    <td>{f.dateTime(t.lastUsedAt)}</td>
                    <td>
                      {t.revokedAt ? (
                        'revoked'
                      ) : (
                        <button type="button" onClick={() => revoke.mutate(t.id)}>
                          Revoke<span className="visually-hidden"> {t.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </section>
  );
}
