import type { ImportKindHandler } from '../import-kind.js';
import type { ImportKind } from '../read/import-fields.js';
import { activities } from './activities.js';
import { goals } from './goals.js';
import { opportunities } from './opportunities.js';
import { opportunityHistory } from './opportunity-history.js';
import { people } from './people.js';
import { results } from './results.js';

/** The handler of each import kind. */
export const kindHandlers: Readonly<Record<ImportKind, ImportKindHandler>> = {
  people,
  goals,
  opportunities,
  'opportunity-history': opportunityHistory,
  activities,
  results,
};
