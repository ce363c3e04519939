/**
 * Records, inside the page, every change to the interim line and the final text, so a test
 * can prove the order in which the user saw them (interim first, then final in its place)
 * without racing the UI with polls.
 */
import type { Page } from '@playwright/test';

export interface TranscriptSnapshot {
  at: number;
  interim: string;
  final: string;
}

export async function watchTranscript(page: Page): Promise<() => Promise<TranscriptSnapshot[]>> {
  await page.evaluate(() => {
    interface Doc {
      querySelector(selector: string): { textContent: string | null } | null;
      body: unknown;
    }
    interface Observer {
      observe(target: unknown, options: Record<string, boolean>): void;
    }
    const scope = globalThis as unknown as {
      document: Doc;
      MutationObserver: new (callback: () => void) => Observer;
      __transcriptSnapshots: { at: number; interim: string; final: string }[];
    };
    const text = (testId: string) =>
      (scope.document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim();
    const snapshots: { at: number; interim: string; final: string }[] = [];
    scope.__transcriptSnapshots = snapshots;
    const record = () => {
      const snapshot = { at: performance.now(), interim: text('interim-text'), final: text('final-text') };
      const last = snapshots.at(-1);
      if (!last || last.interim !== snapshot.interim || last.final !== snapshot.final)
        snapshots.push(snapshot);
    };
    new scope.MutationObserver(record).observe(scope.document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    record();
  });
  return () =>
    page.evaluate(
      () => (globalThis as unknown as { __transcriptSnapshots: TranscriptSnapshot[] }).__transcriptSnapshots,
    );
}
