import { describe, expect, it } from 'vitest';
import type { InvokeHandlers, SendHandlers } from '../../../src/main/core/handler-types';
import { createMemoryLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { createAudioRateGuard } from '../../../src/main/ipc/audio-rate-guard';
import { createIpcDispatcher, type IpcSenderIdentity } from '../../../src/main/ipc/ipc-dispatcher';
import { createTrustedSenderCheck } from '../../../src/main/ipc/trusted-sender';
import { invokeContract, sendContract } from '../../../src/shared/ipc-contract';
import { defaultMessages, EarshotError } from '../../../src/shared/user-facing-error';

const ourWindow: IpcSenderIdentity = {
  webContentsId: 7,
  frameUrl: 'app://earshot/index.html',
  isMainFrame: true,
};
const secretKey = 'dg_secret_0123456789abcdef0123456789abcdef';
const saveRequest = {
  key: secretKey,
  persistence: 'keychain',
  endpoint: 'https://api.deepgram.com',
  streamingCredential: 'auto',
};

/** The refusal summary's timer, fired by the test instead of by time. */
function manualTimer() {
  const pending: Array<() => void> = [];
  return {
    schedule: (callback: () => void) => {
      pending.push(callback);
    },
    fire() {
      for (const callback of pending.splice(0)) callback();
    },
    pendingCount: () => pending.length,
  };
}

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
    reportNetworkOnline: () => {
      calls.push({ method: 'reportNetworkOnline', payload: null });
    },
  };
  const secrets = createSecretRegistry();
  const log = createMemoryLogger(secrets);
  const timer = manualTimer();
  const dispatcher = createIpcDispatcher({
    invokeHandlers,
    sendHandlers,
    isTrustedSender: createTrustedSenderCheck({
      isTrustedWebContents: (id) => id === 7,
      appOrigin: 'app://earshot',
    }),
    log,
    audioRateGuard: options.now ? createAudioRateGuard({ now: options.now }) : undefined,
    refusalSummary: { schedule: timer.schedule },
  });
  return { dispatcher, calls, log, timer };
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
    await expect(dispatcher.handleInvoke('earshot:key:save', saveRequest, ourWindow)).resolves.toEqual({
      ok: true,
      value: { stored: true },
    });
    expect(calls).toEqual([{ method: 'saveKey', payload: saveRequest }]);
  });

  it.each([
    ['another webContents', { ...ourWindow, webContentsId: 8 }],
    ['a sub-frame of our window', { ...ourWindow, isMainFrame: false }],
    ['another origin in our window', { ...ourWindow, frameUrl: 'https://evil.example/index.html' }],
    ['a look-alike host', { ...ourWindow, frameUrl: 'app://earshot.evil/index.html' }],
    ['a file:// page', { ...ourWindow, frameUrl: 'file:///work/main/out/renderer/index.html' }],
    ['a frame that is gone', { ...ourWindow, frameUrl: null }],
  ])('refuses %s without calling the handler; counts it without the payload', async (_name, sender) => {
    const { dispatcher, calls, log, timer } = setup();
    const result = await dispatcher.handleInvoke('earshot:key:save', saveRequest, sender);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: defaultMessages['invalid-request'] },
    });
    dispatcher.handleSend('earshot:audio:frame', new ArrayBuffer(640), sender);
    expect(calls).toEqual([]);
    expect(log.lines).toEqual([]);
    timer.fire();
    expect(log.lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({
        message: 'ipc summary',
        channel: 'earshot:key:save',
        untrustedSender: 1,
      }),
      expect.objectContaining({
        message: 'ipc summary',
        channel: 'earshot:audio:frame',
        untrustedSender: 1,
      }),
    ]);
    expect(log.lines.join('\n')).not.toContain(secretKey);
  });

  it('refuses unknown channels and counts them in one bucket, without their names', async () => {
    const { dispatcher, calls, log, timer } = setup();
    await expect(dispatcher.handleInvoke('earshot:key:read', undefined, ourWindow)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    dispatcher.handleSend('earshot:key:read', 'x', ourWindow);
    dispatcher.handleSend(`earshot:${secretKey}`, 'x', ourWindow);
    expect(calls).toEqual([]);
    timer.fire();
    expect(log.lines).toHaveLength(1);
    expect(JSON.parse(log.lines[0] ?? '')).toMatchObject({
      channel: '(not in the contract)',
      refused: 3,
      unknownChannel: 3,
    });
    expect(log.lines.join('\n')).not.toMatch(/key:read|dg_secret/);
  });

  it('summarises a burst of refusals as one line per channel when the timer fires', async () => {
    const { dispatcher, log, timer } = setup();
    for (let index = 0; index < 500; index += 1) {
      await dispatcher.handleInvoke('earshot:session:pause', { paused: 'yes' }, ourWindow);
      dispatcher.handleSend('earshot:audio:problem', { problem: 'nope' }, ourWindow);
      dispatcher.handleSend(
        'earshot:audio:problem',
        { problem: 'device-lost' },
        { ...ourWindow, webContentsId: 9 },
      );
    }
    // Nothing per message, and one timer for the whole burst.
    expect(log.lines).toEqual([]);
    expect(timer.pendingCount()).toBe(1);
    timer.fire();
    const summary = log.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(summary).toEqual([
      expect.objectContaining({
        level: 'warn',
        channel: 'earshot:session:pause',
        refused: 500,
        invalidPayload: 500,
      }),
      expect.objectContaining({
        channel: 'earshot:audio:problem',
        refused: 1000,
        invalidPayload: 500,
        untrustedSender: 500,
      }),
    ]);
    // The next refusal starts a new period.
    await dispatcher.handleInvoke('earshot:session:pause', {}, ourWindow);
    expect(timer.pendingCount()).toBe(1);
    timer.fire();
    expect(JSON.parse(log.lines[2] ?? '')).toMatchObject({ channel: 'earshot:session:pause', refused: 1 });
  });

  it('counts a handler’s own refusals instead of logging each', async () => {
    const { dispatcher, log, timer } = setup();
    const refusing = createIpcDispatcher({
      invokeHandlers: {
        getSessionState: async () => {
          throw new EarshotError('invalid-request', 'The session cannot do that now.');
        },
      } as unknown as InvokeHandlers,
      sendHandlers: {} as SendHandlers,
      isTrustedSender: () => true,
      log,
      refusalSummary: { schedule: timer.schedule },
    });
    for (let index = 0; index < 50; index += 1) {
      await expect(refusing.handleInvoke('earshot:session:state', undefined, ourWindow)).resolves.toEqual({
        ok: false,
        error: { code: 'invalid-request', message: 'The session cannot do that now.' },
      });
    }
    // A user-facing error that explains something the user met stays a line of its own.
    await dispatcher.handleInvoke('earshot:key:test', undefined, ourWindow);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toContain('"code":"bad-key"');
    timer.fire();
    expect(JSON.parse(log.lines[1] ?? '')).toMatchObject({
      channel: 'earshot:session:state',
      refusedByHandler: 50,
    });
  });

  it('refuses an invalid payload with a sentence built from the field and what it expects', async () => {
    const { dispatcher, calls, log, timer } = setup();
    const result = await dispatcher.handleInvoke(
      'earshot:key:save',
      { ...saveRequest, persistence: 'cloud' },
      ourWindow,
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'Key storage must be one of keychain, session-only.' },
    });
    const refusals: Array<[string, unknown, string]> = [
      ['earshot:session:start', { surprise: true }, 'The request must be empty.'],
      ['earshot:key:save', { ...saveRequest, key: 'short' }, 'The API key must be at least 16 characters.'],
      ['earshot:history:get', { id: 7 }, 'The session id must be text.'],
      ['earshot:session:pause', { paused: 'yes' }, 'The pause switch must be true or false.'],
      ['earshot:settings:update', { utteranceEndMs: 50 }, 'Utterance end must be at least 1000.'],
      ['earshot:settings:update', { keyterms: ['ok', 7] }, 'Keyterm 2 must be text.'],
      ['earshot:settings:update', [], 'The request must be an object.'],
      [
        'earshot:settings:update',
        { endpoint: 'http://example.com' },
        'Endpoint URL must use https:// or wss://; plain http:// is allowed only for localhost.',
      ],
    ];
    for (const [channel, payload, sentence] of refusals) {
      await expect(dispatcher.handleInvoke(channel, payload, ourWindow), channel).resolves.toEqual({
        ok: false,
        error: { code: 'invalid-request', message: sentence },
      });
    }
    expect(calls).toEqual([]);
    timer.fire();
    expect(JSON.stringify(result) + log.lines.join('\n')).not.toMatch(/dg_secret|cloud|short|example\.com/);
  });

  it('does not repeat the name of a field the contract does not know, anywhere', async () => {
    const { dispatcher, log, timer } = setup();
    const unknownFields = [
      { paused: true, [secretKey]: 1 },
      { [secretKey]: 1, paused: true },
      { paused: true, 'request.key must be': 1 },
    ];
    for (const payload of unknownFields) {
      await expect(dispatcher.handleInvoke('earshot:session:pause', payload, ourWindow)).resolves.toEqual({
        ok: false,
        error: {
          code: 'invalid-request',
          message: 'The request must be an object with no fields other than the ones Earshot defines.',
        },
      });
    }
    await expect(
      dispatcher.handleInvoke('earshot:settings:update', { model: 'nova-3', [secretKey]: true }, ourWindow),
    ).resolves.toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'The request must be an object with no fields other than the ones Earshot defines.',
      },
    });
    timer.fire();
    expect(log.lines.join('\n')).not.toMatch(/dg_secret|must be/);
  });

  it('passes a handler’s EarshotError through as its user-facing error', async () => {
    const { dispatcher } = setup();
    await expect(dispatcher.handleInvoke('earshot:key:test', undefined, ourWindow)).resolves.toEqual({
      ok: false,
      error: { code: 'bad-key', message: defaultMessages['bad-key'] },
    });
  });

  it('logs the first few failures of a kind per interval and counts the rest', async () => {
    const { dispatcher, log, timer } = setup();
    for (let index = 0; index < 100; index += 1)
      await dispatcher.handleInvoke('earshot:key:remove', undefined, ourWindow);
    expect(log.lines.filter((line) => line.includes('ipc handler failed'))).toHaveLength(3);
    timer.fire();
    expect(JSON.parse(log.lines.at(-1) ?? '')).toMatchObject({
      channel: 'earshot:key:remove',
      handlerErrorsNotLogged: 97,
    });
    expect(log.lines.join('\n')).not.toContain(secretKey);
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
    // Ten seconds of audio in one instant: only the five-second burst allowance passes (what
    // piles up while main is busy for a few seconds still gets through).
    for (let index = 0; index < 500; index += 1)
      dispatcher.handleSend('earshot:audio:frame', frame(), ourWindow);
    expect(calls).toHaveLength(250);
    expect(log.lines.filter((line) => line.includes('faster than twice real time'))).toHaveLength(1);

    // Then a steady 2× real time (a 20 ms frame every 10 ms) keeps flowing.
    calls.length = 0;
    for (let index = 0; index < 200; index += 1) {
      now += 10;
      dispatcher.handleSend('earshot:audio:frame', frame(), ourWindow);
    }
    expect(calls).toHaveLength(200);
    const recovered = log.lines.find((line) => line.includes('accepted again'));
    expect(recovered).toContain('"droppedFrames":250');
  });

  it('validates capture problem reports', () => {
    const { dispatcher, calls } = setup();
    dispatcher.handleSend('earshot:audio:problem', { problem: 'device-lost' }, ourWindow);
    dispatcher.handleSend('earshot:audio:problem', { problem: 'rm -rf' }, ourWindow);
    dispatcher.handleSend('earshot:audio:problem', { problem: 'device-lost', extra: 1 }, ourWindow);
    expect(calls).toEqual([{ method: 'reportCaptureProblem', payload: { problem: 'device-lost' } }]);
  });

  it('takes network news without a payload, and only from our window', () => {
    const { dispatcher, calls } = setup();
    dispatcher.handleSend('earshot:network:online', undefined, ourWindow);
    dispatcher.handleSend('earshot:network:online', { online: true }, ourWindow);
    dispatcher.handleSend('earshot:network:online', undefined, { ...ourWindow, isMainFrame: false });
    expect(calls).toEqual([{ method: 'reportNetworkOnline', payload: null }]);
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
