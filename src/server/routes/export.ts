import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SupportedPeriodKeySchema } from '../../core/schema-primitives.js';
import { organizationNdjson } from '../../export/export-rows.js';
import { recordAudit } from '../../organization/record-audit.js';
import { getScorecard } from '../../scorecard/get-scorecard.js';
import { scorecardCsv } from '../../scorecard/scorecard-csv.js';
import { accessOf } from '../access/access-control.js';
import { requireTeam } from '../access/scope.js';
import { problems, Uuid } from '../schemas/common.js';

/** Data out: the organization's data for an admin, a published scorecard for its readers. */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;
  // The organization export may lag a little (a standby's replay): it reads the reports reader.
  const reports = app.deps.reports ?? db;

  app.get(
    '/api/v1/export',
    {
      schema: {
        tags: ['admin'],
        summary: "All of the organization's data as NDJSON, streamed (admin)",
        description:
          'One line per row: `{"kind":"people","row":{…}}`; kinds in the order of `rudder export`, ' +
          'rows in the import format where an import kind exists, values as stored.',
        querystring: z.object({ format: z.enum(['ndjson']).default('ndjson') }),
        response: { 200: z.unknown().describe('application/x-ndjson, streamed'), ...problems },
      },
    },
    async (request, reply) => {
      const { caller } = accessOf(request);
      await recordAudit(db, {
        orgId: caller.orgId,
        actorId: caller.personId,
        action: 'export.created',
        subjectType: 'org',
        subjectId: caller.orgId,
        details: { what: 'organization', format: request.query.format, via: 'api' },
        ip: request.ip,
        at: clock.now(),
      });
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', 'attachment; filename="rudder-export.ndjson"')
        .send(Readable.from(organizationNdjson(reports, caller.orgId)));
    },
  );

  app.get(
    '/api/v1/scorecard/export.csv',
    {
      schema: {
        tags: ['scorecard'],
        summary: "A team's scorecard as CSV, safe to open in a spreadsheet (reps: once published)",
        querystring: z.object({
          team: Uuid,
          period: SupportedPeriodKeySchema.optional().describe('default this month'),
        }),
        response: { 200: z.string().describe('text/csv'), ...problems },
      },
    },
    async (request, reply) => {
      const access = accessOf(request);
      const { team, period } = request.query;
      await requireTeam(db, access, team);
      const scorecard = await getScorecard(db, {
        orgId: access.caller.orgId,
        teamId: team,
        periodKey: period,
        now: clock.now(),
        publishedOnly: access.caller.role === 'rep',
      });
      await recordAudit(db, {
        orgId: access.caller.orgId,
        actorId: access.caller.personId,
        action: 'export.created',
        subjectType: 'team',
        subjectId: team,
        details: { what: 'scorecard', periodKey: scorecard.period.key, format: 'csv' },
        ip: request.ip,
        at: clock.now(),
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="scorecard-${scorecard.period.key}.csv"`,
        )
        .send(scorecardCsv(scorecard));
    },
  );
};
