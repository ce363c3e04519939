/**
 * When the dictation indicator shows, where, and what it is told. Plain TypeScript (no Electron):
 * indicator-app.ts gives it the window. It shows while a session runs and Earshot's own window is
 * not the one in front (the person is dictating into another app), is shown without taking the
 * focus, and hides when the session ends or Earshot's window comes to the front.
 */
import type { SessionPhase, SessionState } from '../shared/session-state';
import {
  indicatorEventContract,
  indicatorLabel,
  type IndicatorEventMethod,
  type IndicatorEventPayloadOf,
} from '../shared/indicator-contract';
import { LevelMeter } from './indicator-level';

export interface IndicatorWindowLike {
  webContents: { send(channel: string, payload: unknown): void; isDestroyed(): boolean };
  showInactive(): void;
  hide(): void;
  isVisible(): boolean;
  isDestroyed(): boolean;
  setBounds(bounds: Bounds): void;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const indicatorSize = { width: 220, height: 40 } as const;
const edgeMarginPx = 24;

/** Bottom centre of the screen's work area (above the taskbar or dock), in whole pixels. */
export function indicatorBounds(workArea: Bounds): Bounds {
  return {
    x: Math.round(workArea.x + (workArea.width - indicatorSize.width) / 2),
    y: Math.round(workArea.y + workArea.height - indicatorSize.height - edgeMarginPx),
    ...indicatorSize,
  };
}

const runningPhases: ReadonlySet<SessionPhase> = new Set([
  'connecting',
  'live',
  'paused',
  'reconnecting',
  'stopping',
]);

export interface IndicatorController {
  sessionState(state: SessionState): void;
  audioFrame(frame: ArrayBuffer): void;
  /** Earshot's window came to the front or went behind another app. */
  mainWindowFocusChanged(): void;
  /** The indicator's page has loaded (and subscribed): it is told the state again. */
  pageLoaded(): void;
  dispose(): void;
}

export function createIndicatorController(deps: {
  createWindow(bounds: Bounds): IndicatorWindowLike;
  /** The work area of the screen the person is on (the one under the cursor). */
  workArea(): Bounds;
  enabled(): boolean;
  mainWindowFocused(): boolean;
  now(): number;
}): IndicatorController {
  let window: IndicatorWindowLike | null = null;
  let phase: SessionPhase = 'idle';
  const send = <M extends IndicatorEventMethod>(method: M, payload: IndicatorEventPayloadOf<M>): void => {
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(indicatorEventContract[method].channel, payload);
  };
  const meter = new LevelMeter((level) => send('onIndicatorLevel', { level }), deps.now);

  const shouldShow = () => runningPhases.has(phase) && deps.enabled() && !deps.mainWindowFocused();

  const update = (): void => {
    if (shouldShow()) {
      const bounds = indicatorBounds(deps.workArea());
      if (!window || window.isDestroyed()) window = deps.createWindow(bounds);
      else if (!window.isVisible()) window.setBounds(bounds);
      send('onIndicatorState', { phase, label: indicatorLabel(phase) });
      if (!window.isVisible()) window.showInactive();
    } else if (window && !window.isDestroyed() && window.isVisible()) {
      send('onIndicatorState', { phase, label: indicatorLabel(phase) });
      window.hide();
      meter.reset();
    }
  };

  return {
    sessionState(state) {
      phase = state.phase;
      update();
    },
    audioFrame(frame) {
      if (window && !window.isDestroyed() && window.isVisible()) meter.push(frame);
    },
    mainWindowFocusChanged: update,
    pageLoaded() {
      send('onIndicatorState', { phase, label: indicatorLabel(phase) });
    },
    dispose() {
      window = null;
    },
  };
}
