/**
 * Search, rename, delete with undo, retention, speaker names and "Keep history" off, on the real
 * SQLite store in a temporary directory, through the history service main wires.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { createRequestBudget } from '../../../src/main/core/request-budget';
import { openTranscriptStore, type TranscriptStore } from '../../../src/main/core/transcript-store';
import { rankedMatches } from '../../../src/main/core/transcript-store/transcript-store';
import { createHistoryService, undoWindowMs } from '../../../src/main/core/transcript-store/history-service';
import { formatSessionId } from '../../../src/shared/history';
import { defaultSettings, type Settings } from '../../../src/shared/settings';
import { numberedSegment } from '../../support/numbered-segment';
import { refusal } from '../../support/refusal';

let directory: string;
let store: TranscriptStore;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'earshot-history-'));
  store = await openTranscriptStore({ directory, log: createMemoryLogger() });
});
afterEach(async () => {
  store.close();
  await rm(directory, { recursive: true, force: true });
});

const segment = (index: number, text: string, start = index * 5) => ({
  ...numberedSegment(index),
  text,
  start,
  end: start + 4,
});

async function saveSession(startedAt: string, texts: string[], endedAt?: string): Promise<string> {
  const id = formatSessionId(new Date(startedAt), Math.random().toString(16).slice(2, 8).padEnd(6, '0'));
  await store.beginSession(id, new Date(startedAt));
  for (const [index, text] of texts.entries()) await store.appendFinal(id, segment(index, text));
  await store.endSession(id, new Date(endedAt ?? Date.parse(startedAt) + 60_000));
  return id;
}

/** A clock, timers and settings the test drives. */
function serviceRig(settings: Partial<Settings> = {}, searchCapacity = 1000) {
  let nowMs = Date.parse('2026-12-01T12:00:00Z');
  const timers: Array<{ at: number; run: () => void; handle: number }> = [];
  let current: Settings = { ...defaultSettings, ...settings };
  const listeners = new Set<(settings: Settings) => void>();
  const discarded: string[] = [];
  const service = createHistoryService({
    store,
    settings: {
      current: () => current,
      onChange: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    discardWaitingAudio: async (id) => {
      discarded.push(id);
    },
    budgets: {
      search: createRequestBudget({
        capacity: searchCapacity,
        refillEveryMs: 1,
        what: 'searches',
        now: () => nowMs,
      }),
      changes: createRequestBudget({ capacity: 5, refillEveryMs: 60_000, what: 'changes', now: () => nowMs }),
    },
    timers: {
      setTimeout: (run, ms) => {
        const handle = timers.length + 1;
        timers.push({ at: nowMs + ms, run, handle });
        return handle;
      },
      clearTimeout: (handle) => {
        const index = timers.findIndex((timer) => timer.handle === handle);
        if (index >= 0) timers.splice(index, 1);
      },
    },
    now: () => nowMs,
    log: createMemoryLogger(),
  });
  return {
    service,
    discarded,
    /** Moves the clock on and runs the timers that came due. */
    async advance(ms: number) {
      nowMs += ms;
      for (const timer of timers.filter((entry) => entry.at <= nowMs)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    },
    change(patch: Partial<Settings>) {
      current = { ...current, ...patch };
      for (const listener of listeners) listener(current);
    },
    now: () => nowMs,
  };
}

describe('search', () => {
  test('finds words in every session, with session, time in it and the matched words marked, best first', async () => {
    const budget = await saveSession('2026-11-02T09:00:00Z', [
      'Good morning everyone',
      'the quarterly budget is approved',
    ]);
    const other = await saveSession('2026-11-20T09:00:00Z', ['budget budget budget review', 'lunch at noon']);
    const hits = await store.search('budget');
    expect(hits.map((hit) => hit.sessionId)).toEqual([other, budget]);
    expect(hits[1]).toMatchObject({
      sessionStartedAt: '2026-11-02T09:00:00.000Z',
      sessionTitle: null,
      segmentId: 'segment-1',
      segmentStart: 5,
    });
    expect(hits[1]?.snippet).toEqual([
      { text: 'the quarterly ', match: false },
      { text: 'budget', match: true },
      { text: ' is approved', match: false },
    ]);
    // All words must match; the last as a prefix while typed.
    expect((await store.search('quarterly bud')).map((hit) => hit.sessionId)).toEqual([budget]);
    expect(await store.search('quarterly bud ')).toEqual([]);
    expect((await store.search('MORN')).map((hit) => hit.segmentId)).toEqual(['segment-0']);
  });

  test('relevance beats age while few segments match; with very many, the newest are ranked', async () => {
    const relevant = await saveSession('2026-10-01T09:00:00Z', ['invoice invoice invoice overdue']);
    const passing = await saveSession('2026-11-01T09:00:00Z', [
      'we talked about many things and the invoice came up once among a great many other words',
    ]);
    expect((await store.search('invoice')).map((hit) => hit.sessionId)).toEqual([relevant, passing]);

    const many = await saveSession(
      '2026-11-15T09:00:00Z',
      Array.from({ length: rankedMatches + 20 }, (_, index) => `common ${index}`),
    );
    const hits = await store.search('common', 1000);
    expect(hits).toHaveLength(rankedMatches);
    expect(new Set(hits.map((hit) => hit.sessionId))).toEqual(new Set([many]));
    // The newest rankedMatches segments: the first 20 said are not among them.
    expect(hits.map((hit) => hit.segmentStart).sort((x, y) => x - y)[0]).toBe(20 * 5);
  });

  test('text that would be FTS5 syntax never fails a search', async () => {
    await saveSession('2026-11-02T09:00:00Z', ['she said "near" and (not) quite']);
    for (const text of [
      '"',
      '""',
      'AND',
      'OR OR',
      'NOT',
      'near(',
      'NEAR(she said, 1)',
      'text:she',
      '*',
      '^',
      '-',
      ')(',
      "'",
      'she AND',
    ]) {
      await expect(store.search(text), text).resolves.toBeInstanceOf(Array);
    }
    expect((await store.search('NEAR(')).map((hit) => hit.segmentId)).toEqual(['segment-0']);
    expect((await store.search('(not')).length).toBe(1);
  });

  test('searches from the window are rate-limited', async () => {
    const rig = serviceRig({}, 3);
    await saveSession('2026-11-02T09:00:00Z', ['hello']);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await rig.service.searchHistory({ query: 'hello' })).toHaveLength(1);
    }
    expect((await refusal(rig.service.searchHistory({ query: 'hello' }))).userFacing.code).toBe(
      'rate-limited',
    );
  });

  test('a deleted session is not found, and is found again once restored', async () => {
    const id = await saveSession('2026-11-02T09:00:00Z', ['remember the milk']);
    await store.delete(id, Date.now());
    expect(await store.search('milk')).toEqual([]);
    expect(await store.list()).toEqual([]);
    expect((await refusal(store.get(id))).userFacing.code).toBe('not-found');
    await store.restore(id);
    expect((await store.search('milk')).map((hit) => hit.sessionId)).toEqual([id]);
  });
});

describe('rename', () => {
  test('a title is listed and searched with the session; blank gives back the first words', async () => {
    const id = await saveSession('2026-11-02T09:00:00Z', ['hello there']);
    expect(await store.rename(id, '  Standup, Monday ')).toMatchObject({
      title: 'Standup, Monday',
      firstWords: 'hello there',
    });
    expect((await store.list())[0]?.title).toBe('Standup, Monday');
    expect((await store.search('hello'))[0]?.sessionTitle).toBe('Standup, Monday');
    expect((await store.rename(id, '   ')).title).toBeNull();
    expect((await refusal(store.rename(id, 'x'.repeat(201)))).userFacing.code).toBe('invalid-request');
    expect((await refusal(store.rename(id, 'line\nbreak'))).userFacing.code).toBe('invalid-request');
  });

  test('speaker names are kept per session, and a blank name forgets one', async () => {
    const id = await saveSession('2026-11-02T09:00:00Z', ['hello']);
    expect(await store.renameSpeaker(id, '0', 'Ada')).toEqual({ '0': 'Ada' });
    expect(await store.renameSpeaker(id, '1', 'Grace')).toEqual({ '0': 'Ada', '1': 'Grace' });
    expect(await store.renameSpeaker(id, '0', '')).toEqual({ '1': 'Grace' });
    expect((await store.get(id)).speakerNames).toEqual({ '1': 'Grace' });
    expect((await refusal(store.renameSpeaker(id, '', 'x'))).userFacing.code).toBe('invalid-request');
  });
});

describe('delete with undo', () => {
  test('hides at once, can be undone within the window, and is deleted for good after it, files too', async () => {
    const rig = serviceRig();
    const kept = await saveSession('2026-11-02T09:00:00Z', ['keep me']);
    const gone = await saveSession('2026-11-03T09:00:00Z', ['secret words']);
    // As if migrated from JSONL: its original file goes with it.
    await writeFile(join(directory, `${gone}.jsonl.migrated`), 'secret words');

    expect(await rig.service.deleteSession({ id: gone })).toMatchObject({
      id: gone,
      firstWords: 'secret words',
    });
    expect(rig.discarded).toEqual([gone]);
    expect((await store.list()).map((summary) => summary.id)).toEqual([kept]);
    await rig.service.restoreSession({ id: gone });
    expect((await store.list()).map((summary) => summary.id)).toEqual([gone, kept]);

    await rig.service.deleteSession({ id: gone });
    await rig.advance(undoWindowMs + 1);
    expect((await refusal(rig.service.restoreSession({ id: gone }))).userFacing.message).toMatch(
      /deleted for good/,
    );
    expect(await readdir(directory)).not.toContain(`${gone}.jsonl.migrated`);
    // The words are gone from the database and its WAL, not only hidden.
    for (const name of (await readdir(directory)).filter((entry) => entry.startsWith('earshot.sqlite'))) {
      expect((await readFile(join(directory, name))).includes('secret words')).toBe(false);
    }
    expect((await store.list()).map((summary) => summary.id)).toEqual([kept]);
  });

  test('a running session cannot be deleted; changes are rate-limited', async () => {
    const rig = serviceRig();
    const running = formatSessionId(new Date(), 'abcdef');
    await store.beginSession(running, new Date());
    expect((await refusal(rig.service.deleteSession({ id: running }))).userFacing.code).toBe('session-busy');
    await store.endSession(running, new Date());
    const answers: string[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      answers.push(
        await rig.service.renameSession({ id: running, title: `name ${attempt}` }).then(
          () => 'renamed',
          (error: { userFacing: { code: string } }) => error.userFacing.code,
        ),
      );
    }
    // The refused delete spent one change of the five too.
    expect(answers).toEqual([...Array(4).fill('renamed'), ...Array(4).fill('rate-limited')]);
  });

  test('deleted sessions not restored are gone at the next start', async () => {
    const id = await saveSession('2026-11-03T09:00:00Z', ['words']);
    await store.delete(id, Date.now());
    store.close();
    store = await openTranscriptStore({ directory, log: createMemoryLogger() });
    const rig = serviceRig();
    await rig.advance(0);
    expect((await refusal(rig.service.restoreSession({ id }))).userFacing.code).toBe('not-found');
  });
});

describe('retention', () => {
  test('deletes sessions that ended longer ago than the setting, at start, on change and daily; never a running one', async () => {
    const day = 24 * 60 * 60 * 1000;
    const old = await saveSession('2026-09-05T09:00:00Z', ['ancient'], '2026-09-05T10:00:00Z');
    const monthAgo = await saveSession('2026-11-10T09:00:00Z', ['three weeks ago'], '2026-11-10T10:00:00Z');
    const recent = await saveSession('2026-11-29T09:00:00Z', ['this week'], '2026-11-29T10:00:00Z');
    // Started long ago, still running: never deleted.
    const running = formatSessionId(new Date('2026-08-01T09:00:00Z'), 'beef00');
    await store.beginSession(running, new Date('2026-08-01T09:00:00Z'));

    const rig = serviceRig({ historyRetentionDays: 90 });
    await rig.advance(0);
    expect((await store.list()).map((summary) => summary.id)).toEqual([recent, monthAgo, old, running]);

    rig.change({ historyRetentionDays: 30 });
    await rig.advance(0);
    expect((await store.list()).map((summary) => summary.id)).toEqual([recent, monthAgo, running]);
    expect(rig.discarded).toEqual([old]);

    await rig.advance(day);
    expect((await store.list()).map((summary) => summary.id)).toEqual([recent, monthAgo, running]);
    // 30 days after its end, and the daily run has come round.
    await rig.advance(9 * day);
    expect((await store.list()).map((summary) => summary.id)).toEqual([recent, running]);

    rig.change({ historyRetentionDays: null });
    await rig.advance(30 * day);
    expect((await store.list()).map((summary) => summary.id)).toEqual([recent, running]);
    await store.endSession(running, new Date());
  });
});

describe('"Keep history" off', () => {
  test('a session writes nothing: no row, no words, no kept audio; turning it on records the next one', async () => {
    const rig = serviceRig({ keepHistory: false });
    const before = await rig.service.getStorageInfo();
    expect(before).toMatchObject({ directory, sessionCount: 0, keepHistory: false });

    const quiet = formatSessionId(new Date(), '000001');
    const kept: Array<{ id: string; bytes: number }> = [];
    const keeper = rig.service.keeperFor({
      keep: async (sessionId, _offset, frames) => {
        const bytes = frames.reduce((sum, frame) => sum + frame.byteLength, 0);
        kept.push({ id: sessionId, bytes });
        return bytes;
      },
      openJournal: () => {
        throw new Error('a journal must not be opened for a session that is not recorded');
      },
    });
    await rig.service.sessionStore.beginSession(quiet, new Date());
    await rig.service.sessionStore.appendFinal(quiet, segment(0, 'not written anywhere'));
    expect(await keeper.keep(quiet, 0, [new Uint8Array(640)])).toBe(0);
    const journal = keeper.openJournal(quiet, 1280);
    journal.append(new Uint8Array(640));
    expect(journal.endPosition).toBe(1920);
    await rig.service.sessionStore.endSession(quiet, new Date());
    expect(await store.list()).toEqual([]);
    expect(await store.search('written')).toEqual([]);
    expect(kept).toEqual([]);

    rig.change({ keepHistory: true });
    const recorded = formatSessionId(new Date(), '000002');
    await rig.service.sessionStore.beginSession(recorded, new Date());
    await rig.service.sessionStore.appendFinal(recorded, segment(0, 'written now'));
    expect(await keeper.keep(recorded, 0, [new Uint8Array(640)])).toBe(640);
    await rig.service.sessionStore.endSession(recorded, new Date());
    expect((await store.list()).map((summary) => summary.id)).toEqual([recorded]);
    const after = await rig.service.getStorageInfo();
    expect(after).toMatchObject({ sessionCount: 1, keepHistory: true });
    expect(after.bytes).toBeGreaterThan(0);
  });
});
