import type { Agenda } from '../core/agenda-schema.js';
import type { Scorecard } from '../core/scorecard.js';
import type { OrgContext } from '../db/facts/org-context.js';
import { VersionedCache } from '../shared/versioned-cache.js';

/** The computed results a server process reuses until the data version moves. */
export interface ResultCaches {
  agendas: VersionedCache<Agenda>;
  scorecards: VersionedCache<Scorecard>;
  /** Each organization's settings, zone and currency: read by every agenda and scorecard. */
  orgs: VersionedCache<OrgContext>;
}

/** About `megabytes` in all: agendas are many and small, scorecards few and large. */
export function createResultCaches(megabytes: number): ResultCaches | null {
  if (megabytes === 0) return null;
  const bytes = megabytes * 1024 * 1024;
  return {
    agendas: new VersionedCache({ maxBytes: Math.round(bytes * 0.75) }),
    scorecards: new VersionedCache({ maxBytes: Math.round(bytes * 0.25) }),
    orgs: new VersionedCache({ maxBytes: 1024 * 1024 }),
  };
}
