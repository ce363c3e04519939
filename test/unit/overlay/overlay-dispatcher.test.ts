/**
 * The overlay's gate: only the overlay window's main frame on the overlay page may speak, only
 * its four commands, with valid payloads; it gets segments and phases, never the session id.
 */
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/main/core/logger';
import { createOverlayService, type OverlayEventSink } from '../../../src/main/core/overlay/overlay-service';
import { createRequestBudget } from '../../../src/main/core/request-budget';
import type { IpcSenderIdentity } from '../../../src/main/ipc/ipc-dispatcher';
import { createOverlayDispatcher, createOverlaySenderCheck } from '../../../src/main/ipc/overlay-dispatcher';
import { overlayInvokeContract } from '../../../src/shared/overlay-contract';
import { invokeContract } from '../../../src/shared/ipc-contract';
import { defaultSettings, type Settings } from '../../../src/shared/settings';
import { idleSessionState } from '../../../src/shared/session-state';
import type { TranscriptSegment } from '../../../src/shared/transcript';

const logged: string[] = [];
const log: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message) => logged.push(message),
  error: (message) => logged.push(message),
};

function setUp(overlayId: number | null = 7) {
  let settings: Settings = { ...defaultSettings };
  const listeners = new Set<(settings: Settings) => void>();
  const sent: { method: string; payload: unknown }[] = [];
  const clickThroughCalls: boolean[] = [];
  let hidden = 0;
  let now = 0;
  const send: OverlayEventSink = (method, payload) => sent.push({ method, payload });
  const service = createOverlayService({
    settings: {
      current: () => settings,
      update: (patch) => {
        settings = { ...settings, ...patch };
        for (const listener of listeners) listener(settings);
      },
      onChange: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    controls: {
      setClickThrough: (enabled) => clickThroughCalls.push(enabled),
      hide: () => (hidden += 1),
      clickThroughShortcut: () => 'Ctrl+Alt+C',
    },
    send,
    adjustments: createRequestBudget({
      capacity: 3,
      refillEveryMs: 1000,
      what: 'overlay changes',
      now: () => now,
    }),
  });
  const dispatcher = createOverlayDispatcher({
    handlers: service.handlers,
    isTrustedSender: createOverlaySenderCheck({
      overlayWebContentsId: () => overlayId,
      appOrigin: 'app://earshot',
    }),
    log,
  });
  const overlay: IpcSenderIdentity = {
    webContentsId: 7,
    frameUrl: 'app://earshot/overlay/index.html',
    isMainFrame: true,
  };
  return {
    service,
    dispatcher,
    overlay,
    sent,
    clickThroughCalls,
    hidden: () => hidden,
    settings: () => settings,
    updateSettings: (patch: Partial<Settings>) => {
      settings = { ...settings, ...patch };
      for (const listener of listeners) listener(settings);
    },
    advance: (ms: number) => (now += ms),
  };
}

const channel = (method: keyof typeof overlayInvokeContract) => overlayInvokeContract[method].channel;

describe('overlay dispatcher', () => {
  it('answers the overlay window with its view', async () => {
    const { dispatcher, overlay } = setUp();
    const answer = await dispatcher.handleInvoke(channel('getOverlayView'), undefined, overlay);
    expect(answer).toEqual({
      ok: true,
      value: {
        style: defaultSettings.overlay,
        clickThrough: false,
        clickThroughShortcut: 'Ctrl+Alt+C',
        speakerNames: {},
      },
    });
  });

  it('refuses every other sender: the main window, a sub-frame, another page, another origin, no overlay', async () => {
    const { dispatcher, overlay } = setUp();
    const refusals = [
      { ...overlay, webContentsId: 1 },
      { ...overlay, isMainFrame: false },
      { ...overlay, frameUrl: 'app://earshot/index.html' },
      { ...overlay, frameUrl: 'https://evil.example/overlay/index.html' },
      { ...overlay, frameUrl: null },
    ];
    for (const sender of refusals) {
      const answer = await dispatcher.handleInvoke(channel('setClickThrough'), { enabled: true }, sender);
      expect(answer.ok).toBe(false);
    }
    const closed = setUp(null);
    expect((await closed.dispatcher.handleInvoke(channel('getOverlayView'), undefined, overlay)).ok).toBe(
      false,
    );
  });

  it('offers none of the main window’s channels', async () => {
    const { dispatcher, overlay } = setUp();
    expect(dispatcher.invokeChannels).toHaveLength(4);
    for (const entry of Object.values(invokeContract)) {
      expect(dispatcher.invokeChannels).not.toContain(entry.channel);
      expect((await dispatcher.handleInvoke(entry.channel, undefined, overlay)).ok).toBe(false);
    }
  });

  it('refuses payloads outside the contract without echoing them', async () => {
    const { dispatcher, overlay, settings } = setUp();
    for (const payload of [
      { lines: 9 },
      { lines: 2.5 },
      { fontSize: 1e9 },
      { lines: 2, evil: 'x' },
      'lines',
    ]) {
      const answer = await dispatcher.handleInvoke(channel('adjustOverlay'), payload, overlay);
      expect(answer.ok).toBe(false);
      expect(JSON.stringify(answer)).not.toContain('evil');
    }
    expect(settings().overlay).toEqual(defaultSettings.overlay);
  });

  it('click-through goes to the window controls and back to the overlay as its view', async () => {
    const { dispatcher, overlay, clickThroughCalls, sent, service } = setUp();
    await dispatcher.handleInvoke(channel('setClickThrough'), { enabled: true }, overlay);
    expect(clickThroughCalls).toEqual([true]);
    expect(sent.at(-1)).toMatchObject({ method: 'onOverlayView', payload: { clickThrough: true } });
    // The shortcut (or the tray) turns it off from main.
    expect(service.setClickThrough(false).clickThrough).toBe(false);
    expect(clickThroughCalls).toEqual([true, false]);
  });

  it('lines and text size are saved in settings, within a budget', async () => {
    const { dispatcher, overlay, settings, sent, advance } = setUp();
    const answer = await dispatcher.handleInvoke(
      channel('adjustOverlay'),
      { lines: 4, fontSize: 40 },
      overlay,
    );
    expect(answer).toMatchObject({ ok: true, value: { style: { lines: 4, fontSize: 40 } } });
    expect(settings().overlay).toMatchObject({ lines: 4, fontSize: 40, contrast: 'dark' });
    expect(sent.at(-1)).toMatchObject({ method: 'onOverlayView', payload: { style: { lines: 4 } } });
    await dispatcher.handleInvoke(channel('adjustOverlay'), { lines: 3 }, overlay);
    await dispatcher.handleInvoke(channel('adjustOverlay'), { lines: 2 }, overlay);
    const limited = await dispatcher.handleInvoke(channel('adjustOverlay'), { lines: 1 }, overlay);
    expect(limited).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    advance(1000);
    expect((await dispatcher.handleInvoke(channel('adjustOverlay'), { lines: 1 }, overlay)).ok).toBe(true);
  });

  it('hide asks the glue to hide the window', async () => {
    const { dispatcher, overlay, hidden } = setUp();
    expect(await dispatcher.handleInvoke(channel('hideOverlay'), undefined, overlay)).toEqual({
      ok: true,
      value: true,
    });
    expect(hidden()).toBe(1);
  });

  it('passes segments on without the session id, and the phase only when it changes', () => {
    const { service, sent } = setUp();
    const segment: TranscriptSegment = {
      id: 's-1',
      text: 'hello',
      start: 0,
      end: 1,
      isFinal: true,
      speechFinal: true,
      fromFinalize: false,
      words: [],
      speaker: null,
    };
    service.observe('onTranscript', { kind: 'segment', sessionId: 'secret-session', segment });
    service.observe('onTranscript', { kind: 'utterance-end', sessionId: 'x', lastWordEnd: 1 });
    service.observe('onSessionState', { ...idleSessionState, phase: 'live', sessionId: 'secret-session' });
    service.observe('onSessionState', { ...idleSessionState, phase: 'live', sessionId: 'secret-session' });
    expect(sent).toEqual([
      { method: 'onCaption', payload: { segment } },
      { method: 'onSessionPhase', payload: 'live' },
    ]);
    expect(JSON.stringify(sent)).not.toContain('secret-session');
  });

  it('names given to the running session’s speakers reach the overlay; another session’s do not, and a new session starts unnamed', () => {
    const { service, sent } = setUp();
    service.observe('onSessionState', { ...idleSessionState, phase: 'live', sessionId: 'session-a' });
    sent.length = 0;
    service.observe('onSpeakerNames', { sessionId: 'session-b', speakerNames: { '0': 'Bob' } });
    expect(sent).toEqual([]);
    service.observe('onSpeakerNames', { sessionId: 'session-a', speakerNames: { '0': 'Ada', c1: 'Guests' } });
    expect(sent).toEqual([
      {
        method: 'onOverlayView',
        payload: expect.objectContaining({ speakerNames: { '0': 'Ada', c1: 'Guests' } }),
      },
    ]);
    expect(service.view().speakerNames).toEqual({ '0': 'Ada', c1: 'Guests' });
    expect(JSON.stringify(sent)).not.toContain('session-a');
    sent.length = 0;
    service.observe('onSessionState', { ...idleSessionState, phase: 'live', sessionId: 'session-c' });
    expect(sent).toEqual([
      { method: 'onOverlayView', payload: expect.objectContaining({ speakerNames: {} }) },
    ]);
  });

  it('a settings change made in the main window restyles the overlay; other settings do not', () => {
    const { sent, updateSettings } = setUp();
    updateSettings({ diarize: true });
    expect(sent).toEqual([]);
    updateSettings({ overlay: { ...defaultSettings.overlay, contrast: 'high-contrast' } });
    expect(sent).toEqual([
      {
        method: 'onOverlayView',
        payload: expect.objectContaining({ style: expect.objectContaining({ contrast: 'high-contrast' }) }),
      },
    ]);
  });
});
