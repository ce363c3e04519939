/**
 * Thousands of malformed messages across every channel, from our window and from senders
 * that are not: the dispatcher never throws or rejects, never lets a malformed payload reach
 * a handler, answers every invoke with a plain-sentence error, and never logs a payload.
 * Deterministic (seeded), so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import type { InvokeHandlers, SendHandlers } from '../../src/main/core/handler-types';
import { createMemoryLogger } from '../../src/main/core/logger';
import { createAudioRateGuard } from '../../src/main/ipc/audio-rate-guard';
import { createIpcDispatcher, type IpcSenderIdentity } from '../../src/main/ipc/ipc-dispatcher';
import { createTrustedSenderCheck } from '../../src/main/ipc/trusted-sender';
import { invokeContract, sendContract } from '../../src/shared/ipc-contract';
import { seededRandom } from '../support/seeded-random';

const marker = 'FUZZMARKER0123456789abcdef';
const ourWindow: IpcSenderIdentity = {
  webContentsId: 1,
  frameUrl: 'app://earshot/index.html',
  isMainFrame: true,
};

function malformedValues(random: () => number): unknown[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const deep = (depth: number): unknown => (depth === 0 ? marker : { nested: deep(depth - 1) });
  const scalars: unknown[] = [
    0,
    -1,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    '',
    marker,
    `${marker}${'x'.repeat(1_000_000)}`,
    true,
    false,
    null,
    [],
    [marker],
    new Date(0),
    new Map([[marker, marker]]),
    new Set([marker]),
    new Uint8Array(640),
    new Int16Array(320),
    new ArrayBuffer(0),
    new ArrayBuffer(641),
    new ArrayBuffer(64 * 1024 + 2),
    new ArrayBuffer(1024 * 1024),
    new SharedArrayBuffer(640),
    () => marker,
    deep(200),
    Object.create(null),
    JSON.parse(`{"__proto__": {"polluted": "${marker}"}}`),
    { constructor: { prototype: { polluted: marker } } },
  ];
  const fieldNames = [
    'key',
    'persistence',
    'paused',
    'id',
    'problem',
    'endpoint',
    'model',
    marker,
    '__proto__',
  ];
  const values: unknown[] = [...scalars];
  for (let index = 0; index < 60; index += 1) {
    const object: Record<string, unknown> = {};
    const fields = 1 + Math.floor(random() * 4);
    for (let field = 0; field < fields; field += 1) object[pick(fieldNames)] = pick(scalars);
    values.push(object);
  }
  return values;
}

function setup() {
  const reached: string[] = [];
  const reach = (method: string) => async () => {
    reached.push(method);
    return null;
  };
  const invokeHandlers = Object.fromEntries(
    Object.keys(invokeContract).map((method) => [method, reach(method)]),
  ) as unknown as InvokeHandlers;
  const sendHandlers: SendHandlers = {
    sendAudio: () => reached.push('sendAudio'),
    reportCaptureProblem: () => reached.push('reportCaptureProblem'),
  };
  const log = createMemoryLogger();
  const dispatcher = createIpcDispatcher({
    invokeHandlers,
    sendHandlers,
    isTrustedSender: createTrustedSenderCheck({
      isTrustedWebContents: (id) => id === 1,
      appOrigin: 'app://earshot',
    }),
    log,
    // Rate limiting is tested on its own; here every valid frame should reach the handler.
    audioRateGuard: createAudioRateGuard({ burstSeconds: 1e9 }),
  });
  return { dispatcher, reached, log };
}

function isValid(validate: (value: unknown, path: string) => unknown, value: unknown): boolean {
  try {
    validate(value, 'request');
    return true;
  } catch {
    return false;
  }
}

describe('ipc dispatcher under malformed input', () => {
  it('refuses at least 1,000 malformed payloads across every channel, with a sentence, reaching no handler', async () => {
    const random = seededRandom(20261127);
    const { dispatcher, reached, log } = setup();
    let refused = 0;

    for (let round = 0; round < 4; round += 1) {
      for (const entry of Object.values(invokeContract)) {
        for (const payload of malformedValues(random)) {
          if (isValid(entry.request, payload)) continue;
          const result = await dispatcher.handleInvoke(entry.channel, payload, ourWindow);
          expect(result.ok, entry.channel).toBe(false);
          if (!result.ok) {
            expect(result.error.code).toBe('invalid-request');
            expect(result.error.message).toMatch(/^request\S* must .+\.$/);
            expect(result.error.message).not.toContain(marker);
            expect(result.error.message).not.toMatch(/\n\s+at /);
          }
          refused += 1;
        }
      }
      for (const entry of Object.values(sendContract)) {
        for (const payload of malformedValues(random)) {
          if (isValid(entry.request, payload)) continue;
          expect(() => dispatcher.handleSend(entry.channel, payload, ourWindow)).not.toThrow();
          refused += 1;
        }
      }
    }

    expect(refused).toBeGreaterThanOrEqual(1_000);
    expect(reached).toEqual([]);
    expect(log.lines.join('\n')).not.toContain(marker);
  });

  it('refuses well-formed messages from every kind of wrong sender', async () => {
    const random = seededRandom(7);
    const { dispatcher, reached, log } = setup();
    const wrongSenders: IpcSenderIdentity[] = [];
    for (let index = 0; index < 50; index += 1) {
      wrongSenders.push(
        { ...ourWindow, webContentsId: 2 + Math.floor(random() * 1000) },
        { ...ourWindow, isMainFrame: false },
        { ...ourWindow, frameUrl: null },
        {
          ...ourWindow,
          frameUrl: [
            'https://evil.example/',
            'file:///index.html',
            'app://earshot.evil/',
            'about:blank',
            'data:,x',
          ][index % 5] as string,
        },
      );
    }
    const validRequests: Record<string, unknown> = {
      'earshot:key:save': { key: `${marker}${'k'.repeat(20)}`, persistence: 'keychain' },
      'earshot:session:pause': { paused: true },
      'earshot:history:get': { id: 'abc' },
      'earshot:settings:update': { model: 'nova-3' },
    };
    for (const sender of wrongSenders) {
      for (const entry of Object.values(invokeContract)) {
        const result = await dispatcher.handleInvoke(entry.channel, validRequests[entry.channel], sender);
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      }
      dispatcher.handleSend(sendContract.sendAudio.channel, new ArrayBuffer(640), sender);
      dispatcher.handleSend(sendContract.reportCaptureProblem.channel, { problem: 'device-lost' }, sender);
    }
    expect(reached).toEqual([]);
    expect(log.lines.join('\n')).not.toContain(marker);
  });
});
