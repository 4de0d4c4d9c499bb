import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describePasswordLink } from '../../auth/describe-password-link.js';
import { endSession } from '../../auth/end-session.js';
import { PasswordSchema } from '../../auth/password.js';
import { requestPasswordReset } from '../../auth/request-password-reset.js';
import { setPasswordWithToken } from '../../auth/set-password-with-token.js';
import { signIn } from '../../auth/sign-in.js';
import { plainText } from '../../core/schema-primitives.js';
import { getMe, MeSchema } from '../../organization/get-me.js';
import { recordAudit } from '../../organization/record-audit.js';
import {
  accessOf,
  clearSessionCookie,
  sessionCookie,
  startBrowserSession,
} from '../access/access-control.js';
import { NoContent, problems } from '../schemas/common.js';

const Email = plainText({ min: 3, max: 320 });
const OrgSlug = plainText({ min: 1, max: 100 }).describe("the organization's slug");

const SignInBody = z.strictObject({
  email: Email,
  password: plainText({ min: 1, max: 1000, trim: false }),
  org: OrgSlug.optional().describe(
    'needed only when the e-mail and password open several organizations',
  ),
});
const ResetBody = z.strictObject({ email: Email, org: OrgSlug.optional() });
const SetPasswordBody = z.strictObject({
  token: plainText({ min: 1, max: 200, trim: false }).describe('from the e-mailed link'),
  password: PasswordSchema,
});

/** Sign-in, sign-out, and the e-mailed password links (invitations and resets). */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;

  app.post(
    '/api/v1/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: SignInBody,
        response: { 200: MeSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { email, password, org } = request.body;
      const now = clock.now();
      const who = await signIn(db, {
        email,
        password,
        org,
        address: request.ip,
        now,
        limiter: app.signInLimiter,
      });
      await startBrowserSession(app, request, reply, who, now);
      return getMe(db, { ...who, via: 'session' });
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the session',
        response: { 204: NoContent, ...problems },
      },
    },
    async (request, reply) => {
      const { caller } = accessOf(request);
      const cookie = request.cookies[sessionCookie];
      if (caller.via === 'session' && cookie) {
        await endSession(db, cookie);
        await recordAudit(db, {
          orgId: caller.orgId,
          actorId: caller.personId,
          action: 'auth.sign_out',
          ip: request.ip,
          at: clock.now(),
        });
      }
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      schema: {
        tags: ['auth'],
        summary:
          'E-mail a password-reset link (the answer is the same whether the e-mail is known)',
        body: ResetBody,
        response: { 202: z.object({ accepted: z.literal(true) }), ...problems },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(db, {
        ...request.body,
        now: clock.now(),
        publicUrl: config.PUBLIC_URL,
        address: request.ip,
      });
      return reply.status(202).send({ accepted: true as const });
    },
  );

  app.get(
    '/api/v1/auth/password-link',
    {
      schema: {
        tags: ['auth'],
        summary:
          'What an unspent invitation or reset link is for: its organization and e-mail (404 when spent or expired)',
        querystring: z.strictObject({
          token: plainText({ min: 1, max: 200, trim: false }).describe('from the e-mailed link'),
        }),
        response: {
          200: z.object({
            purpose: z.enum(['invitation', 'password_reset']),
            email: z.string().nullable(),
            org: z.object({ slug: z.string(), name: z.string() }),
          }),
          ...problems,
        },
      },
    },
    async (request) => describePasswordLink(db, { token: request.query.token, now: clock.now() }),
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Choose a password with the token of an invitation or reset link (single use)',
        body: SetPasswordBody,
        response: { 204: NoContent, ...problems },
      },
    },
    async (request, reply) => {
      await setPasswordWithToken(db, { ...request.body, now: clock.now() });
      return reply.status(204).send();
    },
  );
};
