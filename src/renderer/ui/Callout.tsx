/** A boxed sentence that stands out from what is around it: a problem, a warning, a note. */
import type { ReactNode } from 'react';

export function Callout(props: {
  kind: 'error' | 'warning' | 'ok' | 'intro';
  /** A problem is announced at once (alert) unless told otherwise; other kinds only when told. */
  role?: 'alert' | 'status';
  testId?: string;
  /** A sentence that may be absent: nothing is shown without it, so callers need no condition. */
  text?: string | null;
  /** Content with markup in it, shown under a condition the caller states. */
  children?: ReactNode;
}): ReactNode {
  const { kind, role = kind === 'error' ? 'alert' : undefined, testId, text, children } = props;
  if (!text && children === undefined) return null;
  return (
    <p className={`callout ${kind}`} role={role} data-testid={testId}>
      {text ?? children}
    </p>
  );
}
