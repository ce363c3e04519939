/** "Both" sessions: a segment's channel (0 "You", 1 "Others") survives the store and a reopen. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { openTranscriptStore } from '../../../src/main/core/transcript-store';
import { formatSessionId } from '../../../src/shared/history';
import { numberedSegment } from '../../support/numbered-segment';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'earshot-channels-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

test('each segment keeps its channel through the store and a reopen; mono segments get none', async () => {
  const store = await openTranscriptStore({ directory, log: createMemoryLogger() });
  const id = formatSessionId(new Date('2026-12-01T10:00:00Z'), 'c0ffee');
  const you = { ...numberedSegment(0), id: `${id}-c0-1`, channel: 0 };
  const others = { ...numberedSegment(1), id: `${id}-c1-1`, channel: 1 };
  const mono = numberedSegment(2);
  await store.beginSession(id, new Date('2026-12-01T10:00:00Z'));
  for (const segment of [you, others, mono]) await store.appendFinal(id, segment);
  await store.endSession(id, new Date('2026-12-01T10:01:00Z'));
  store.close();

  const reopened = await openTranscriptStore({ directory, log: createMemoryLogger() });
  const { segments } = await reopened.get(id);
  expect(segments.map((segment) => segment.channel)).toEqual([0, 1, undefined]);
  expect(segments).toEqual([you, others, mono]);
  reopened.close();
});
