/**
 * Damaged transcript files: a torn last line is copied aside before it is cut off, and files
 * that cannot be read whole are listed as damaged, with a sentence, and never changed.
 */
import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { openTranscriptStore } from '../../../src/main/core/transcript-store';
import { formatSessionId } from '../../../src/shared/history';
import { numberedSegment } from '../../support/numbered-segment';
import { refusal } from '../../support/refusal';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'earshot-transcripts-damage-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const recoveredAt = new Date('2026-11-28T08:15:30.250Z');
const copyName = (id: string) => `${id}.corrupt-2026-11-28T08-15-30-250Z.jsonl`;
const openStore = (log = createMemoryLogger()) =>
  openTranscriptStore({ directory, log, now: () => recoveredAt });

/** Everything in the directory, name → bytes, to show that nothing changed. */
async function snapshot(): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  for (const name of (await readdir(directory)).sort()) {
    const path = join(directory, name);
    entries[name] = (await stat(path)).isDirectory() ? '<directory>' : (await readFile(path)).toString('hex');
  }
  return entries;
}

/** A session whose writer died after two finals, mid-way through a third. */
async function crashedSession(startedAt: string, tornTail: Buffer): Promise<{ id: string; path: string }> {
  const id = formatSessionId(new Date(startedAt), 'c0ffee');
  const writer = await openStore();
  await writer.beginSession(id, new Date(startedAt));
  await writer.appendFinal(id, numberedSegment(0));
  await writer.appendFinal(id, numberedSegment(1));
  const path = join(directory, `${id}.jsonl`);
  await appendFile(path, tornTail);
  return { id, path };
}

describe('a torn last line', () => {
  // Ends inside "é" (0xc3 0xa9): the torn bytes are not even valid UTF-8.
  const tornTail = Buffer.concat([
    Buffer.from('{"kind":"final","segment":{"id":"segment-2","text":"caf', 'utf8'),
    Buffer.from([0xc3]),
  ]);

  test('is copied aside, byte for byte, before the file is cut back to its last good line', async () => {
    const { id, path } = await crashedSession('2026-11-27T10:00:00Z', tornTail);
    const asFound = await readFile(path);

    const log = createMemoryLogger();
    const store = await openStore(log);

    const copy = await readFile(join(directory, copyName(id)));
    expect(copy.equals(asFound)).toBe(true);
    expect(copy.subarray(-tornTail.length).equals(tornTail)).toBe(true);
    // Windows has no POSIX modes to check; the copy's bytes are checked everywhere.
    if (process.platform !== 'win32')
      expect((await stat(join(directory, copyName(id)))).mode & 0o777).toBe(0o600);
    // The original lost only the torn bytes, then got its interrupted marker.
    const cut = await readFile(path);
    expect(
      cut.subarray(0, asFound.length - tornTail.length).equals(asFound.subarray(0, -tornTail.length)),
    ).toBe(true);
    expect(cut.subarray(asFound.length - tornTail.length).toString('utf8')).toMatch(
      /^\{"kind":"interrupted".*\}\n$/,
    );
    // The copy is not a session of its own, and the session lost none of its finals.
    expect((await store.list()).map((summary) => summary.id)).toEqual([id]);
    expect((await store.get(id)).segments).toEqual([numberedSegment(0), numberedSegment(1)]);
    expect(log.lines.join('\n')).toContain(copyName(id));
  });

  test('is not cut when the copy cannot be made', async () => {
    const { id, path } = await crashedSession('2026-11-27T11:00:00Z', tornTail);
    const asFound = await readFile(path);
    // Something already holds the copy's name, so the copy fails.
    await mkdir(join(directory, copyName(id)));

    const log = createMemoryLogger();
    const store = await openStore(log);

    expect((await readFile(path)).equals(asFound)).toBe(true);
    expect(log.lines.join('\n')).toMatch(/could not check a transcript file/);
    // The session is still listed, interrupted, with every complete final.
    const [summary] = await store.list();
    expect(summary).toMatchObject({ id, interrupted: true, segmentCount: 2, damaged: null });
  });
});

describe('files that cannot be read whole', () => {
  const at = (iso: string) => formatSessionId(new Date(iso), 'abcdef');
  const noHeader = at('2026-11-20T09:00:00Z');
  const empty = at('2026-11-21T09:00:00Z');
  const unreadable = at('2026-11-22T09:00:00Z');
  const scarred = at('2026-11-23T09:00:00Z');
  const healthy = at('2026-11-24T09:00:00Z');

  async function writeDamagedDirectory(): Promise<void> {
    const writer = await openStore();
    for (const id of [scarred, healthy]) {
      await writer.beginSession(id, new Date(`${id.slice(0, 10)}T09:00:00Z`));
      await writer.appendFinal(id, numberedSegment(0));
      await writer.appendFinal(id, numberedSegment(1));
      await writer.endSession(id, new Date(`${id.slice(0, 10)}T09:01:00Z`));
    }
    const scarredPath = join(directory, `${scarred}.jsonl`);
    const lines = (await readFile(scarredPath, 'utf8')).split('\n');
    lines.splice(2, 0, '{"kind":"final","segm', 'not json at all');
    await writeFile(scarredPath, lines.join('\n'));
    await writeFile(
      join(directory, `${noHeader}.jsonl`),
      'PK\u0003\u0004 this is not a transcript\n{"kind":"end"}\n',
    );
    await writeFile(join(directory, `${empty}.jsonl`), '');
    // A directory where the file should be: reading it fails whoever runs the test (root included).
    await mkdir(join(directory, `${unreadable}.jsonl`));
  }

  test('are listed as damaged with a plain sentence, in date order, beside the healthy ones', async () => {
    await writeDamagedDirectory();
    const store = await openStore();
    const list = await store.list();
    expect(list.map((summary) => summary.id)).toEqual([healthy, scarred, unreadable, empty, noHeader]);
    const byId = new Map(list.map((summary) => [summary.id, summary]));

    expect(byId.get(healthy)?.damaged).toBeNull();
    for (const id of [noHeader, empty, unreadable]) {
      expect(byId.get(id)).toMatchObject({
        startedAt: `${id.slice(0, 10)}T09:00:00.000Z`,
        segmentCount: 0,
        firstWords: '',
        interrupted: false,
      });
    }
    expect(byId.get(noHeader)?.damaged?.reason).toMatch(
      /^Earshot cannot read this session: the start of its file is damaged/,
    );
    expect(byId.get(empty)?.damaged?.reason).toMatch(/^Earshot cannot read this session/);
    expect(byId.get(unreadable)?.damaged?.reason).toMatch(
      /^Earshot cannot open this session's file: the system refused to read it/,
    );
    expect(byId.get(scarred)).toMatchObject({
      segmentCount: 2,
      firstWords: 'word0a word0b word0c word1a word1b word1c',
    });
    expect(byId.get(scarred)?.damaged?.reason).toMatch(
      /^2 lines of this session's file could not be read and are left out/,
    );
    for (const summary of list.filter((entry) => entry.damaged)) {
      const reason = summary.damaged?.reason ?? '';
      // Says the file was kept and where, and never shows what was in it.
      expect(reason).toContain(`kept unchanged as ${summary.id}.jsonl in the "transcripts" folder`);
      expect(reason).not.toMatch(/PK|not json|segm|Error|at .*\.ts/);
    }
  });

  test('open to a plain sentence when nothing can be read, and to the readable part otherwise', async () => {
    await writeDamagedDirectory();
    const store = await openStore();
    const listed = new Map((await store.list()).map((summary) => [summary.id, summary]));
    for (const id of [noHeader, empty, unreadable]) {
      const error = await refusal(store.get(id));
      expect(error.userFacing.code).toBe('not-found');
      expect(error.userFacing.message).toBe(listed.get(id)?.damaged?.reason);
    }
    const partly = await store.get(scarred);
    expect(partly.segments).toEqual([numberedSegment(0), numberedSegment(1)]);
    expect(partly.summary.damaged).toEqual(listed.get(scarred)?.damaged);
    expect(partly.summary.damaged?.reason).toMatch(/^2 lines/);
  });

  test('are never changed or deleted, across opening, listing and reading', async () => {
    await writeDamagedDirectory();
    const before = await snapshot();
    for (let round = 0; round < 2; round += 1) {
      const store = await openStore();
      await store.list();
      for (const id of [noHeader, empty, unreadable, scarred, healthy])
        await store.get(id).catch(() => undefined);
    }
    expect(await snapshot()).toEqual(before);
  });

  test('a file that becomes readable again is listed whole again', async () => {
    await writeDamagedDirectory();
    const store = await openStore();
    expect((await store.list()).find((summary) => summary.id === unreadable)?.damaged).not.toBeNull();
    await rm(join(directory, `${unreadable}.jsonl`), { recursive: true });
    await writeFile(
      join(directory, `${unreadable}.jsonl`),
      `{"kind":"session","version":1,"id":"${unreadable}","startedAt":"2026-11-22T09:00:00.000Z"}\n{"kind":"end","endedAt":"2026-11-22T09:00:05.000Z"}\n`,
    );
    expect((await store.list()).find((summary) => summary.id === unreadable)).toMatchObject({
      damaged: null,
      durationSeconds: 5,
    });
  });
});
