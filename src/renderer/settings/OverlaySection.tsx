/** How the caption overlay looks: lines, text size, contrast, width and a see-through background. */
import type { ReactNode } from 'react';
import {
  overlayContrastLabels,
  overlayContrasts,
  overlayLimits,
  type OverlayContrast,
  type OverlayStyle,
} from '../../shared/overlay-style';
import type { FormSectionProps } from './form-fields';

function isContrast(value: string): value is OverlayContrast {
  return (overlayContrasts as readonly string[]).includes(value);
}

export function OverlaySection({ form, set }: FormSectionProps): ReactNode {
  const style = form.overlay;
  const change = (patch: Partial<OverlayStyle>): void => set('overlay', { ...style, ...patch });
  return (
    <section className="settings-section" aria-labelledby="overlay-heading">
      <h2 id="overlay-heading">Caption overlay</h2>
      <p className="help">
        A window of captions that stays on top of other apps. Open it with Show captions on the live screen or
        from the tray.
      </p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="overlay-lines">Lines shown</label>
          <select
            id="overlay-lines"
            data-testid="overlay-lines-select"
            value={style.lines}
            onChange={(event) => change({ lines: Number(event.target.value) })}
          >
            {[1, 2, 3, 4].map((lines) => (
              <option key={lines} value={lines}>
                {lines}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="overlay-contrast">Colours</label>
          <select
            id="overlay-contrast"
            data-testid="overlay-contrast-select"
            value={style.contrast}
            onChange={(event) => {
              if (isContrast(event.target.value)) change({ contrast: event.target.value });
            }}
          >
            {overlayContrasts.map((contrast) => (
              <option key={contrast} value={contrast}>
                {overlayContrastLabels[contrast]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="overlay-font-size">Text size: {style.fontSize} px</label>
        <input
          id="overlay-font-size"
          data-testid="overlay-font-size"
          type="range"
          min={overlayLimits.fontSize.min}
          max={overlayLimits.fontSize.max}
          step={2}
          value={style.fontSize}
          onChange={(event) => change({ fontSize: Number(event.target.value) })}
        />
      </div>
      <div className="field">
        <label htmlFor="overlay-width">Width when it opens: {style.widthPercent}% of the screen</label>
        <input
          id="overlay-width"
          data-testid="overlay-width"
          type="range"
          min={overlayLimits.widthPercent.min}
          max={overlayLimits.widthPercent.max}
          step={5}
          value={style.widthPercent}
          onChange={(event) => change({ widthPercent: Number(event.target.value) })}
        />
      </div>
      <div className="toggle">
        <input
          id="overlay-transparent"
          data-testid="overlay-transparent-toggle"
          type="checkbox"
          checked={style.transparent}
          onChange={(event) => change({ transparent: event.target.checked })}
        />
        <label htmlFor="overlay-transparent">See-through background (letters keep a dark outline)</label>
      </div>
    </section>
  );
}
