import { buildAgenda } from '../core/agenda.js';
import type { Agenda } from '../core/agenda-schema.js';
import { dayInZone } from '../core/days.js';
import type { Day } from '../core/facts.js';
import type { Queryable } from '../db/database.js';
import { loadRepFacts } from '../db/facts/load-rep-facts.js';
import { loadOrgContext, type OrgContext } from '../db/facts/org-context.js';

export interface PrepareAgendaOptions {
  orgId: string;
  personId: string;
  /** The instant "now": the agenda is prepared for its day in the organization's zone. */
  now: Date;
  /** Prepare as of another org-local day (history, or a meeting planned ahead). */
  asOf?: Day;
  /** Measure movement since this day instead of the last held 1:1. */
  since?: Day;
  /** The rep shared their activity detail (matters only with the activity gate on). */
  activityShared?: boolean;
  /** The organization, when the caller has loaded it already. */
  org?: OrgContext;
}

/** One rep's 1:1 agenda: the facts from SQL, the decisions from the core. */
export async function prepareAgenda(db: Queryable, options: PrepareAgendaOptions): Promise<Agenda> {
  const org = options.org ?? (await loadOrgContext(db, options.orgId));
  const asOf = options.asOf ?? dayInZone(options.now, org.timeZone);
  const facts = await loadRepFacts(db, {
    org,
    personId: options.personId,
    asOf,
    ...(options.since ? { since: options.since } : {}),
  });
  return buildAgenda({
    facts,
    settings: org.settings,
    currency: org.currency,
    locale: org.locale,
    timeZone: org.timeZone,
    fiscalYearStartMonth: org.fiscalYearStartMonth,
    activityShared: options.activityShared ?? false,
  });
}
