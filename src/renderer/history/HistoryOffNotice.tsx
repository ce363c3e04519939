import type { ReactNode } from 'react';

export const historyOffSentence =
  'History is off: sessions are not saved, and nothing said is kept on disk. Turn on Keep history in Settings to save them.';

/** Says, where words are shown, that they will not be kept (the setting "Keep history" is off). */
export function HistoryOffNotice(props: { keepHistory: boolean | null | undefined }): ReactNode {
  if (props.keepHistory !== false) return null;
  return (
    <p className="callout warning history-off" data-testid="history-off-notice">
      {historyOffSentence}
    </p>
  );
}
