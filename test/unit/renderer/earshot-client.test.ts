/**
 * The renderer's client is the preload bridge with every answer unwrapped: it has exactly the
 * contract's methods, passes the contract's request objects through untouched, resolves to the
 * value or rejects with main's sentence, and lets messages and subscriptions through.
 */
import { describe, expect, it } from 'vitest';
import { createEarshotBridge } from '../../../src/preload/earshot-bridge';
import type { RendererTransport } from '../../../src/preload/renderer-transport';
import {
  createEarshotClient,
  EarshotRequestError,
  userFacingErrorOf,
} from '../../../src/renderer/bridge/earshot-client';
import { eventContract, invokeContract, sendContract } from '../../../src/shared/ipc-contract';
import { defaultMessages } from '../../../src/shared/user-facing-error';

interface Recorded {
  channel: string;
  payload: unknown;
}

function fakeTransport(answer: (channel: string, payload: unknown) => Promise<unknown>) {
  const invoked: Recorded[] = [];
  const sent: Recorded[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const transport: RendererTransport = {
    invoke: (channel, payload) => {
      invoked.push({ channel, payload });
      return answer(channel, payload);
    },
    send: (channel, payload) => sent.push({ channel, payload }),
    subscribe: (channel, listener) => {
      listeners.set(channel, listener);
      return () => listeners.delete(channel);
    },
  };
  return { transport, invoked, sent, listeners };
}

const ok = (value: unknown) => Promise.resolve({ ok: true, value });

describe('earshot client', () => {
  it('offers exactly the contract’s methods', () => {
    const client = createEarshotClient(createEarshotBridge(fakeTransport(() => ok(null)).transport));
    const contractMethods = [invokeContract, sendContract, eventContract].flatMap((table) =>
      Object.keys(table),
    );
    expect(Object.keys(client).sort()).toEqual(contractMethods.sort());
  });

  it('sends the contract’s request object as it is and resolves to main’s value', async () => {
    const fake = fakeTransport((channel) => ok({ answeredOn: channel }));
    const client = createEarshotClient(createEarshotBridge(fake.transport));
    const request = {
      key: 'k'.repeat(40),
      persistence: 'session-only',
      endpoint: 'https://api.deepgram.com',
      streamingCredential: 'direct',
    } as const;

    await expect(client.saveKey(request)).resolves.toEqual({ answeredOn: invokeContract.saveKey.channel });
    await expect(client.pauseSession({ paused: true })).resolves.toEqual({
      answeredOn: invokeContract.pauseSession.channel,
    });
    await client.getKeyStatus();

    expect(fake.invoked).toEqual([
      { channel: invokeContract.saveKey.channel, payload: request },
      { channel: invokeContract.pauseSession.channel, payload: { paused: true } },
      { channel: invokeContract.getKeyStatus.channel, payload: undefined },
    ]);
  });

  it('rejects with the sentence main chose, and with a plain one when the bridge itself fails', async () => {
    const refusal = { code: 'not-found', message: 'That item no longer exists.' } as const;
    const refusing = fakeTransport(() => Promise.resolve({ ok: false, error: refusal }));
    const refused = createEarshotClient(createEarshotBridge(refusing.transport)).getHistorySession({
      id: 'x',
    });
    await expect(refused).rejects.toBeInstanceOf(EarshotRequestError);
    expect(userFacingErrorOf(await refused.catch((error: unknown) => error))).toEqual(refusal);

    const broken = createEarshotClient({
      ...createEarshotBridge(fakeTransport(() => ok(null)).transport),
      listHistory: () => Promise.reject(new Error('IPC torn down')),
    });
    const failure = await broken.listHistory().catch((error: unknown) => error);
    expect(userFacingErrorOf(failure)).toEqual({ code: 'internal', message: defaultMessages.internal });
  });

  it('passes messages and subscriptions through', () => {
    const fake = fakeTransport(() => ok(null));
    const client = createEarshotClient(createEarshotBridge(fake.transport));
    const frame = new ArrayBuffer(640);

    client.sendAudio(frame);
    client.reportCaptureProblem({ problem: 'device-lost' });
    expect(fake.sent).toEqual([
      { channel: sendContract.sendAudio.channel, payload: frame },
      { channel: sendContract.reportCaptureProblem.channel, payload: { problem: 'device-lost' } },
    ]);

    const states: unknown[] = [];
    const unsubscribe = client.onSessionState((state) => states.push(state));
    fake.listeners.get(eventContract.onSessionState.channel)?.({ phase: 'live' });
    expect(states).toEqual([{ phase: 'live' }]);
    unsubscribe();
    expect(fake.listeners.has(eventContract.onSessionState.channel)).toBe(false);
  });
});
