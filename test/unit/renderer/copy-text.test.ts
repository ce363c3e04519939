/**
 * Copy all: when the async Clipboard API is refused, the copy command's own event carries the
 * text, without laying out an element that holds the whole transcript (which blocked the
 * window for over 100 ms with 10,000 segments).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText, copyWithCopyEvent } from '../../../src/renderer/ui/copy-text';

/** A document that knows the copy command and its event, and nothing else (no elements). */
function fakeDocument(options: { commandWorks: boolean; withClipboardData: boolean }) {
  const listeners = new Set<(event: ClipboardEvent) => void>();
  const clipboard = new Map<string, string>();
  let defaultPrevented = false;
  const document = {
    addEventListener: (type: string, listener: (event: ClipboardEvent) => void) => {
      if (type === 'copy') listeners.add(listener);
    },
    removeEventListener: (type: string, listener: (event: ClipboardEvent) => void) => {
      if (type === 'copy') listeners.delete(listener);
    },
    execCommand: (command: string) => {
      if (command !== 'copy' || !options.commandWorks) return false;
      const event = {
        clipboardData: options.withClipboardData
          ? { setData: (format: string, data: string) => void clipboard.set(format, data) }
          : null,
        preventDefault: () => {
          defaultPrevented = true;
        },
      } as unknown as ClipboardEvent;
      for (const listener of [...listeners]) listener(event);
      return true;
    },
  };
  return {
    document,
    clipboard,
    listenerCount: () => listeners.size,
    defaultPrevented: () => defaultPrevented,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('copyText', () => {
  it('uses the async Clipboard API when it is allowed', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    vi.stubGlobal('document', fakeDocument({ commandWorks: true, withClipboardData: true }).document);
    await expect(copyText('hello world')).resolves.toBe(true);
    expect(writeText).toHaveBeenCalledWith('hello world');
  });

  it('when the Clipboard API is refused, puts the text on the clipboard from the copy event, creating no element', async () => {
    vi.stubGlobal('navigator', {
      clipboard: { writeText: async () => Promise.reject(new Error('Write permission denied.')) },
    });
    const fake = fakeDocument({ commandWorks: true, withClipboardData: true });
    vi.stubGlobal('document', fake.document);
    const transcript = 'word '.repeat(100_000);
    await expect(copyText(transcript)).resolves.toBe(true);
    expect(fake.clipboard.get('text/plain')).toBe(transcript);
    expect(fake.defaultPrevented()).toBe(true);
    expect(fake.listenerCount()).toBe(0);
  });
});

describe('copyWithCopyEvent', () => {
  it('reports failure when the copy command is refused, and leaves no listener behind', () => {
    const fake = fakeDocument({ commandWorks: false, withClipboardData: true });
    expect(copyWithCopyEvent(fake.document, 'text')).toBe(false);
    expect(fake.clipboard.size).toBe(0);
    expect(fake.listenerCount()).toBe(0);
  });

  it('reports failure when the event has no clipboard to write to', () => {
    const fake = fakeDocument({ commandWorks: true, withClipboardData: false });
    expect(copyWithCopyEvent(fake.document, 'text')).toBe(false);
  });
});
