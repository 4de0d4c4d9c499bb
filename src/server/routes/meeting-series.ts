import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCommitment } from '../../meetings/get-commitment.js';
import { getMeetingSeries } from '../../meetings/get-meeting-series.js';
import { listMeetingsDue } from '../../meetings/list-meetings-due.js';
import { reviewCommitment } from '../../meetings/review-commitment.js';
import { scheduleSeries } from '../../meetings/schedule-series.js';
import { accessOf } from '../access/access-control.js';
import { requireMeeting } from '../access/require-meeting.js';
import { inScope, personScope, requirePerson } from '../access/scope.js';
import { IdParams, problems } from '../schemas/common.js';
import {
  CommitmentToReviewSchema,
  MeetingDueSchema,
  MeetingsDueQuery,
  ReviewCommitmentBody,
  ScheduledSeriesSchema,
  SeriesBody,
  SeriesViewSchema,
} from '../schemas/meeting-workflow.js';

/** The rhythm of the 1:1s: a rep's series, who is due, and reviewing past commitments. */
export const meetingSeriesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['meetings'];

  app.put(
    '/api/v1/people/:id/meeting-series',
    {
      schema: {
        tags,
        summary:
          "Set up or change a rep's recurring 1:1 (their manager): chosen vs recommended cadence",
        params: IdParams,
        body: SeriesBody,
        response: { 200: ScheduledSeriesSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requirePerson(db, access, request.params.id);
      return scheduleSeries(db, {
        orgId: access.caller.orgId,
        actor: { personId: access.caller.personId, role: access.caller.role },
        repId: request.params.id,
        series: request.body,
        now: clock.now(),
      });
    },
  );

  app.get(
    '/api/v1/people/:id/meeting-series',
    {
      schema: {
        tags,
        summary: "A rep's recurring 1:1 (null before one is set up) with the cadence advice",
        params: IdParams,
        response: { 200: SeriesViewSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requirePerson(db, access, request.params.id);
      return getMeetingSeries(db, {
        orgId: access.caller.orgId,
        repId: request.params.id,
        now: clock.now(),
      });
    },
  );

  app.get(
    '/api/v1/meetings/due',
    {
      schema: {
        tags,
        summary: 'Who is due or overdue a 1:1: your reps (manager), your teams (leader)',
        querystring: MeetingsDueQuery,
        response: { 200: z.object({ items: z.array(MeetingDueSchema) }), ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const { caller } = access;
      const scope = await personScope(db, access);
      const due = await listMeetingsDue(db, {
        orgId: caller.orgId,
        managerId: caller.role === 'manager' ? caller.personId : undefined,
        now: clock.now(),
        includeScheduled: request.query.includeScheduled,
      });
      // A leader's list is every team's, cut to the reps within reach.
      return { items: due.filter((d) => inScope(scope, d.repId)) };
    },
  );

  app.patch(
    '/api/v1/commitments/:id',
    {
      schema: {
        tags,
        summary: 'Review a commitment from an earlier 1:1 (kept / not kept) in the running one',
        params: IdParams,
        body: ReviewCommitmentBody,
        response: { 200: CommitmentToReviewSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const scope = await personScope(db, access);
      const { orgId } = access.caller;
      await getCommitment(db, {
        orgId,
        commitmentId: request.params.id,
        scope,
        managersOnly: false,
      });
      await requireMeeting(db, access, request.body.reviewedInMeetingId);
      return reviewCommitment(db, {
        orgId,
        meetingId: request.body.reviewedInMeetingId,
        commitmentId: request.params.id,
        actor: { personId: access.caller.personId, role: access.caller.role },
        outcome: request.body.status,
        now: clock.now(),
      });
    },
  );
};
