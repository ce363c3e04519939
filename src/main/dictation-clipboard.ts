/**
 * Electron's clipboard as the inserters' ClipboardAccess: the system clipboard, or on Linux
 * the PRIMARY selection (`clipboard.selection`), read and written as ClipboardItems so a paste
 * gives back the person's text, HTML, RTF and image, not only the text.
 */
import type { Clipboard, ClipboardItem } from 'electron';
import { isEmptyClipboard, type ClipboardAccess, type SavedClipboard } from './insertion/clipboard-access';

const kept = { text: 'text/plain', html: 'text/html', rtf: 'text/rtf', png: 'image/png' } as const;

/** Electron's ClipboardItem class (passed in, so the adapter is tested without Electron). */
export type ClipboardItemClass = new (items: Record<string, Blob>) => ClipboardItem;

async function blobOf(item: ClipboardItem, type: string): Promise<Blob | null> {
  if (!item.types.includes(type)) return null;
  const value = await item.getType(type);
  return value instanceof Blob ? value : null;
}

export function electronClipboardAccess(
  clipboard: Pick<Clipboard, 'read' | 'write' | 'readText' | 'writeText'>,
  ClipboardItemClass: ClipboardItemClass,
): ClipboardAccess {
  return {
    async save(): Promise<SavedClipboard> {
      const saved: SavedClipboard = {};
      for (const item of await clipboard.read()) {
        const text = await blobOf(item, kept.text);
        if (text && saved.text === undefined) saved.text = await text.text();
        const html = await blobOf(item, kept.html);
        if (html && saved.html === undefined) saved.html = await html.text();
        const rtf = await blobOf(item, kept.rtf);
        if (rtf && saved.rtf === undefined) saved.rtf = await rtf.text();
        const png = await blobOf(item, kept.png);
        if (png && saved.png === undefined) saved.png = Buffer.from(await png.arrayBuffer());
      }
      return saved;
    },
    writeText: (text) => clipboard.writeText(text),
    readText: () => clipboard.readText(),
    async restore(saved): Promise<void> {
      if (isEmptyClipboard(saved)) return;
      const entries: Record<string, Blob> = {};
      if (saved.text !== undefined) entries[kept.text] = new Blob([saved.text], { type: kept.text });
      if (saved.html !== undefined) entries[kept.html] = new Blob([saved.html], { type: kept.html });
      if (saved.rtf !== undefined) entries[kept.rtf] = new Blob([saved.rtf], { type: kept.rtf });
      if (saved.png !== undefined)
        entries[kept.png] = new Blob([new Uint8Array(saved.png)], { type: kept.png });
      await clipboard.write([new ClipboardItemClass(entries)]);
    },
  };
}
