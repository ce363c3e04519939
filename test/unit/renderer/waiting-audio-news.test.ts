/** Main's news about waiting audio is kept from the moment the window starts, not only while History is open. */
import { describe, expect, it } from 'vitest';
import { WaitingAudioNews } from '../../../src/renderer/history/waiting-audio-news';
import type { WaitingAudioStatus } from '../../../src/shared/history';

function status(sessionId: string, patch: Partial<WaitingAudioStatus> = {}): WaitingAudioStatus {
  return { sessionId, waitingAudioSeconds: 12, transcribing: false, problem: null, ...patch };
}

function fakeEvents() {
  const listeners = new Set<(status: WaitingAudioStatus) => void>();
  return {
    onWaitingAudio: (listener: (status: WaitingAudioStatus) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send: (news: WaitingAudioStatus) => listeners.forEach((listener) => listener(news)),
    get listening() {
      return listeners.size;
    },
  };
}

describe('WaitingAudioNews', () => {
  it('keeps the latest status per session, heard before anyone looks', () => {
    const events = fakeEvents();
    const news = new WaitingAudioNews(events.onWaitingAudio);
    events.send(status('a', { transcribing: true }));
    events.send(status('b'));
    events.send(status('a', { problem: 'Deepgram is temporarily unavailable.' }));
    expect([...news.getSnapshot().values()]).toEqual([
      status('a', { problem: 'Deepgram is temporarily unavailable.' }),
      status('b'),
    ]);
  });

  it('gives a new snapshot on each change and hands each status to its listeners', () => {
    const events = fakeEvents();
    const news = new WaitingAudioNews(events.onWaitingAudio);
    const heard: WaitingAudioStatus[] = [];
    const unsubscribe = news.subscribe((news) => heard.push(news));
    const before = news.getSnapshot();
    news.answered(status('a', { waitingAudioSeconds: 0 }), news.mark());
    expect(news.getSnapshot()).not.toBe(before);
    expect(before.size).toBe(0);
    unsubscribe();
    events.send(status('a'));
    expect(heard).toEqual([status('a', { waitingAudioSeconds: 0 })]);
    expect(news.getSnapshot().get('a')).toEqual(status('a'));
  });

  it('stops listening to main when disposed', () => {
    const events = fakeEvents();
    new WaitingAudioNews(events.onWaitingAudio).dispose();
    expect(events.listening).toBe(0);
  });

  it('drops an answer that arrives after newer events about its session, not one about another', () => {
    const events = fakeEvents();
    const news = new WaitingAudioNews(events.onWaitingAudio);
    const asked = news.mark();
    // Main started the attempt and saw it fail before its answer ("transcribing") arrived.
    events.send(status('a', { transcribing: true }));
    events.send(status('a', { problem: 'Deepgram is temporarily unavailable.' }));
    news.answered(status('a', { transcribing: true }), asked);
    expect(news.getSnapshot().get('a')).toEqual(
      status('a', { problem: 'Deepgram is temporarily unavailable.' }),
    );

    const askedAboutB = news.mark();
    events.send(status('c'));
    news.answered(status('b', { transcribing: true }), askedAboutB);
    expect(news.getSnapshot().get('b')).toEqual(status('b', { transcribing: true }));
    // An answer to a request made after the last event is the newest word.
    const askedAgain = news.mark();
    news.answered(status('a', { transcribing: true }), askedAgain);
    expect(news.getSnapshot().get('a')).toEqual(status('a', { transcribing: true }));
  });
});
