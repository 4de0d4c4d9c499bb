import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCalendarFeed } from '../../calendar/create-calendar-feed.js';
import { getCalendarFeed } from '../../calendar/get-calendar-feed.js';
import { renderCalendarFeed } from '../../calendar/render-calendar-feed.js';
import { renderMeetingIcs } from '../../calendar/render-meeting-ics.js';
import { revokeCalendarFeed } from '../../calendar/revoke-calendar-feed.js';
import { accessOf } from '../access/access-control.js';
import { requireMeeting } from '../access/require-meeting.js';
import {
  CalendarFeedCreatedSchema,
  CalendarFeedStatusSchema,
  FeedTokenParams,
} from '../schemas/calendar.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';

const calendarType = 'text/calendar; charset=utf-8';
const IcsText = z.string().describe('an iCalendar (RFC 5545) document');

/** 1:1s as iCalendar: a secret per-person subscription feed, and one file per meeting. */
export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;
  const tags = ['calendar'];

  app.post(
    '/api/v1/me/calendar-feed',
    {
      schema: {
        tags,
        summary: 'A new secret subscription URL, shown once; the previous one stops working',
        response: { 201: CalendarFeedCreatedSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { caller } = accessOf(request);
      const now = clock.now();
      const feed = await createCalendarFeed(db, {
        orgId: caller.orgId,
        personId: caller.personId,
        now,
        publicUrl: config.PUBLIC_URL,
      });
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ url: feed.url, path: `/calendar/${feed.token}.ics`, createdAt: now.toISOString() });
    },
  );

  app.get(
    '/api/v1/me/calendar-feed',
    {
      schema: {
        tags,
        summary: 'Whether you have a live subscription URL (the URL itself is not kept)',
        response: { 200: CalendarFeedStatusSchema, ...problems },
      },
    },
    async (request) => {
      const { caller } = accessOf(request);
      return getCalendarFeed(db, { orgId: caller.orgId, personId: caller.personId });
    },
  );

  app.delete(
    '/api/v1/me/calendar-feed',
    {
      schema: {
        tags,
        summary: 'Stop your subscription URL from answering',
        response: { 204: NoContent, ...problems },
      },
    },
    async (request, reply) => {
      const { caller } = accessOf(request);
      await revokeCalendarFeed(db, {
        orgId: caller.orgId,
        personId: caller.personId,
        now: clock.now(),
      });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/meetings/:id/ics',
    {
      schema: {
        tags,
        summary: 'One 1:1 as an .ics file',
        params: IdParams,
        response: { 200: IcsText, ...problems },
      },
    },
    async (request, reply) => {
      const access = accessOf(request);
      await requireMeeting(db, access, request.params.id);
      const ics = await renderMeetingIcs(db, {
        orgId: access.caller.orgId,
        meetingId: request.params.id,
        publicUrl: config.PUBLIC_URL,
      });
      return reply
        .type(calendarType)
        .header('content-disposition', `attachment; filename="1on1-${request.params.id}.ics"`)
        .send(ics);
    },
  );

  app.get(
    '/calendar/:token.ics',
    {
      schema: {
        tags,
        summary: 'The subscription feed: no session, the secret token in the URL is the credential',
        params: FeedTokenParams,
        response: { 200: IcsText, 404: problems[404] },
      },
    },
    async (request, reply) => {
      // Set before rendering, so the 404 of a revoked or unknown token carries them too.
      // no-store, not `private, max-age=…`: a revoked URL must stop answering at once, and no
      // cache (the client's, a proxy's) may keep a copy of what a secret URL showed.
      // Revalidation (no-cache + ETag) would save bytes only: the feed is built either way.
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      const ics = await renderCalendarFeed(db, {
        token: request.params.token,
        now: clock.now(),
        publicUrl: config.PUBLIC_URL,
      });
      return reply.type(calendarType).send(ics);
    },
  );
};
