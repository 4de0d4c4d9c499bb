import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant, money, orgId } from './columns.js';
import { org } from './organization.js';
import { person } from './people.js';
import { goalRankingCode } from './ranking-code.js';

export const stageKinds = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof stageKinds)[number];

export const stage = pgTable(
  'stage',
  {
    orgId: orgId(),
    id: id(),
    name: text('name').notNull(),
    /** Position in the sales process, 1 = earliest; won/lost after the open ones. */
    position: smallint('position').notNull(),
    kind: text('kind').$type<StageKind>().notNull(),
    probability: smallint('probability').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('stage_name_key').on(t.orgId, t.name),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
    check('stage_kind_check', sql`${t.kind} in ('open','won','lost')`),
    check('stage_probability_check', sql`${t.probability} between 0 and 100`),
  ],
);

export const opportunity = pgTable(
  'opportunity',
  {
    orgId: orgId(),
    id: id(),
    externalId: text('external_id'),
    ownerId: uuid('owner_id').notNull(),
    name: text('name').notNull(),
    account: text('account'),
    amount: money('amount').notNull(),
    /**
     * The CRM gave no amount: `amount` is 0 by the import's rule, not a real zero, so a won
     * deal like this understates bookings (the agenda says so).
     */
    amountMissing: boolean('amount_missing').notNull().default(false),
    currency: text('currency').notNull(),
    stageId: uuid('stage_id').notNull(),
    /** Denormalised from the stage so open pipeline is one index range. */
    status: text('status').$type<StageKind>().notNull(),
    /** Override of the stage's probability, 0–100. */
    probability: smallint('probability'),
    createdAt: instant('created_at').notNull(),
    /** null: no close date — its own pipeline bucket. */
    closeDate: date('close_date', { mode: 'string' }),
    closedAt: instant('closed_at'),
    /** Last observed change of stage, amount, close date or owner (for "stalled"). */
    lastChangedAt: instant('last_changed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('opportunity_external_id_key').on(t.orgId, t.externalId),
    index('opportunity_owner_status_idx').on(t.orgId, t.ownerId, t.status, t.closeDate),
    // Carries what the closed-deal facts read (status, amount, created_at): win rate, cycle,
    // monthly bookings and the team's deal size are index-only scans, not a heap page per
    // deal (bench-L agenda p95 on PostgreSQL 20-23 -> 12-17 ms).
    index('opportunity_owner_closed_idx').on(
      t.orgId,
      t.ownerId,
      t.closedAt,
      t.status,
      t.amount,
      t.createdAt,
      // Deals changed after an as-of day are rebuilt from their events; the others are read
      // from the index alone (closedAsOf).
      t.lastChangedAt,
    ),
    // Rankings sum every rep's wins in a period: an index-only range scan over the period.
    index('opportunity_won_idx')
      .on(t.orgId, t.closedAt, t.ownerId, t.amount)
      .where(sql`${t.status} = 'won'`),
    index('opportunity_owner_created_idx').on(t.orgId, t.ownerId, t.createdAt),
    // A rep's deals changed after an as-of day: the only ones whose earlier months the agenda
    // corrects in the rep_month rollup (empty for an agenda of today).
    index('opportunity_owner_changed_idx').on(t.orgId, t.ownerId, t.lastChangedAt),
    // Won deals without an amount, for the agenda's note: empty when the data is clean.
    index('opportunity_won_without_amount_idx')
      .on(t.orgId, t.ownerId, t.closedAt)
      .where(sql`${t.status} = 'won' and ${t.amountMissing}`),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [person.orgId, person.id] }),
    foreignKey({ columns: [t.orgId, t.stageId], foreignColumns: [stage.orgId, stage.id] }),
    check('opportunity_amount_check', sql`${t.amount} >= 0`),
    check('opportunity_status_check', sql`${t.status} in ('open','won','lost')`),
  ],
);

export const opportunityFields = [
  'created',
  'stage',
  'amount',
  'close_date',
  'owner',
  'status',
] as const;
export type OpportunityField = (typeof opportunityFields)[number];

/** Every observed change of an opportunity: the history that movement is computed from. */
export const opportunityEvent = pgTable(
  'opportunity_event',
  {
    orgId: orgId(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    opportunityId: uuid('opportunity_id').notNull(),
    field: text('field').$type<OpportunityField>().notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    observedAt: instant('observed_at').notNull(),
    importRunId: uuid('import_run_id'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('opportunity_event_opportunity_idx').on(t.orgId, t.opportunityId, t.observedAt),
    // An agenda as of a past day finds the deals its rep owned then and someone owns now
    // through their owner changes after that day; owner changes are few, so is this index.
    index('opportunity_event_owner_idx')
      .on(t.orgId, t.oldValue, t.observedAt)
      .where(sql`${t.field} = 'owner'`),
  ],
);

export const activity = pgTable(
  'activity',
  {
    orgId: orgId(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    externalId: text('external_id'),
    personId: uuid('person_id').notNull(),
    /** call, email, meeting, lead, … — the organization's own vocabulary. */
    kind: text('kind').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    opportunityId: uuid('opportunity_id'),
    subject: text('subject'),
    count: integer('count').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('activity_external_id_key').on(t.orgId, t.externalId),
    // `count` trails the key so the agenda's per-kind sums are index-only scans after VACUUM:
    // a rep's ~1,600 activities of a year lie on as many heap pages (bench-L).
    index('activity_person_idx').on(t.orgId, t.personId, t.occurredAt, t.kind, t.count),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [person.orgId, person.id] }),
    check('activity_count_check', sql`${t.count} > 0`),
  ],
);

/** Results imported directly, for organizations whose bookings live outside the CRM. */
export const resultEntry = pgTable(
  'result_entry',
  {
    orgId: orgId(),
    id: id(),
    externalId: text('external_id'),
    personId: uuid('person_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    amount: money('amount').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('result_entry_external_id_key').on(t.orgId, t.externalId),
    index('result_entry_person_idx').on(t.orgId, t.personId, t.day),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [person.orgId, person.id] }),
  ],
);

export const goalMetrics = ['bookings', 'pipeline_value', 'pipeline_count', 'activity'] as const;
export const goalStatuses = ['proposed', 'agreed', 'rejected'] as const;
export const periodKinds = ['month', 'quarter', 'year'] as const;
/**
 * The steps of a goal's agreement. `proposed`/`countered`/`accepted`/`rejected` walk a goal
 * to its first agreement; the `change_` steps are a proposed change beside an agreed goal,
 * which stays agreed at its target until the other side accepts the change.
 */
export const goalEventActions = [
  'proposed',
  'countered',
  'accepted',
  'rejected',
  'change_proposed',
  'change_accepted',
  'change_rejected',
] as const;

export const goal = pgTable(
  'goal',
  {
    orgId: orgId(),
    id: id(),
    personId: uuid('person_id').notNull(),
    metric: text('metric').$type<(typeof goalMetrics)[number]>().notNull(),
    /** '' unless metric = activity (so the natural key stays unique). */
    activityKind: text('activity_kind').notNull().default(''),
    periodKind: text('period_kind').$type<(typeof periodKinds)[number]>().notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    target: money('target').notNull(),
    status: text('status').$type<(typeof goalStatuses)[number]>().notNull(),
    proposedBy: uuid('proposed_by'),
    proposedAt: instant('proposed_at').notNull().defaultNow(),
    agreedBy: uuid('agreed_by'),
    agreedAt: instant('agreed_at'),
    /**
     * A change proposed to an agreed goal, waiting for the other side: `target` stays the
     * agreed one (results, agendas and rankings read it) until the change is accepted.
     */
    pendingTarget: money('pending_target'),
    pendingBy: uuid('pending_by'),
    pendingAt: instant('pending_at'),
    /** What the organization-wide ranking reads of the goal (src/db/schema/ranking-code.ts). */
    rankingCode: text('ranking_code').generatedAlwaysAs(
      sql.raw(goalRankingCode(periodKinds, goalStatuses)),
    ),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('goal_natural_key').on(
      t.orgId,
      t.personId,
      t.metric,
      t.activityKind,
      t.periodKind,
      t.periodStart,
    ),
    // The org-wide ranking reads every rep's bookings goal of a period range at once: with
    // what it reads in the key, an index-only range (bench-L: 10,000 goals from 1,312 heap
    // pages otherwise).
    index('goal_period_idx').on(
      t.orgId,
      t.metric,
      t.activityKind,
      t.periodStart,
      t.personId,
      t.rankingCode,
    ),
    foreignKey({
      columns: [t.orgId, t.personId],
      foreignColumns: [person.orgId, person.id],
    }).onDelete('cascade'),
    check('goal_target_check', sql`${t.target} >= 0`),
    // A pending change is whole (target, who, when) and only ever beside an agreed goal.
    check(
      'goal_pending_change_check',
      sql`(${t.pendingTarget} is null and ${t.pendingBy} is null and ${t.pendingAt} is null)
        or (${t.pendingTarget} >= 0 and ${t.pendingBy} is not null and ${t.pendingAt} is not null
            and ${t.status} = 'agreed')`,
    ),
  ],
);

/** Every proposal, counter, acceptance and change of a goal: the agreement's history. */
export const goalEvent = pgTable(
  'goal_event',
  {
    orgId: orgId(),
    id: id(),
    goalId: uuid('goal_id').notNull(),
    action: text('action').$type<(typeof goalEventActions)[number]>().notNull(),
    target: money('target').notNull(),
    actorId: uuid('actor_id'),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('goal_event_goal_idx').on(t.orgId, t.goalId, t.at),
    foreignKey({ columns: [t.orgId, t.goalId], foreignColumns: [goal.orgId, goal.id] }).onDelete(
      'cascade',
    ),
  ],
);
