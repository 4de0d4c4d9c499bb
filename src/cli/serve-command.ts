import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { systemClock } from '../shared/clock.js';
import { describeDb, openDb } from './open-db.js';

export function serveCommand(): Command {
  return new Command('serve')
    .description('Start the Rudder server (migrations run first, in this process).')
    .option('--demo', 'seed the demo organization when the database has no organization yet')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action(async (options: { demo?: boolean; port?: string }) => {
      const config = loadConfig(
        options.port ? { ...process.env, PORT: options.port } : process.env,
      );
      // The database opens (PGlite compiles its WebAssembly) while the server's modules load.
      const [opened, serverModule] = await Promise.allSettled([
        openDb(config),
        import('../server/start-server.js'),
      ]);
      if (opened.status === 'rejected') throw opened.reason;
      const db: Database = opened.value;
      try {
        if (serverModule.status === 'rejected') throw serverModule.reason;
        const { startServer, stopOnSignals } = serverModule.value;
        const say = (line: string) => process.stdout.write(`${line}\n`);
        let demoLogins: string[] = [];
        const [existing] = await db.query<{ n: number }>('select count(*)::int8 as n from org');
        const empty = (existing?.n ?? 0) === 0;
        if (options.demo) {
          if (empty) {
            say('First start: creating the demo organization…');
            // Loaded only here: a start on an existing database never pays for the generator.
            const { seedDemo } = await import('../demo/seed-demo.js');
            const summary = await seedDemo({ db, now: systemClock.now() });
            demoLogins = [
              ...summary.logins.map((l) => `  ${l.role.padEnd(8)} ${l.email.padEnd(28)} ${l.name}`),
              `  password for all of them: ${summary.password}`,
            ];
          }
        }
        const server = await startServer({ db, clock: systemClock, config });
        stopOnSignals(server, say);
        say(`Rudder is running on ${describeDb(config)}.`);
        say(`Open ${server.url}`);
        // Without --demo an empty database is set up in the browser (src/web/features/setup).
        if (empty && !options.demo)
          say(
            `No organization yet: open ${server.url}/setup to set up yours (or stop and run \`npm start\` for the demo).`,
          );
        if (demoLogins.length > 0)
          say(['Sign in to the demo organization as:', ...demoLogins].join('\n'));
        else if (options.demo)
          say(
            'Demo sign-in: e.g. manager1@demo.rudder.dev, password rudder-demo (reset it with `rudder demo`).',
          );
      } catch (error: unknown) {
        await db.close();
        throw error;
      }
    });
}
