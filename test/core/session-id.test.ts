/**
 * Session ids have one definition (src/shared/history.ts): the ids main generates always pass
 * it, and the IPC contract, the dispatcher and the store refuse everything else, including
 * names Windows reserves for devices.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { InvokeHandlers, SendHandlers } from '../../src/main/core/handler-types';
import { createMemoryLogger } from '../../src/main/core/logger';
import { openTranscriptStore, type TranscriptStore } from '../../src/main/core/transcript-store';
import { createIpcDispatcher } from '../../src/main/ipc/ipc-dispatcher';
import { createTrustedSenderCheck } from '../../src/main/ipc/trusted-sender';
import { formatSessionId, isSessionId, sessionStartOf } from '../../src/shared/history';
import { invokeContract, sessionId } from '../../src/shared/ipc-contract';
import { ValidationError } from '../../src/shared/validation';
import { EarshotError } from '../../src/shared/user-facing-error';

const windowsDeviceNames = [
  'CON',
  'PRN',
  'AUX',
  'NUL',
  'COM1',
  'COM9',
  'LPT1',
  'LPT9',
  'con',
  'nul',
  'aux',
  'com1',
  'CON.jsonl',
  'NUL.txt',
  'CONIN$',
  'CONOUT$',
];

/** Shapes close to a real id that main never makes, and names that could reach outside the directory. */
const notGenerated = [
  ...windowsDeviceNames,
  '',
  '.',
  '..',
  '../x',
  '..\\x',
  'a/b',
  'session-a',
  'x'.repeat(31),
  'x'.repeat(10_000),
  '2026-11-27T09-00-00-000Z-3FA9C1', // upper-case hex
  '2026-11-27T09-00-00-000Z-3fa9c', // five hex digits
  '2026-11-27T09-00-00-000Z-3fa9c12', // seven
  '2026-11-27T09:00:00.000Z-3fa9c1', // the ISO form, with colons
  '2026-11-27T09-00-00-000Z-3fa9c1\n',
  ' 2026-11-27T09-00-00-000Z-3fa9c1',
  '2026-11-27T09-00-00-000Z-3fa9c1.jsonl',
  '2026-11-27T09-00-00-000Z-3fa9c1.corrupt-2026-11-27T09-00-00-000Z',
  '2026-13-27T09-00-00-000Z-3fa9c1', // month 13
  '2026-11-27T24-00-00-000Z-3fa9c1', // hour 24
  '+10000-11-27T09-00-00-000Z-3fa9c1',
  '２０２６-11-27T09-00-00-000Z-3fa9c1', // full-width digits
  'nul\u0000',
];

function randomDate(): Date {
  // Anywhere in years 0000–9999, to the millisecond.
  const min = Date.parse('0000-01-01T00:00:00.000Z');
  const max = Date.parse('9999-12-31T23:59:59.999Z');
  return new Date(min + Math.floor(Math.random() * (max - min)));
}

describe('session id format', () => {
  test('every id main generates passes the shared definition and the contract, and records its start', () => {
    const edges = [
      new Date('0000-01-01T00:00:00.000Z'),
      new Date('9999-12-31T23:59:59.999Z'),
      new Date('2024-02-29T23:59:59.999Z'),
      new Date(),
    ];
    for (const startedAt of [...edges, ...Array.from({ length: 2000 }, randomDate)]) {
      const id = formatSessionId(startedAt, randomBytes(3).toString('hex'));
      expect(isSessionId(id)).toBe(true);
      expect(sessionId(id, 'id')).toBe(id);
      expect(sessionStartOf(id)).toBe(startedAt.toISOString());
    }
  });

  test('the generator refuses a time or random part that would make an id nobody can open', () => {
    expect(() => formatSessionId(new Date('+010000-01-01T00:00:00.000Z'), 'abcdef')).toThrow(RangeError);
    expect(() => formatSessionId(new Date(-1e15), 'abcdef')).toThrow(RangeError);
    expect(() => formatSessionId(new Date(), 'ABCDEF')).toThrow(RangeError);
    expect(() => formatSessionId(new Date(), '../x')).toThrow(RangeError);
  });

  test('the contract refuses reserved device names and anything not in the format, without echoing it', () => {
    for (const id of notGenerated) {
      expect(isSessionId(id)).toBe(false);
      let refusal: unknown = null;
      try {
        invokeContract.getHistorySession.request({ id }, 'request');
      } catch (error) {
        refusal = error;
      }
      expect(refusal, JSON.stringify(id)).toBeInstanceOf(ValidationError);
      if (id.length > 2) expect((refusal as Error).message).not.toContain(id);
    }
    for (const id of [undefined, null, 42, ['CON'], { toString: () => 'CON' }]) {
      expect(isSessionId(id)).toBe(false);
      expect(() => invokeContract.getHistorySession.request({ id }, 'request')).toThrow(ValidationError);
    }
  });

  test('an impossible calendar day passes the pattern but never yields a start time', () => {
    expect(sessionStartOf('2026-02-31T09-00-00-000Z-3fa9c1')).toBeNull();
  });
});

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
      const error = await store.get(id).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error, JSON.stringify(id)).toBeInstanceOf(EarshotError);
      expect((error as EarshotError).userFacing.code).toBe('not-found');
    }
    expect(await store.list()).toEqual([]);
    // And nothing was written or removed.
    expect((await readdir(directory)).sort()).toEqual(
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
    const sendHandlers: SendHandlers = { sendAudio: () => undefined, reportCaptureProblem: () => undefined };
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
