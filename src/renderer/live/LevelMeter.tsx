import { useEffect, useRef, type ReactNode } from 'react';
import type { Level } from './live-controller';

/** Decibels below full scale shown as an empty meter. */
const floorDb = -60;

function toFraction(value: number): number {
  if (value <= 0) return 0;
  const db = 20 * Math.log10(value);
  return Math.min(1, Math.max(0, (db - floorDb) / -floorDb));
}

/**
 * Microphone level, updated straight on the element (about 20 times a second) so React
 * does not re-render the page for every reading.
 */
export function LevelMeter(props: {
  subscribe: (listener: (level: Level) => void) => () => void;
}): ReactNode {
  const meterRef = useRef<HTMLDivElement>(null);
  const rmsRef = useRef<HTMLDivElement>(null);
  const peakRef = useRef<HTMLDivElement>(null);
  const { subscribe } = props;

  useEffect(
    () =>
      subscribe((level) => {
        const rms = toFraction(level.rms);
        const peak = toFraction(level.peak);
        rmsRef.current?.style.setProperty('transform', `scaleX(${rms})`);
        peakRef.current?.style.setProperty('transform', `translateX(${peak * 100}%)`);
        meterRef.current?.setAttribute('aria-valuenow', String(Math.round(rms * 100)));
      }),
    [subscribe],
  );

  return (
    <div
      ref={meterRef}
      className="level-meter"
      data-testid="level-meter"
      role="meter"
      aria-label="Microphone level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={0}
    >
      <div ref={rmsRef} className="level-meter-fill" />
      <div className="level-meter-peak-track">
        <div ref={peakRef} className="level-meter-peak" />
      </div>
    </div>
  );
}
