import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { plainText } from '../../core/schema-primitives.js';
import { stageKinds } from '../../db/schema/pipeline.js';
import { getOrgSettings, OrgSettingsViewSchema } from '../../organization/get-org-settings.js';
import { listStages, StageSchema } from '../../organization/list-stages.js';
import { replaceStages } from '../../organization/replace-stages.js';
import {
  OrgSettingsPatchSchema,
  updateOrgSettings,
} from '../../organization/update-org-settings.js';
import { accessOf } from '../access/access-control.js';
import { problems, Uuid } from '../schemas/common.js';

const StagesBody = z.strictObject({
  stages: z
    .array(
      z.strictObject({
        id: Uuid.optional().describe('an existing stage to keep; omit for a new one'),
        name: plainText({ min: 1, max: 100 }),
        kind: z.enum(stageKinds),
        probability: z.number().int().min(0).max(100),
      }),
    )
    .min(1)
    .max(50)
    .describe('in the order of the sales process; stages not listed are removed'),
});
const Stages = z.object({ stages: z.array(StageSchema) });

/** The organization's stages and settings: everyone reads them, admins change them. */
export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/api/v1/stages',
    {
      schema: {
        tags: ['organization'],
        summary: 'Opportunity stages',
        response: { 200: Stages, ...problems },
      },
    },
    async (request) => ({ stages: await listStages(db, accessOf(request).caller.orgId) }),
  );

  app.put(
    '/api/v1/stages',
    {
      schema: {
        tags: ['organization'],
        summary: 'Replace the opportunity stages (admin)',
        body: StagesBody,
        response: { 200: Stages, ...problems },
      },
    },
    async (request) => {
      const { caller } = accessOf(request);
      const stages = await replaceStages(db, {
        orgId: caller.orgId,
        actorId: caller.personId,
        stages: request.body.stages,
        now: clock.now(),
      });
      return { stages };
    },
  );

  app.get(
    '/api/v1/settings',
    {
      schema: {
        tags: ['organization'],
        summary: "The organization's thresholds and calendar",
        response: { 200: OrgSettingsViewSchema, ...problems },
      },
    },
    async (request) => getOrgSettings(db, accessOf(request).caller.orgId),
  );

  app.patch(
    '/api/v1/settings',
    {
      schema: {
        tags: ['organization'],
        summary: 'Change some thresholds; the others keep their value (admin)',
        body: OrgSettingsPatchSchema,
        response: { 200: OrgSettingsViewSchema, ...problems },
      },
    },
    async (request) => {
      const { caller } = accessOf(request);
      return updateOrgSettings(db, {
        orgId: caller.orgId,
        actorId: caller.personId,
        patch: request.body,
        now: clock.now(),
      });
    },
  );
};
