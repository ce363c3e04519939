/**
 * The dictation indicator: a dot and a few words for the session's state, and the level of what
 * the microphone hears. It only listens to main; it has no control and never takes the focus.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { IndicatorBridge, IndicatorState } from '../../shared/indicator-contract';

export function IndicatorApp({ bridge }: { bridge: IndicatorBridge }): ReactNode {
  const [state, setState] = useState<IndicatorState>({ phase: 'idle', label: 'Not listening' });
  const [level, setLevel] = useState(0);

  useEffect(() => {
    const stopState = bridge.onIndicatorState((next) => {
      setState(next);
      if (next.phase !== 'live') setLevel(0);
    });
    const stopLevel = bridge.onIndicatorLevel(({ level: next }) =>
      setLevel(Math.min(1, Math.max(0, Number.isFinite(next) ? next : 0))),
    );
    return () => {
      stopState();
      stopLevel();
    };
  }, [bridge]);

  const percent = Math.round(level * 100);
  return (
    <main className="indicator" data-phase={state.phase} data-testid="indicator">
      <h1 className="visually-hidden">Earshot indicator</h1>
      <span className="indicator-dot" aria-hidden="true" />
      <span className="indicator-label" data-testid="indicator-label" role="status">
        {state.label}
      </span>
      <span
        className="indicator-level"
        role="meter"
        aria-label="Microphone level"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="indicator-level"
        data-level={percent}
      >
        <span className="indicator-level-fill" style={{ transform: `scaleX(${level})` }} />
      </span>
    </main>
  );
}
