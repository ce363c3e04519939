import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { openTranscriptStore } from '../../../src/main/core/transcript-store';
import { databaseFileName } from '../../../src/main/core/transcript-store/transcript-database';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import type { TranscriptSegment } from '../../../src/shared/transcript';
import {
  concatSamples,
  createHarness,
  pushFrames,
  silence,
  synthesizeSpeech,
  toFrames,
  waitUntil,
} from '../../support/session-test-kit';
import { speechToolsMissing } from '../../support/speech-audio';

describe.skipIf(speechToolsMissing !== null)(
  'a final segment is shown only once it is on disk (needs espeak-ng and sox)',
  () => {
    let emulator: DeepgramEmulator;
    beforeAll(async () => {
      emulator = await startDeepgramEmulator();
    });
    afterAll(() => emulator.close());

    it('holds the final (and everything after it) until appendFinal has resolved', async () => {
      emulator.queueUtterances(['Durable words come first.']);
      const harness = createHarness({ endpoint: emulator.url, key: emulator.demoKey });
      const pendingWrites: Array<{ segment: TranscriptSegment; release: () => void }> = [];
      const writeToMemory = harness.store.appendFinal.bind(harness.store);
      harness.store.appendFinal = (id, segment) =>
        new Promise<void>((resolve) => {
          pendingWrites.push({ segment, release: () => void writeToMemory(id, segment).then(resolve) });
        });

      await harness.controller.start();
      const speech = synthesizeSpeech('Durable words come first.');
      await pushFrames(harness.controller, toFrames(concatSamples(silence(300), speech, silence(1200))), 4);
      await waitUntil(() => pendingWrites.length > 0, 15_000, 'the final to reach the store');

      // The disk write is still pending: the window has not been told about the final.
      expect(harness.finals()).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(harness.finals()).toHaveLength(0);

      for (const write of pendingWrites.splice(0)) write.release();
      await waitUntil(() => harness.finals().length > 0, 5_000, 'the final to be shown');
      expect(harness.storedText()).toContain('Durable words come first.');
      expect(harness.finals()[0]?.text).toBe('Durable words come first.');

      const stopping = harness.controller.stop();
      // Finals that Stop flushes are also held until written.
      const release = setInterval(() => pendingWrites.splice(0).forEach((write) => write.release()), 20);
      await stopping;
      clearInterval(release);
    });

    it('with the SQLite store, every final shown is already committed (read back by a second connection)', async () => {
      const directory = await mkdtemp(join(tmpdir(), 'earshot-durable-order-'));
      const store = await openTranscriptStore({ directory, log: createMemoryLogger() });
      const reader = new DatabaseSync(join(directory, databaseFileName), { readOnly: true });
      try {
        emulator.queueUtterances(['Committed before shown.', 'And so is this one.']);
        const harness = createHarness({
          endpoint: emulator.url,
          key: emulator.demoKey,
          transcriptStore: store,
        });
        const committedWhenShown: boolean[] = [];
        const isCommitted = reader.prepare('SELECT count(*) AS count FROM segments WHERE segment_id = ?');
        const record = harness.transcript.push.bind(harness.transcript);
        harness.transcript.push = (...events) => {
          for (const event of events) {
            if (event.kind === 'segment' && event.segment.isFinal && event.segment.text !== '') {
              const { count } = isCommitted.get(event.segment.id) as { count: number };
              committedWhenShown.push(count === 1);
            }
          }
          return record(...events);
        };
        await harness.controller.start();
        const speech = concatSamples(
          silence(300),
          synthesizeSpeech('Committed before shown.'),
          silence(900),
          synthesizeSpeech('And so is this one.'),
          silence(1200),
        );
        await pushFrames(harness.controller, toFrames(speech), 4);
        await waitUntil(() => committedWhenShown.length >= 2, 15_000, 'two finals to be shown');
        await harness.controller.stop();
        expect(committedWhenShown.length).toBeGreaterThanOrEqual(2);
        expect(committedWhenShown.every(Boolean)).toBe(true);
      } finally {
        reader.close();
        store.close();
        await rm(directory, { recursive: true, force: true });
      }
    });
  },
);
