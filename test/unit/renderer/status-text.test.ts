/**
 * The one status line of the live view: what the user reads about the session, in every
 * phase, and the notices that ride beside it (kept audio, audio that will be missing).
 */
import { describe, expect, it } from 'vitest';
import { deviceLostMessage } from '../../../src/renderer/audio/capture-errors';
import type { LiveSnapshot } from '../../../src/renderer/live/live-snapshot';
import { describeStatus } from '../../../src/renderer/live/status-text';
import { idleSessionState, type SessionState } from '../../../src/shared/session-state';

function snapshot(session: Partial<SessionState>, live: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
    activity: 'running',
    session: { ...idleSessionState, ...session },
    problem: null,
    paused: false,
    pressedStartAt: null,
    microphoneOn: true,
    microphoneNotice: null,
    ...live,
  };
}

describe('describeStatus', () => {
  it('says which microphone the session moved to, beside the live line', () => {
    const switched = 'Switched to the new microphone: USB Headset.';
    expect(describeStatus(snapshot({ phase: 'live' }, { microphoneNotice: switched }))).toEqual({
      text: 'Live. Listening…',
      tone: 'active',
      notices: [switched],
    });
  });

  it('says ready when idle, and connecting while starting', () => {
    expect(describeStatus(snapshot({}, { activity: 'idle' }))).toEqual({
      text: 'Ready. Press Start to begin.',
      tone: 'calm',
      notices: [],
    });
    expect(describeStatus(snapshot({}, { activity: 'starting' })).text).toBe('Connecting to Deepgram…');
    expect(describeStatus(snapshot({ phase: 'connecting' })).tone).toBe('active');
  });

  it('while reconnecting, names the attempt and how much audio is held, and keeps main’s notice', () => {
    const status = describeStatus(
      snapshot({ phase: 'reconnecting', reconnectAttempt: 3, bufferedAudioMs: 12_400, notice: 'From main.' }),
    );
    expect(status).toEqual({
      text: 'Connection lost. Reconnecting, attempt 3… your words are kept.',
      tone: 'warning',
      notices: ['From main.', 'Holding 12 s of audio to send once the connection is back.'],
    });
  });

  it('says how much audio waits on disk to be transcribed later, with a decimal under ten seconds', () => {
    expect(describeStatus(snapshot({ phase: 'idle', waitingAudioMs: 2_500 })).notices).toEqual([
      '2.5 s not yet transcribed: Deepgram could not be reached in time. Earshot keeps that audio and transcribes it when Deepgram answers again (or press Transcribe now in History).',
    ]);
  });

  it('says so when the store for waiting audio was full, and what to do', () => {
    expect(describeStatus(snapshot({ phase: 'live', unkeptAudioMs: 12_000 })).notices).toEqual([
      '12 s of audio could not be kept: the space for audio waiting to be transcribed is full. Transcribe or delete waiting audio in History, or raise the limit in Settings.',
    ]);
  });

  it('while Stop finishes during an outage, names the audio still to send and the attempt', () => {
    expect(
      describeStatus(
        snapshot(
          { phase: 'stopping', finishing: { unsentAudioMs: 12_300, attempt: 3 } },
          { activity: 'stopping' },
        ),
      ),
    ).toEqual({
      text: 'Finishing: sending the last 12 s of audio, attempt 3.',
      tone: 'warning',
      notices: [],
    });
  });

  it('puts the renderer’s own problem and main’s error first, as errors', () => {
    expect(describeStatus(snapshot({ phase: 'live' }, { problem: 'Microphone refused.' }))).toMatchObject({
      text: 'Microphone refused.',
      tone: 'error',
    });
    expect(
      describeStatus(snapshot({ phase: 'error', error: { code: 'bad-key', message: 'Bad key.' } })),
    ).toMatchObject({ text: 'Bad key.', tone: 'error' });
    expect(describeStatus(snapshot({ phase: 'error' })).text).toBe(
      'The session stopped because of an error.',
    );
  });

  it('says paused, stopping, listening, or that the microphone is gone', () => {
    expect(describeStatus(snapshot({ phase: 'paused' })).text).toBe('Paused. Nothing is being transcribed.');
    expect(describeStatus(snapshot({ phase: 'live' }, { paused: true })).tone).toBe('calm');
    expect(describeStatus(snapshot({ phase: 'live' }, { activity: 'stopping' })).text).toBe(
      'Stopping… finishing the last words.',
    );
    expect(describeStatus(snapshot({ phase: 'live' })).text).toBe('Live. Listening…');
    expect(describeStatus(snapshot({ phase: 'live' }, { microphoneOn: false }))).toMatchObject({
      text: deviceLostMessage,
      tone: 'warning',
    });
  });
});
