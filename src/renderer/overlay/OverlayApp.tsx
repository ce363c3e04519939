/**
 * The caption overlay: the newest words at the bottom, as many lines as chosen, interim words
 * apart from finals (italic and dimmer, not by colour alone), a speaker's label where the
 * speaker changes, the language where it changes. It talks to main only through
 * window.earshotOverlay.
 */
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { OverlayAdjustment, OverlayBridge, OverlayView } from '../../shared/overlay-contract';
import type { SessionPhase } from '../../shared/session-state';
import { speakerKeyOf } from '../../shared/speaker-labels';
import type { TranscriptSegment } from '../../shared/transcript';
import { LanguageChange } from '../ui/LanguageChange';
import { SpeakerLabel } from '../ui/SpeakerLabel';
import { noCaptions, startsNewSession, withSegment, type Captions } from './caption-model';
import { OverlayControls } from './OverlayControls';

interface Block {
  key: string;
  segments: TranscriptSegment[];
}

/** Consecutive segments of one speaker make one paragraph; the interim joins the last if it is theirs. */
function blocksOf(captions: Captions): Block[] {
  const all = captions.interim ? [...captions.finals, captions.interim] : [...captions.finals];
  const blocks: Block[] = [];
  for (const segment of all) {
    const last = blocks.at(-1);
    if (last && speakerKeyOf(last.segments[0]!) === speakerKeyOf(segment)) last.segments.push(segment);
    else blocks.push({ key: segment.id, segments: [segment] });
  }
  return blocks;
}

const idleText: Partial<Record<SessionPhase, string>> = {
  idle: 'Captions appear here when Earshot is listening.',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost, reconnecting…',
  paused: 'Paused.',
  error: 'Earshot stopped listening; open Earshot to see why.',
};

export function OverlayApp({ bridge }: { bridge: OverlayBridge }): ReactNode {
  const [view, setView] = useState<OverlayView | null>(null);
  const [captions, setCaptions] = useState<Captions>(noCaptions);
  const [phase, setPhase] = useState<SessionPhase>('idle');
  const phaseNow = useRef<SessionPhase>('idle');

  useEffect(() => {
    const unsubscribes = [
      bridge.onOverlayView(setView),
      bridge.onCaption(({ segment }) => setCaptions((current) => withSegment(current, segment))),
      bridge.onSessionPhase((next) => {
        if (startsNewSession(phaseNow.current, next)) setCaptions(noCaptions);
        phaseNow.current = next;
        setPhase(next);
      }),
    ];
    void bridge.getOverlayView().then((result) => {
      if (result.ok) setView(result.value);
    });
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }, [bridge]);

  if (!view) return null;
  const answer = (result: Promise<{ ok: boolean }>): void => void result;
  const adjust = (adjustment: OverlayAdjustment): void => answer(bridge.adjustOverlay(adjustment));
  const { style } = view;
  const blocks = blocksOf(captions);
  const layout = {
    '--caption-font-size': `${style.fontSize}px`,
    '--caption-lines': String(style.lines),
  } as CSSProperties;

  return (
    <main
      className="overlay"
      data-testid="overlay"
      data-contrast={style.contrast}
      data-transparent={style.transparent}
      data-click-through={view.clickThrough}
      style={layout}
    >
      <h1 className="visually-hidden">Earshot captions</h1>
      {view.clickThrough ? (
        <p className="overlay-click-through-note" data-testid="overlay-click-through-note">
          Click-through{view.clickThroughShortcut ? `: ${view.clickThroughShortcut} turns it off` : ''}
        </p>
      ) : (
        <OverlayControls
          view={view}
          onClickThrough={(enabled) => answer(bridge.setClickThrough({ enabled }))}
          onAdjust={adjust}
          onHide={() => answer(bridge.hideOverlay())}
        />
      )}
      <div className="overlay-captions" data-testid="overlay-captions" aria-label="Captions">
        <div className="overlay-flow">
          {blocks.length === 0 && <p className="overlay-idle">{idleText[phase] ?? ''}</p>}
          {blocks.map((block, index) => {
            const previousBlock = blocks[index - 1];
            const previousLanguage = previousBlock?.segments.at(-1)?.language;
            return (
              <p key={block.key} className="overlay-block">
                <SpeakerLabel segment={block.segments[0]!} names={view.speakerNames} />
                {block.segments.map((segment, position) => (
                  <span
                    key={segment.id}
                    className={segment.isFinal ? 'overlay-final' : 'overlay-interim'}
                    data-testid={segment.isFinal ? 'overlay-final' : 'overlay-interim'}
                  >
                    <LanguageChange
                      language={segment.language}
                      previous={position > 0 ? block.segments[position - 1]?.language : previousLanguage}
                    />
                    {segment.text}{' '}
                  </span>
                ))}
              </p>
            );
          })}
        </div>
      </div>
    </main>
  );
}
