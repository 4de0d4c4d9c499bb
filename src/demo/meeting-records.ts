import type { Day } from '../core/facts.js';
import { addDays } from './demo-calendar.js';
import type { DemoContext } from './demo-context.js';
import type { DemoRows } from './demo-rows.js';
import type { ProgressionStage, RepProfile } from './profiles.js';
import { demoId, type Random } from './random.js';

export interface HeldMeeting {
  id: string;
  day: Day;
  heldAt: string;
  stage: ProgressionStage;
}

const sharedNotes: Record<ProgressionStage, string> = {
  results: 'On plan. Short meeting: the pipeline check says the momentum should continue.',
  pipeline:
    'Behind plan, so we went through coverage, the deals added and advanced since last time.',
  activity:
    'Behind with a thin pipeline: reviewed calls, meetings and new leads against the targets.',
};

const repCommitments: Record<ProgressionStage, readonly string[]> = {
  results: [
    'Send the account plan for the top three renewals',
    'Mentor the new hire on discovery calls',
  ],
  pipeline: [
    'Add four qualified opportunities before the next 1:1',
    'Confirm close dates on every Negotiation deal',
  ],
  activity: [
    'Block two hours of calls every morning',
    'Contact 15 new leads from the marketing list',
  ],
};

const managerCommitments = [
  'Get pricing approval for the largest proposal',
  'Introduce you to the partner team',
  'Join the executive call next week',
  'Review the proposal template together',
] as const;

/**
 * Notes and two-way commitments: those made at the meeting before last were reviewed
 * (kept or not) at the last one; those made at the last meeting are open and due soon.
 */
export function addMeetingRecord(options: {
  ctx: DemoContext;
  rows: DemoRows;
  rep: RepProfile;
  managerKey: string;
  held: readonly HeldMeeting[];
  random: Random;
}): void {
  const { ctx, rows, rep, managerKey, held, random } = options;
  const managerId = ctx.personId(managerKey);
  const repId = ctx.personId(rep.key);
  for (const meeting of held) {
    const note = (
      author: string,
      visibility: 'shared' | 'private',
      section: string,
      body: string,
    ) =>
      rows.meeting_note.push({
        org_id: ctx.orgId,
        id: demoId(`note:${meeting.id}:${visibility}`),
        meeting_id: meeting.id,
        author_id: author,
        section,
        visibility,
        body,
        created_at: meeting.heldAt,
        updated_at: meeting.heldAt,
      });
    note(managerId, 'shared', meeting.stage, sharedNotes[meeting.stage]);
    // One private note: only its author ever reads it, not the rep, not the leader.
    if (rep.profile === 'behind-healthy-pipeline' && meeting === held.at(-1)) {
      note(
        managerId,
        'private',
        'general',
        'Seems stretched across too many early deals; ask about workload next time.',
      );
    }
  }

  const last = held.at(-1);
  const before = held.at(-2);
  const commitment = (o: {
    meeting: HeldMeeting;
    key: string;
    ownerRole: 'rep' | 'manager';
    text: string;
    dueOn: Day;
    status: 'open' | 'kept' | 'not_kept';
    reviewed: HeldMeeting | null;
  }) =>
    rows.commitment.push({
      org_id: ctx.orgId,
      id: demoId(`commitment:${o.meeting.id}:${o.key}`),
      meeting_id: o.meeting.id,
      owner_id: o.ownerRole === 'rep' ? repId : managerId,
      owner_role: o.ownerRole,
      rep_id: repId,
      text: o.text,
      due_on: o.dueOn,
      status: o.status,
      reviewed_in_meeting_id: o.reviewed?.id ?? null,
      reviewed_at: o.reviewed?.heldAt ?? null,
      created_at: o.meeting.heldAt,
    });
  if (before && last) {
    const repKept = rep.expectedStage !== 'activity' && random.chance(0.75);
    commitment({
      meeting: before,
      key: 'rep',
      ownerRole: 'rep',
      text: random.pick(repCommitments[before.stage]),
      dueOn: addDays(before.day, 14),
      status: repKept ? 'kept' : 'not_kept',
      reviewed: last,
    });
    // Managers keep most of their promises; one on the West team slipped.
    const managerKept = !(managerKey === 'manager2' && rep.cadence === 'overdue');
    commitment({
      meeting: before,
      key: 'manager',
      ownerRole: 'manager',
      text: random.pick(managerCommitments),
      dueOn: addDays(before.day, 7),
      status: managerKept ? 'kept' : 'not_kept',
      reviewed: last,
    });
  }
  if (last) {
    const today = ctx.calendar.today;
    // The overdue rep's open commitment is already past due: nobody met to review it.
    const repDue =
      rep.cadence === 'overdue' ? addDays(today, -5) : addDays(today, random.int(3, 10));
    commitment({
      meeting: last,
      key: 'rep',
      ownerRole: 'rep',
      text: random.pick(repCommitments[last.stage]),
      dueOn: repDue,
      status: 'open',
      reviewed: null,
    });
    commitment({
      meeting: last,
      key: 'manager',
      ownerRole: 'manager',
      text: random.pick(managerCommitments),
      dueOn: addDays(today, random.int(1, 7)),
      status: 'open',
      reviewed: null,
    });
  }
}
