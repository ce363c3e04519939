import { useCallback, type CSSProperties, type ReactNode } from 'react';
import type { TranscriptSegment } from '../../shared/transcript';
import { LanguageChange } from './LanguageChange';
import { SpeakerLabel, type RenameSpeaker } from './SpeakerLabel';
import { speakerKeyOf } from '../../shared/speaker-labels';
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
  /** Names the person gave speakers in this session, by speaker key. */
  speakerNames?: Readonly<Record<string, string>>;
  /** Given where names can be changed: a speaker's label becomes a button that renames them. */
  onRenameSpeaker?: RenameSpeaker | undefined;
  /** Scrolls to this segment once it is there, and marks it (History opened at a search match). */
  scrollToSegmentId?: string | null;
}

const noNames: Readonly<Record<string, string>> = Object.freeze({});

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
  const { speakerNames = noNames, onRenameSpeaker } = props;
  const scrollToId = props.scrollToSegmentId ?? null;
  const scrollToIndex =
    scrollToId === null ? null : segments.findIndex((segment) => segment.id === scrollToId);
  const rowKey = useCallback((index: number) => segments[index]?.id ?? String(index), [segments]);
  const renderRow = useCallback(
    (index: number) => {
      const segment = segments[index]!;
      const previous = index > 0 ? segments[index - 1] : undefined;
      const speakerKey = speakerKeyOf(segment);
      const label = speakerKey !== null && (!previous || speakerKeyOf(previous) !== speakerKey);
      return (
        <p className="segment final" data-transcribed-later={segment.transcribedLater ? true : undefined}>
          {label && <SpeakerLabel segment={segment} names={speakerNames} onRename={onRenameSpeaker} />}
          <LanguageChange language={segment.language} previous={previous?.language} />
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
    [segments, speakerNames, onRenameSpeaker],
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
        scrollToIndex={scrollToIndex !== null && scrollToIndex >= 0 ? scrollToIndex : null}
      />
    </div>
  );
}
