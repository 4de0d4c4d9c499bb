import { createContext, type ReactNode, useContext } from 'react';

/**
 * The level of the headings inside a stage's figures. The prepare screen nests them under
 * a stage panel's h3 (so h4); the meeting shows one stage under the step's h2 (so h3).
 * Headings in order let a screen reader's outline follow the meeting.
 */
export const StageHeadingLevel = createContext<3 | 4>(4);

export function StageHeading({ children }: { children: ReactNode }) {
  const Tag = useContext(StageHeadingLevel) === 3 ? 'h3' : 'h4';
  return <Tag>{children}</Tag>;
}
