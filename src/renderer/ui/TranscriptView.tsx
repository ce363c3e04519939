import { useCallback, type CSSProperties, type ReactNode } from 'react';
import type { TranscriptSegment } from '../../shared/transcript';
import { speakerLabel } from './transcript-text';
import { VirtualRows } from './VirtualRows';

interface TranscriptViewProps {
  segments: readonly TranscriptSegment[];
  version: number;
  interim: TranscriptSegment | null;
  textSize: number;
  followNewest: boolean;
  label: string;
  emptyText: string;
  /** Prefix for the test ids, so the live view (kept mounted) and History never share one. */
  testIdPrefix?: string;
}

/** Says it in words, not colour alone; read after the segment's own words, which end a sentence. */
function TranscribedLaterTag(): ReactNode {
  return (
    <span className="later-tag" data-testid="transcribed-later-tag">
      transcribed later
    </span>
  );
}

/** Final segments as rows (speaker shown when it changes), the interim one after them. */
export function TranscriptView(props: TranscriptViewProps): ReactNode {
  const { segments, version, interim, textSize, followNewest, label, emptyText, testIdPrefix = '' } = props;
  const rowKey = useCallback((index: number) => segments[index]?.id ?? String(index), [segments]);
  const renderRow = useCallback(
    (index: number) => {
      const segment = segments[index]!;
      const previous = index > 0 ? segments[index - 1] : undefined;
      const label = segment.speaker !== null && previous?.speaker !== segment.speaker;
      return (
        <p className="segment final" data-transcribed-later={segment.transcribedLater ? true : undefined}>
          {label && <span className="speaker">{speakerLabel(segment.speaker)}: </span>}
          {segment.text}
          {segment.transcribedLater && (
            <>
              {' '}
              <TranscribedLaterTag />
            </>
          )}
        </p>
      );
    },
    [segments],
  );

  const footer = (
    <>
      {segments.length === 0 && !interim && <p className="transcript-empty">{emptyText}</p>}
      <p className="segment interim" data-testid={`${testIdPrefix}interim-text`} aria-hidden="true">
        {interim?.text ?? ''}
      </p>
    </>
  );

  return (
    <div className="transcript" style={{ '--caption-size': `${textSize}px` } as CSSProperties}>
      <VirtualRows
        count={segments.length}
        version={version}
        rowKey={rowKey}
        renderRow={renderRow}
        footer={footer}
        layoutKey={textSize}
        followNewest={followNewest}
        rowsTestId={`${testIdPrefix}final-text`}
        label={label}
      />
    </div>
  );
}
