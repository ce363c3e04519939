/**
 * Electron's clipboard as the inserters' ClipboardAccess: a paste saves every kept format
 * (text, HTML, RTF, image) and gives all of them back, not only the text.
 */
import { describe, expect, it } from 'vitest';
import type { ClipboardItem } from 'electron';
import { electronClipboardAccess, type ClipboardItemClass } from '../../../src/main/dictation-clipboard';
import { pasteThroughClipboard } from '../../../src/main/insertion/paste-with-clipboard';

/** The part of Electron's ClipboardItem that is used, over Blobs. */
class FakeClipboardItem {
  readonly types: string[];
  constructor(private readonly items: Record<string, Blob>) {
    this.types = Object.keys(items);
  }
  async getType(type: string): Promise<Blob> {
    const blob = this.items[type];
    if (!blob) throw new Error(`no ${type}`);
    return blob;
  }
}

function fakeClipboard(initial: Record<string, Blob>) {
  let items: FakeClipboardItem[] = Object.keys(initial).length ? [new FakeClipboardItem(initial)] : [];
  let text = '';
  const clipboard = {
    read: async () => items as unknown as ClipboardItem[],
    write: async (next: ClipboardItem[]) => {
      items = next as unknown as FakeClipboardItem[];
    },
    readText: async () => text,
    writeText: async (next: string) => {
      text = next;
      items = [new FakeClipboardItem({ 'text/plain': new Blob([next]) })];
    },
  };
  return { clipboard, items: () => items, text: () => text };
}

const Item = FakeClipboardItem as unknown as ClipboardItemClass;

describe('the Electron clipboard adapter', () => {
  it('gives back text, HTML, RTF and an image after a paste', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const fake = fakeClipboard({
      'text/plain': new Blob(['copied text']),
      'text/html': new Blob(['<b>copied</b>']),
      'text/rtf': new Blob(['{\\rtf1 copied}']),
      'image/png': new Blob([png]),
    });
    const access = electronClipboardAccess(fake.clipboard, Item);
    const pasted: string[] = [];
    await pasteThroughClipboard(
      access,
      'the dictation',
      async () => void pasted.push(await fake.clipboard.readText()),
      async () => undefined,
    );
    expect(pasted).toEqual(['the dictation']);
    const [restored] = fake.items();
    expect(restored?.types.sort()).toEqual(['image/png', 'text/html', 'text/plain', 'text/rtf']);
    expect(await (await restored!.getType('text/html')).text()).toBe('<b>copied</b>');
    expect(await (await restored!.getType('text/rtf')).text()).toBe('{\\rtf1 copied}');
    expect(new Uint8Array(await (await restored!.getType('image/png')).arrayBuffer())).toEqual(png);
    expect(await (await restored!.getType('text/plain')).text()).toBe('copied text');
  });

  it('leaves the dictation on an empty clipboard', async () => {
    const fake = fakeClipboard({});
    const access = electronClipboardAccess(fake.clipboard, Item);
    await pasteThroughClipboard(
      access,
      'the dictation',
      async () => undefined,
      async () => undefined,
    );
    expect(fake.text()).toBe('the dictation');
  });
});
