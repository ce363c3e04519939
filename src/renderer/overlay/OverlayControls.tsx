/** The overlay's strip of controls: click-through, lines, text size, hide. Shown on hover and on keyboard focus. */
import type { ReactNode } from 'react';
import type { OverlayAdjustment, OverlayView } from '../../shared/overlay-contract';
import { overlayLimits } from '../../shared/overlay-style';

type Adjustable = keyof OverlayAdjustment;

/** A step down or up: its test id, its accessible name and what the button shows. */
type StepButton = readonly [testId: string, name: string, face: string];

/** The style's numbers the strip adjusts: each a group of − and + buttons, a step at a time within its limits. */
const steppers: readonly {
  field: Adjustable;
  step: number;
  group: string;
  down: StepButton;
  up: StepButton;
  /** What is shown between the buttons (the group's name says it to assistive technology). */
  shown?: (value: number) => string;
}[] = [
  {
    field: 'lines',
    step: 1,
    group: 'Lines',
    down: ['overlay-fewer-lines', 'Fewer lines', '−'],
    up: ['overlay-more-lines', 'More lines', '+'],
    shown: (lines) => `${lines} ${lines === 1 ? 'line' : 'lines'}`,
  },
  {
    field: 'fontSize',
    step: 4,
    group: 'Text size',
    down: ['overlay-smaller-text', 'Smaller text', 'A−'],
    up: ['overlay-larger-text', 'Larger text', 'A+'],
  },
];

function stepButton([testId, name, face]: StepButton, disabled: boolean, onClick: () => void): ReactNode {
  return (
    <button type="button" data-testid={testId} aria-label={name} disabled={disabled} onClick={onClick}>
      {face}
    </button>
  );
}

export function OverlayControls(props: {
  view: OverlayView;
  onClickThrough(enabled: boolean): void;
  onAdjust(adjustment: OverlayAdjustment): void;
  onHide(): void;
}): ReactNode {
  const { view, onClickThrough, onAdjust, onHide } = props;
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
      {steppers.map(({ field, step, group, down, up, shown }) => {
        const value = view.style[field];
        const { min, max } = overlayLimits[field];
        return (
          <span key={field} className="overlay-control-group" role="group" aria-label={`${group}: ${value}`}>
            {stepButton(down, value <= min, () => onAdjust({ [field]: Math.max(min, value - step) }))}
            {shown && (
              <span aria-hidden="true" data-testid={`overlay-${field}`}>
                {shown(value)}
              </span>
            )}
            {stepButton(up, value >= max, () => onAdjust({ [field]: Math.min(max, value + step) }))}
          </span>
        );
      })}
      <button type="button" data-testid="overlay-hide" aria-label="Hide captions" onClick={onHide}>
        ✕
      </button>
    </div>
  );
}
