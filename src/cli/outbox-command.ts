import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { sendOutbox, smtpTransport } from '../mail/send-outbox.js';
import { AppError } from '../shared/app-error.js';
import { systemClock } from '../shared/clock.js';
import { findOrg } from './find-org.js';
import { withDb } from './open-db.js';

/**
 * `rudder outbox`: the e-mail Rudder has queued. Without SMTP configured this is the
 * development mailbox: invitations, reminders and summaries are read here.
 */
export function outboxCommand(): Command {
  return new Command('outbox')
    .description('List queued e-mail (the mailbox when SMTP_URL is not set); --show prints one.')
    .option('--unsent', 'only messages not sent yet')
    .option('--show <id>', 'print the plain-text part of one message')
    .option('--send', 'send the unsent messages now over SMTP_URL')
    .option('--limit <n>', 'how many, newest first', '20')
    .option('--json', 'print JSON')
    .option('--org <slug>', 'organization (default: the only one)')
    .action(
      async (options: {
        unsent?: boolean;
        show?: string;
        send?: boolean;
        limit: string;
        json?: boolean;
        org?: string;
      }) => {
        const config = loadConfig();
        const output = await withDb(config, async (db) => {
          if (options.send) {
            if (!config.SMTP_URL) throw new AppError('CONFIG_INVALID', 'SMTP_URL is not set.');
            const transport = smtpTransport(config.SMTP_URL);
            try {
              const sent = await sendOutbox(db, {
                transport,
                from: config.MAIL_FROM,
                clock: systemClock,
              });
              return `Sent ${sent} message(s).`;
            } finally {
              transport.close();
            }
          }
          const { id: orgId } = await findOrg(db, options.org);
          const rows = await db.query<{
            id: string;
            to: string[];
            subject: string;
            text: string;
            createdAt: string;
            sentAt: string | null;
          }>(
            `select id, "to", subject, text, created_at as "createdAt", sent_at as "sentAt"
               from outbox_message
              where org_id = $1 and ($2::uuid is null or id = $2::uuid)
                and (not $3 or sent_at is null)
              order by created_at desc, id limit $4`,
            [orgId, options.show ?? null, options.unsent ?? false, Number(options.limit) || 20],
          );
          if (options.show) {
            const [message] = rows;
            if (!message) throw new AppError('NOT_FOUND', `No message ${options.show}.`);
            return options.json
              ? JSON.stringify(message, null, 2)
              : `To: ${message.to.join(', ')}\nSubject: ${message.subject}\n\n${message.text}`;
          }
          if (options.json)
            return JSON.stringify(
              rows.map(({ text: _t, ...r }) => r),
              null,
              2,
            );
          if (rows.length === 0) return 'The outbox is empty.';
          return rows
            .map(
              (r) =>
                `${r.createdAt.slice(0, 16).replace('T', ' ')}Z ${r.sentAt ? 'sent  ' : 'queued'} ` +
                `${r.id}  ${r.to.join(', ')}  ${r.subject}`,
            )
            .join('\n');
        });
        process.stdout.write(`${output}\n`);
      },
    );
}
