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
        aria-label="Smaller text"
        onClick={() => onChange(textSizes[Math.max(0, index - 1)]!)}
        disabled={index === 0}
      >
        A−
      </button>
      <span className="text-size-value" aria-live="polite">
        {size}px
      </span>
      <button
        type="button"
        data-testid="text-larger"
        aria-label="Larger text"
        onClick={() => onChange(textSizes[Math.min(textSizes.length - 1, index + 1)]!)}
        disabled={index === textSizes.length - 1}
      >
        A+
      </button>
    </div>
  );
}
