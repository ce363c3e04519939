/** The overlay's strip of controls: click-through, lines, text size, hide. Shown on hover and on keyboard focus. */
import type { ReactNode } from 'react';
import type { OverlayAdjustment, OverlayView } from '../../shared/overlay-contract';
import { overlayLimits } from '../../shared/overlay-style';

const fontStep = 4;

export function OverlayControls(props: {
  view: OverlayView;
  onClickThrough(enabled: boolean): void;
  onAdjust(adjustment: OverlayAdjustment): void;
  onHide(): void;
}): ReactNode {
  const { view, onClickThrough, onAdjust, onHide } = props;
  const { lines, fontSize } = view.style;
  const shortcut = view.clickThroughShortcut;
  return (
    <div className="overlay-controls" role="toolbar" aria-label="Caption controls">
      <button
        type="button"
        data-testid="overlay-click-through"
        aria-pressed={view.clickThrough}
        title={shortcut ? `Clicks pass through the captions; ${shortcut} turns this off` : undefined}
        onClick={() => onClickThrough(!view.clickThrough)}
      >
        Click-through
      </button>
      <span className="overlay-control-group" role="group" aria-label={`Lines: ${lines}`}>
        <button
          type="button"
          data-testid="overlay-fewer-lines"
          aria-label="Fewer lines"
          disabled={lines <= overlayLimits.lines.min}
          onClick={() => onAdjust({ lines: lines - 1 })}
        >
          −
        </button>
        <span aria-hidden="true" data-testid="overlay-lines">
          {lines} {lines === 1 ? 'line' : 'lines'}
        </span>
        <button
          type="button"
          data-testid="overlay-more-lines"
          aria-label="More lines"
          disabled={lines >= overlayLimits.lines.max}
          onClick={() => onAdjust({ lines: lines + 1 })}
        >
          +
        </button>
      </span>
      <span className="overlay-control-group" role="group" aria-label={`Text size: ${fontSize}`}>
        <button
          type="button"
          data-testid="overlay-smaller-text"
          aria-label="Smaller text"
          disabled={fontSize <= overlayLimits.fontSize.min}
          onClick={() => onAdjust({ fontSize: Math.max(overlayLimits.fontSize.min, fontSize - fontStep) })}
        >
          A−
        </button>
        <button
          type="button"
          data-testid="overlay-larger-text"
          aria-label="Larger text"
          disabled={fontSize >= overlayLimits.fontSize.max}
          onClick={() => onAdjust({ fontSize: Math.min(overlayLimits.fontSize.max, fontSize + fontStep) })}
        >
          A+
        </button>
      </span>
      <button type="button" data-testid="overlay-hide" aria-label="Hide captions" onClick={onHide}>
        ✕
      </button>
    </div>
  );
}
