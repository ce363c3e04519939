/**
 * The renderer's half of the soak: the built renderer (out/renderer) and the real preload in
 * Debian's Chromium through the e2e harness (test/browser/harness/launch-earshot.ts: Electron's
 * IPC emulated, main's real core behind it). 10,000 final segments (every other one after
 * an interim) go through main's event path, webContents.send → preload → window.earshot.onTranscript → the transcript model → the virtualized list.
 * What a long session does to the renderer is measured there: JS heap after a full GC (CDP),
 * DOM node counts, frame times while scrolling the whole transcript, and the time from a
 * click or key press to the next paint. Headless Chromium: frames are produced by its own
 * compositor clock, not a display's vsync.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { eventContract } from '../src/shared/ipc-contract';
import type { TranscriptEvent, TranscriptSegment } from '../src/shared/transcript';
import { launchEarshot, type EarshotApp } from '../test/browser/harness/launch-earshot';
import { startPrivateSecretService } from '../test/support/private-dbus';
import type { PageGlobals, PaintTiming } from './lib/page-globals';
import { median, percentile } from './lib/stats';
import { randomWords } from './lib/tone-audio';
import { seededRandom } from '../test/support/seeded-random';

export interface SoakRendererOptions {
  segments: number;
  sampleEvery: number;
  seed: number;
}

export interface HeapSample {
  segments: number;
  usedBytes: number;
  domNodes: number;
  renderedRows: number;
}

export interface InteractionFigures {
  name: string;
  runs: PaintTiming[];
}

export interface SoakRendererResult {
  options: SoakRendererOptions;
  chromiumVersion: string;
  samples: HeapSample[];
  feedSeconds: number;
  elementsInDocument: number;
  scroll: {
    frames: number;
    stepPx: number;
    scrollHeight: number;
    p50: number;
    p95: number;
    max: number;
    over50ms: number;
  };
  interactions: InteractionFigures[];
  notes: string[];
}

const root = resolve(import.meta.dirname, '..');
const sessionId = 'soak-session';

/** Builds the renderer and preload if they are not there yet (the browser tests need them too). */
export function ensureRendererBuilt(): void {
  const needed = ['out/renderer/index.html', 'out/preload/index.cjs'];
  if (needed.every((file) => existsSync(resolve(root, file)))) return;
  console.log('… building the app (npx electron-vite build)');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npx electron-vite build failed');
}

function segmentPair(index: number, words: string[]): [TranscriptEvent, TranscriptEvent] {
  const start = index * 3.2;
  const timed = words.map((word, position) => ({
    word,
    punctuatedWord: position === words.length - 1 ? `${word}.` : word,
    start: start + position * 0.28,
    end: start + position * 0.28 + 0.2,
    confidence: 0.97,
    speaker: null,
  }));
  const final: TranscriptSegment = {
    id: `segment-${index}`,
    text: timed.map((word) => word.punctuatedWord).join(' '),
    start,
    end: start + words.length * 0.28,
    isFinal: true,
    speechFinal: true,
    fromFinalize: false,
    speaker: null,
    words: timed,
  };
  const interimWords = timed.slice(0, Math.max(1, Math.ceil(timed.length / 2)));
  const interim: TranscriptSegment = {
    ...final,
    text: interimWords.map((word) => word.word).join(' '),
    end: interimWords[interimWords.length - 1]!.end,
    isFinal: false,
    speechFinal: false,
    words: interimWords,
  };
  return [
    { kind: 'segment', sessionId, segment: interim },
    { kind: 'segment', sessionId, segment: final },
  ];
}

async function heapSample(cdp: CDPSession, page: Page, segments: number): Promise<HeapSample> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  const renderedRows = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-row-key]').length,
  );
  return { segments, usedBytes: heap.usedSize, domNodes: counters.nodes, renderedRows };
}

/** Scrolls the transcript from its top to its bottom, one step per frame, timing every frame. */
async function scrollTopToBottom(page: Page): Promise<SoakRendererResult['scroll']> {
  const measured = await page.evaluate(async () => {
    const page = globalThis as unknown as PageGlobals;
    const scroller = page.document.querySelector('.transcript-scroller');
    if (!scroller) throw new Error('no transcript scroller');
    const nextFrame = () => new Promise<number>((done) => page.requestAnimationFrame(done));
    scroller.scrollTop = 0;
    for (let settle = 0; settle < 10; settle += 1) await nextFrame();
    const stepPx = Math.max(400, Math.ceil(scroller.scrollHeight / 1500));
    const deltas: number[] = [];
    let last = await nextFrame();
    for (let frame = 0; frame < 6000; frame += 1) {
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2) break;
      scroller.scrollTop += stepPx;
      const now = await nextFrame();
      deltas.push(now - last);
      last = now;
    }
    return { deltas, stepPx, scrollHeight: scroller.scrollHeight };
  });
  const { deltas } = measured;
  return {
    frames: deltas.length,
    stepPx: measured.stepPx,
    scrollHeight: measured.scrollHeight,
    p50: median(deltas),
    p95: percentile(deltas, 95),
    max: Math.max(...deltas),
    over50ms: deltas.filter((delta) => delta > 50).length,
  };
}

/**
 * Arms a one-shot measurement in the page: on the next `type` event (capture phase, before
 * the app's own handler), time to the next frame and past its paint, and, when `response`
 * names a condition, to the paint after it becomes true.
 */
async function armPaintTiming(
  page: Page,
  type: 'click' | 'keydown',
  response: { kind: 'text-changes'; selector: string } | { kind: 'row-rendered'; rowKey: string } | null,
): Promise<void> {
  await page.evaluate(
    ([eventType, wanted]) => {
      const page = globalThis as unknown as PageGlobals;
      const afterPaint = (since: number) =>
        new Promise<{ frame: number; paint: number }>((done) => {
          page.requestAnimationFrame(() => {
            const frame = page.performance.now() - since;
            const channel = new page.MessageChannel();
            channel.port1.onmessage = () => done({ frame, paint: page.performance.now() - since });
            channel.port2.postMessage(null);
          });
        });
      page.__earshotBenchPending = new Promise<PaintTiming>((resolveTiming) => {
        page.addEventListener(
          eventType,
          (event) => {
            const since = event.timeStamp;
            const responded = new Promise<number | null>((done) => {
              if (!wanted) return done(null);
              const check = (): boolean =>
                wanted.kind === 'text-changes'
                  ? page.document.querySelector(wanted.selector)?.textContent !== before
                  : page.document.querySelector(`[data-row-key="${wanted.rowKey}"]`) !== null;
              const before =
                wanted.kind === 'text-changes'
                  ? page.document.querySelector(wanted.selector)?.textContent
                  : null;
              const observer = new page.MutationObserver(() => {
                if (!check()) return;
                observer.disconnect();
                void afterPaint(since).then((timing) => done(timing.paint));
              });
              observer.observe(page.document as PageGlobals['document'], {
                subtree: true,
                childList: true,
                characterData: true,
              });
              if (check()) {
                observer.disconnect();
                void afterPaint(since).then((timing) => done(timing.paint));
              }
            });
            void afterPaint(since).then(async (timing) =>
              resolveTiming({
                toFrameMs: timing.frame,
                toPaintMs: timing.paint,
                toResponsePaintMs: await Promise.race([
                  responded,
                  new Promise<null>((done) => setTimeout(() => done(null), 5_000)),
                ]),
              }),
            );
          },
          { capture: true, once: true },
        );
      });
    },
    [type, response] as const,
  );
}

async function collectPaintTiming(page: Page): Promise<PaintTiming> {
  return page.evaluate(() => {
    const pending = (globalThis as unknown as PageGlobals).__earshotBenchPending;
    if (!pending) throw new Error('no measurement armed');
    return pending;
  });
}

async function measureInteractions(page: Page, segments: number): Promise<InteractionFigures[]> {
  const repeats = 5;
  const copyAll: PaintTiming[] = [];
  const home: PaintTiming[] = [];
  const end: PaintTiming[] = [];
  for (let run = 0; run < repeats; run += 1) {
    // The label says "Copied" for 2 s; wait it out so each click changes it again.
    await page.getByTestId('copy-all').filter({ hasText: 'Copy all' }).waitFor({ timeout: 5_000 });
    await armPaintTiming(page, 'click', { kind: 'text-changes', selector: '[data-testid="copy-all"]' });
    await page.getByTestId('copy-all').click();
    copyAll.push(await collectPaintTiming(page));

    await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).document.querySelector('.transcript-scroller')?.focus(),
    );
    await armPaintTiming(page, 'keydown', { kind: 'row-rendered', rowKey: 'segment-0' });
    await page.keyboard.press('Home');
    home.push(await collectPaintTiming(page));
    await page.waitForTimeout(500);

    await armPaintTiming(page, 'keydown', { kind: 'row-rendered', rowKey: `segment-${segments - 1}` });
    await page.keyboard.press('End');
    end.push(await collectPaintTiming(page));
    await page.waitForTimeout(1_700);
  }
  return [
    { name: 'click Copy all (label shows the result)', runs: copyAll },
    { name: 'key Home in transcript (first segment shown)', runs: home },
    { name: 'key End in transcript (last segment shown)', runs: end },
  ];
}

export async function soakRenderer(options: SoakRendererOptions): Promise<SoakRendererResult> {
  ensureRendererBuilt();
  // The harness' main uses the real keychain: give it a private, throwaway Secret Service.
  const secretService = await startPrivateSecretService('earshot-bench-keyring-');
  process.env.DBUS_SESSION_BUS_ADDRESS = secretService.address;
  let app: EarshotApp | null = null;
  try {
    app = await launchEarshot({ microphoneWav: null, microphone: 'app-policy', endpoint: null });
    const { page } = app;
    // First run (no key) opens Settings once main has answered; the transcript lives in the live view.
    await page.getByTestId('first-run-intro').waitFor();
    await page.getByTestId('live-link').click();
    await page.getByTestId('start-button').waitFor();
    const cdp = await page.context().newCDPSession(page);
    await page.waitForTimeout(500);

    const samples: HeapSample[] = [await heapSample(cdp, page, 0)];
    const random = seededRandom(options.seed);
    const channel = eventContract.onTranscript.channel;
    const feedStarted = performance.now();
    for (let index = 0; index < options.segments; index += 1) {
      const [interim, final] = segmentPair(index, randomWords(random, 3, 12));
      // An interim before every other final: the replace-in-place path runs throughout, and
      // the feed (one page.evaluate per event) stays within the soak's time budget.
      if (index % 2 === 0) app.window.webContents.send(channel, interim);
      app.window.webContents.send(channel, final);
      if ((index + 1) % 250 === 0) await app.window.flush();
      if ((index + 1) % options.sampleEvery === 0) {
        await app.window.flush();
        samples.push(await heapSample(cdp, page, index + 1));
      }
    }
    await app.window.flush();
    const feedSeconds = (performance.now() - feedStarted) / 1000;
    const shown = await page.getByTestId('final-text').getAttribute('data-segment-count');
    if (Number(shown) !== options.segments) {
      throw new Error(`the renderer shows ${shown} segments, not ${options.segments}`);
    }
    const elementsInDocument = await page.evaluate(
      () => (globalThis as unknown as PageGlobals).document.getElementsByTagName('*').length,
    );

    const scroll = await scrollTopToBottom(page);
    const interactions = await measureInteractions(page, options.segments);
    const chromiumVersion = app.browser.version();
    return {
      options,
      chromiumVersion,
      samples,
      feedSeconds,
      elementsInDocument,
      scroll,
      interactions,
      notes: [
        'built renderer + real preload in Debian Chromium (headless) via the e2e harness (test/browser/harness/launch-earshot.ts); main: the real core, keychain in a private throwaway Secret Service',
        `segments fed through webContents.send → preload → onTranscript (an interim before every other final), ${options.segments} finals of 3–12 words with word timings`,
      ],
    };
  } finally {
    await app?.close();
    await secretService.close();
  }
}
