import Fastify, { type FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { sendProblem, toProblem } from './problem.js';
import { healthRoutes } from './routes/health.js';

export interface AppOptions {
  db: Database;
  clock: Clock;
  config: Config;
}


declare module 'fastify' {
  interface FastifyInstance {
    deps: AppOptions;
  }
}

/** Builds the HTTP application; `listen` is the caller's business (tests use `inject`). */
export async function createApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.config.LOG_LEVEL === 'silent'
        ? false
        : { level: options.config.LOG_LEVEL, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    disableRequestLogging: options.config.LOG_LEVEL !== 'debug' && options.config.LOG_LEVEL !== 'trace',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', options);
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
  await app.register(healthRoutes);
  return app;
}
