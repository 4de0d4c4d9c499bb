import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getMe, MeSchema } from '../../organization/get-me.js';
import { setActivitySharing } from '../../organization/set-activity-sharing.js';
import { accessOf } from '../access/access-control.js';
import { NoContent, problems } from '../schemas/common.js';

/** The signed-in person. */
export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Who is signed in',
        description:
          'The session probe: 200 with the person signed in, 204 No Content when nobody is ' +
          '(no session, an expired one or an unknown token): signed out is an answer here, ' +
          'not an error. Every other route answers 401 without a session.',
        response: { 200: MeSchema, 204: NoContent, ...problems },
      },
    },
    async (request) => {
      const { caller } = accessOf(request);
      return getMe(db, { orgId: caller.orgId, personId: caller.personId, via: caller.via });
    },
  );

  app.put(
    '/api/v1/me/activity-sharing',
    {
      schema: {
        tags: ['me'],
        summary: 'A rep shares (or stops sharing) their activity detail with their manager',
        body: z.strictObject({ shared: z.boolean() }),
        response: { 200: MeSchema, ...problems },
      },
    },
    async (request) => {
      const { caller } = accessOf(request);
      await setActivitySharing(db, {
        orgId: caller.orgId,
        personId: caller.personId,
        shared: request.body.shared,
        now: clock.now(),
      });
      return getMe(db, { orgId: caller.orgId, personId: caller.personId, via: caller.via });
    },
  );
};
