import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { createSignInLimiter, type SignInLimiter } from '../auth/sign-in-limiter.js';
import type { Config } from '../config/config.js';
import { ambientDatabase } from '../db/ambient-transaction.js';
import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { installAccessControl } from './access/access-control.js';
import { installIdempotentWrites } from './idempotent-writes.js';
import { registerOpenApi } from './openapi.js';
import { sendProblem, toProblem } from './problem.js';
import { createResultCaches, type ResultCaches } from './result-caches.js';
import { adminRoutes } from './routes/admin.js';
import { agendaRoutes } from './routes/agenda.js';
import { authRoutes } from './routes/auth.js';
import { calendarRoutes } from './routes/calendar.js';
import { crmRoutes } from './routes/crm.js';
import { exportRoutes } from './routes/export.js';
import { goalWorkflowRoutes } from './routes/goal-workflow.js';
import { goalRoutes } from './routes/goals.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/imports.js';
import { ingestRoutes } from './routes/ingest.js';
import { leaderRoutes } from './routes/leaders.js';
import { meRoutes } from './routes/me.js';
import { meetingSeriesRoutes } from './routes/meeting-series.js';
import { meetingWorkflowRoutes } from './routes/meeting-workflow.js';
import { meetingRoutes } from './routes/meetings.js';
import { organizationRoutes } from './routes/organization.js';
import { peopleRoutes } from './routes/people.js';
import { scorecardRoutes } from './routes/scorecard.js';
import { setupRoutes } from './routes/setup.js';
import { teamRoutes } from './routes/teams.js';
import { webApp } from './web-app.js';

export interface AppOptions {
  db: Database;
  clock: Clock;
  config: Config;
  /**
   * Behind a reverse proxy that sets X-Forwarded-For/-Proto, trust it: the client address then
   * feeds the sign-in limiter and `https` makes the session cookie Secure. Off by default:
   * trusting the headers without a proxy would let any client forge them.
   */
  trustProxy?: boolean;
  /**
   * Where reads that may lag go (leaders' reports): a replica reader when
   * DATABASE_REPLICA_URL is set, else `db` itself.
   */
  reports?: Queryable;
  /** Failed sign-in counting; default the database's (shared by every server). */
  signInLimiter?: SignInLimiter;
}

/** A route as registered, for the visibility matrix test. */
export interface RegisteredRoute {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppOptions;
    signInLimiter: SignInLimiter;
    /** Null when RESULT_CACHE_MB is 0. */
    resultCaches: ResultCaches | null;
    registeredRoutes: RegisteredRoute[];
  }
}

/** Builds the HTTP application; `listen` is the caller's business (tests use `inject`). */
export async function createApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: options.config.LOG_LEVEL,
            redact: ['req.headers.cookie', 'req.headers.authorization'],
          },
    // Every request logged only when debugging: at info, errors and events are what matter.
    logController: new LogController({
      disableRequestLogging:
        options.config.LOG_LEVEL !== 'debug' && options.config.LOG_LEVEL !== 'trace',
    }),
    trustProxy: options.trustProxy ?? options.config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // A path that is not valid percent-encoding (%ED%A0%80, half a surrogate) is refused by
    // the router before any handler: it is answered in the same problem format.
    frameworkErrors: (error, request, reply) => sendProblem(reply, toProblem(error, request)),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Routes and use cases reach the database through this one: inside a keyed write
  // (idempotent-writes.ts) it is that write's transaction, elsewhere the database itself.
  app.decorate('deps', { ...options, db: ambientDatabase(options.db) });
  app.decorate('signInLimiter', options.signInLimiter ?? createSignInLimiter(options.db));
  app.decorate('resultCaches', createResultCaches(options.config.RESULT_CACHE_MB));
  const registered: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registered);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registered.push({ method, url: route.url });
  });
  app.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: 'https://rudder.dev/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: `No route ${request.method} ${request.url.split('?')[0]}`,
      code: 'NOT_FOUND',
    }),
  );
  await app.register(cookie);
  // Before any route plugin: child contexts copy the hooks that exist when they are registered.
  installAccessControl(app);
  installIdempotentWrites(app, options.db, options.clock);
  // The docs page loads its own script and styles: a CSP that allows only this origin fits it.
  await app.register(helmet, { global: true });
  await registerOpenApi(app);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(setupRoutes);
  await app.register(meRoutes);
  await app.register(peopleRoutes);
  await app.register(agendaRoutes);
  await app.register(teamRoutes);
  await app.register(organizationRoutes);
  await app.register(scorecardRoutes);
  await app.register(goalRoutes);
  await app.register(meetingRoutes);
  await app.register(goalWorkflowRoutes);
  await app.register(meetingWorkflowRoutes);
  await app.register(meetingSeriesRoutes);
  await app.register(leaderRoutes);
  await app.register(calendarRoutes);
  await app.register(adminRoutes);
  await app.register(crmRoutes);
  await app.register(importRoutes);
  await app.register(ingestRoutes);
  await app.register(exportRoutes);
  await app.register(webApp);
  return app;
}
