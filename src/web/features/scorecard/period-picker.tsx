import { useId } from 'react';
import { useSession } from '../../app/session.js';
import { useFormat } from '../../components/format.js';
import { addMonths, reviewMonths } from '../../components/today.js';

/** The month keys a scorecard can show: the one in progress, then the twelve before it. */
export function periodChoices(timeZone: string): string[] {
  const { current } = reviewMonths(timeZone);
  return Array.from({ length: 13 }, (_, i) => addMonths(current, -i));
}

/** Choose the scorecard's month; the last complete month is the default, not the one running. */
export function PeriodPicker({
  value,
  onChange,
}: {
  value: string;
  onChange: (period: string) => void;
}) {
  const { org } = useSession();
  const f = useFormat();
  const { current } = reviewMonths(org.timeZone);
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>Month</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {periodChoices(org.timeZone).map((key) => (
          <option key={key} value={key}>
            {f.month(key)}
            {key === current ? ' (in progress)' : ''}
          </option>
        ))}
      </select>
    </span>
  );
}
