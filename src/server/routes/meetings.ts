import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { plainText } from '../../core/schema-primitives.js';
import { addCommitment } from '../../meetings/add-commitment.js';
import { addMeetingNote } from '../../meetings/add-meeting-note.js';
import { getCommitment } from '../../meetings/get-commitment.js';
import { getPreWork } from '../../meetings/get-pre-work.js';
import { listCommitments } from '../../meetings/list-commitments.js';
import { listMeetings } from '../../meetings/list-meetings.js';
import { listNotes } from '../../meetings/list-notes.js';
import { markCommitmentDone } from '../../meetings/mark-commitment-done.js';
import {
  CommitmentSchema,
  MeetingSchema,
  NoteSchema,
  noteSections,
  noteVisibilities,
  PreWorkSchema,
} from '../../meetings/meeting-view.js';
import { savePreWork } from '../../meetings/save-pre-work.js';
import { accessOf } from '../access/access-control.js';
import { requireMeeting } from '../access/require-meeting.js';
import { personScope } from '../access/scope.js';
import { Day, IdParams, PageQuery, pageOf, problems, Uuid } from '../schemas/common.js';

const NoteBody = z.strictObject({
  section: z.enum(noteSections),
  visibility: z
    .enum(noteVisibilities)
    .default('shared')
    .describe('private: only you will ever read it'),
  body: plainText({ min: 1, max: 10_000 }),
});
const PreWorkBody = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        question: plainText({ min: 1, max: 500 }),
        answer: plainText({ max: 4_000 }),
      }),
    )
    .max(20)
    .describe('answers to the suggested questions; a blank answer is dropped'),
});
const DoneBody = z.strictObject({
  done: z.boolean().describe('true: marked done now; false: the mark taken back'),
});
const CommitmentBody = z.strictObject({
  owner: z.enum(['rep', 'manager']).describe("whose commitment: the meeting's rep or manager"),
  text: plainText({ min: 1, max: 2_000 }),
  dueOn: Day,
});

/** 1:1 records, their notes and commitments (the guided workflow: meeting-workflow.ts). */
export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/api/v1/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'The 1:1s of the reps within your reach',
        querystring: PageQuery.extend({ rep: Uuid.optional() }),
        response: { 200: pageOf(MeetingSchema), ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const { limit, offset, rep } = request.query;
      const scope = await personScope(db, access);
      const page = await listMeetings(db, {
        orgId: access.caller.orgId,
        scope,
        repId: rep,
        limit,
        offset,
      });
      return { ...page, limit, offset };
    },
  );

  app.get(
    '/api/v1/meetings/:id',
    {
      schema: {
        tags: ['meetings'],
        summary: 'One 1:1',
        params: IdParams,
        response: { 200: MeetingSchema, ...problems },
      },
    },
    async (request) => {
      return requireMeeting(db, accessOf(request), request.params.id);
    },
  );

  app.get(
    '/api/v1/meetings/:id/notes',
    {
      schema: {
        tags: ['meetings'],
        summary: "A 1:1's notes you may read: shared ones and your private ones",
        params: IdParams,
        response: { 200: z.object({ items: z.array(NoteSchema) }), ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const { orgId, personId } = access.caller;
      await requireMeeting(db, access, request.params.id);
      return {
        items: await listNotes(db, { orgId, meetingId: request.params.id, viewerId: personId }),
      };
    },
  );

  app.post(
    '/api/v1/meetings/:id/notes',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Write a note on a 1:1 (you are its author)',
        params: IdParams,
        body: NoteBody,
        response: { 201: NoteSchema, ...problems },
      },
    },
    async (request, reply) => {
      const access = accessOf(request);
      const { orgId, personId, role } = access.caller;
      await requireMeeting(db, access, request.params.id);
      const note = await addMeetingNote(db, {
        orgId,
        meetingId: request.params.id,
        actor: { personId, role },
        ...request.body,
        now: clock.now(),
      });
      return reply.status(201).send(note);
    },
  );

  app.post(
    '/api/v1/meetings/:id/commitments',
    {
      schema: {
        tags: ['meetings'],
        summary: "Record a commitment made in a 1:1, the rep's or the manager's",
        params: IdParams,
        body: CommitmentBody,
        response: { 201: CommitmentSchema, ...problems },
      },
    },
    async (request, reply) => {
      const access = accessOf(request);
      const { orgId, personId, role } = access.caller;
      await requireMeeting(db, access, request.params.id);
      const commitment = await addCommitment(db, {
        orgId,
        meetingId: request.params.id,
        actor: { personId, role },
        ...request.body,
        now: clock.now(),
      });
      return reply.status(201).send(commitment);
    },
  );

  app.get(
    '/api/v1/commitments',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Commitments within your reach (leaders: the managers’ own)',
        querystring: PageQuery.extend({ rep: Uuid.optional() }),
        response: { 200: pageOf(CommitmentSchema), ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const { limit, offset, rep } = request.query;
      const page = await listCommitments(db, {
        orgId: access.caller.orgId,
        scope: await personScope(db, access),
        repId: rep,
        managersOnly: access.caller.role === 'leader',
        limit,
        offset,
      });
      return { ...page, limit, offset };
    },
  );

  app.get(
    '/api/v1/commitments/:id',
    {
      schema: {
        tags: ['meetings'],
        summary: 'One commitment',
        params: IdParams,
        response: { 200: CommitmentSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      return getCommitment(db, {
        orgId: access.caller.orgId,
        commitmentId: request.params.id,
        scope: await personScope(db, access),
        managersOnly: access.caller.role === 'leader',
      });
    },
  );
  app.get(
    '/api/v1/meetings/:id/pre-work',
    {
      schema: {
        tags: ['meetings'],
        summary: "The rep's answers to the suggested questions, written before the 1:1",
        params: IdParams,
        response: { 200: PreWorkSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const meeting = await requireMeeting(db, access, request.params.id);
      return getPreWork(db, { orgId: access.caller.orgId, meeting });
    },
  );

  app.put(
    '/api/v1/meetings/:id/pre-work',
    {
      schema: {
        tags: ['meetings'],
        summary: 'The rep writes their answers before the 1:1 (shared with their manager)',
        params: IdParams,
        body: PreWorkBody,
        response: { 200: PreWorkSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const meeting = await requireMeeting(db, access, request.params.id);
      return savePreWork(db, {
        orgId: access.caller.orgId,
        meeting,
        actorId: access.caller.personId,
        answers: request.body.answers,
        now: clock.now(),
      });
    },
  );

  app.post(
    '/api/v1/commitments/:id/done',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Its owner marks a commitment done between meetings (or takes the mark back)',
        params: IdParams,
        body: DoneBody,
        response: { 200: CommitmentSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const commitment = await getCommitment(db, {
        orgId: access.caller.orgId,
        commitmentId: request.params.id,
        scope: await personScope(db, access),
        managersOnly: false,
      });
      return markCommitmentDone(db, {
        orgId: access.caller.orgId,
        commitment,
        actorId: access.caller.personId,
        done: request.body.done,
        now: clock.now(),
      });
    },
  );
};
