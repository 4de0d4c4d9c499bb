// A server's job loop alone, in its own process, for the kill tests of e-mail delivery
// (mail-delivery-kill.test.ts): the test kills it with SIGKILL at a chosen moment.
// Mode `plain` sends as a server does; `stop-after-ack` stops dead once the receiver has
// acknowledged a message, before the outbox records it: the window a duplicate comes from.
import { loadConfig } from '../../src/config/config.js';
import { createDb } from '../../src/db/create-db.js';
import { createJobHandlers } from '../../src/jobs/create-job-handlers.js';
import { startJobRunner } from '../../src/jobs/start-job-runner.js';
import { type MailTransport, smtpTransport } from '../../src/mail/send-outbox.js';
import { systemClock } from '../../src/shared/clock.js';

const mode = process.argv[2] ?? 'plain';
const config = loadConfig();
if (!config.DATABASE_URL || !config.SMTP_URL) throw new Error('DATABASE_URL and SMTP_URL needed');
const db = await createDb({ databaseUrl: config.DATABASE_URL, migrate: false });
const smtp = smtpTransport(config.SMTP_URL);
const transport: MailTransport =
  mode === 'stop-after-ack'
    ? {
        sendMail: async (message) => {
          await smtp.sendMail(message);
          process.stdout.write('ACKNOWLEDGED\n');
          // Never returns: the process is as good as dead until the test kills it.
          await new Promise(() => undefined);
        },
      }
    : smtp;
startJobRunner({
  db,
  clock: systemClock,
  config,
  handlers: createJobHandlers(config, { transport }),
  pollMs: 100,
  onError: (error) => process.stderr.write(`job error: ${String(error)}\n`),
});
process.stdout.write('RUNNING\n');
