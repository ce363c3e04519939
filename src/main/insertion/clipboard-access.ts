/**
 * Saving the person's clipboard before a paste and giving it back afterwards. xclip serves one
 * format at a time, so it gives back the text (or, with no text, the image). An adapter over
 * Electron's clipboard (read() and write() of every ClipboardItem, `.selection` for PRIMARY)
 * can give back every format; it belongs to the glue.
 */

/** What was on the clipboard; every field is optional (an empty clipboard has none). */
export interface SavedClipboard {
  text?: string;
  html?: string;
  rtf?: string;
  png?: Buffer;
}

export interface ClipboardAccess {
  save(): Promise<SavedClipboard>;
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  /** Puts back what save() returned; an empty save leaves the clipboard as it is. */
  restore(saved: SavedClipboard): Promise<void>;
}

/** X11 has two clipboards: Ctrl+V pastes CLIPBOARD, xterm's Shift+Insert pastes PRIMARY. */
export type X11Selection = 'clipboard' | 'primary';

export function isEmptyClipboard(saved: SavedClipboard): boolean {
  return (
    saved.text === undefined && saved.html === undefined && saved.rtf === undefined && saved.png === undefined
  );
}
