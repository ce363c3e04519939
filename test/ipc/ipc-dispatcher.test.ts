import { describe, expect, it } from 'vitest';
import type { InvokeHandlers, SendHandlers } from '../../src/main/core/handler-types';
import { createMemoryLogger, createSecretRegistry } from '../../src/main/core/logger';
import { createAudioRateGuard } from '../../src/main/ipc/audio-rate-guard';
import { createIpcDispatcher, type IpcSenderIdentity } from '../../src/main/ipc/ipc-dispatcher';
import { createTrustedSenderCheck } from '../../src/main/ipc/trusted-sender';
import { invokeContract, sendContract } from '../../src/shared/ipc-contract';
import { defaultMessages, EarshotError } from '../../src/shared/user-facing-error';

const ourWindow: IpcSenderIdentity = {
  webContentsId: 7,
  frameUrl: 'app://earshot/index.html',
  isMainFrame: true,
};
const secretKey = 'dg_secret_0123456789abcdef0123456789abcdef';

function setup(options: { now?: () => number } = {}) {
  const calls: Array<{ method: string; payload: unknown }> = [];
  const record =
    <T>(method: string, answer: T) =>
    async (payload: unknown) => {
      calls.push({ method, payload });
      return answer;
    };
  const invokeHandlers = {
    getKeyStatus: record('getKeyStatus', { stored: false }),
    saveKey: record('saveKey', { stored: true }),
    testKey: async () => {
      throw new EarshotError('bad-key');
    },
    removeKey: async () => {
      throw new TypeError(`cannot read properties of undefined (key ${secretKey})`);
    },
    getSettings: record('getSettings', { settings: {}, notice: null }),
    updateSettings: record('updateSettings', { settings: {}, notice: null }),
    startSession: record('startSession', { phase: 'live' }),
    stopSession: record('stopSession', { phase: 'idle' }),
    pauseSession: record('pauseSession', { phase: 'paused' }),
    getSessionState: record('getSessionState', { phase: 'idle' }),
    listHistory: record('listHistory', []),
    getHistorySession: record('getHistorySession', { id: 'x' }),
  } as unknown as InvokeHandlers;
  const sendHandlers: SendHandlers = {
    sendAudio: (frame) => {
      calls.push({ method: 'sendAudio', payload: frame.byteLength });
    },
    reportCaptureProblem: (payload) => {
      calls.push({ method: 'reportCaptureProblem', payload });
    },
  };
  const secrets = createSecretRegistry();
  const log = createMemoryLogger(secrets);
  const dispatcher = createIpcDispatcher({
    invokeHandlers,
    sendHandlers,
    isTrustedSender: createTrustedSenderCheck({
      isTrustedWebContents: (id) => id === 7,
      appOrigin: 'app://earshot',
    }),
    log,
    audioRateGuard: options.now ? createAudioRateGuard({ now: options.now }) : undefined,
  });
  return { dispatcher, calls, log };
}

describe('ipc dispatcher', () => {
  it('lists exactly the contract channels', () => {
    const { dispatcher } = setup();
    expect([...dispatcher.invokeChannels].sort()).toEqual(
      Object.values(invokeContract)
        .map((entry) => entry.channel)
        .sort(),
    );
    expect([...dispatcher.sendChannels].sort()).toEqual(
      Object.values(sendContract)
        .map((entry) => entry.channel)
        .sort(),
    );
  });

  it('calls the handler with the validated request and wraps its answer', async () => {
    const { dispatcher, calls } = setup();
    const request = { key: secretKey, persistence: 'keychain' };
    await expect(dispatcher.handleInvoke('earshot:key:save', request, ourWindow)).resolves.toEqual({
      ok: true,
      value: { stored: true },
    });
    expect(calls).toEqual([{ method: 'saveKey', payload: request }]);
  });

  it.each([
    ['another webContents', { ...ourWindow, webContentsId: 8 }],
    ['a sub-frame of our window', { ...ourWindow, isMainFrame: false }],
    ['another origin in our window', { ...ourWindow, frameUrl: 'https://evil.example/index.html' }],
    ['a look-alike host', { ...ourWindow, frameUrl: 'app://earshot.evil/index.html' }],
    ['a file:// page', { ...ourWindow, frameUrl: 'file:///work/main/out/renderer/index.html' }],
    ['a frame that is gone', { ...ourWindow, frameUrl: null }],
  ])('refuses %s without calling the handler or logging the payload', async (_name, sender) => {
    const { dispatcher, calls, log } = setup();
    const result = await dispatcher.handleInvoke(
      'earshot:key:save',
      { key: secretKey, persistence: 'keychain' },
      sender,
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: defaultMessages['invalid-request'] },
    });
    dispatcher.handleSend('earshot:audio:frame', new ArrayBuffer(640), sender);
    expect(calls).toEqual([]);
    expect(log.lines.some((line) => line.includes('untrusted sender'))).toBe(true);
    expect(log.lines.join('\n')).not.toContain(secretKey);
  });

  it('refuses unknown channels', async () => {
    const { dispatcher, calls } = setup();
    await expect(dispatcher.handleInvoke('earshot:key:read', undefined, ourWindow)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    dispatcher.handleSend('earshot:key:read', 'x', ourWindow);
    expect(calls).toEqual([]);
  });

  it('refuses an invalid payload with the validator’s sentence and never echoes the value', async () => {
    const { dispatcher, calls, log } = setup();
    const result = await dispatcher.handleInvoke(
      'earshot:key:save',
      { key: secretKey, persistence: 'cloud' },
      ourWindow,
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'request.persistence must be one of keychain, session-only.',
      },
    });
    const extra = await dispatcher.handleInvoke('earshot:session:start', { surprise: true }, ourWindow);
    expect(extra).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: 'request must be empty.' },
    });
    expect(calls).toEqual([]);
    expect(JSON.stringify(result) + log.lines.join('\n')).not.toContain(secretKey);
  });

  it('does not repeat the name of a field the contract does not know', async () => {
    const { dispatcher, log } = setup();
    const result = await dispatcher.handleInvoke(
      'earshot:session:pause',
      { paused: true, [secretKey]: 1 },
      ourWindow,
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'request.(unknown) must be absent (unknown field).' },
    });
    const known = await dispatcher.handleInvoke(
      'earshot:settings:update',
      { keyterms: ['ok', 7] },
      ourWindow,
    );
    expect(known).toMatchObject({ error: { message: 'request.keyterms[1] must be text.' } });
    await expect(dispatcher.handleInvoke('earshot:key:test', undefined, ourWindow)).resolves.toMatchObject({
      error: { code: 'bad-key' },
    });
    expect(log.lines.join('\n')).not.toContain(secretKey);
  });

  it('passes a handler’s EarshotError through as its user-facing error', async () => {
    const { dispatcher } = setup();
    await expect(dispatcher.handleInvoke('earshot:key:test', undefined, ourWindow)).resolves.toEqual({
      ok: false,
      error: { code: 'bad-key', message: defaultMessages['bad-key'] },
    });
  });

  it('turns any other failure into the generic internal error, logged without its message', async () => {
    const { dispatcher, log } = setup();
    await expect(dispatcher.handleInvoke('earshot:key:remove', undefined, ourWindow)).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: defaultMessages.internal },
    });
    const failureLine = log.lines.find((line) => line.includes('ipc handler failed'));
    expect(failureLine).toContain('TypeError');
    expect(log.lines.join('\n')).not.toContain(secretKey);
  });

  it('accepts audio frames that are even-length ArrayBuffers of at most 64 KiB', () => {
    const { dispatcher, calls } = setup();
    dispatcher.handleSend('earshot:audio:frame', new ArrayBuffer(640), ourWindow);
    dispatcher.handleSend('earshot:audio:frame', new ArrayBuffer(641), ourWindow);
    dispatcher.handleSend('earshot:audio:frame', new ArrayBuffer(64 * 1024 + 2), ourWindow);
    dispatcher.handleSend('earshot:audio:frame', new Uint8Array(640), ourWindow);
    dispatcher.handleSend('earshot:audio:frame', 'not audio', ourWindow);
    expect(calls).toEqual([{ method: 'sendAudio', payload: 640 }]);
  });

  it('drops audio arriving faster than twice real time and logs only the count', () => {
    let now = 0;
    const { dispatcher, calls, log } = setup({ now: () => now });
    const frame = () => new ArrayBuffer(640); // 20 ms of 16 kHz mono Int16
    // Ten seconds of audio in one instant: only the one-second burst allowance passes.
    for (let index = 0; index < 500; index += 1)
      dispatcher.handleSend('earshot:audio:frame', frame(), ourWindow);
    expect(calls).toHaveLength(50);
    expect(log.lines.filter((line) => line.includes('faster than twice real time'))).toHaveLength(1);

    // Then a steady 2× real time (a 20 ms frame every 10 ms) keeps flowing.
    calls.length = 0;
    for (let index = 0; index < 200; index += 1) {
      now += 10;
      dispatcher.handleSend('earshot:audio:frame', frame(), ourWindow);
    }
    expect(calls).toHaveLength(200);
    const recovered = log.lines.find((line) => line.includes('accepted again'));
    expect(recovered).toContain('"droppedFrames":450');
  });

  it('validates capture problem reports', () => {
    const { dispatcher, calls } = setup();
    dispatcher.handleSend('earshot:audio:problem', { problem: 'device-lost' }, ourWindow);
    dispatcher.handleSend('earshot:audio:problem', { problem: 'rm -rf' }, ourWindow);
    dispatcher.handleSend('earshot:audio:problem', { problem: 'device-lost', extra: 1 }, ourWindow);
    expect(calls).toEqual([{ method: 'reportCaptureProblem', payload: { problem: 'device-lost' } }]);
  });

  it('never rejects, whatever it is sent', async () => {
    const { dispatcher } = setup();
    const oddities: unknown[] = [
      null,
      0,
      -1,
      NaN,
      '',
      'x'.repeat(100_000),
      [],
      {},
      Object.create(null),
      () => 1,
    ];
    for (const channel of dispatcher.invokeChannels) {
      for (const payload of oddities) {
        const result = await dispatcher.handleInvoke(channel, payload, ourWindow);
        expect(typeof result.ok).toBe('boolean');
      }
    }
    for (const channel of dispatcher.sendChannels) {
      for (const payload of oddities)
        expect(() => dispatcher.handleSend(channel, payload, ourWindow)).not.toThrow();
    }
  });
});
