import { describe, expect, it } from 'vitest';
import type { InvokeHandlers, SendHandlers } from '../../../src/main/core/handler-types';
import { createMemoryLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { createIpcDispatcher, type IpcSenderIdentity } from '../../../src/main/ipc/ipc-dispatcher';
import { createTrustedSenderCheck } from '../../../src/main/ipc/trusted-sender';
import { invokeContract } from '../../../src/shared/ipc-contract';

const ourWindow: IpcSenderIdentity = {
  webContentsId: 7,
  frameUrl: 'app://earshot/index.html',
  isMainFrame: true,
};
/** Another of Earshot's windows (the indicator): same origin, not the main window. */
const indicatorWindow: IpcSenderIdentity = {
  webContentsId: 9,
  frameUrl: 'app://earshot/indicator/index.html',
  isMainFrame: true,
};

function setup() {
  const calls: unknown[] = [];
  const invokeHandlers = {
    setKeyterms: async (request: unknown) => {
      calls.push(request);
      return { keyterms: [], takesEffect: 'next-session', sentence: '' };
    },
  } as unknown as InvokeHandlers;
  const dispatcher = createIpcDispatcher({
    invokeHandlers,
    sendHandlers: {} as SendHandlers,
    isTrustedSender: createTrustedSenderCheck({
      isTrustedWebContents: (id) => id === 7,
      appOrigin: 'app://earshot',
    }),
    log: createMemoryLogger(createSecretRegistry()),
    refusalSummary: { schedule: () => undefined },
  });
  return { dispatcher, calls };
}

describe('the setKeyterms channel', () => {
  const channel = invokeContract.setKeyterms.channel;

  it('takes a list of keyterms from our window', async () => {
    const { dispatcher, calls } = setup();
    await expect(
      dispatcher.handleInvoke(channel, { keyterms: ['Earshot', 'Deepgram'] }, ourWindow),
    ).resolves.toMatchObject({
      ok: true,
    });
    expect(calls).toEqual([{ keyterms: ['Earshot', 'Deepgram'] }]);
  });

  it('refuses what the keyterms setting refuses, in the settings’ words, before the handler', async () => {
    const { dispatcher, calls } = setup();
    const refusals: Array<[unknown, string]> = [
      [{ keyterms: ['ok', 7] }, 'Keyterm 2 must be text.'],
      [{ keyterms: ['x'.repeat(101)] }, 'Keyterm 1 must be at most 100 characters.'],
      [
        { keyterms: Array.from({ length: 101 }, (_, index) => `t${index}`) },
        'Keyterms must be a list of at most 100 items.',
      ],
      [{ keyterms: 'Earshot' }, 'Keyterms must be a list.'],
    ];
    for (const [payload, sentence] of refusals) {
      const result = await dispatcher.handleInvoke(channel, payload, ourWindow);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error.message).toBe(sentence);
    }
    expect(calls).toEqual([]);
  });

  it('refuses Earshot’s other windows (the indicator) even at our origin', async () => {
    const { dispatcher, calls } = setup();
    const result = await dispatcher.handleInvoke(channel, { keyterms: ['Earshot'] }, indicatorWindow);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(calls).toEqual([]);
  });
});
