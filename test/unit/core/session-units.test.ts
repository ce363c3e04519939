import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/shared/settings';
import { AudioLog } from '../../../src/main/core/session/audio-log';
import { fullJitterDelayMs } from '../../../src/main/core/session/backoff';
import {
  failureForClose,
  failureForNetworkError,
  failureForStatus,
  handshakeStatusFromMessage,
} from '../../../src/main/core/session/connection-failure';
import { parseListenMessage, type ListenMessage } from '../../../src/main/core/session/listen-messages';
import { listenQueryFromSettings, listenUrl } from '../../../src/main/core/session/listen-query';
import { deepgramMessageFrom } from '../../../src/main/core/session/refusal-detail';
import { TranscriptStitcher } from '../../../src/main/core/session/transcript-stitcher';

const frame = (bytes: number, fill = 1) => new Uint8Array(bytes).fill(fill);
const noEviction = () => {
  throw new Error('nothing should leave this log');
};

describe('AudioLog', () => {
  it('replays from the oldest audio not covered by a final result', () => {
    const log = new AudioLog(1_000_000, noEviction);
    for (let i = 0; i < 5; i += 1) log.append(frame(640, i));
    for (let i = 0; i < 5; i += 1) log.markSent();
    expect(log.unsentBytes).toBe(0);
    log.coverUpTo(1280); // the first two frames are final
    expect(log.startPosition).toBe(1280);
    expect(log.rewind()).toBe(1280);
    expect(log.unsentBytes).toBe(3 * 640);
    expect(log.peekUnsent()?.data[0]).toBe(2);
  });

  it('keeps a frame that a final covers only in part', () => {
    const log = new AudioLog(1_000_000, noEviction);
    log.append(frame(640));
    log.append(frame(640));
    log.markSent();
    log.markSent();
    log.coverUpTo(1000);
    expect(log.startPosition).toBe(640);
  });

  it('hands the oldest audio beyond its bound to onEvicted, oldest first, sent or not', () => {
    const evicted: number[] = [];
    const log = new AudioLog(3 * 640, (frame) => evicted.push(frame.data[0] as number, frame.position));
    log.append(frame(640, 0));
    log.markSent(); // sent but not yet final: still Deepgram's to cover, so it is kept too
    for (let i = 1; i <= 2; i += 1) log.append(frame(640, i));
    expect(evicted).toEqual([]);
    expect(log.retainedBytes).toBe(3 * 640);
    log.append(frame(640, 3));
    expect(evicted).toEqual([0, 0]);
    log.append(frame(640, 4));
    expect(evicted).toEqual([0, 0, 1, 640]);
    expect(log.retainedBytes).toBe(3 * 640);
    expect(log.peekUnsent()?.data[0]).toBe(2);
    expect(log.endPosition).toBe(5 * 640);
  });

  it('gives up everything it holds at once, from the oldest uncovered position', () => {
    const log = new AudioLog(1_000_000, noEviction);
    for (let i = 0; i < 4; i += 1) log.append(frame(640, i));
    log.markSent();
    log.markSent();
    log.coverUpTo(640);
    const held = log.takeAll();
    expect(held.position).toBe(640);
    expect(held.frames.map((data) => data[0])).toEqual([1, 2, 3]);
    expect(log.retainedBytes).toBe(0);
    expect(log.peekUnsent()).toBeNull();
  });

  it('copies frames so a reused capture buffer cannot change held audio', () => {
    const log = new AudioLog(10_000, noEviction);
    const buffer = frame(4, 7);
    log.append(buffer);
    buffer.fill(9);
    expect(Array.from(log.peekUnsent()?.data ?? [])).toEqual([7, 7, 7, 7]);
  });
});

describe('fullJitterDelayMs', () => {
  it('grows exponentially up to the cap with full jitter', () => {
    const options = { baseMs: 750, capMs: 10_000 };
    expect(fullJitterDelayMs(1, { ...options, random: () => 0.999 })).toBe(749);
    expect(fullJitterDelayMs(3, { ...options, random: () => 0.5 })).toBe(1500);
    expect(fullJitterDelayMs(20, { ...options, random: () => 0.999 })).toBe(9990);
    expect(fullJitterDelayMs(5, { ...options, random: () => 0 })).toBe(0);
  });
});

describe('connection failures', () => {
  it('reads the status the SDK hides in its error message', () => {
    expect(handshakeStatusFromMessage('Unexpected server response: 401')).toBe(401);
    expect(handshakeStatusFromMessage('connect ECONNREFUSED 127.0.0.1:9')).toBeNull();
  });

  it('maps statuses to plain sentences and says which may be retried', () => {
    expect(failureForStatus(401)).toMatchObject({ userFacing: { code: 'bad-key' }, retryable: false });
    expect(failureForStatus(402)).toMatchObject({ userFacing: { code: 'no-credit' }, retryable: false });
    expect(failureForStatus(403)).toMatchObject({ userFacing: { code: 'no-permission' }, retryable: false });
    expect(failureForStatus(429)).toMatchObject({
      userFacing: { code: 'too-many-streams' },
      retryable: true,
    });
    expect(failureForStatus(503).retryable).toBe(true);
    const badOption = failureForStatus(400, 'Keyterm limit exceeded');
    expect(badOption.userFacing.code).toBe('bad-option');
    expect(badOption.message).toContain('Keyterm limit exceeded.');
  });

  it('treats network errors as an unreachable endpoint and close codes per Deepgram', () => {
    expect(failureForNetworkError('connect ECONNREFUSED 127.0.0.1:9').userFacing.code).toBe(
      'endpoint-unreachable',
    );
    expect(failureForNetworkError('TIMEOUT').retryable).toBe(true);
    expect(failureForClose(1006, '').retryable).toBe(true);
    expect(failureForClose(1011, 'NET-0001').retryable).toBe(true);
    expect(failureForClose(1012, '').retryable).toBe(true);
    expect(failureForClose(1008, 'DATA-0000').retryable).toBe(false);
  });
});

describe('listen query', () => {
  it('carries the settings, the audio format and vad_events, with keyterms repeated', () => {
    const query = listenQueryFromSettings({
      ...defaultSettings,
      keyterms: ['Earshot', 'Deepgram Nova'],
      diarize: true,
      endpointing: false,
    });
    expect(query).toMatchObject({
      model: 'nova-3',
      encoding: 'linear16',
      sample_rate: '16000',
      channels: '1',
      interim_results: 'true',
      endpointing: 'false',
      utterance_end_ms: '1000',
      vad_events: 'true',
      diarize: 'true',
      keyterm: ['Earshot', 'Deepgram Nova'],
    });
    const url = listenUrl('http://127.0.0.1:1234/', query);
    expect(url.pathname).toBe('/v1/listen');
    expect(url.searchParams.getAll('keyterm')).toEqual(['Earshot', 'Deepgram Nova']);
  });

  it('leaves utterance_end_ms and diarize out when they are off', () => {
    const query = listenQueryFromSettings({ ...defaultSettings, utteranceEndMs: null });
    expect(query).not.toHaveProperty('utterance_end_ms');
    expect(query).not.toHaveProperty('diarize');
    expect(query).not.toHaveProperty('keyterm');
  });
});

describe('listen messages', () => {
  it('parses Results with words, speakers and flags, and ignores what it cannot read', () => {
    const parsed = parseListenMessage({
      type: 'Results',
      start: 1.5,
      duration: 2,
      is_final: true,
      speech_final: true,
      channel: {
        alternatives: [
          {
            transcript: 'Hello world.',
            words: [
              { word: 'hello', start: 1.6, end: 2, confidence: 0.9, punctuated_word: 'Hello', speaker: 0 },
              { word: 'world', start: 2.1, end: 2.5, confidence: 0.8 },
              { nonsense: true },
            ],
          },
        ],
      },
    });
    expect(parsed).toMatchObject({ type: 'results', isFinal: true, speechFinal: true, fromFinalize: false });
    expect(parsed?.type === 'results' && parsed.words).toEqual([
      { word: 'hello', punctuatedWord: 'Hello', start: 1.6, end: 2, confidence: 0.9, speaker: 0 },
      { word: 'world', punctuatedWord: 'world', start: 2.1, end: 2.5, confidence: 0.8, speaker: null },
    ]);
    expect(parseListenMessage({ type: 'UtteranceEnd', last_word_end: 3 })).toEqual({
      type: 'utterance-end',
      lastWordEnd: 3,
    });
    expect(parseListenMessage({ type: 'Unknown' })).toBeNull();
    expect(parseListenMessage('text')).toBeNull();
  });
});

function results(
  start: number,
  words: Array<[string, number, number]>,
  flags: { isFinal: boolean; duration?: number },
): Extract<ListenMessage, { type: 'results' }> {
  return {
    type: 'results',
    start,
    duration: flags.duration ?? 1,
    isFinal: flags.isFinal,
    speechFinal: flags.isFinal,
    fromFinalize: false,
    transcript: words.map(([word]) => word).join(' '),
    words: words.map(([word, wordStart, end]) => ({
      word,
      punctuatedWord: word,
      start: wordStart,
      end,
      confidence: 1,
      speaker: null,
    })),
  };
}

describe('TranscriptStitcher', () => {
  it('keeps one id from interim to final and moves to the next id after a final', () => {
    const stitcher = new TranscriptStitcher('s');
    expect(stitcher.accept(results(0, [['one', 0.1, 0.4]], { isFinal: false }))?.id).toBe('s-1');
    expect(stitcher.accept(results(0, [['one', 0.1, 0.4]], { isFinal: true }))?.id).toBe('s-1');
    expect(stitcher.accept(results(1, [['two', 1.1, 1.4]], { isFinal: false }))?.id).toBe('s-2');
  });

  it('offsets a new connection onto the session timeline and supersedes the old interim', () => {
    const stitcher = new TranscriptStitcher('s');
    stitcher.accept(results(0, [['one', 0.1, 0.4]], { isFinal: true }));
    stitcher.accept(results(1, [['two', 1.1, 1.4]], { isFinal: false }));
    stitcher.startConnection(1); // replay starts at session 1 s
    const final = stitcher.accept(
      results(
        0,
        [
          ['two', 0.1, 0.4],
          ['three', 0.5, 0.8],
        ],
        { isFinal: true },
      ),
    );
    expect(final).toMatchObject({ id: 's-2', text: 'two three', start: 1.1, end: 1.8, isFinal: true });
    expect(stitcher.coveredUntil(results(0, [], { isFinal: true, duration: 2 }))).toBe(3);
  });

  it('never shows a final word twice', () => {
    const stitcher = new TranscriptStitcher('s');
    stitcher.accept(
      results(
        0,
        [
          ['one', 0.1, 0.4],
          ['two', 0.5, 0.9],
        ],
        { isFinal: true },
      ),
    );
    stitcher.startConnection(0.5);
    expect(stitcher.accept(results(0, [['two', 0.0, 0.4]], { isFinal: true }))).toBeNull();
    const partial = stitcher.accept(
      results(
        0,
        [
          ['two', 0.0, 0.4],
          ['three', 0.5, 0.9],
        ],
        { isFinal: true },
      ),
    );
    expect(partial?.text).toBe('three');
    expect(partial?.words.map((word) => word.word)).toEqual(['three']);
  });

  it('clears an interim with an empty final and ignores empty results otherwise', () => {
    const stitcher = new TranscriptStitcher('s');
    expect(stitcher.accept(results(0, [], { isFinal: true }))).toBeNull();
    stitcher.accept(results(0, [['hm', 0.1, 0.2]], { isFinal: false }));
    expect(stitcher.accept(results(0, [], { isFinal: true }))).toMatchObject({
      id: 's-1',
      text: '',
      isFinal: true,
    });
    expect(stitcher.accept(results(1, [['next', 1.1, 1.2]], { isFinal: true }))?.id).toBe('s-2');
  });
});

describe('refusal detail', () => {
  it('falls back to the dg-error header and plain text bodies', () => {
    expect(deepgramMessageFrom('not json', 'From header')).toBe('From header');
    expect(deepgramMessageFrom('{"category":"x","message":"Modern shape"}', undefined)).toBe('Modern shape');
    expect(deepgramMessageFrom('<html>', undefined)).toBeNull();
  });
});
