import type { Check } from '../../api/types.js';
import { type Formatters, useFormat } from '../../components/format.js';
import { unreachable } from '../../components/unreachable.js';

/** A check's number in its unit: 72%, 1.4×, 6, 3rd, $12,000, 30 days. */
export function formatCheckValue(f: Formatters, unit: Check['unit'], value: number | null): string {
  switch (unit) {
    case 'ratio':
      return f.percent(value);
    case 'times':
      return f.times(value);
    case 'count':
    case 'rank':
      return f.number(value);
    case 'money':
      return f.money(value);
    case 'days':
      return value === null ? '—' : `${f.number(value)} days`;
    default:
      return unreachable(unit);
  }
}

/** Every check of a verdict: its value, threshold and pass/fail, with the reason in words. */
export function CheckList({ checks, caption }: { checks: readonly Check[]; caption: string }) {
  const f = useFormat();
  if (checks.length === 0) return null;
  return (
    <table className="checks">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col" className="num">
            Value
          </th>
          <th scope="col" className="num">
            Threshold
          </th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((check) => (
          <tr key={check.name}>
            <th scope="row">
              {check.label}
              <span className="detail">{check.detail}</span>
            </th>
            <td className="num">{formatCheckValue(f, check.unit, check.value)}</td>
            <td className="num">{formatCheckValue(f, check.unit, check.threshold)}</td>
            <td>
              <span className={check.passed ? 'badge pass' : 'badge fail'}>
                {check.passed ? 'Pass' : 'Fail'}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
