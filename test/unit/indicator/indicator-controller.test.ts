import { describe, expect, it } from 'vitest';
import {
  createIndicatorController,
  indicatorBounds,
  indicatorSize,
  type Bounds,
  type IndicatorWindowLike,
} from '../../../src/main/indicator-controller';
import { LevelMeter, levelFromRms, levelWindowSamples } from '../../../src/main/indicator-level';
import { indicatorEventContract, indicatorLabel } from '../../../src/shared/indicator-contract';
import { idleSessionState, type SessionPhase, type SessionState } from '../../../src/shared/session-state';

function frameOf(amplitude: number, samples = 320): ArrayBuffer {
  const frame = new Int16Array(samples);
  // A square wave: its RMS is the amplitude.
  for (let index = 0; index < samples; index += 1) frame[index] = index % 2 === 0 ? amplitude : -amplitude;
  return frame.buffer;
}

describe('level meter', () => {
  it('maps RMS to a 60 dB scale: silence 0, full scale 1, -30 dBFS one half', () => {
    expect(levelFromRms(0)).toBe(0);
    expect(levelFromRms(32768)).toBe(1);
    expect(levelFromRms(32768 * 10 ** (-30 / 20))).toBeCloseTo(0.5, 5);
    expect(levelFromRms(1)).toBe(0);
  });

  it('sends one level per 50 ms of audio, and at most one per 50 ms of clock, the loudest in a burst', () => {
    let time = 0;
    const levels: number[] = [];
    const meter = new LevelMeter(
      (level) => levels.push(level),
      () => time,
    );
    // 50 ms = 800 samples: two frames of 400.
    expect(levelWindowSamples).toBe(800);
    meter.push(frameOf(1000, 400));
    expect(levels).toEqual([]);
    meter.push(frameOf(1000, 400));
    expect(levels).toHaveLength(1);
    expect(levels[0]).toBeCloseTo(levelFromRms(1000), 5);
    // A burst, all at the same clock time: nothing more until 50 ms have passed.
    meter.push(frameOf(30000, 800));
    meter.push(frameOf(100, 800));
    expect(levels).toHaveLength(1);
    time = 50;
    meter.push(frameOf(100, 800));
    expect(levels).toHaveLength(2);
    expect(levels[1]).toBeCloseTo(levelFromRms(30000), 5);
  });
});

describe('indicator placement', () => {
  it('sits at the bottom centre of the work area, above the taskbar', () => {
    expect(indicatorBounds({ x: 0, y: 0, width: 1920, height: 1040 })).toEqual({
      x: 850,
      y: 1040 - indicatorSize.height - 24,
      ...indicatorSize,
    });
    expect(indicatorBounds({ x: 1920, y: 100, width: 1280, height: 700 }).x).toBe(1920 + 530);
  });
});

function fakeWindow() {
  const sent: Array<{ channel: string; payload: unknown }> = [];
  const shown = { visible: false, showInactiveCalls: 0, bounds: null as Bounds | null };
  const window: IndicatorWindowLike = {
    webContents: {
      send: (channel, payload) => {
        sent.push({ channel, payload });
      },
      isDestroyed: () => false,
    },
    showInactive() {
      shown.visible = true;
      shown.showInactiveCalls += 1;
    },
    hide() {
      shown.visible = false;
    },
    isVisible: () => shown.visible,
    isDestroyed: () => false,
    setBounds(bounds) {
      shown.bounds = bounds;
    },
  };
  return { window, shown, sent };
}

describe('indicator controller', () => {
  function setup(options: { enabled?: boolean; focused?: boolean } = {}) {
    const { window, shown, sent } = fakeWindow();
    const created: Bounds[] = [];
    const facts = { enabled: options.enabled ?? true, focused: options.focused ?? false };
    const controller = createIndicatorController({
      createWindow: (bounds) => {
        created.push(bounds);
        return window;
      },
      workArea: () => ({ x: 0, y: 0, width: 1000, height: 800 }),
      enabled: () => facts.enabled,
      mainWindowFocused: () => facts.focused,
      now: () => 0,
    });
    const state = (phase: SessionPhase): SessionState => ({ ...idleSessionState, phase });
    return { controller, shown, sent, created, facts, state };
  }

  it('shows without focus while a session runs with Earshot behind, tells its state, hides at the end', () => {
    const { controller, shown, sent, created, state } = setup();
    controller.sessionState(state('idle'));
    expect(created).toHaveLength(0);
    controller.sessionState(state('connecting'));
    controller.sessionState(state('live'));
    expect(created).toHaveLength(1);
    expect(shown.visible).toBe(true);
    expect(shown.showInactiveCalls).toBe(1);
    expect(sent.map((message) => message.payload)).toEqual([
      { phase: 'connecting', label: 'Connecting…' },
      { phase: 'live', label: 'Listening' },
    ]);
    expect(sent[0]?.channel).toBe(indicatorEventContract.onIndicatorState.channel);
    controller.audioFrame(frameOf(5000, 800));
    expect(sent.at(-1)).toEqual({
      channel: indicatorEventContract.onIndicatorLevel.channel,
      payload: { level: levelFromRms(5000) },
    });
    controller.sessionState(state('idle'));
    expect(shown.visible).toBe(false);
    expect(sent.at(-1)?.payload).toEqual({ phase: 'idle', label: indicatorLabel('idle') });
    // Hidden: frames move nothing.
    const count = sent.length;
    controller.audioFrame(frameOf(5000, 800));
    expect(sent).toHaveLength(count);
  });

  it('stays hidden while Earshot’s own window is in front, and shows once it goes behind', () => {
    const { controller, shown, facts, state } = setup({ focused: true });
    controller.sessionState(state('live'));
    expect(shown.visible).toBe(false);
    facts.focused = false;
    controller.mainWindowFocusChanged();
    expect(shown.visible).toBe(true);
    facts.focused = true;
    controller.mainWindowFocusChanged();
    expect(shown.visible).toBe(false);
  });

  it('never shows with the setting off; a loaded page is told the state again', () => {
    const off = setup({ enabled: false });
    off.controller.sessionState(off.state('live'));
    expect(off.created).toHaveLength(0);
    const on = setup();
    on.controller.sessionState(on.state('reconnecting'));
    on.controller.pageLoaded();
    expect(on.sent.at(-1)?.payload).toEqual({ phase: 'reconnecting', label: 'Reconnecting…' });
  });
});
