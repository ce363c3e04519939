import type { ReactNode } from 'react';

export const textSizes = [16, 18, 20, 24, 28, 34, 40] as const;
export const defaultTextSize = 24;

export function TextSizeControl(props: { size: number; onChange(size: number): void }): ReactNode {
  const { size, onChange } = props;
  const index = Math.max(
    0,
    textSizes.findIndex((candidate) => candidate >= size),
  );
  return (
    <div className="text-size" role="group" aria-label="Caption text size">
      <button
        type="button"
        data-testid="text-smaller"
        onClick={() => onChange(textSizes[Math.max(0, index - 1)]!)}
        disabled={index === 0}
      >
        {/* The glyph is what sighted people see; the name says what it does. */}
        <span aria-hidden="true">A−</span>
        <span className="visually-hidden">Smaller text</span>
      </button>
      <span className="text-size-value" aria-live="polite">
        {size}px
      </span>
      <button
        type="button"
        data-testid="text-larger"
        onClick={() => onChange(textSizes[Math.min(textSizes.length - 1, index + 1)]!)}
        disabled={index === textSizes.length - 1}
      >
        {/* The glyph is what sighted people see; the name says what it does. */}
        <span aria-hidden="true">A+</span>
        <span className="visually-hidden">Larger text</span>
      </button>
    </div>
  );
}
