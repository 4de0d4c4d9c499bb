import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { beginMeeting } from '../../agenda/begin-meeting.js';
import { viewMeetingSnapshot } from '../../agenda/view-meeting-snapshot.js';
import { cancelMeeting } from '../../meetings/cancel-meeting.js';
import { finishMeeting } from '../../meetings/finish-meeting.js';
import { listCommitmentsToReview } from '../../meetings/list-commitments-to-review.js';
import { rescheduleMeeting } from '../../meetings/reschedule-meeting.js';
import { scheduleMeeting } from '../../meetings/schedule-meeting.js';
import { accessOf } from '../access/access-control.js';
import { requireMeeting } from '../access/require-meeting.js';
import { type Access, requirePerson } from '../access/scope.js';
import { IdParams, problems } from '../schemas/common.js';
import {
  CommitmentToReviewSchema,
  FinishedMeetingSchema,
  MeetingSnapshotSchema,
  MeetingStateSchema,
  RescheduleBody,
  RescheduledMeetingSchema,
  ScheduleMeetingBody,
  StartedMeetingSchema,
} from '../schemas/meeting-workflow.js';

const actorOf = (access: Access) => ({
  personId: access.caller.personId,
  role: access.caller.role,
});

/** The guided 1:1: schedule, start (the agenda freezes), finish (the summary goes out), move. */
export const meetingWorkflowRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;
  const tags = ['meetings'];

  app.post(
    '/api/v1/meetings',
    {
      schema: {
        tags,
        summary: 'Schedule a one-off 1:1 with a rep (outside their series)',
        body: ScheduleMeetingBody,
        response: { 201: MeetingStateSchema, ...problems },
      },
    },
    async (request, reply) => {
      const access = accessOf(request);
      await requirePerson(db, access, request.body.repId);
      const meeting = await scheduleMeeting(db, {
        orgId: access.caller.orgId,
        actor: actorOf(access),
        repId: request.body.repId,
        scheduledAt: new Date(request.body.scheduledAt),
        durationMinutes: request.body.durationMinutes,
        now: clock.now(),
      });
      return reply.status(201).send(meeting);
    },
  );

  app.post(
    '/api/v1/meetings/:id/start',
    {
      schema: {
        tags,
        summary: "Start the 1:1 (its manager): the agenda is frozen as the meeting's snapshot",
        params: IdParams,
        response: { 200: StartedMeetingSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const meeting = await requireMeeting(db, access, request.params.id);
      return beginMeeting(db, {
        orgId: access.caller.orgId,
        meetingId: meeting.id,
        repId: meeting.repId,
        actor: actorOf(access),
        now: clock.now(),
        ip: request.ip,
      });
    },
  );

  app.post(
    '/api/v1/meetings/:id/finish',
    {
      schema: {
        tags,
        summary: 'Finish a started 1:1: held; the summary goes to the rep; the next one is set',
        params: IdParams,
        response: { 200: FinishedMeetingSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireMeeting(db, access, request.params.id);
      return finishMeeting(db, {
        orgId: access.caller.orgId,
        meetingId: request.params.id,
        actor: actorOf(access),
        now: clock.now(),
        publicUrl: config.PUBLIC_URL,
      });
    },
  );

  app.post(
    '/api/v1/meetings/:id/reschedule',
    {
      schema: {
        tags,
        summary: 'Move a 1:1 that has not started (the old one points to the new one)',
        params: IdParams,
        body: RescheduleBody,
        response: { 200: RescheduledMeetingSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireMeeting(db, access, request.params.id);
      return rescheduleMeeting(db, {
        orgId: access.caller.orgId,
        meetingId: request.params.id,
        actor: actorOf(access),
        scheduledAt: new Date(request.body.scheduledAt),
        ...(request.body.durationMinutes ? { durationMinutes: request.body.durationMinutes } : {}),
        now: clock.now(),
      });
    },
  );

  app.post(
    '/api/v1/meetings/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel one 1:1 that has not started (the series goes on)',
        params: IdParams,
        response: { 200: MeetingStateSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireMeeting(db, access, request.params.id);
      return cancelMeeting(db, {
        orgId: access.caller.orgId,
        meetingId: request.params.id,
        actor: actorOf(access),
      });
    },
  );

  app.get(
    '/api/v1/meetings/:id/snapshot',
    {
      schema: {
        tags,
        summary: 'The agenda as it was frozen when the 1:1 started',
        params: IdParams,
        response: { 200: MeetingSnapshotSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireMeeting(db, access, request.params.id);
      return viewMeetingSnapshot(db, {
        orgId: access.caller.orgId,
        meetingId: request.params.id,
        viewerId: access.caller.personId,
        now: clock.now(),
        ip: request.ip,
      });
    },
  );

  app.get(
    '/api/v1/meetings/:id/commitments-to-review',
    {
      schema: {
        tags,
        summary: "Both sides' open commitments from the rep's earlier 1:1s, to review in this one",
        params: IdParams,
        response: { 200: z.object({ items: z.array(CommitmentToReviewSchema) }), ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireMeeting(db, access, request.params.id);
      const items = await listCommitmentsToReview(db, {
        orgId: access.caller.orgId,
        meetingId: request.params.id,
        now: clock.now(),
      });
      return { items };
    },
  );
};
