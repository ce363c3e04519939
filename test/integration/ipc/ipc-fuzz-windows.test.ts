/**
 * The same burst as ipc-fuzz.test.ts, aimed at the paths Earshot's other windows opened: the
 * caption overlay's dispatcher (its own channels, unknown channels, the main window's channels,
 * wrong senders, malformed payloads) and the main dispatcher hearing from the overlay's and the
 * dictation indicator's webContents (valid requests included: those windows are never trusted
 * there). 200,000 messages through the real dispatchers, redacting logger and capped log file:
 * no handler is reached, every answer is a plain sentence, main answers at once afterwards,
 * refusals are counted in per-channel summaries, the log directory stays under its cap and holds
 * no payload text.
 */
import { expect, it } from 'vitest';
import type { InvokeHandlers, SendHandlers } from '../../../src/main/core/handler-types';
import { createLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { createIpcDispatcher, type IpcSenderIdentity } from '../../../src/main/ipc/ipc-dispatcher';
import { createOverlayDispatcher, createOverlaySenderCheck } from '../../../src/main/ipc/overlay-dispatcher';
import { createTrustedSenderCheck } from '../../../src/main/ipc/trusted-sender';
import { openLogFile } from '../../../src/main/log-file';
import { invokeContract, sendContract } from '../../../src/shared/ipc-contract';
import { overlayInvokeContract, type OverlayInvokeHandlers } from '../../../src/shared/overlay-contract';
import type { IpcResult } from '../../../src/shared/user-facing-error';
import { logCap, logDirectory, messageCount, useUserDataDir } from '../../support/ipc-fuzz-kit';
import { windowSender } from '../../support/ipc-senders';
import { seededRandom } from '../../support/seeded-random';

const marker = 'WINFUZZ5c9a';
const mainWindow = windowSender(1, 'main');
const overlay = windowSender(7, 'overlay');
const indicator = windowSender(9, 'indicator');

const userDataDir = useUserDataDir('earshot-fuzz-windows-');

function stubs<T>(methods: string[], reached: string[]): T {
  return Object.fromEntries(
    methods.map((method) => [
      method,
      async () => {
        reached.push(method);
        return 'answered';
      },
    ]),
  ) as unknown as T;
}

it('200,000 messages at the overlay and indicator paths leave main responsive, the log capped and clean', async () => {
  const random = seededRandom(20261202);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const reached: string[] = [];
  const logFile = openLogFile(userDataDir.path, logCap);
  const written: string[] = [];
  const log = createLogger({
    write: (line) => {
      written.push(line);
      logFile.write(line);
    },
    secrets: createSecretRegistry(),
  });
  const summaryTimers: Array<() => void> = [];
  const refusalSummary = { schedule: (callback: () => void) => summaryTimers.push(callback) };
  const overlayDispatcher = createOverlayDispatcher({
    handlers: stubs<OverlayInvokeHandlers>(Object.keys(overlayInvokeContract), reached),
    isTrustedSender: createOverlaySenderCheck({ overlayWebContentsId: () => 7, appOrigin: 'app://earshot' }),
    log,
    refusalSummary,
  });
  const mainDispatcher = createIpcDispatcher({
    invokeHandlers: stubs<InvokeHandlers>(Object.keys(invokeContract), reached),
    sendHandlers: stubs<SendHandlers>(Object.keys(sendContract), reached),
    isTrustedSender: createTrustedSenderCheck({
      isTrustedWebContents: (id) => id === 1,
      appOrigin: 'app://earshot',
    }),
    log,
    refusalSummary,
  });
  const overlayChannels = Object.values(overlayInvokeContract).map((entry) => entry.channel);
  const mainChannels = Object.values(invokeContract).map((entry) => entry.channel);
  const sendChannels = Object.values(sendContract).map((entry) => entry.channel);
  const values: unknown[] = [
    marker,
    { [marker]: marker },
    { enabled: marker },
    { lines: `${marker}`, fontSize: 1e9 },
    { lines: 2, [`${marker}_field`]: 1 },
    [marker],
    `"\\\n\u001b[31m${marker}\u202e`,
    new ArrayBuffer(641),
    NaN,
  ];
  const wrongOverlaySenders: IpcSenderIdentity[] = [
    mainWindow,
    indicator,
    { ...overlay, isMainFrame: false },
    { ...overlay, frameUrl: 'app://earshot/index.html' },
    { ...overlay, frameUrl: `https://${marker}.example/overlay/index.html` },
    { ...overlay, frameUrl: null },
  ];

  const answers: Array<Promise<IpcResult<unknown>>> = [];
  let refused = 0;
  const started = performance.now();
  for (let index = 0; index < messageCount; index += 1) {
    const roll = random();
    if (roll < 0.15) {
      answers.push(
        overlayDispatcher.handleInvoke(`earshot-overlay:${marker}:${index % 3000}`, marker, overlay),
      );
    } else if (roll < 0.3) {
      answers.push(overlayDispatcher.handleInvoke(pick(mainChannels), pick(values), overlay));
    } else if (roll < 0.5) {
      answers.push(
        overlayDispatcher.handleInvoke(pick(overlayChannels), { enabled: true }, pick(wrongOverlaySenders)),
      );
    } else if (roll < 0.7) {
      answers.push(overlayDispatcher.handleInvoke(pick(overlayChannels), pick(values), overlay));
    } else if (roll < 0.85) {
      // Valid requests on the main contract, from windows main never trusts there.
      answers.push(
        mainDispatcher.handleInvoke(
          invokeContract.getKeyStatus.channel,
          undefined,
          pick([overlay, indicator]),
        ),
      );
    } else {
      mainDispatcher.handleSend(pick(sendChannels), new ArrayBuffer(640), pick([overlay, indicator]));
    }
    refused += 1;
    if (index % 20_000 === 19_999) for (const callback of summaryTimers.splice(0)) callback();
  }
  const results = await Promise.all(answers);
  const burstSeconds = (performance.now() - started) / 1000;

  const asked = performance.now();
  expect(
    await overlayDispatcher.handleInvoke(overlayInvokeContract.getOverlayView.channel, undefined, overlay),
  ).toEqual({
    ok: true,
    value: 'answered',
  });
  expect(
    (await mainDispatcher.handleInvoke(invokeContract.getSessionState.channel, undefined, mainWindow)).ok,
  ).toBe(true);
  expect(performance.now() - asked).toBeLessThan(100);
  for (const callback of summaryTimers.splice(0)) callback();
  logFile.close();

  expect(reached).toEqual(['getOverlayView', 'getSessionState']);
  for (const result of results) {
    if (result.ok) throw new Error('a malformed message was answered');
    expect(result.error.message).not.toContain(marker);
    expect(result.error.code).toBe('invalid-request');
  }
  const entries = written.map((line) => JSON.parse(line) as Record<string, unknown>);
  const summaries = entries.filter((entry) => entry.message === 'ipc summary');
  expect(summaries.reduce((total, entry) => total + Number(entry.refused), 0)).toBe(refused);
  // 11 intervals, at most one line per channel of either contract and one for the rest.
  expect(entries.length).toBeLessThanOrEqual(
    11 * (overlayChannels.length + mainChannels.length + sendChannels.length + 2),
  );

  const { files, bytes, text } = logDirectory(userDataDir.path);
  expect(files).toEqual(['earshot.1.log', 'earshot.2.log', 'earshot.log']);
  expect(bytes).toBeLessThanOrEqual(logCap.maxBytes * logCap.maxFiles);
  expect(text).not.toContain(marker);
  expect(written.join('\n')).not.toContain(marker);
  expect(burstSeconds).toBeLessThan(30);
});
