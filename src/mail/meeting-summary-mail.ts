import type { Stage } from '../core/agenda-schema.js';
import { escapeHtml, formatWhen, htmlDocument, htmlList } from './mail-html.js';
import type { MailMessage } from './queue-mail.js';

export interface MeetingSummary {
  orgId: string;
  to: string[];
  repName: string;
  managerName: string;
  heldAt: string;
  locale: string;
  timeZone: string;
  stage: Stage | null;
  reasons: readonly string[];
  /** Shared notes only: private notes belong to their author and never leave the app. */
  sharedNotes: ReadonlyArray<{ section: string; body: string }>;
  commitments: ReadonlyArray<{ ownerRole: 'rep' | 'manager'; text: string; dueOn: string }>;
  reviewed: ReadonlyArray<{
    ownerRole: 'rep' | 'manager';
    text: string;
    status: 'kept' | 'not_kept';
  }>;
  nextMeetingAt: string | null;
  meetingUrl: string | null;
}

const stageWords: Record<Stage, string> = {
  results: 'results review',
  pipeline: 'pipeline review',
  activity: 'activity review',
};

/** The summary the rep receives after the 1:1: what was decided, both sides' commitments. */
export function meetingSummaryMail(s: MeetingSummary): MailMessage {
  const when = formatWhen(s.heldAt, s);
  const stage = s.stage ? stageWords[s.stage] : 'no stage recorded';
  const repCommitments = s.commitments.filter((c) => c.ownerRole === 'rep');
  const managerCommitments = s.commitments.filter((c) => c.ownerRole === 'manager');
  const whose = (role: 'rep' | 'manager') => (role === 'rep' ? s.repName : s.managerName);
  const reviewedLine = (r: MeetingSummary['reviewed'][number]) =>
    `${r.status === 'kept' ? 'Kept' : 'Not kept'} (${whose(r.ownerRole)}): ${r.text}`;
  const next = s.nextMeetingAt ? formatWhen(s.nextMeetingAt, s) : null;

  const text = [
    `Summary of your 1:1 with ${s.managerName} on ${when}.`,
    '',
    `Stage reached: ${stage}.`,
    ...s.reasons.map((r) => `- ${r}`),
    '',
    'Notes:',
    ...(s.sharedNotes.length ? s.sharedNotes.map((n) => `- [${n.section}] ${n.body}`) : ['- none']),
    '',
    `Your commitments (${s.repName}):`,
    ...(repCommitments.length
      ? repCommitments.map((c) => `- ${c.text} (due ${c.dueOn})`)
      : ['- none']),
    '',
    `${s.managerName}'s commitments to you:`,
    ...(managerCommitments.length
      ? managerCommitments.map((c) => `- ${c.text} (due ${c.dueOn})`)
      : ['- none']),
    ...(s.reviewed.length
      ? ['', 'Reviewed from earlier 1:1s:', ...s.reviewed.map((r) => `- ${reviewedLine(r)}`)]
      : []),
    ...(next ? ['', `Next 1:1: ${next}.`] : []),
    ...(s.meetingUrl ? ['', s.meetingUrl] : []),
    '',
  ].join('\n');

  const commitmentItems = (list: MeetingSummary['commitments']) =>
    list.length
      ? htmlList(
          list.map((c) => `${escapeHtml(c.text)} <small>(due ${escapeHtml(c.dueOn)})</small>`),
        )
      : '<p>None.</p>';
  const html = htmlDocument(
    '1:1 summary',
    [
      `<h1 style="font-size:20px">Your 1:1 with ${escapeHtml(s.managerName)}</h1>`,
      `<p>${escapeHtml(when)}</p>`,
      `<h2 style="font-size:16px">Stage reached: ${escapeHtml(stage)}</h2>`,
      htmlList(s.reasons.map(escapeHtml)),
      '<h2 style="font-size:16px">Notes</h2>',
      s.sharedNotes.length
        ? htmlList(
            s.sharedNotes.map(
              (n) => `<strong>${escapeHtml(n.section)}</strong>: ${escapeHtml(n.body)}`,
            ),
          )
        : '<p>None.</p>',
      `<h2 style="font-size:16px">Your commitments</h2>`,
      commitmentItems(repCommitments),
      `<h2 style="font-size:16px">${escapeHtml(s.managerName)}'s commitments to you</h2>`,
      commitmentItems(managerCommitments),
      s.reviewed.length
        ? `<h2 style="font-size:16px">Reviewed from earlier 1:1s</h2>${htmlList(s.reviewed.map((r) => escapeHtml(reviewedLine(r))))}`
        : '',
      next ? `<p>Next 1:1: ${escapeHtml(next)}.</p>` : '',
      s.meetingUrl ? `<p><a href="${escapeHtml(s.meetingUrl)}">Open the 1:1 in Rudder</a></p>` : '',
    ].join('\n'),
  );
  return {
    orgId: s.orgId,
    to: s.to,
    subject: `Summary of your 1:1 with ${s.managerName}`,
    text,
    html,
  };
}
