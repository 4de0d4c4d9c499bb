import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type ImportKind, importKinds } from '../../../imports/read/import-fields.js';
import type { ImportColumns } from '../../../imports/suggest-import-columns.js';
import { ApiError, api, messageOf } from '../../api/client.js';
import type { ImportResult, ImportRun, Page, RowError } from '../../api/types.js';
import { QueryView } from '../../components/states.js';
import {
  ColumnMapping,
  chosenColumns,
  type Mapping,
  MissingColumns,
  missingRequired,
  proposedMapping,
} from './column-mapping.js';
import { ImportHistory } from './import-history.js';
import { acceptedFormats, kindLabels, templateHref } from './import-kinds.js';
import { RowErrors, RowWarnings } from './row-errors.js';
import './admin-setup.css';

const historyKey = ['imports'] as const;
/** Enough of a file to hold its header row; only that is sent to read the columns. */
const HEAD_BYTES = 64 * 1024;

const isKind = (value: string | null): value is ImportKind =>
  importKinds.some((kind) => kind === value);

type Outcome = {
  dryRun: boolean;
  result: ImportResult | null;
  errors: RowError[];
  message: string | null;
};

/**
 * Upload a CSV: choose which column holds each field (proposed from the header), preview it
 * (dry run) with the row errors by line, then run it.
 */
export default function ImportsPage() {
  const [params, setParams] = useSearchParams();
  const asked = params.get('kind');
  const kind: ImportKind = isKind(asked) ? asked : 'people';
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<ImportColumns | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  // `?source=salesforce` (the CRM screen's link): only that CRM's sync runs.
  const source = params.get('source');
  const history = useQuery({
    queryKey: [...historyKey, source],
    queryFn: () => api<Page<ImportRun>>('GET', '/imports', { query: { source } }),
  });

  /** Reads the file's header on the server (the importer's own reader) and proposes a mapping. */
  const readColumns = async (chosen: File, forKind: ImportKind, previous: Mapping | null) => {
    setColumns(null);
    setOutcome(null);
    try {
      const found = await api<ImportColumns>('POST', '/imports/columns', {
        query: { kind: forKind },
        raw: { data: chosen.slice(0, HEAD_BYTES), type: 'text/csv' },
      });
      setColumns(found);
      setMapping(proposedMapping(found, previous));
    } catch (error: unknown) {
      const issues = error instanceof ApiError ? (error.problem?.issues ?? []) : [];
      setOutcome({ dryRun: true, result: null, errors: issues, message: messageOf(error) });
    }
  };
  const chooseKind = (next: ImportKind) => {
    setParams({ kind: next }, { replace: true });
    setMapping(null);
    if (file) void readColumns(file, next, null);
  };
  const missing = columns && mapping ? missingRequired(columns, mapping) : [];

  const send = async (dryRun: boolean) => {
    if (!file || !mapping) return;
    setBusy(true);
    try {
      const result = await api<ImportResult>('POST', '/imports', {
        query: {
          kind,
          dryRun,
          fileName: file.name,
          columns: JSON.stringify(chosenColumns(mapping)),
        },
        raw: { data: file, type: 'text/csv' },
      });
      setOutcome({ dryRun, result, errors: result.errors, message: null });
    } catch (error: unknown) {
      const issues = error instanceof ApiError ? (error.problem?.issues ?? []) : [];
      setOutcome({ dryRun, result: null, errors: issues, message: messageOf(error) });
    } finally {
      setBusy(false);
      await history.refetch();
      await queryClient.invalidateQueries({ queryKey: ['setup-checklist'] });
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
      <form className="card inline-form upload-form" onSubmit={preview} aria-label="Upload a file">
        <label>
          What
          <select value={kind} onChange={(e) => chooseKind(e.target.value as ImportKind)}>
            {importKinds.map((k) => (
              <option key={k} value={k}>
                {kindLabels[k]}
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
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              setOutcome(null);
              if (chosen) void readColumns(chosen, kind, mapping);
              else setColumns(null);
            }}
          />
        </label>
        <button type="submit" disabled={!file || !columns || missing.length > 0 || busy}>
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
        <MissingColumns missing={missing} />
        <p className="accepts muted">
          Accepts {acceptedFormats(kind)}.{' '}
          <a href={templateHref(kind)} download={`rudder-${kind}.csv`}>
            CSV template
          </a>
        </p>
      </form>
      {columns && mapping ? (
        <ColumnMapping
          columns={columns}
          mapping={mapping}
          onChange={(next) => {
            setMapping(next);
            setOutcome(null);
          }}
        />
      ) : null}
      {outcome ? (
        <OutcomeView outcome={outcome} columns={mapping ? chosenColumns(mapping) : undefined} />
      ) : null}
      {source ? (
        <p className="banner warn" role="status">
          Showing only the runs of the {source} sync.{' '}
          <Link to="/admin/imports">Show every import</Link>
        </p>
      ) : null}
      <QueryView query={history} what="the import history">
        {(page) => <ImportHistory runs={page.items} />}
      </QueryView>
    </section>
  );
}

function OutcomeView({
  outcome,
  columns,
}: {
  outcome: Outcome;
  columns: Readonly<Record<string, string>> | undefined;
}) {
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
        <RowErrors errors={errors} columns={columns} />
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
