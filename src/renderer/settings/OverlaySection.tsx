/** How the caption overlay looks: lines, text size, contrast, width and a see-through background. */
import type { ReactNode } from 'react';
import {
  overlayContrastLabels,
  overlayContrasts,
  overlayLimits,
  type OverlayStyle,
} from '../../shared/overlay-style';
import { SelectField } from './choice-fields';
import { Toggle, type FormSectionProps } from './form-fields';
import type { SelectList } from './select-settings';

type Change = (patch: Partial<OverlayStyle>) => void;

/** A part of the style chosen from a list; the list's test id is `${id}-select`. */
interface StyleList<F extends 'lines' | 'contrast'> extends SelectList<OverlayStyle[F]> {
  field: F;
  label: string;
}

const { min: fewestLines, max: mostLines } = overlayLimits.lines;
const linesList: StyleList<'lines'> = {
  field: 'lines',
  id: 'overlay-lines',
  label: 'Lines shown',
  options: Array.from({ length: mostLines - fewestLines + 1 }, (_, index) => {
    const lines = fewestLines + index;
    return { value: lines, label: String(lines) };
  }),
};
const contrastList: StyleList<'contrast'> = {
  field: 'contrast',
  id: 'overlay-contrast',
  label: 'Colours',
  options: overlayContrasts.map((contrast) => ({ value: contrast, label: overlayContrastLabels[contrast] })),
};

function StyleSelect<F extends 'lines' | 'contrast'>(props: {
  list: StyleList<F>;
  style: OverlayStyle;
  change: Change;
}): ReactNode {
  const { list, style, change } = props;
  const patch = (value: OverlayStyle[F]): Partial<OverlayStyle> => ({ [list.field]: value });
  return (
    <SelectField
      {...list}
      testId={`${list.id}-select`}
      value={style[list.field]}
      onChange={(value) => change(patch(value))}
    />
  );
}

/** A part of the style set with a slider between its limits; the label shows the value. */
const styleSliders = [
  { field: 'fontSize', id: 'overlay-font-size', step: 2, label: (px: number) => `Text size: ${px} px` },
  {
    field: 'widthPercent',
    id: 'overlay-width',
    step: 5,
    label: (percent: number) => `Width when it opens: ${percent}% of the screen`,
  },
] as const;

export function OverlaySection({ form, set }: FormSectionProps): ReactNode {
  const style = form.overlay;
  const change: Change = (patch) => set('overlay', { ...style, ...patch });
  return (
    <section className="settings-section" aria-labelledby="overlay-heading">
      <h2 id="overlay-heading">Caption overlay</h2>
      <p className="help">
        A window of captions that stays on top of other apps. Open it with Show captions on the live screen or
        from the tray.
      </p>
      <div className="field-row">
        <StyleSelect list={linesList} style={style} change={change} />
        <StyleSelect list={contrastList} style={style} change={change} />
      </div>
      {styleSliders.map(({ field, id, step, label }) => (
        <div className="field" key={field}>
          <label htmlFor={id}>{label(style[field])}</label>
          <input
            id={id}
            data-testid={id}
            type="range"
            min={overlayLimits[field].min}
            max={overlayLimits[field].max}
            step={step}
            value={style[field]}
            onChange={(event) => change({ [field]: Number(event.target.value) })}
          />
        </div>
      ))}
      <Toggle
        id="overlay-transparent"
        checked={style.transparent}
        onChange={(transparent) => change({ transparent })}
        label="See-through background (letters keep a dark outline)"
      />
    </section>
  );
}
