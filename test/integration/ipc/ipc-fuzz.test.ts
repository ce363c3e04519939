/**
 * A window that is taken over sends 200,000 malformed IPC messages in one burst: invokes and
 * sends, channels outside the contract, wrong senders, payloads with field names and values
 * the attacker chose. Main goes through the real dispatcher, the real redacting logger and the
 * real log file (a small cap in a temporary directory). Afterwards main still answers at
 * once, the log directory is under its cap, every refusal was counted in a summary, and no
 * text from any payload — values, field names, channel names — is in the log or in a refusal.
 * Deterministic (seeded), so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import type { InvokeHandlers, SendHandlers } from '../../../src/main/core/handler-types';
import { createLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { createAudioRateGuard } from '../../../src/main/ipc/audio-rate-guard';
import { createIpcDispatcher, type IpcSenderIdentity } from '../../../src/main/ipc/ipc-dispatcher';
import { createTrustedSenderCheck } from '../../../src/main/ipc/trusted-sender';
import { openLogFile } from '../../../src/main/log-file';
import { invokeContract, sendContract, type InvokeMethod } from '../../../src/shared/ipc-contract';
import { defaultMessages, type IpcResult } from '../../../src/shared/user-facing-error';
import { logCap, logDirectory, messageCount, useUserDataDir } from '../../support/ipc-fuzz-kit';
import { windowSender } from '../../support/ipc-senders';
import { seededRandom } from '../../support/seeded-random';

/** In every value, field name and channel the attacker sends; it must appear nowhere. */
const marker = 'FUZZMARKER7e1d';
const ourWindow = windowSender(1, 'main');
/** The handler that is reached on purpose: it fails with the marker in its message. */
const failingMethod: InvokeMethod = 'listHistory';

const userDataDir = useUserDataDir('earshot-fuzz-');

type Pick = <T>(items: readonly T[]) => T;

function attackerValues(): unknown[] {
  const deep = (depth: number): unknown => (depth === 0 ? marker : { [`${marker}deep`]: deep(depth - 1) });
  return [
    marker,
    `${marker}${'x'.repeat(1_000_000)}`,
    `"\\\n\u001b[31m${marker}\u202e`,
    [marker],
    { [marker]: marker },
    new Map([[marker, marker]]),
    new Set([marker]),
    new Date(0),
    new Uint8Array(640),
    new ArrayBuffer(641),
    new ArrayBuffer(1024 * 1024),
    new SharedArrayBuffer(640),
    () => marker,
    deep(200),
    NaN,
    -Infinity,
    1.5,
    true,
    0,
  ];
}

/** A payload the channel's validator refuses: a field the contract does not know, or a wrong type. */
function malformedPayload(pick: Pick, random: () => number, values: unknown[], index: number): unknown {
  const known = ['key', 'persistence', 'paused', 'id', 'problem', 'endpoint', 'model', 'keyterms'];
  const payload: Record<string, unknown> = {};
  const fields = Math.floor(random() * 3);
  for (let field = 0; field < fields; field += 1) payload[pick(known)] = pick(values);
  if (random() < 0.5) {
    payload[`${marker}_field_${index % 997}`] = pick(values);
    return payload;
  }
  // Not a plain object at all.
  return pick(
    values
      .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
      .concat([[payload]]),
  );
}

function setup() {
  const reached: string[] = [];
  const invokeHandlers = Object.fromEntries(
    Object.keys(invokeContract).map((method) => [
      method,
      async () => {
        reached.push(method);
        if (method === failingMethod) throw new TypeError(`cannot read ${marker}`);
        return { phase: 'idle' };
      },
    ]),
  ) as unknown as InvokeHandlers;
  const sendHandlers: SendHandlers = {
    sendAudio: () => reached.push('sendAudio'),
    reportCaptureProblem: () => reached.push('reportCaptureProblem'),
    reportNetworkOnline: () => reached.push('reportNetworkOnline'),
  };
  const logFile = openLogFile(userDataDir.path, logCap);
  const written: string[] = [];
  const secrets = createSecretRegistry();
  const log = createLogger({
    write: (line) => {
      written.push(line);
      logFile.write(line);
    },
    secrets,
  });
  const summaryTimers: Array<() => void> = [];
  const dispatcher = createIpcDispatcher({
    invokeHandlers,
    sendHandlers,
    isTrustedSender: createTrustedSenderCheck({
      isTrustedWebContents: (id) => id === 1,
      appOrigin: 'app://earshot',
    }),
    log,
    audioRateGuard: createAudioRateGuard({ burstSeconds: 1e9 }),
    // Minutes pass when the test says so.
    refusalSummary: { schedule: (callback) => summaryTimers.push(callback) },
  });
  const minutePasses = () => {
    for (const callback of summaryTimers.splice(0)) callback();
  };
  return { dispatcher, reached, logFile, written, minutePasses };
}

describe('ipc dispatcher under a burst of malformed messages', () => {
  it('200,000 messages leave main responsive, the log under its cap and free of payload text', async () => {
    const random = seededRandom(20261127);
    const pick: Pick = (items) => items[Math.floor(random() * items.length)] as (typeof items)[number];
    const values = attackerValues();
    const { dispatcher, reached, logFile, written, minutePasses } = setup();
    const invokeEntries = Object.entries(invokeContract);
    const sendChannels = Object.values(sendContract).map((entry) => entry.channel);
    const wrongSenders: IpcSenderIdentity[] = [
      { ...ourWindow, webContentsId: 2 },
      { ...ourWindow, isMainFrame: false },
      { ...ourWindow, frameUrl: null },
      { ...ourWindow, frameUrl: `https://${marker}.example/` },
      { ...ourWindow, frameUrl: `app://earshot.${marker}/` },
    ];

    const answers: Array<Promise<IpcResult<unknown>>> = [];
    let refused = 0;
    let failing = 0;
    const started = performance.now();
    for (let index = 0; index < messageCount; index += 1) {
      const roll = random();
      const invoke = random() < 0.6;
      if (roll < 0.2) {
        const channel = `earshot:${marker}:${index % 5000}\u0000\n`;
        if (invoke) answers.push(dispatcher.handleInvoke(channel, pick(values), ourWindow));
        else dispatcher.handleSend(channel, pick(values), ourWindow);
        refused += 1;
      } else if (roll < 0.4) {
        const sender = pick(wrongSenders);
        if (invoke) {
          const [, entry] = pick(invokeEntries);
          answers.push(dispatcher.handleInvoke(entry.channel, { key: `${marker}${'k'.repeat(20)}` }, sender));
        } else dispatcher.handleSend(pick(sendChannels), new ArrayBuffer(640), sender);
        refused += 1;
      } else if (roll < 0.95) {
        const payload = malformedPayload(pick, random, values, index);
        if (invoke) answers.push(dispatcher.handleInvoke(pick(invokeEntries)[1].channel, payload, ourWindow));
        else dispatcher.handleSend(pick(sendChannels), payload, ourWindow);
        refused += 1;
      } else {
        // Well formed, but the handler fails with the payload's marker in its error.
        answers.push(dispatcher.handleInvoke(invokeContract[failingMethod].channel, undefined, ourWindow));
        failing += 1;
      }
      if (index % 20_000 === 19_999) minutePasses();
    }

    const results = await Promise.all(answers);
    const burstSeconds = (performance.now() - started) / 1000;

    // Main still answers a valid request at once, and its event loop is free.
    const asked = performance.now();
    const state = await dispatcher.handleInvoke(invokeContract.getSessionState.channel, undefined, ourWindow);
    expect(state).toEqual({ ok: true, value: { phase: 'idle' } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(performance.now() - asked).toBeLessThan(100);
    minutePasses();
    logFile.close();

    // No malformed message reached a handler; every invoke got a plain sentence.
    expect(reached.filter((method) => method !== failingMethod)).toEqual(['getSessionState']);
    expect(reached).toHaveLength(failing + 1);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      const message = result.error.message;
      if (
        message.includes(marker) ||
        !/^[A-Z][^\n]* must [^\n]+\.$|^Earshot refused|^Something went wrong/.test(message)
      ) {
        throw new Error(`refusal not a plain sentence: ${JSON.stringify(message.slice(0, 200))}`);
      }
    }
    expect(
      results.filter((result) => !result.ok && result.error.message === defaultMessages.internal),
    ).toHaveLength(failing);

    // Every refusal was counted, in summaries, not a line each; so were the failures beyond
    // the first few of each interval.
    const entries = written.map((line) => JSON.parse(line) as Record<string, unknown>);
    const summaries = entries.filter((entry) => entry.message === 'ipc summary');
    const sum = (field: string) => summaries.reduce((total, entry) => total + Number(entry[field] ?? 0), 0);
    expect(sum('refused')).toBe(refused);
    const failureLines = entries.filter((entry) => entry.message === 'ipc handler failed');
    expect(failureLines.length + sum('handlerErrorsNotLogged')).toBe(failing);
    expect(failureLines.length).toBeLessThanOrEqual(3 * 11);
    // 11 intervals, at most one line per contract channel and one for the rest in each.
    expect(entries.length).toBeLessThanOrEqual(
      11 * (invokeEntries.length + sendChannels.length + 1) + 3 * 11,
    );

    // The directory stayed under its cap while the log rotated, and holds no payload text.
    const directory = logDirectory(userDataDir.path);
    expect(Buffer.byteLength(written.join('\n'))).toBeGreaterThan(2 * logCap.maxBytes * logCap.maxFiles);
    expect(directory.files).toEqual(['earshot.1.log', 'earshot.2.log', 'earshot.log']);
    expect(directory.bytes).toBeLessThanOrEqual(logCap.maxBytes * logCap.maxFiles);
    expect(directory.text).not.toContain(marker);
    expect(directory.text).not.toMatch(/_field_|deep|cannot read/);
    expect(written.join('\n')).not.toContain(marker);

    expect(burstSeconds).toBeLessThan(30);
  });
});
