import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { plainText } from '../../core/schema-primitives.js';
import { getMe, MeSchema } from '../../organization/get-me.js';
import { recordAudit } from '../../organization/record-audit.js';
import { isSetupOpen, setUpOrganization } from '../../organization/set-up-organization.js';
import { AppError, isAppError } from '../../shared/app-error.js';
import { startBrowserSession } from '../access/access-control.js';
import { problems } from '../schemas/common.js';

// Shapes only: the values (currency, zone, month, e-mail, password) are judged by the same
// schema as `rudder org create`, whose messages name each field.
const SetupBody = z.strictObject({
  name: plainText({ max: 200 }).describe("the organization's name"),
  slug: plainText({ max: 63 }).optional().describe('default: made of the name'),
  currency: plainText({ max: 10 }).describe('ISO 4217, e.g. EUR'),
  timeZone: plainText({ max: 64 }).describe('IANA zone, e.g. Europe/Paris'),
  fiscalYearStartMonth: z.number().describe('1-12'),
  admin: z.strictObject({
    name: plainText({ max: 200 }).optional(),
    email: plainText({ max: 320 }),
    password: plainText({ max: 1000, trim: false }),
  }),
  setupToken: plainText({ min: 1, max: 200, trim: false })
    .optional()
    .describe('from `rudder org setup-token`; needed once an organization exists'),
});

const SetupStatus = z.object({
  open: z.boolean().describe('true while no organization exists: setup needs no token'),
});

/** The browser's first run: the setup of an organization and its first admin. */
export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/api/v1/setup',
    {
      schema: {
        tags: ['setup'],
        summary: 'Whether the setup screen is open without a token (no organization yet)',
        response: { 200: SetupStatus, ...problems },
      },
    },
    async () => ({ open: await isSetupOpen(db) }),
  );

  app.post(
    '/api/v1/setup',
    {
      schema: {
        tags: ['setup'],
        summary:
          'Create an organization and its first admin, and sign in as them (only while no organization exists, or with a setup token)',
        body: SetupBody,
        response: { 200: MeSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { setupToken, ...input } = request.body;
      const now = clock.now();
      let created: Awaited<ReturnType<typeof setUpOrganization>>;
      try {
        created = await setUpOrganization(db, { input, setupToken, now });
      } catch (error: unknown) {
        throw inBody(error);
      }
      const who = { orgId: created.orgId, personId: created.adminId };
      await recordAudit(db, {
        orgId: created.orgId,
        actorId: created.adminId,
        action: 'auth.sign_in',
        subjectType: 'person',
        subjectId: created.adminId,
        details: { via: 'setup' },
        ip: request.ip,
        at: now,
      });
      await startBrowserSession(app, request, reply, who, now);
      return getMe(db, { ...who, via: 'session' });
    },
  );
};

/** The schema names fields as the CLI does ('currency'); over HTTP they are in the body. */
function inBody(error: unknown): unknown {
  if (!isAppError(error) || error.issues.length === 0) return error;
  const issues = error.issues.map((issue) =>
    issue.field.startsWith('body.') ? issue : { ...issue, field: `body.${issue.field}` },
  );
  return new AppError(error.code, error.message, { cause: error, issues });
}
