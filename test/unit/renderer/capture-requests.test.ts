/**
 * The window's side of a session main starts: on 'start' it asks for the settings and captures,
 * its frames waiting until main's session takes audio (or failing with main's sentence); on
 * 'stop' and 'cancel' it stops as its Stop button does.
 */
import { describe, expect, it, vi } from 'vitest';
import { followCaptureRequests, mainSessionStarted } from '../../../src/renderer/live/capture-requests';
import type { CaptureRequest } from '../../../src/shared/dictation-status';
import { idleSessionState, type SessionState } from '../../../src/shared/session-state';
import { defaultSettings, type Settings } from '../../../src/shared/settings';
import { EarshotError } from '../../../src/shared/user-facing-error';

function fakeClient() {
  const stateListeners = new Set<(state: SessionState) => void>();
  let onRequest: (request: CaptureRequest) => void = () => undefined;
  return {
    client: {
      onSessionState: (listener: (state: SessionState) => void) => {
        stateListeners.add(listener);
        return () => stateListeners.delete(listener);
      },
      onCaptureRequest: (listener: (request: CaptureRequest) => void) => {
        onRequest = listener;
        return () => undefined;
      },
      getSettings: vi.fn(async () => ({ settings: defaultSettings, notice: null })),
    },
    state: (phase: SessionState['phase'], patch: Partial<SessionState> = {}) => {
      for (const listener of [...stateListeners]) listener({ ...idleSessionState, phase, ...patch });
    },
    request: (action: CaptureRequest['action']) => onRequest({ action }),
    listeners: () => stateListeners.size,
  };
}

describe('capture requests from main', () => {
  it("main's session counts as started once it takes audio, not before", async () => {
    const fake = fakeClient();
    const started = mainSessionStarted(fake.client);
    let settled = false;
    void started.then(() => (settled = true));
    fake.state('idle');
    await Promise.resolve();
    expect(settled).toBe(false);
    fake.state('connecting', { sessionId: 'a' });
    await expect(started).resolves.toMatchObject({ phase: 'connecting', sessionId: 'a' });
    expect(fake.listeners()).toBe(0);
  });

  it("a session that could not start rejects with main's own sentence", async () => {
    const fake = fakeClient();
    const started = mainSessionStarted(fake.client);
    fake.state('error', { error: new EarshotError('no-key').userFacing });
    await expect(started).rejects.toMatchObject({ userFacing: new EarshotError('no-key').userFacing });
  });

  it('start captures with the settings; stop and cancel stop as the Stop button does', async () => {
    const fake = fakeClient();
    const target = {
      startForMain: vi.fn((_settings: Settings, _started: Promise<SessionState>) => true),
      stop: vi.fn(async () => undefined),
    };
    followCaptureRequests(fake.client, target);
    fake.request('start');
    // main's state comes before the settings answer: it is listened for from the request on.
    fake.state('live', { sessionId: 'b' });
    await vi.waitFor(() => expect(target.startForMain).toHaveBeenCalledTimes(1));
    expect(target.startForMain.mock.calls[0]?.[0]).toEqual(defaultSettings);
    const sessionStarted = target.startForMain.mock.calls[0]?.[1];
    await expect(sessionStarted).resolves.toMatchObject({ sessionId: 'b' });
    fake.request('stop');
    fake.request('cancel');
    expect(target.stop).toHaveBeenCalledTimes(1);
  });

  it("never stops a session the person started in the window (main's start was refused as busy)", async () => {
    const fake = fakeClient();
    const target = { startForMain: vi.fn(() => false), stop: vi.fn(async () => undefined) };
    followCaptureRequests(fake.client, target);
    fake.request('start');
    await vi.waitFor(() => expect(target.startForMain).toHaveBeenCalledTimes(1));
    fake.request('cancel');
    expect(target.stop).not.toHaveBeenCalled();
  });
});
