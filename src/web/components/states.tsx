import type { ReactNode } from 'react';
import { messageOf } from '../api/client.js';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/** An empty list says what to do next, never just "nothing here". */
export function Empty({ title, next }: { title: string; next: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      <p>{next}</p>
    </div>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">Could not load this.</p>
      <p>{messageOf(error)}</p>
      {retry ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Loading, error or the data: the three states of every query, handled the same way. */
export function QueryView<T>({
  query,
  what,
  children,
}: {
  query: QueryLike<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.error || query.data === undefined)
    return <ErrorState error={query.error} retry={() => query.refetch()} />;
  return <>{children(query.data)}</>;
}
