import type { Agenda } from '../core/agenda-schema.js';
import type { Scorecard } from '../core/scorecard.js';
import { VersionedCache } from '../shared/versioned-cache.js';

/** The computed results a server process reuses until the data version moves. */
export interface ResultCaches {
  agendas: VersionedCache<Agenda>;
  scorecards: VersionedCache<Scorecard>;
}

/** `megabytes` in all: agendas are many and small, scorecards few and large. */
export function createResultCaches(megabytes: number): ResultCaches | null {
  if (megabytes === 0) return null;
  const bytes = megabytes * 1024 * 1024;
  return {
    agendas: new VersionedCache({ maxBytes: Math.round(bytes * 0.75) }),
    scorecards: new VersionedCache({ maxBytes: Math.round(bytes * 0.25) }),
  };
}
