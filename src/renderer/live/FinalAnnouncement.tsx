import { useSyncExternalStore, type ReactNode } from 'react';
import type { FinalAnnouncements } from '../../shared/accessibility-settings';
import type { FinalAnnouncer } from './final-announcer';

/**
 * The visually hidden live region a screen reader reads final words from, as chatty as the
 * "Screen reader announcements" setting asks. Off leaves it in place and empty.
 */
export function FinalAnnouncement(props: {
  mode: FinalAnnouncements;
  /** The transcript model's newest final segment. */
  latestFinal: string;
  announcer: FinalAnnouncer;
}): ReactNode {
  const { mode, latestFinal, announcer } = props;
  const atPause = useSyncExternalStore(announcer.subscribe, announcer.getSnapshot);
  const text = mode === 'every-final' ? latestFinal : mode === 'at-pauses' ? atPause.text : '';
  return (
    <div
      className="visually-hidden"
      aria-live="polite"
      aria-atomic="true"
      data-testid="final-announcer"
      data-announcements={mode}
    >
      {text}
    </div>
  );
}
