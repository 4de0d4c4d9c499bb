import { useEffect, useRef, useState } from 'react';
import { messageOf } from '../../api/client.js';
import { type CommitmentDraft, type DraftStep, draftText, type NoteDraft } from './drafts.js';

export interface Unsaved {
  step: DraftStep;
  draft: NoteDraft | CommitmentDraft;
}

const what = (u: Unsaved) => (u.step === 'commitments' ? 'A commitment' : `A note on ${u.step}`);

/**
 * Asked before a step is left or the 1:1 finished with text typed but not saved: save it,
 * discard it, or stay. Leaving a step may also keep the draft for later (`onKeep`); finishing
 * may not, since a held 1:1 takes no more notes.
 */
export function UnsavedDialog({
  unsaved,
  leaving,
  onSave,
  onKeep,
  onDiscard,
  onStay,
}: {
  unsaved: readonly Unsaved[];
  leaving: string;
  onSave: () => Promise<void>;
  onKeep?: () => void;
  onDiscard: () => void;
  onStay: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await onSave();
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };
  const privateByDefault = unsaved.some(
    (u) => u.step !== 'commitments' && (u.draft as NoteDraft).visibility === null,
  );
  return (
    <dialog
      ref={dialog}
      className="unsaved-dialog"
      aria-labelledby="unsaved-title"
      // Escape means "stay": nothing is lost, nothing is left.
      onCancel={(e) => {
        e.preventDefault();
        onStay();
      }}
    >
      <h2 id="unsaved-title">Not saved yet</h2>
      <p>Before {leaving}, this text is typed but not saved:</p>
      <ul>
        {unsaved.map((u) => (
          <li key={u.step}>
            {what(u)}: “{draftText(u.step, u.draft)}”
          </li>
        ))}
      </ul>
      {privateByDefault ? (
        <p className="muted">A note with no audience chosen is saved as private.</p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          Not saved: {messageOf(error)} The text is still kept in this browser.
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={save} disabled={saving}>
          Save it
        </button>
        {onKeep ? (
          <button type="button" onClick={onKeep} disabled={saving}>
            Keep as a draft
          </button>
        ) : null}
        <button type="button" onClick={onDiscard} disabled={saving}>
          Discard it
        </button>
        <button type="button" onClick={onStay} disabled={saving}>
          Stay
        </button>
      </div>
    </dialog>
  );
}
