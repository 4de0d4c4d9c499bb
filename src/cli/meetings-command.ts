import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { listMeetingsDue } from '../meetings/list-meetings-due.js';
import { listUpcomingMeetings } from '../meetings/list-upcoming-meetings.js';
import { systemClock } from '../shared/clock.js';
import { findOrg } from './find-org.js';
import { withDb } from './open-db.js';

/** `rudder meetings`: the 1:1s of the coming 30 days, or with --due who is due or overdue. */
export function meetingsCommand(): Command {
  return new Command('meetings')
    .description('List the scheduled 1:1s of the coming 30 days, or (--due) the reps due a 1:1.')
    .option('--due', 'list the reps due or overdue a 1:1 instead')
    .option('--json', 'print JSON')
    .option('--org <slug>', 'organization (default: the only one)')
    .action(async (options: { due?: boolean; json?: boolean; org?: string }) => {
      const now = systemClock.now();
      const output = await withDb(loadConfig(), async (db) => {
        const { id: orgId } = await findOrg(db, options.org);
        if (options.due) {
          const due = await listMeetingsDue(db, { orgId, now });
          if (options.json) return JSON.stringify(due, null, 2);
          if (due.length === 0) return 'Every rep has a 1:1 scheduled in time.';
          return due
            .map(
              (d) =>
                `${d.state.padEnd(8)} ${d.repName.padEnd(24)} ${d.managerName.padEnd(20)} ` +
                `${d.dueOn ? `due ${d.dueOn}` : 'never met'}${d.daysOverdue ? ` (${d.daysOverdue} days late)` : ''}`,
            )
            .join('\n');
        }
        const upcoming = await listUpcomingMeetings(db, { orgId, now });
        if (options.json) return JSON.stringify(upcoming, null, 2);
        if (upcoming.length === 0) return 'No 1:1 scheduled in the coming 30 days.';
        return upcoming
          .map(
            (m) =>
              `${m.scheduledAt.slice(0, 16).replace('T', ' ')}Z  ${String(m.durationMinutes).padStart(3)} min  ` +
              `${m.repName} / ${m.managerName}`,
          )
          .join('\n');
      });
      process.stdout.write(`${output}\n`);
    });
}
