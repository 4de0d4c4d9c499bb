import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invitePerson } from '../../auth/invite-person.js';
import { plainText } from '../../core/schema-primitives.js';
import { roles } from '../../db/schema/people.js';
import { createPerson } from '../../organization/create-person.js';
import { getPerson } from '../../organization/get-person.js';
import { listPeople } from '../../organization/list-people.js';
import { PersonSchema } from '../../organization/person-view.js';
import { updatePerson } from '../../organization/update-person.js';
import { accessOf } from '../access/access-control.js';
import { personScope, requirePerson } from '../access/scope.js';
import { IdParams, PageQuery, pageOf, problems } from '../schemas/common.js';

const Name = plainText({ min: 1, max: 200 });
const Title = plainText({ max: 200, trim: false });
const ExternalId = plainText({ min: 1, max: 200, trim: false });
const Email = z.email().max(320);
const PersonBody = z.strictObject({
  name: Name,
  email: Email.nullish(),
  title: Title.nullish(),
  role: z.enum(roles).default('rep'),
  externalId: ExternalId.nullish(),
});
/** Strict: `orgId`, `id`, `passwordHash` and anything else not listed are refused. */
const PersonPatch = z.strictObject({
  name: Name.optional(),
  email: Email.nullish(),
  title: Title.nullish(),
  role: z.enum(roles).optional(),
  active: z.boolean().optional(),
  externalId: ExternalId.nullish(),
});

/** People of the organization: read within reach; created and changed by admins. */
export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;

  app.get(
    '/api/v1/people',
    {
      schema: {
        tags: ['people'],
        summary: 'The people within your reach',
        querystring: PageQuery.extend({ role: z.enum(roles).optional() }),
        response: { 200: pageOf(PersonSchema), ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const { limit, offset, role } = request.query;
      const scope = await personScope(db, access);
      const page = await listPeople(db, { orgId: access.caller.orgId, scope, role, limit, offset });
      return { ...page, limit, offset };
    },
  );

  app.get(
    '/api/v1/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'One person',
        params: IdParams,
        response: { 200: PersonSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requirePerson(db, access, request.params.id);
      return getPerson(db, { orgId: access.caller.orgId, personId: request.params.id });
    },
  );

  app.post(
    '/api/v1/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Add a person (admin)',
        body: PersonBody,
        response: { 201: PersonSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { caller } = accessOf(request);
      const person = await createPerson(db, {
        orgId: caller.orgId,
        actorId: caller.personId,
        person: request.body,
        now: clock.now(),
      });
      return reply.status(201).send(person);
    },
  );

  app.patch(
    '/api/v1/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Change a person, their role or whether they are active (admin)',
        params: IdParams,
        body: PersonPatch,
        response: { 200: PersonSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requirePerson(db, access, request.params.id);
      return updatePerson(db, {
        orgId: access.caller.orgId,
        personId: request.params.id,
        actorId: access.caller.personId,
        patch: request.body,
        now: clock.now(),
      });
    },
  );

  app.post(
    '/api/v1/people/:id/invitation',
    {
      schema: {
        tags: ['people'],
        summary: 'E-mail the person a single-use link to choose their password (admin)',
        params: IdParams,
        response: { 202: z.object({ accepted: z.literal(true) }), ...problems },
      },
    },
    async (request, reply) => {
      const access = accessOf(request);
      await requirePerson(db, access, request.params.id);
      await invitePerson(db, {
        orgId: access.caller.orgId,
        personId: request.params.id,
        actorId: access.caller.personId,
        now: clock.now(),
        publicUrl: config.PUBLIC_URL,
      });
      return reply.status(202).send({ accepted: true as const });
    },
  );
};
