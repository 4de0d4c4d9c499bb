import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import type { OrgSettings } from '../../api/types.js';

type NumberKey = {
  [K in keyof OrgSettings]: OrgSettings[K] extends number ? K : never;
}[keyof OrgSettings];

const fields: ReadonlyArray<{ key: NumberKey; label: string; step: string }> = [
  { key: 'resultsThreshold', label: 'Results on plan at (share of goal)', step: '0.05' },
  { key: 'rankDropPlaces', label: 'Rank drop that opens the pipeline (places)', step: '1' },
  { key: 'coverageTarget', label: 'Coverage target (×)', step: '0.5' },
  { key: 'coverageHorizonMonths', label: 'Coverage horizon (months)', step: '1' },
  { key: 'stalledAfterDays', label: 'Stalled after (days)', step: '1' },
  { key: 'maxPastDueShare', label: 'Largest past-due share', step: '0.05' },
  { key: 'meetingMinutes', label: '1:1 length (minutes)', step: '5' },
];

export function ThresholdsForm({
  settings,
  editable,
}: {
  settings: OrgSettings;
  editable: boolean;
}) {
  const [draft, setDraft] = useState(settings);
  const [state, setState] = useState<{ saving: boolean; error: string | null; saved: boolean }>({
    saving: false,
    error: null,
    saved: false,
  });
  const client = useQueryClient();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ saving: true, error: null, saved: false });
    try {
      await api('PATCH', '/settings', { body: draft });
      await client.invalidateQueries({ queryKey: ['settings'] });
      setState({ saving: false, error: null, saved: true });
    } catch (error: unknown) {
      setState({ saving: false, error: messageOf(error), saved: false });
    }
  };
  return (
    <form className="settings-grid" onSubmit={submit}>
      {fields.map(({ key, label, step }) => (
        <label key={key}>
          {label}
          <input
            type="number"
            step={step}
            min="0"
            disabled={!editable}
            value={draft[key]}
            onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })}
          />
        </label>
      ))}
      <label>
        Cadence
        <select
          disabled={!editable}
          value={draft.cadence}
          onChange={(e) =>
            setDraft({ ...draft, cadence: e.target.value as OrgSettings['cadence'] })
          }
        >
          <option value="weekly">Weekly</option>
          <option value="biweekly">Every two weeks</option>
          <option value="monthly">Monthly</option>
          <option value="quarterly">Quarterly</option>
        </select>
      </label>
      <label>
        Won deals without an amount
        <select
          disabled={!editable}
          value={draft.wonWithoutAmount}
          onChange={(e) =>
            setDraft({
              ...draft,
              wonWithoutAmount: e.target.value as OrgSettings['wonWithoutAmount'],
            })
          }
        >
          <option value="warn">Import as 0 with a warning</option>
          <option value="refuse">Refuse the file</option>
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          disabled={!editable}
          checked={draft.activityGate}
          onChange={(e) => setDraft({ ...draft, activityGate: e.target.checked })}
        />
        Activity detail only at the activity stage
      </label>
      {editable ? (
        <div className="button-row">
          <button type="submit" className="primary" disabled={state.saving}>
            Save settings
          </button>
          {state.saved ? <span role="status">Saved.</span> : null}
        </div>
      ) : null}
      {state.error ? (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
