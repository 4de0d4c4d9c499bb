/** A small padlock, drawn (an emoji lock is a blank box on a system without an emoji font). */
export function LockIcon() {
  return (
    <svg
      className="lock-icon"
      width="12"
      height="14"
      viewBox="0 0 12 14"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M3 6V4a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
    </svg>
  );
}
