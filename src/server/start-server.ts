import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { openReplicaReader } from '../db/open-replica.js';
import { createJobHandlers } from '../jobs/create-job-handlers.js';
import { startJobRunner } from '../jobs/start-job-runner.js';
import type { Clock } from '../shared/clock.js';
import { createApp } from './create-app.js';

export interface StartServerOptions {
  db: Database;
  clock: Clock;
  config: Config;
  /** Run reminders, missed-meeting detection and e-mail in this process (default true). */
  jobs?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Stops accepting requests and jobs, then closes the database (CHECKPOINT on PGlite). */
  stop(): Promise<void>;
}

export async function startServer({
  db,
  clock,
  config,
  jobs = true,
}: StartServerOptions): Promise<RunningServer> {
  const reports =
    config.DATABASE_REPLICA_URL && db.engine === 'postgres'
      ? openReplicaReader(db, config.DATABASE_REPLICA_URL, {
          maxLagSeconds: config.REPLICA_MAX_LAG_SECONDS,
          clock,
          onFallback: (reason) => app.log.warn(`leaders' reports read the primary: ${reason}`),
        })
      : null;
  const app = await createApp({ db, clock, config, ...(reports ? { reports } : {}) });
  await app.listen({ port: config.PORT, host: config.HOST });
  const runner = jobs
    ? startJobRunner({
        db,
        clock,
        config,
        handlers: createJobHandlers(config),
        firstPollAfterMs: 3_000,
        onError: (error) => app.log.error({ err: error }, 'background job failed'),
      })
    : null;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
  let stopping: Promise<void> | null = null;
  return {
    app,
    url: `http://${host}:${port}`,
    stop() {
      stopping ??= (async () => {
        try {
          await runner?.stop();
          await app.close();
        } finally {
          await reports?.close();
          await db.close();
        }
      })();
      return stopping;
    },
  };
}

/** SIGINT/SIGTERM stop the server cleanly: no request cut mid-write, the database checkpointed. */
export function stopOnSignals(server: RunningServer, log: (line: string) => void): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal} received: closing Rudder…`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`error while closing: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
