/**
 * In-page probes for the browser benchmarks, as source text evaluated in the page (they need
 * the DOM, which bench code does not compile against). Times are on the page's high-resolution
 * clock, performance.timeOrigin + performance.now() (epoch milliseconds).
 * "Painted" is the first animation frame after a change plus a task queued from it, i.e. just
 * after that frame was committed, as in the soak.
 */

/** The page clock, as an expression. */
export const pageClockExpression = 'performance.timeOrigin + performance.now()';

/**
 * Watches a container of transcript rows: for every row key, when it first appeared in the DOM
 * and when the frame showing it was painted; when its event reached the page through the
 * preload; and for any change in the container, the paint after it. Read with
 * __earshotBenchPaints().
 */
export function watchPaintsScript(containerSelector: string): string {
  return `(() => {
    const clock = () => performance.timeOrigin + performance.now();
    const container = document.querySelector(${JSON.stringify(containerSelector)});
    if (!container) throw new Error('no transcript container');
    const seen = new Map();
    const painted = new Map();
    const changes = [];
    const afterPaint = (done) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(clock());
      channel.port2.postMessage(null);
    });
    const observer = new MutationObserver(() => {
      const now = clock();
      const fresh = [];
      for (const row of container.querySelectorAll('[data-row-key]')) {
        const key = row.getAttribute('data-row-key');
        if (!seen.has(key)) { seen.set(key, now); fresh.push(key); }
      }
      const change = { at: now, paintedAt: null };
      changes.push(change);
      afterPaint((at) => {
        change.paintedAt = at;
        for (const key of fresh) painted.set(key, at);
      });
    });
    observer.observe(container, { childList: true, subtree: true, characterData: true });
    // When each segment reached the page through the preload (what Electron's IPC delivers):
    // a second listener on the app's own bridge, called right after the app's.
    const delivered = new Map();
    globalThis.earshot.onTranscript((event) => {
      if (event && event.kind === 'segment' && event.segment.isFinal && !delivered.has(event.segment.id))
        delivered.set(event.segment.id, clock());
    });
    globalThis.__earshotBenchPaints = () => ({
      delivered: Object.fromEntries(delivered),
      seen: Object.fromEntries(seen),
      painted: Object.fromEntries(painted),
      changes: changes.slice(),
    });
    globalThis.__earshotBenchStopWatching = () => observer.disconnect();
  })()`;
}

/** Stamps the next click (capture phase, before the app sees it) on the page clock. */
export const stampNextClickScript = `(() => {
  globalThis.__earshotBenchClickAt = null;
  addEventListener('click', () => { globalThis.__earshotBenchClickAt = performance.timeOrigin + performance.now(); }, { capture: true, once: true });
})()`;

/**
 * Measures how long the main thread is blocked: a task posts itself again and again through a
 * MessageChannel and keeps the longest gap between two of its runs; long-task entries (tasks
 * over 50 ms) are kept too. __earshotBenchBlockingStop() returns both.
 */
export const blockingProbeScript = `(() => {
  const gaps = [];
  let last = performance.now();
  let running = true;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
    if (running) channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  const longTasks = [];
  const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration); });
  observer.observe({ type: 'longtask' });
  globalThis.__earshotBenchBlockingStop = () => {
    running = false;
    observer.disconnect();
    return { longestGapMs: Math.max(0, ...gaps), longTasksMs: longTasks };
  };
})()`;
