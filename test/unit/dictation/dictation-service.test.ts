import { describe, expect, it, vi } from 'vitest';
import { createDictationService } from '../../../src/main/core/dictation/dictation-service';
import type { DictationNotice } from '../../../src/main/core/dictation/dictation-ports';
import type { CaptureAction } from '../../../src/shared/dictation-status';
import { idleSessionState, type SessionState } from '../../../src/shared/session-state';
import { defaultSettings } from '../../../src/shared/settings';
import type { TranscriptEvent } from '../../../src/shared/transcript';
import { EarshotError } from '../../../src/shared/user-facing-error';

const sessionId = '2026-12-02T02-43-06-573Z-d85e81';
const state = (phase: SessionState['phase'], id: string | null = sessionId): SessionState => ({
  ...idleSessionState,
  phase,
  sessionId: id,
});
const final = (id: string, text: string, sid = sessionId): TranscriptEvent => ({
  kind: 'segment',
  sessionId: sid,
  segment: {
    id,
    text,
    start: 0,
    end: 1,
    isFinal: true,
    speechFinal: true,
    fromFinalize: false,
    words: [],
    speaker: null,
  },
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp(options: { windowOpen?: boolean; startError?: unknown; windowStopWaitMs?: number } = {}) {
  const log: string[] = [];
  const inserted: string[] = [];
  const notices: DictationNotice[] = [];
  const copied: string[] = [];
  const session = {
    start: vi.fn(async () => {
      log.push('session.start');
      if (options.startError) throw options.startError;
      service.sessionState(state('connecting'));
      service.sessionState(state('live'));
      return state('live');
    }),
    stop: vi.fn(async () => {
      log.push('session.stop');
      return state('idle', null);
    }),
    state: () => state('live'),
  };
  const service = createDictationService({
    session,
    requestCapture: (action: CaptureAction) => {
      log.push(`capture.${action}`);
      return options.windowOpen ?? true;
    },
    inserter: { insert: async (text) => (inserted.push(text), { inserted: true }) },
    copyToClipboard: async (text) => void copied.push(text),
    notify: (notice) => notices.push(notice),
    settings: () => defaultSettings,
    timers: {
      now: () => performance.now(),
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    windowStopWaitMs: options.windowStopWaitMs ?? 2000,
  });
  return { service, session, log, inserted, notices, copied };
}

describe('dictation over the session controller', () => {
  it('asks the window to capture before the session starts, and waits for the window to stop it before inserting', async () => {
    const { service, log, inserted } = setUp();
    service.keyDown();
    expect(log).toEqual(['capture.start', 'session.start']);
    await tick();
    service.transcript(final('a', 'Hello world.'));
    service.transcript(final('a', 'Hello world.')); // a replayed final is not said twice
    service.transcript(final('x', 'Another session.', 'another-session'));
    await new Promise((resolve) => setTimeout(resolve, 320));
    service.keyUp(); // held past the threshold: the release stops
    await tick();
    expect(log.at(-1)).toBe('capture.stop');
    expect(inserted).toEqual([]);
    // The window hands over its last frames and stops the session as its Stop button does.
    service.sessionState(state('stopping'));
    service.transcript(final('b', 'Good morning.'));
    await service.settled();
    expect(log).toEqual(['capture.start', 'session.start', 'capture.stop', 'session.stop']);
    expect(inserted).toEqual(['Hello world. Good morning. ']);
  });

  it('stops by itself when the window never answers the stop request', async () => {
    const { service, log, inserted } = setUp({ windowStopWaitMs: 50 });
    service.keyDown();
    await tick();
    service.transcript(final('a', 'Hello.'));
    service.keyUp();
    service.keyDown(); // a tap latched it; this press stops it
    await service.settled();
    expect(log.slice(-2)).toEqual(['capture.stop', 'session.stop']);
    expect(inserted).toEqual(['Hello. ']);
  });

  it('without a window nothing starts, and the notice says to open Earshot', async () => {
    const { service, session, notices, log } = setUp({ windowOpen: false });
    service.keyDown();
    await service.settled();
    expect(session.start).not.toHaveBeenCalled();
    expect(log).toEqual(['capture.start', 'capture.cancel']);
    expect(notices).toEqual([expect.objectContaining({ kind: 'session-failed' })]);
    expect(notices[0]?.message).toContain('open Earshot');
    expect(service.phase()).toBe('idle');
  });

  it("a session that cannot start gives main's sentence and lets the window go", async () => {
    const { service, notices, log } = setUp({ startError: new EarshotError('no-key') });
    service.keyDown();
    await vi.waitFor(() => expect(notices).toHaveLength(1));
    expect(log).toEqual(['capture.start', 'session.start', 'capture.cancel']);
    expect(notices[0]).toMatchObject({
      kind: 'session-failed',
      message: new EarshotError('no-key').userFacing.message,
    });
  });

  it('Stop pressed in the window ends a toggled dictation: its words are inserted once the session is idle', async () => {
    const { service, inserted, notices } = setUp();
    service.keyDown();
    service.keyUp(); // tap: latched
    await tick();
    service.transcript(final('a', 'Send the report.'));
    service.sessionState(state('stopping'));
    service.transcript(final('b', 'Thank you.'));
    expect(inserted).toEqual([]);
    service.sessionState(state('idle', null));
    await service.settled();
    expect(inserted).toEqual(['Send the report. Thank you. ']);
    expect(notices).toEqual([expect.objectContaining({ kind: 'session-ended' })]);
  });

  it('a session that fails on its own ends the dictation with its sentence', async () => {
    const { service, notices, inserted } = setUp();
    service.keyDown();
    service.keyUp();
    await tick();
    service.transcript(final('a', 'Hello.'));
    service.sessionState({ ...state('error', null), error: new EarshotError('bad-key').userFacing });
    await service.settled();
    expect(notices[0]).toMatchObject({
      kind: 'session-ended',
      message: new EarshotError('bad-key').userFacing.message,
    });
    expect(inserted).toEqual(['Hello. ']);
  });

  it('Esc asks the window to drop capture, stops the session and inserts nothing', async () => {
    const { service, inserted, log } = setUp();
    service.keyDown();
    await tick();
    service.transcript(final('a', 'Secret words.'));
    service.cancel();
    await service.settled();
    expect(log.slice(-2)).toEqual(['capture.cancel', 'session.stop']);
    expect(inserted).toEqual([]);
  });
});
