import { useCallback, useSyncExternalStore } from 'react';
import { api } from '../../api/client.js';
import type { Commitment, Note, NoteSection } from '../../api/types.js';

/**
 * Drafts of a running 1:1's notes and commitments, kept as they are typed in the browser's
 * localStorage, keyed by meeting and step. Why the browser and not the server: a draft must
 * survive exactly the moments the server cannot be reached (offline in a meeting room, a save
 * that fails), and it is the author's half-formed thought: kept on this device, it never
 * reaches another user, not even the rep the 1:1 is with. Saving it is what shares it.
 */
export interface NoteDraft {
  body: string;
  /** Null until the author chooses: a note is shared with the rep only by choice. */
  visibility: Note['visibility'] | null;
}
export interface CommitmentDraft {
  text: string;
  owner: Commitment['ownerRole'];
  dueOn: string;
}
export type DraftStep = NoteSection | 'commitments';
type DraftOf<S extends DraftStep> = S extends 'commitments' ? CommitmentDraft : NoteDraft;

const keyOf = (meetingId: string, step: DraftStep) => `rudder.draft.v1.${meetingId}.${step}`;

// A browser that refuses localStorage (a locked-down profile, a full quota) still keeps the
// draft for as long as the tab lives.
const memory = new Map<string, string>();
const listeners = new Set<() => void>();

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

function write(key: string, value: string | null): void {
  if (value === null) memory.delete(key);
  else memory.set(key, value);
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Kept in memory above.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab of the same 1:1 sees the draft too.
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function parse<S extends DraftStep>(raw: string | null): DraftOf<S> | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as DraftOf<S>;
  } catch {
    return null;
  }
}

/** The draft of one step, or null; `set` keeps it (null or blank text forgets it). */
export function useDraft<S extends DraftStep>(
  meetingId: string,
  step: S,
): [DraftOf<S> | null, (draft: DraftOf<S> | null) => void] {
  const key = keyOf(meetingId, step);
  const raw = useSyncExternalStore(subscribe, () => read(key));
  const set = useCallback(
    (draft: DraftOf<S> | null) => write(key, draft ? JSON.stringify(draft) : null),
    [key],
  );
  return [parse<S>(raw), set];
}

/** The text a draft would save, trimmed; empty when there is nothing to lose. */
export function draftText(step: DraftStep, draft: NoteDraft | CommitmentDraft | null): string {
  if (!draft) return '';
  return (
    step === 'commitments' ? (draft as CommitmentDraft).text : (draft as NoteDraft).body
  ).trim();
}

/** The drafts of a meeting with text in them, read now (for the question before leaving). */
export function unsavedDrafts(
  meetingId: string,
  among: readonly DraftStep[],
): Array<{ step: DraftStep; draft: NoteDraft | CommitmentDraft }> {
  return among.flatMap((step) => {
    const draft = parse<DraftStep>(read(keyOf(meetingId, step)));
    return draft && draftText(step, draft) ? [{ step, draft }] : [];
  });
}

/** Keeps a draft from outside its step's form (a deal's suggested commitment). */
export function keepDraft<S extends DraftStep>(
  meetingId: string,
  step: S,
  draft: DraftOf<S>,
): void {
  write(keyOf(meetingId, step), JSON.stringify(draft));
}

/** The draft of a step read now, outside React. */
export function draftOf<S extends DraftStep>(meetingId: string, step: S): DraftOf<S> | null {
  return parse<S>(read(keyOf(meetingId, step)));
}

export function forgetDraft(meetingId: string, step: DraftStep): void {
  write(keyOf(meetingId, step), null);
}

/** Saves a draft as the note or commitment it is; the draft is forgotten only once saved. */
export async function saveDraft(
  meetingId: string,
  step: DraftStep,
  draft: NoteDraft | CommitmentDraft,
): Promise<void> {
  if (step === 'commitments') {
    const { text, owner, dueOn } = draft as CommitmentDraft;
    await api<Commitment>('POST', `/meetings/${meetingId}/commitments`, {
      body: { owner, text: text.trim(), dueOn },
    });
  } else {
    const { body, visibility } = draft as NoteDraft;
    await api<Note>('POST', `/meetings/${meetingId}/notes`, {
      // No audience chosen yet: the one that cannot reach the rep by mistake.
      body: { section: step, body: body.trim(), visibility: visibility ?? 'private' },
    });
  }
  forgetDraft(meetingId, step);
}
