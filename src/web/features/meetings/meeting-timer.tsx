import { useEffect, useState } from 'react';

/** Time spent against the planned duration: it stays an accountability meeting. */
export function MeetingTimer({ startedAt, minutes }: { startedAt: number; minutes: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  const seconds = Math.max(0, Math.floor((now - startedAt) / 1000));
  const planned = minutes * 60;
  const share = seconds / planned;
  const state = share > 1 ? 'over' : share > 0.8 ? 'late' : 'ok';
  const mmss = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <div
      className={`timer timer-${state}`}
      role="timer"
      aria-label={`${mmss} of ${minutes} minutes`}
    >
      <span className="timer-text">
        {mmss} <span className="muted">/ {minutes} min</span>
      </span>
      <span className="timer-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, share * 100)}%` }} />
      </span>
      {state === 'over' ? <span className="timer-note">over time</span> : null}
    </div>
  );
}
