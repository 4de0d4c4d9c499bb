import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { SetupChecklist, SetupStep } from '../../../imports/get-setup-checklist.js';
import type { ImportKind } from '../../../imports/read/import-fields.js';
import { api } from '../../api/client.js';
import { QueryView } from '../../components/states.js';
import { acceptedFormats, templateHref } from './import-kinds.js';
import './admin-setup.css';

type Step = SetupChecklist['steps'][number];

interface StepText {
  title: string;
  why: string;
  /** What is there, for a step done or in progress. */
  count: (step: Step) => string;
  /** The file this step imports, if it is an import. */
  kind?: ImportKind;
  link?: { to: string; label: string };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const texts: Readonly<Record<SetupStep, StepText>> = {
  people: {
    title: 'People and teams',
    why: 'Who sells and who manages whom. The manager column may hold a name: teams are named after their manager unless a team column says otherwise.',
    count: (s) => `${plural(s.count, 'person', 'people')} in a managed team`,
    kind: 'people',
  },
  goals: {
    title: 'Goals',
    why: 'Targets per rep and period: what each 1:1 measures results against.',
    count: (s) => plural(s.count, 'goal'),
    kind: 'goals',
  },
  opportunities: {
    title: 'Opportunities',
    why: 'Open and closed deals with their stage, amount and close date, for bookings and pipeline.',
    count: (s) => plural(s.count, 'opportunity', 'opportunities'),
    kind: 'opportunities',
  },
  activities: {
    title: 'Activities',
    why: 'Calls, e-mails and meetings per rep, for the activity step of the 1:1.',
    count: (s) => plural(s.count, 'activity', 'activities'),
    kind: 'activities',
  },
  stages: {
    title: 'Stages and thresholds',
    why: "Check that the stages match your CRM's and set the thresholds the 1:1 decides with.",
    count: (s) => `saved ${plural(s.count, 'time')}`,
    link: { to: '/settings', label: 'Review stages and thresholds' },
  },
  invitations: {
    title: 'Invite the managers',
    why: 'Each manager and leader gets a link by e-mail to choose a password.',
    count: (s) => `${s.count} of ${plural(s.total ?? 0, 'manager')} invited or signed in`,
    link: { to: '/admin/people', label: 'Invite from People' },
  },
};

/** The admin's first steps with what is done, each with its upload, template and formats. */
export function SetupChecklistCard() {
  const checklist = useQuery({
    queryKey: ['setup-checklist'],
    queryFn: () => api<SetupChecklist>('GET', '/setup-checklist'),
  });
  return (
    <QueryView query={checklist} what="the first steps">
      {(data) => (
        <section className="card setup" aria-labelledby="setup-title">
          <div className="setup-head">
            <h2 id="setup-title">
              {data.done === data.steps.length ? 'Set up: all done' : 'Get started'}
            </h2>
            <span className="muted">
              {data.done} of {data.steps.length} done
            </span>
          </div>
          <progress
            className="setup-progress"
            max={data.steps.length}
            value={data.done}
            aria-label="Steps done"
          />
          <ol className="checklist">
            {data.steps.map((step, index) => (
              <StepItem key={step.step} step={step} number={index + 1} />
            ))}
          </ol>
        </section>
      )}
    </QueryView>
  );
}

function StepItem({ step, number }: { step: Step; number: number }) {
  const text = texts[step.step];
  const started = step.count > 0;
  return (
    <li className={step.done ? 'done' : 'todo'} aria-labelledby={`step-${step.step}`}>
      <span className="setup-step-mark" aria-hidden="true">
        {step.done ? '✓' : number}
      </span>
      <div className="setup-step-body">
        <div className="setup-step-title">
          <h3 id={`step-${step.step}`}>{text.title}</h3>
          <span className={`badge ${step.done ? 'pass' : ''}`}>
            {step.done ? 'Done' : 'To do'}
            <span className="visually-hidden">: {text.title}</span>
          </span>
          {started ? <span className="muted">{text.count(step)}</span> : null}
        </div>
        <p>{text.why}</p>
        <div className="setup-step-actions">
          {text.kind ? (
            <>
              <Link
                className={`button ${step.done ? '' : 'primary'}`}
                to={`/admin/imports?kind=${text.kind}`}
              >
                Upload {text.title.toLowerCase()}
              </Link>
              <a href={templateHref(text.kind)} download={`rudder-${text.kind}.csv`}>
                CSV template
              </a>
            </>
          ) : null}
          {text.link ? (
            <Link className={`button ${step.done ? '' : 'primary'}`} to={text.link.to}>
              {text.link.label}
            </Link>
          ) : null}
        </div>
        {text.kind ? <p className="accepts muted">Accepts {acceptedFormats(text.kind)}.</p> : null}
      </div>
    </li>
  );
}
