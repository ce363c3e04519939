/**
 * The few browser globals the soak's in-page functions use. Bench code compiles against
 * Node's library (no DOM), and functions passed to page.evaluate run in the page, so they
 * read these through `globalThis as unknown as PageGlobals`. Types only: nothing here runs.
 */
export interface PageElement {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly textContent: string | null;
  focus(): void;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { readonly length: number };
}

export interface PageEvent {
  readonly timeStamp: number;
}

export interface PaintTiming {
  /** From the input event's timestamp to the first animation frame after it. */
  toFrameMs: number;
  /** To just after that frame was committed (a task queued from its rAF callback). */
  toPaintMs: number;
  /** To the paint after the visible response (label changed, rows shown); null if none. */
  toResponsePaintMs: number | null;
}

export interface PageGlobals {
  document: PageElement & {
    getElementsByTagName(name: string): { readonly length: number };
  };
  requestAnimationFrame(callback: (time: number) => void): number;
  addEventListener(type: string, listener: (event: PageEvent) => void, options?: unknown): void;
  MutationObserver: new (callback: () => void) => {
    observe(
      target: PageElement,
      options: { subtree?: boolean; childList?: boolean; characterData?: boolean },
    ): void;
    disconnect(): void;
  };
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(message: unknown): void };
  };
  performance: { now(): number };
  __earshotBenchPending?: Promise<PaintTiming>;
}
