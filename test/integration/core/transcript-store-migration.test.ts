/**
 * The one-time move from JSONL files into SQLite, starting from real files written by the JSONL
 * store as Earshot shipped it (test/support/legacy-jsonl-store.ts): every session is imported
 * whole, each file renamed (kept byte for byte), damaged files imported as far as they read and
 * reported, never dropped; nothing is imported twice.
 */
import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { openTranscriptStore } from '../../../src/main/core/transcript-store';
import { formatSessionId } from '../../../src/shared/history';
import { openLegacyJsonlStore } from '../../support/legacy-jsonl-store';
import { numberedSegment } from '../../support/numbered-segment';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'earshot-migration-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const legacyStore = () => openLegacyJsonlStore({ directory, log: createMemoryLogger() });
const openStore = (log = createMemoryLogger()) => openTranscriptStore({ directory, log });
const at = (iso: string, hex = 'abc123') => formatSessionId(new Date(iso), hex);

async function jsonlFiles(): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {};
  for (const name of (await readdir(directory)).sort())
    if (name.endsWith('.jsonl')) files[name] = await readFile(join(directory, name));
  return files;
}

describe('JSONL transcripts', () => {
  test('are imported whole (segments, times, later words, interrupted), and each file is renamed, not changed', async () => {
    const legacy = await legacyStore();
    const stopped = at('2026-10-01T09:00:00Z');
    const withLater = at('2026-10-02T09:00:00Z');
    const crashed = at('2026-10-03T09:00:00Z');
    await legacy.beginSession(stopped, new Date('2026-10-01T09:00:00Z'));
    for (let index = 0; index < 5; index += 1) await legacy.appendFinal(stopped, numberedSegment(index));
    await legacy.endSession(stopped, new Date('2026-10-01T09:01:00Z'));
    await legacy.beginSession(withLater, new Date('2026-10-02T09:00:00Z'));
    await legacy.appendFinal(withLater, numberedSegment(0));
    await legacy.appendFinal(withLater, numberedSegment(3));
    await legacy.endSession(withLater, new Date('2026-10-02T09:00:30Z'));
    await legacy.appendLater(withLater, [numberedSegment(1)]);
    const legacyReads = await legacyStore();
    const legacyList = await legacyReads.list();
    const expectedSegments = new Map(
      await Promise.all(
        [stopped, withLater].map(async (id) => [id, (await legacyReads.get(id)).segments] as const),
      ),
    );
    // Then a session whose writer died mid-line: no end line, a torn tail, never reopened.
    const dying = await legacyStore();
    await dying.beginSession(crashed, new Date('2026-10-03T09:00:00Z'));
    await dying.appendFinal(crashed, numberedSegment(0));
    await appendFile(join(directory, `${crashed}.jsonl`), '{"kind":"final","segment":{"id":"torn');
    expectedSegments.set(crashed, [numberedSegment(0)]);
    const originals = await jsonlFiles();
    expect(Object.keys(originals)).toHaveLength(3);

    const store = await openStore();
    const list = await store.list();
    // History reads as it did before the move (titles are new: none yet).
    expect(list.slice(1)).toEqual(legacyList.map((summary) => ({ ...summary, title: null })));
    expect(list[0]).toMatchObject({
      id: crashed,
      interrupted: true,
      endedAt: null,
      segmentCount: 1,
      damaged: null,
    });
    for (const [id, segments] of expectedSegments) {
      expect((await store.get(id)).segments).toEqual(segments);
    }
    expect((await store.get(withLater)).segments.map((segment) => segment.transcribedLater === true)).toEqual(
      [false, true, false],
    );
    // Each original kept, byte for byte, under its new name; no file left to import.
    const after = await readdir(directory);
    for (const [name, bytes] of Object.entries(originals)) {
      expect(after).not.toContain(name);
      expect((await readFile(join(directory, `${name}.migrated`))).equals(bytes)).toBe(true);
    }
    // Imported words are searchable.
    expect((await store.search('word3b')).map((hit) => hit.sessionId).sort()).toEqual(
      [stopped, withLater].sort(),
    );
    store.close();

    // Opening again imports nothing twice.
    const again = await openStore();
    expect(await again.list()).toEqual(list);
    expect((await again.get(stopped)).segments).toHaveLength(5);
  });

  test('damaged files are imported as far as they read and say so; nothing is dropped', async () => {
    const legacy = await legacyStore();
    const scarred = at('2026-11-23T09:00:00Z');
    const noHeader = at('2026-11-20T09:00:00Z');
    const empty = at('2026-11-21T09:00:00Z');
    await legacy.beginSession(scarred, new Date('2026-11-23T09:00:00Z'));
    await legacy.appendFinal(scarred, numberedSegment(0));
    await legacy.appendFinal(scarred, numberedSegment(1));
    await legacy.endSession(scarred, new Date('2026-11-23T09:01:00Z'));
    const scarredPath = join(directory, `${scarred}.jsonl`);
    const lines = (await readFile(scarredPath, 'utf8')).split('\n');
    lines.splice(2, 0, '{"kind":"final","segm', 'not json at all');
    await writeFile(scarredPath, lines.join('\n'));
    await writeFile(join(directory, `${noHeader}.jsonl`), 'PK\u0003\u0004 this is not a transcript\n');
    await writeFile(join(directory, `${empty}.jsonl`), '');

    const log = createMemoryLogger();
    const store = await openStore(log);
    const byId = new Map((await store.list()).map((summary) => [summary.id, summary]));
    expect([...byId.keys()]).toEqual([scarred, empty, noHeader]);
    expect(byId.get(scarred)).toMatchObject({
      segmentCount: 2,
      firstWords: 'word0a word0b word0c word1a word1b word1c',
    });
    expect(byId.get(scarred)?.damaged?.reason).toMatch(
      /^2 lines of this session's file could not be read and are left out; the rest is shown\./,
    );
    for (const id of [noHeader, empty]) {
      expect(byId.get(id)).toMatchObject({ startedAt: `${id.slice(0, 10)}T09:00:00.000Z`, segmentCount: 0 });
      expect(byId.get(id)?.damaged?.reason).toMatch(
        /^Earshot cannot read this session: the start of its file/,
      );
    }
    for (const summary of byId.values()) {
      // Says where the original is kept, and never shows what was in it.
      expect(summary.damaged?.reason).toContain(`kept unchanged as ${summary.id}.jsonl.migrated`);
      expect(summary.damaged?.reason).not.toMatch(/PK|not json|segm/);
    }
    expect((await store.get(scarred)).segments).toEqual([numberedSegment(0), numberedSegment(1)]);
    expect(log.lines.join('\n')).not.toMatch(/not json|PK/);
  });

  test('a file that cannot be read (a directory in its place) is listed as damaged, kept, and imported once it can be', async () => {
    const blocked = at('2026-11-22T09:00:00Z');
    // A directory where the file should be: reading it fails whoever runs the test (root included).
    await mkdir(join(directory, `${blocked}.jsonl`));
    const store = await openStore();
    const [summary] = await store.list();
    expect(summary).toMatchObject({ id: blocked, segmentCount: 0 });
    expect(summary?.damaged?.reason).toMatch(
      /^Earshot cannot open this session's file .* the system refused to read it/,
    );
    expect(await readdir(directory)).toContain(`${blocked}.jsonl`);
    store.close();

    await rm(join(directory, `${blocked}.jsonl`), { recursive: true });
    const legacy = await legacyStore();
    await legacy.beginSession(blocked, new Date('2026-11-22T09:00:00Z'));
    await legacy.appendFinal(blocked, numberedSegment(0));
    await legacy.endSession(blocked, new Date('2026-11-22T09:00:05Z'));
    const reopened = await openStore();
    expect(await reopened.list()).toEqual([
      expect.objectContaining({ id: blocked, damaged: null, segmentCount: 1, durationSeconds: 5 }),
    ]);
  });
});
