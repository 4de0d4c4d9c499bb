/**
 * The API's shapes, derived from the server's own zod schemas (type-only imports: no server
 * code reaches the bundle). Shapes whose route schemas have not landed yet are in
 * `pending-shapes.ts`, to be replaced by imports from src/server/schemas/* when they do.
 */
import type { z } from 'zod';
import type { pageOf } from '../../server/schemas/common.js';

export type {
  Agenda,
  Check,
  Coverage,
  DealSummary,
  Movement,
  PeriodResult,
  Question,
  Stage,
  TrendPoint,
} from '../../core/agenda-schema.js';
export type { Scorecard, ScorecardRow } from '../../core/scorecard.js';
export type { OrgSettings, OrgSettingsInput } from '../../core/settings.js';
export type { PersonView } from '../../people/person-view.js';
export type { TeamView } from '../../teams/team-view.js';

type AnyPage = z.infer<ReturnType<typeof pageOf<z.ZodUnknown>>>;

/** One page of a list: `items` plus `limit`, `offset`, `total` (pageOf in schemas/common). */
export type Page<T> = Omit<AnyPage, 'items'> & { items: T[] };
