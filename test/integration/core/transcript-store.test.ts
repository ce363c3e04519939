/**
 * The transcript store (SQLite) with real files: durability (including SIGKILL of a real writer
 * process), interrupted sessions, history and id validation.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { openTranscriptStore } from '../../../src/main/core/transcript-store';
import { formatSessionId } from '../../../src/shared/history';
import { numberedSegment } from '../../support/numbered-segment';
import { refusal } from '../../support/refusal';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'earshot-transcripts-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const openStore = () => openTranscriptStore({ directory, log: createMemoryLogger() });

/** An id as main makes it, for a session started at `startedAt`. */
function idAt(startedAt: string | Date, randomHex = '0a1b2c'): string {
  return formatSessionId(new Date(startedAt), randomHex);
}

function segmentWithText(index: number, text: string) {
  return { ...numberedSegment(index), text };
}

describe('transcript store', () => {
  test('a stopped session is listed with date, duration, first words and count, and reads back exactly', async () => {
    const store = await openStore();
    const segments = [
      segmentWithText(0, 'The quick brown fox jumps over'),
      segmentWithText(1, 'the lazy dog while the cat sleeps in the sun'),
      segmentWithText(2, 'and nothing else happens.'),
    ];
    const id = idAt('2026-11-27T09:00:00Z');
    await store.beginSession(id, new Date('2026-11-27T09:00:00Z'));
    for (const segment of segments) await store.appendFinal(id, segment);
    await store.endSession(id, new Date('2026-11-27T09:02:30Z'));

    expect(await store.list()).toEqual([
      {
        id,
        startedAt: '2026-11-27T09:00:00.000Z',
        endedAt: '2026-11-27T09:02:30.000Z',
        durationSeconds: 150,
        firstWords: 'The quick brown fox jumps over the lazy dog while the cat …',
        segmentCount: 3,
        interrupted: false,
        damaged: null,
        waitingAudioSeconds: 0,
        title: null,
      },
    ]);
    const reopened = await openStore();
    const transcript = await reopened.get(id);
    expect(transcript.segments).toEqual(segments);
    expect(transcript.summary.interrupted).toBe(false);
  });

  test('history is newest first, and a running session is listed as running, not interrupted', async () => {
    const store = await openStore();
    const ids: Record<string, string> = {};
    for (const [name, startedAt] of [
      ['older', '2026-11-25T08:00:00Z'],
      ['newest', '2026-11-27T08:00:00Z'],
      ['middle', '2026-11-26T08:00:00Z'],
    ] as const) {
      const id = idAt(startedAt);
      ids[name] = id;
      await store.beginSession(id, new Date(startedAt));
      await store.appendFinal(id, segmentWithText(0, `hello from ${name}`));
      await store.endSession(id, new Date(Date.parse(startedAt) + 60_000));
    }
    const runningStart = new Date();
    const running = idAt(runningStart);
    await store.beginSession(running, runningStart);
    await store.appendFinal(running, segmentWithText(0, 'still talking'));
    const list = await store.list();
    expect(list.map((summary) => summary.id)).toEqual([running, ids.newest, ids.middle, ids.older]);
    expect(list[0]).toMatchObject({
      endedAt: null,
      interrupted: false,
      segmentCount: 1,
      firstWords: 'still talking',
      damaged: null,
      waitingAudioSeconds: 0,
    });
    expect(list[1]).toMatchObject({ firstWords: 'hello from newest', durationSeconds: 60 });
    await store.endSession(running, new Date());
  });

  test('ids that could leave the directory are refused; unknown ids are not found', async () => {
    const store = await openStore();
    await writeFile(join(directory, '..', 'outside.jsonl'), '{"kind":"session"}\n').catch(() => undefined);
    for (const id of ['../outside', '..', 'a/b', '', 'x'.repeat(65), 'nul\u0000']) {
      expect((await refusal(store.get(id))).userFacing.code).toBe('not-found');
    }
    expect((await refusal(store.get(idAt('2020-01-01T00:00:00Z')))).userFacing.code).toBe('not-found');
    expect((await refusal(store.beginSession('../escape', new Date()))).userFacing.code).toBe(
      'invalid-request',
    );
    expect(await store.list()).toEqual([]);
    expect((await readdir(directory)).filter((name) => !name.startsWith('earshot.sqlite'))).toEqual([]);
    await rm(join(directory, '..', 'outside.jsonl'), { force: true });
  });

  test('writing to a session that is not running is an error, and an id is never reused', async () => {
    const store = await openStore();
    const once = idAt(new Date());
    expect((await refusal(store.appendFinal(once, numberedSegment(0)))).userFacing.code).toBe('internal');
    await store.beginSession(once, new Date());
    await store.endSession(once, new Date());
    expect((await refusal(store.appendFinal(once, numberedSegment(1)))).userFacing.code).toBe('internal');
    expect((await refusal(store.beginSession(once, new Date()))).userFacing.code).toBe('invalid-request');
    expect((await store.get(once)).segments).toEqual([]);
  });

  test('a session never ended (the app quit without stopping) is marked interrupted on the next open', async () => {
    const first = await openStore();
    const abandoned = idAt('2026-11-27T10:00:00Z');
    await first.beginSession(abandoned, new Date('2026-11-27T10:00:00Z'));
    await first.appendFinal(abandoned, segmentWithText(0, 'first words'));
    await first.appendFinal(abandoned, { ...segmentWithText(1, 'last words'), end: 42.5 });

    const second = await openStore();
    const [summary] = await second.list();
    expect(summary).toMatchObject({ id: abandoned, interrupted: true, endedAt: null, segmentCount: 2 });
    expect(summary?.durationSeconds).toBe(42.5);
    expect((await second.get(abandoned)).segments.map((segment) => segment.text)).toEqual([
      'first words',
      'last words',
    ]);
    second.close();
    // Still interrupted (not running, not ended) however often the store opens again.
    const third = await openStore();
    expect((await third.list())[0]).toMatchObject({ id: abandoned, interrupted: true, segmentCount: 2 });
  });
});

describe('SIGKILL', () => {
  const childScript = fileURLToPath(new URL('../../support/transcript-append-child.ts', import.meta.url));

  test('a writer killed mid-session loses no acknowledged segment, and the session comes back interrupted', async () => {
    const killAfter = 40;
    const killed = idAt(new Date());
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, directory, killed, '100000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const acknowledged: number[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_, signal) => resolve(signal)),
    );
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^ack (\d+)$/.exec(line);
        if (!match) continue;
        acknowledged.push(Number(match[1]));
        if (acknowledged.length === killAfter) child.kill('SIGKILL');
      }
    });
    const signal = await exited;
    expect(stderr).toBe('');
    expect(signal).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);
    // Killed mid-stream, not after finishing.
    expect(acknowledged.length).toBeLessThan(100000);

    const store = await openStore();
    const [summary] = await store.list();
    expect(summary).toMatchObject({ id: killed, interrupted: true, endedAt: null });
    const { segments } = await store.get(killed);
    // Every acknowledged segment is there, in order and intact; at most the one in flight more.
    const lastAcknowledged = Math.max(...acknowledged);
    expect(segments.length).toBeGreaterThanOrEqual(lastAcknowledged + 1);
    expect(segments.length).toBeLessThanOrEqual(lastAcknowledged + 2);
    for (const index of acknowledged) expect(segments[index]).toEqual(numberedSegment(index));
    expect(summary?.segmentCount).toBe(segments.length);
    // The writer used the SQLite store: no JSONL file was written.
    expect((await readdir(directory)).filter((name) => name.endsWith('.jsonl'))).toEqual([]);
    expect(await readdir(directory)).toContain('earshot.sqlite');
  });
});
