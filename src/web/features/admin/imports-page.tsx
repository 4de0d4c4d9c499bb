import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { ImportKind } from '../../../imports/read/import-fields.js';
import { ApiError, api, messageOf } from '../../api/client.js';
import type { ImportResult, ImportRun, Page, RowError } from '../../api/types.js';
import { QueryView } from '../../components/states.js';
import { ImportHistory } from './import-history.js';
import { RowErrors, RowWarnings } from './row-errors.js';

const kinds: readonly ImportKind[] = [
  'people',
  'goals',
  'opportunities',
  'opportunity-history',
  'activities',
  'results',
];
const historyKey = ['imports'] as const;

type Outcome = {
  dryRun: boolean;
  result: ImportResult | null;
  errors: RowError[];
  message: string | null;
};

/** Upload a CSV, preview it (dry run) with the row errors by line, then run it. */
export default function ImportsPage() {
  const [kind, setKind] = useState<ImportKind>('people');
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const history = useQuery({
    queryKey: historyKey,
    queryFn: () => api<Page<ImportRun>>('GET', '/imports'),
  });

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const result = await api<ImportResult>('POST', '/imports', {
        query: { kind, dryRun, fileName: file.name },
        raw: { data: file, type: 'text/csv' },
      });
      setOutcome({ dryRun, result, errors: result.errors, message: null });
    } catch (error: unknown) {
      const issues = error instanceof ApiError ? (error.problem?.issues ?? []) : [];
      setOutcome({ dryRun, result: null, errors: issues, message: messageOf(error) });
    } finally {
      setBusy(false);
      await history.refetch();
    }
  };
  const preview = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };
  const clean =
    outcome?.dryRun && outcome.result?.status === 'succeeded' && outcome.errors.length === 0;
  return (
    <section className="page" aria-labelledby="imports-title">
      <h1 id="imports-title">Imports</h1>
      <form className="card inline-form" onSubmit={preview}>
        <label>
          What
          <select value={kind} onChange={(e) => setKind(e.target.value as ImportKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          CSV file
          <input
            type="file"
            accept=".csv,text/csv"
            required
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setOutcome(null);
            }}
          />
        </label>
        <button type="submit" disabled={!file || busy}>
          Preview (dry run)
        </button>
        <button
          type="button"
          className="primary"
          disabled={!clean || busy}
          onClick={() => void send(false)}
        >
          Import
        </button>
      </form>
      {outcome ? <OutcomeView outcome={outcome} /> : null}
      <QueryView query={history} what="the import history">
        {(page) => <ImportHistory runs={page.items} />}
      </QueryView>
    </section>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  const { result, errors } = outcome;
  const label = outcome.dryRun ? 'Preview' : 'Import';
  if (errors.length > 0 || !result || result.status === 'failed') {
    return (
      <section className="card" role="alert" aria-labelledby="outcome-title">
        <h2 id="outcome-title">{label}: nothing imported</h2>
        <p>
          {outcome.message ??
            'Fix these lines in the file and preview it again (all or nothing per file).'}
        </p>
        <RowErrors errors={errors} />
      </section>
    );
  }
  const c = result.counts;
  return (
    <section className="card" role="status" aria-labelledby="outcome-title">
      <h2 id="outcome-title">{outcome.dryRun ? 'Preview: the file is clean' : 'Imported'}</h2>
      <p>
        {c.rows} rows: {c.new} new, {c.changed} changed, {c.unchanged} unchanged.
        {outcome.dryRun ? ' Nothing written yet: press Import.' : ''}
      </p>
      <RowWarnings warnings={result.warnings} count={result.warningCount} />
    </section>
  );
}
