/**
 * The API's shapes, derived from the server's own zod schemas (type-only imports: no server
 * code reaches the bundle). Never write a shape here by hand: infer it from the schema the
 * route validates and answers with.
 */
import type { z } from 'zod';
import type { GoalSchema } from '../../goals/goal-view.js';
import type { ImportRunDetailSchema } from '../../imports/get-import-run.js';
import type { ImportResultSchema } from '../../imports/ingest/import-result-schema.js';
import type { ImportRunSchema } from '../../imports/list-import-runs.js';
import type { CommitmentSchema, MeetingSchema, NoteSchema } from '../../meetings/meeting-view.js';
import type { MeSchema } from '../../organization/get-me.js';
import type { OrgSettingsViewSchema } from '../../organization/get-org-settings.js';
import type { AuditEventSchema } from '../../organization/list-audit-events.js';
import type { ProblemSchema, pageOf } from '../../server/schemas/common.js';
import type { CrmListSchema } from '../../server/schemas/crm.js';

export type { CreatedApiToken } from '../../auth/create-api-token.js';
export type { ApiTokenView as ApiToken } from '../../auth/list-api-tokens.js';
export type {
  Agenda,
  Check,
  CloseMonthBucket,
  Coverage,
  DealSummary,
  Movement,
  PeriodResult,
  Question,
  Stage,
  TrendPoint,
} from '../../core/agenda-schema.js';
export type { DealHistory } from '../../core/deal-history.js';
export type { PrepQueueEntry } from '../../core/prep-queue.js';
export type { Scorecard, ScorecardRow } from '../../core/scorecard.js';
export type { OrgSettings, OrgSettingsInput } from '../../core/settings.js';
export type { ImportKind } from '../../imports/read/import-fields.js';
export type { PreWorkView as PreWork } from '../../meetings/meeting-view.js';
export type { PersonView } from '../../organization/person-view.js';
export type { TeamView } from '../../organization/team-view.js';
export type { OrganizationRankingPage } from '../../scorecard/organization-ranking-page.js';
export type {
  CalendarFeedCreated,
  CalendarFeedStatus,
} from '../../server/schemas/calendar.js';
export type {
  AcceptGoalBody,
  CounterGoalBody,
  GoalEvent,
  RejectGoalBody,
  ReviseGoalBody,
} from '../../server/schemas/goal-workflow.js';
export type {
  ActivityStreak,
  Compliance,
  FollowThrough,
  ManagerCompliance,
  StageHeatmap,
} from '../../server/schemas/leaders.js';
export type {
  CommitmentToReview,
  FinishedMeeting,
  MeetingDue,
  MeetingSnapshot,
  MeetingState,
  ReviewCommitmentBody,
  ScheduleMeetingBody,
  StartedMeeting,
} from '../../server/schemas/meeting-workflow.js';

export type Me = z.infer<typeof MeSchema>;
export type OrgSettingsView = z.infer<typeof OrgSettingsViewSchema>;
export type Meeting = z.infer<typeof MeetingSchema>;
export type Note = z.infer<typeof NoteSchema>;
export type NoteSection = Note['section'];
export type Commitment = z.infer<typeof CommitmentSchema>;
export type Goal = z.infer<typeof GoalSchema>;
export type ImportRun = z.infer<typeof ImportRunSchema>;
export type ImportRunDetail = z.infer<typeof ImportRunDetailSchema>;
/** What `POST /imports` answers for a clean run or dry run (a failed one: a Problem). */
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type AuditEvent = z.infer<typeof AuditEventSchema>;
/** `GET /crm`: the admin's CRM screen. */
export type CrmList = z.infer<typeof CrmListSchema>;
export type CrmListing = CrmList['crms'][number];
export type CrmConnection = NonNullable<CrmListing['connection']>;
/** RFC 9457 problem details, as every API error is answered. */
export type Problem = z.infer<typeof ProblemSchema>;
/** One line of an import's errors (the `issues` of the Problem format). */
export type RowError = NonNullable<Problem['issues']>[number];

type AnyPage = z.infer<ReturnType<typeof pageOf<z.ZodUnknown>>>;

/** One page of a list: `items` plus `limit`, `offset`, `total` (pageOf in schemas/common). */
export type Page<T> = Omit<AnyPage, 'items'> & { items: T[] };

/** A list answered as `{ items }` without paging (notes, commitments to review, due…). */
export interface Items<T> {
  items: T[];
}
