/**
 * A history request with an id main never made is refused before it names a file: by the
 * store, even when such a file exists, and by the dispatcher before any handler runs
 * (the format itself: test/unit/core/session-id.test.ts).
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { InvokeHandlers, SendHandlers } from '../../../src/main/core/handler-types';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { openTranscriptStore, type TranscriptStore } from '../../../src/main/core/transcript-store';
import { createIpcDispatcher } from '../../../src/main/ipc/ipc-dispatcher';
import { createTrustedSenderCheck } from '../../../src/main/ipc/trusted-sender';
import { formatSessionId } from '../../../src/shared/history';
import { refusal } from '../../support/refusal';
import { notGenerated } from '../../support/session-id-samples';

describe('a history request with an id main never made', () => {
  let directory: string;
  let store: TranscriptStore;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'earshot-session-ids-'));
    store = await openTranscriptStore({ directory, log: createMemoryLogger() });
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  test('is not found by the store, even when a file of that name is in its directory', async () => {
    const header = '{"kind":"session","version":1,"id":"x","startedAt":"2026-11-27T09:00:00.000Z"}\n';
    // Linux lets these names exist; a store that trusted the name would open them.
    for (const name of ['CON', 'NUL', 'COM1', 'aux', 'session-a']) {
      await writeFile(join(directory, `${name}.jsonl`), header);
    }
    for (const id of notGenerated) {
      const error = await refusal(store.get(id), JSON.stringify(id));
      expect(error.userFacing.code).toBe('not-found');
    }
    expect(await store.list()).toEqual([]);
    // And nothing was written or removed.
    expect((await readdir(directory)).filter((name) => name.endsWith('.jsonl')).sort()).toEqual(
      ['COM1.jsonl', 'CON.jsonl', 'NUL.jsonl', 'aux.jsonl', 'session-a.jsonl'].sort(),
    );
  });

  test('is refused by the dispatcher before any handler runs', async () => {
    const reached: unknown[] = [];
    const invokeHandlers = new Proxy({} as InvokeHandlers, {
      get: (_, method: string) => async (request: unknown) => {
        reached.push({ method, request });
        return method === 'getHistorySession' && isRequestWithId(request) ? store.get(request.id) : null;
      },
    });
    const sendHandlers: SendHandlers = {
      sendAudio: () => undefined,
      reportCaptureProblem: () => undefined,
      reportNetworkOnline: () => undefined,
    };
    const dispatcher = createIpcDispatcher({
      invokeHandlers,
      sendHandlers,
      isTrustedSender: createTrustedSenderCheck({
        isTrustedWebContents: (id) => id === 7,
        appOrigin: 'app://earshot',
      }),
      log: createMemoryLogger(),
    });
    const ourWindow = { webContentsId: 7, frameUrl: 'app://earshot/index.html', isMainFrame: true };
    for (const id of notGenerated) {
      const result = await dispatcher.handleInvoke('earshot:history:get', { id }, ourWindow);
      expect(result, JSON.stringify(id)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(reached).toEqual([]);
    // A well-formed id gets through to the store (which has no such session).
    const wellFormed = formatSessionId(new Date(), 'abcdef');
    const result = await dispatcher.handleInvoke('earshot:history:get', { id: wellFormed }, ourWindow);
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(reached).toHaveLength(1);
  });
});

function isRequestWithId(value: unknown): value is { id: string } {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}
