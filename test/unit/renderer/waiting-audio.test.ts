/** What History says about audio that waits to be transcribed, and which news wins. */
import { describe, expect, it } from 'vitest';
import {
  notYetTranscribedText,
  secondsText,
  settledText,
  waitingAudioOf,
} from '../../../src/renderer/history/waiting-audio';
import type { SessionSummary, WaitingAudioStatus } from '../../../src/shared/history';

function summary(waitingAudioSeconds: number): SessionSummary {
  return {
    id: 's',
    startedAt: '2026-12-01T10:00:00.000Z',
    endedAt: '2026-12-01T10:00:30.000Z',
    durationSeconds: 30,
    firstWords: '',
    segmentCount: 0,
    interrupted: false,
    damaged: null,
    waitingAudioSeconds,
    title: null,
  };
}

function status(patch: Partial<WaitingAudioStatus>): WaitingAudioStatus {
  return { sessionId: 's', waitingAudioSeconds: 0, transcribing: false, problem: null, ...patch };
}

describe('waiting audio in History', () => {
  it('says how much is not yet transcribed, a decimal only under ten seconds', () => {
    expect(notYetTranscribedText(12.3)).toBe('12 s not yet transcribed');
    expect(notYetTranscribedText(2.54)).toBe('2.5 s not yet transcribed');
    expect(secondsText(59.6)).toBe('1 min');
    expect(secondsText(95)).toBe('1 min 35 s');
  });

  it('shows nothing for a session with no waiting audio and no news', () => {
    expect(waitingAudioOf(summary(0), undefined)).toBeNull();
    expect(waitingAudioOf(summary(12), status({ waitingAudioSeconds: 0 }))).toBeNull();
  });

  it('takes the list’s summary until main sends news, then main’s latest status', () => {
    expect(waitingAudioOf(summary(12), undefined)).toEqual({
      seconds: 12,
      transcribing: false,
      problem: null,
    });
    expect(waitingAudioOf(summary(12), status({ waitingAudioSeconds: 12, transcribing: true }))).toEqual({
      seconds: 12,
      transcribing: true,
      problem: null,
    });
    const failed = status({
      waitingAudioSeconds: 12,
      problem: 'Deepgram could not be reached. Try again later.',
    });
    expect(waitingAudioOf(summary(12), failed)?.problem).toBe(
      'Deepgram could not be reached. Try again later.',
    );
  });

  it('says what became of the audio once none waits: deleted by the person, or transcribed', () => {
    expect(settledText(status({ waitingAudioSeconds: 0 }), true)).toBe(
      'Waiting audio deleted: those words will not be transcribed.',
    );
    expect(settledText(status({ waitingAudioSeconds: 0 }), false)).toBe(
      'The waiting audio is transcribed: its words are in the session, marked “transcribed later”.',
    );
    expect(settledText(status({ waitingAudioSeconds: 4 }), false)).toBeNull();
    expect(settledText(status({ waitingAudioSeconds: 0, transcribing: true }), false)).toBeNull();
    expect(settledText(status({ waitingAudioSeconds: 0, problem: 'Try again later.' }), false)).toBeNull();
  });
});
