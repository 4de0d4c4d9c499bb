import type { AgendaCaches } from '../agenda/view-agenda.js';
import type { ScorecardCaches } from '../scorecard/get-scorecard.js';
import { VersionedCache } from '../shared/versioned-cache.js';

/**
 * The computed results a server process reuses until the data version moves: agendas,
 * scorecards, and each organization's settings, which every agenda and scorecard reads.
 */
export type ResultCaches = AgendaCaches & ScorecardCaches;

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
