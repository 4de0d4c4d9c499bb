import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SupportedPeriodKeySchema } from '../../core/schema-primitives.js';
import { ScorecardSchema } from '../../core/scorecard.js';
import { getScorecard } from '../../scorecard/get-scorecard.js';
import {
  OrganizationRankingPageSchema,
  organizationRankingPage,
} from '../../scorecard/organization-ranking-page.js';
import { publishScorecard } from '../../scorecard/publish-scorecard.js';
import { accessOf } from '../access/access-control.js';
import { requireTeam } from '../access/scope.js';
import { PageQuery, problems, Uuid } from '../schemas/common.js';

const PeriodKey = SupportedPeriodKeySchema.describe(
  "'2026-10', 'FY2027-Q1' or 'FY2027'; default this month",
);

/** Published scorecards: results and ranks only, never pipeline, activity or notes. */
export const scorecardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/api/v1/scorecard',
    {
      schema: {
        tags: ['scorecard'],
        summary: "A team's scorecard for a period (reps: once published)",
        querystring: z.object({ team: Uuid, period: PeriodKey.optional() }),
        response: { 200: ScorecardSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireTeam(db, access, request.query.team);
      return getScorecard(
        db,
        {
          orgId: access.caller.orgId,
          teamId: request.query.team,
          periodKey: request.query.period,
          now: clock.now(),
          publishedOnly: access.caller.role === 'rep',
        },
        app.resultCaches,
      );
    },
  );

  app.get(
    '/api/v1/scorecard/organization',
    {
      schema: {
        tags: ['scorecard'],
        summary: 'The organization-wide ranking for a period, one page of it (leaders, admins)',
        querystring: PageQuery.extend({ period: PeriodKey.optional() }),
        response: { 200: OrganizationRankingPageSchema, ...problems },
      },
    },
    async (request) => {
      const { caller } = accessOf(request);
      const { limit, offset } = request.query;
      const scorecard = await getScorecard(
        db,
        {
          orgId: caller.orgId,
          teamId: null,
          periodKey: request.query.period,
          now: clock.now(),
          publishedOnly: false,
        },
        app.resultCaches,
      );
      // The whole ranking is computed (and cached) once; a page is a cut of it, so 2,000
      // reps do not travel to a screen that shows 50.
      return organizationRankingPage(scorecard, { limit, offset });
    },
  );

  app.post(
    '/api/v1/scorecard/publish',
    {
      schema: {
        tags: ['scorecard'],
        summary: "Publish a team's scorecard for a period to its reps (the team's manager)",
        body: z.strictObject({
          team: Uuid,
          period: PeriodKey.optional(),
          email: z.boolean().optional().describe('also e-mail the scorecard to the team'),
        }),
        response: {
          200: z.object({
            teamId: z.string(),
            periodKey: z.string(),
            publishedAt: z.string(),
            emailedTo: z.number().int().describe('people the scorecard was e-mailed to'),
          }),
          ...problems,
        },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireTeam(db, access, request.body.team);
      return publishScorecard(db, {
        orgId: access.caller.orgId,
        teamId: request.body.team,
        periodKey: request.body.period,
        actorId: access.caller.personId,
        now: clock.now(),
        email: request.body.email,
        publicUrl: app.deps.config.PUBLIC_URL,
      });
    },
  );
};
