import type { ReactNode } from 'react';

/**
 * A wide table scrolling sideways inside its own box on a narrow screen, never the page.
 * Focusable and named, so a keyboard can scroll it too (WCAG 2.1.1): its cells hold no link.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard.
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
