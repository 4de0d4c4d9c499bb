import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { plainText } from '../../core/schema-primitives.js';
import { addTeamMember } from '../../organization/add-team-member.js';
import { createTeam } from '../../organization/create-team.js';
import { getTeam } from '../../organization/get-team.js';
import { listTeams } from '../../organization/list-teams.js';
import { TeamSchema } from '../../organization/team-view.js';
import { updateTeam } from '../../organization/update-team.js';
import { accessOf } from '../access/access-control.js';
import { requireTeam, teamScope } from '../access/scope.js';
import { Day, IdParams, PageQuery, pageOf, problems, Uuid } from '../schemas/common.js';

const TeamName = plainText({ min: 1, max: 200 });
const Member = z.strictObject({ personId: Uuid, validFrom: Day });
const TeamBody = z.strictObject({
  name: TeamName,
  managerId: Uuid.nullish(),
  leaderId: Uuid.nullish(),
  members: z.array(Member).max(500).optional(),
});
const TeamPatch = z.strictObject({
  name: TeamName.optional(),
  managerId: Uuid.nullish(),
  leaderId: Uuid.nullish(),
});

/** Teams: read within reach; created, changed and staffed by admins. */
export const teamRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/api/v1/teams',
    {
      schema: {
        tags: ['teams'],
        summary: 'The teams within your reach, with their members today',
        querystring: PageQuery,
        response: { 200: pageOf(TeamSchema), ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const { limit, offset } = request.query;
      const scope = await teamScope(db, access);
      const page = await listTeams(db, {
        orgId: access.caller.orgId,
        scope,
        today: access.today,
        limit,
        offset,
      });
      return { ...page, limit, offset };
    },
  );

  app.get(
    '/api/v1/teams/:id',
    {
      schema: {
        tags: ['teams'],
        summary: 'One team',
        params: IdParams,
        response: { 200: TeamSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireTeam(db, access, request.params.id);
      return getTeam(db, {
        orgId: access.caller.orgId,
        teamId: request.params.id,
        today: access.today,
      });
    },
  );

  app.post(
    '/api/v1/teams',
    {
      schema: {
        tags: ['teams'],
        summary: 'Create a team with its manager, leader and members (admin)',
        body: TeamBody,
        response: { 201: TeamSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { caller, today } = accessOf(request);
      const id = await createTeam(db, {
        orgId: caller.orgId,
        actorId: caller.personId,
        team: request.body,
        now: clock.now(),
      });
      return reply.status(201).send(await getTeam(db, { orgId: caller.orgId, teamId: id, today }));
    },
  );

  app.patch(
    '/api/v1/teams/:id',
    {
      schema: {
        tags: ['teams'],
        summary: 'Rename a team or change its manager or leader (admin)',
        params: IdParams,
        body: TeamPatch,
        response: { 200: TeamSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const { orgId, personId } = access.caller;
      await requireTeam(db, access, request.params.id);
      await updateTeam(db, {
        orgId,
        teamId: request.params.id,
        actorId: personId,
        patch: request.body,
        now: clock.now(),
      });
      return getTeam(db, { orgId, teamId: request.params.id, today: access.today });
    },
  );

  app.post(
    '/api/v1/teams/:id/members',
    {
      schema: {
        tags: ['teams'],
        summary:
          'Move a person onto the team from a day; their previous membership ends then (admin)',
        params: IdParams,
        body: Member,
        response: { 200: TeamSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const { orgId, personId } = access.caller;
      await requireTeam(db, access, request.params.id);
      await addTeamMember(db, {
        orgId,
        teamId: request.params.id,
        ...request.body,
        actorId: personId,
        now: clock.now(),
      });
      return getTeam(db, { orgId, teamId: request.params.id, today: access.today });
    },
  );
};
