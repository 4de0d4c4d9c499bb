import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import type { CrmConnection, CrmListing } from '../../api/types.js';

/** The connection's choices: how often it syncs, which field is the deal's amount. */
export function CrmSettingsForm({
  crm,
  connection,
}: {
  crm: CrmListing;
  connection: CrmConnection;
}) {
  const client = useQueryClient();
  const [minutes, setMinutes] = useState(String(connection.settings.scheduleMinutes));
  const [amountField, setAmountField] = useState(connection.settings.amountField);
  const [state, setState] = useState<{ error: string | null; saved: boolean }>({
    error: null,
    saved: false,
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ error: null, saved: false });
    try {
      await api('PATCH', `/crm/${crm.kind}`, {
        body: { scheduleMinutes: Number(minutes), amountField },
      });
      await client.invalidateQueries({ queryKey: ['crm'] });
      setState({ error: null, saved: true });
    } catch (caught: unknown) {
      setState({ error: messageOf(caught), saved: false });
    }
  };
  return (
    <form className="crm-settings" onSubmit={submit} aria-label={`${crm.label} sync settings`}>
      <label>
        Sync every (minutes)
        <input
          type="number"
          min="5"
          max="1440"
          step="5"
          required
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </label>
      <label>
        Amount field
        <input
          required
          value={amountField}
          onChange={(e) => setAmountField(e.target.value)}
          aria-describedby={`crm-${crm.kind}-amount-help`}
        />
      </label>
      <p id={`crm-${crm.kind}-amount-help`} className="muted crm-help">
        The opportunity field read as the amount: <code>Amount</code>, or a custom currency field
        such as <code>ARR__c</code> (from the next run on).
      </p>
      <button type="submit">Save settings</button>
      {state.saved ? (
        <p className="crm-sync-status" role="status">
          Saved.
        </p>
      ) : null}
      {state.error ? (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
