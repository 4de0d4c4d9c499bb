import { createContext, useContext } from 'react';
import { messageOf } from '../../api/client.js';
import { useDealHistory } from '../../api/queries.js';
import type { DealHistory } from '../../api/types.js';
import { type Formatters, useFormat } from '../../components/format.js';

/** What a suggested commitment becomes in the running 1:1: a prefilled, editable draft. */
export type MakeCommitment = (suggestion: { text: string; dueOn: string }) => void;

/** Set by the running 1:1 only: on the prep screen a deal suggests, but nothing is made. */
export const MakeCommitmentContext = createContext<MakeCommitment | null>(null);

const fieldWords: Record<DealHistory['changes'][number]['field'], string> = {
  stage: 'Stage',
  amount: 'Amount',
  close_date: 'Close date',
};

function changeValue(
  f: Formatters,
  field: DealHistory['changes'][number]['field'],
  value: string | null,
): string {
  if (value === null) return 'none';
  if (field === 'amount') return f.money(Number(value));
  if (field === 'close_date') return f.day(value);
  return value;
}

/**
 * A deal opened from "Largest open deals": how it got where it is (stage, amount and close
 * date as the imports saw them change), how long it has sat in its stage, its last activity,
 * where it lives in the CRM, and its next step as a commitment.
 */
export function DealHistoryPanel({
  personId,
  dealId,
  onClose,
}: {
  personId: string;
  dealId: string;
  onClose: () => void;
}) {
  const f = useFormat();
  const deal = useDealHistory(personId, dealId);
  const makeCommitment = useContext(MakeCommitmentContext);
  if (deal.isPending) return <p className="muted">Loading the deal…</p>;
  if (deal.error)
    return (
      <p className="form-error" role="alert">
        {messageOf(deal.error)}
      </p>
    );
  const d = deal.data;
  const suggestion = d.suggestedCommitment;
  return (
    <section className="deal-history card-inset" aria-label={`Deal ${d.name}`}>
      <div className="deal-history-head">
        <p>
          <strong>{d.name}</strong>
          {d.account ? <span className="muted"> · {d.account}</span> : null}
        </p>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      <p>
        {d.stage} for {d.daysInStage} {d.daysInStage === 1 ? 'day' : 'days'} · {f.money(d.amount)} ·
        closes {f.day(d.closeDate)}
        <span className="muted"> · created {f.day(d.createdOn)}</span>
      </p>
      {d.changes.length === 0 ? (
        <p className="muted">
          No stage, amount or close-date change recorded since it was imported.
        </p>
      ) : (
        <ol className="deal-changes" aria-label="Changes, oldest first">
          {d.changes.map((c, i) => (
            // The log has no id here; the order is the history's own and never reshuffles.
            // biome-ignore lint/suspicious/noArrayIndexKey: append-only, shown in order
            <li key={i}>
              <span className="nowrap">{f.day(c.on)}</span> · {fieldWords[c.field]}{' '}
              {/* No old value: the first import saw the deal with this value. */}
              {c.from === null
                ? `first seen as ${changeValue(f, c.field, c.to)}`
                : `${changeValue(f, c.field, c.from)} → ${changeValue(f, c.field, c.to)}`}
            </li>
          ))}
        </ol>
      )}
      <p>
        Last activity:{' '}
        {d.activityWithheld
          ? 'not shown (the activity gate keeps the rep’s activity until the activity review)'
          : d.lastActivity
            ? `${f.day(d.lastActivity.on)} · ${d.lastActivity.kind}${d.lastActivity.subject ? ` · ${d.lastActivity.subject}` : ''}`
            : 'none recorded on this deal'}
      </p>
      <p className="muted">
        {d.crmLink.url ? (
          <a href={d.crmLink.url} target="_blank" rel="noopener noreferrer">
            Open in Salesforce
          </a>
        ) : (
          d.crmLink.note
        )}
      </p>
      {suggestion && makeCommitment ? (
        <button type="button" onClick={() => makeCommitment(suggestion)}>
          Make it a commitment: “{suggestion.text}”
        </button>
      ) : suggestion ? (
        <p className="muted">Next step to agree in the 1:1: {suggestion.text}.</p>
      ) : null}
    </section>
  );
}
