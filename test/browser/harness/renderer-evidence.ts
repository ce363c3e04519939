/**
 * Everything the renderer holds or has shown, gathered for the "key never comes back" proof:
 * the DOM (with form field values, which the markup does not show), Web Storage, IndexedDB,
 * and a V8 heap snapshot taken through the Chrome DevTools Protocol after a full GC.
 */
import type { Page } from '@playwright/test';

export interface RendererEvidence {
  dom: string;
  localStorage: string;
  sessionStorage: string;
  indexedDb: string;
  heapSnapshot: string;
}

/** The forms a leaked key could take: raw, base64, base64url, hex (both cases). */
export function keyForms(key: string): Record<string, string> {
  const bytes = Buffer.from(key, 'utf8');
  return {
    raw: key,
    base64: bytes.toString('base64'),
    base64url: bytes.toString('base64url'),
    hex: bytes.toString('hex'),
    HEX: bytes.toString('hex').toUpperCase(),
  };
}

/**
 * A heap snapshot names a concatenated (cons) string by its type, not its text, so a key
 * held as the concatenation of pieces would show only as its pieces. Any piece of at least
 * this many characters of the raw key counts as a leak too (for a 40-character key, a
 * concatenation of two has one such piece).
 */
export const keyFragmentLength = 16;

/** Names of the key forms found in text (empty when none). */
export function keyFormsIn(text: string, key: string): string[] {
  const found = Object.entries(keyForms(key))
    .filter(([, form]) => text.includes(form))
    .map(([name]) => name);
  if (found.length === 0) {
    for (let start = 0; start + keyFragmentLength <= key.length; start += 1) {
      if (text.includes(key.slice(start, start + keyFragmentLength))) {
        found.push(`raw fragment at ${start}`);
        break;
      }
    }
  }
  return found;
}

export async function takeHeapSnapshot(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.send('HeapProfiler.disable');
  await cdp.detach();
  return chunks.join('');
}

export async function gatherRendererEvidence(page: Page): Promise<RendererEvidence> {
  const pageState = await page.evaluate(async () => {
    interface Field {
      value: string;
    }
    interface IdbRequest<T> {
      result: T;
      onsuccess: (() => void) | null;
      onerror: (() => void) | null;
    }
    interface IdbDatabase {
      objectStoreNames: ArrayLike<string>;
      transaction(
        names: string,
        mode: string,
      ): { objectStore(name: string): { getAll(): IdbRequest<unknown[]> } };
      close(): void;
    }
    const scope = globalThis as unknown as {
      document: {
        documentElement: { outerHTML: string };
        querySelectorAll(selector: string): ArrayLike<Field>;
      };
      localStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null };
      sessionStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null };
      indexedDB: {
        databases(): Promise<{ name?: string }[]>;
        open(name: string): IdbRequest<IdbDatabase>;
      };
    };
    const request = <T>(pending: IdbRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        pending.onsuccess = () => resolve(pending.result);
        pending.onerror = () => reject(new Error('IndexedDB request failed'));
      });
    const dumpStorage = (storage: typeof scope.localStorage) => {
      const entries: Record<string, string | null> = {};
      for (let i = 0; i < storage.length; i += 1) {
        const key = storage.key(i);
        if (key !== null) entries[key] = storage.getItem(key);
      }
      return JSON.stringify(entries);
    };
    const fields = Array.from(scope.document.querySelectorAll('input, textarea, select')).map(
      (field) => field.value,
    );
    const databases: Record<string, Record<string, string>> = {};
    for (const { name } of await scope.indexedDB.databases()) {
      if (!name) continue;
      const db = await request(scope.indexedDB.open(name));
      databases[name] = {};
      for (const storeName of Array.from(db.objectStoreNames)) {
        const rows = await request(db.transaction(storeName, 'readonly').objectStore(storeName).getAll());
        databases[name][storeName] = JSON.stringify(rows);
      }
      db.close();
    }
    return {
      dom: `${scope.document.documentElement.outerHTML}\n${JSON.stringify(fields)}`,
      localStorage: dumpStorage(scope.localStorage),
      sessionStorage: dumpStorage(scope.sessionStorage),
      indexedDb: JSON.stringify(databases),
    };
  });
  return { ...pageState, heapSnapshot: await takeHeapSnapshot(page) };
}
