import { useEffect, useState, type ReactNode } from 'react';
import { formatDuration } from '../ui/format-duration';

/** Time since the session started, ticking while it runs. */
export function ElapsedTime(props: { since: number | null; running: boolean }): ReactNode {
  const { since, running } = props;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [running]);
  const text = since === null ? '0:00' : formatDuration((now - since) / 1000);
  return (
    <span className="elapsed" data-testid="elapsed" aria-label={`Elapsed time ${text}`}>
      <time>{text}</time>
    </span>
  );
}
