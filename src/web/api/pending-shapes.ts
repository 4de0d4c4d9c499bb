/**
 * The API's record shapes, derived from the server's zod schemas with type-only imports.
 * What is still hand-written here is marked PENDING: its route has no exported schema yet.
 */
import type { z } from 'zod';
import type { AuditEventSchema } from '../../audit/list-audit-events.js';
import type { GoalSchema } from '../../goals/goal-view.js';
import type { ImportResultSchema } from '../../import-api/import-result-schema.js';
import type { ImportRunDetailSchema } from '../../import-runs/get-import-run.js';
import type { ImportRunSchema } from '../../import-runs/list-import-runs.js';
import type { CommitmentSchema, MeetingSchema, NoteSchema } from '../../meetings/meeting-view.js';
import type { OrgSettingsViewSchema } from '../../organization/get-org-settings.js';
import type { MeSchema } from '../../people/get-me.js';
import type { FieldIssue } from '../../shared/app-error.js';

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

export type Me = z.infer<typeof MeSchema>;
export type OrgSettingsView = z.infer<typeof OrgSettingsViewSchema>;
export type Meeting = z.infer<typeof MeetingSchema>;
export type Note = z.infer<typeof NoteSchema>;
export type NoteSection = Note['section'];
export type Commitment = z.infer<typeof CommitmentSchema>;
export type Goal = z.infer<typeof GoalSchema>;
export type ImportRun = z.infer<typeof ImportRunSchema>;
export type ImportRunDetail = z.infer<typeof ImportRunDetailSchema>;
/** What `POST /imports` and `POST /ingest/:kind` answer (a failed run: a Problem instead). */
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type AuditEvent = z.infer<typeof AuditEventSchema>;
/** One line of an import's errors (the `issues` of the Problem format). */
export type RowError = FieldIssue;

/** PENDING: `ApiTokenSchema` is local to src/server/routes/admin.ts; export it to derive this. */
export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
