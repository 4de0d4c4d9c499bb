import type { Agenda } from './agenda-schema.js';

export interface ActivityGateOptions {
  /** The organization's hard rule (settings `activityGate`). */
  activityGate: boolean;
  /** The stage the progression reached. */
  stage: Agenda['progression']['stage'];
  /** The rep shares their activity detail. */
  shared: boolean;
}

/**
 * Whether a rep's activity detail may be shown: the organization set no gate, or the
 * progression reached the activity stage, or the rep shares it (PRODUCT.md, "Activity").
 */
export function activityOpen(options: ActivityGateOptions): boolean {
  return !options.activityGate || options.stage === 'activity' || options.shared;
}

/**
 * A frozen agenda as the gate of today lets it be seen: a snapshot taken before the gate
 * was switched on holds the activity detail, and must not show it where a live agenda
 * would not. Its figures stay as they were frozen; only what is withheld changes.
 */
export function gateFrozenAgenda(
  agenda: Agenda,
  today: { activityGate: boolean; shared: boolean },
): Agenda {
  if (activityOpen({ ...today, stage: agenda.progression.stage })) return agenda;
  return { ...agenda, activity: null, activityWithheld: true };
}
