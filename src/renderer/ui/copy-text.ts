/**
 * Copies text to the clipboard. The async Clipboard API may be refused (Electron's
 * permission handler grants only the microphone), so the copy command backs it up. Its own
 * copy event is answered with the text: no element holding the whole transcript is laid out
 * and selected, which with 10,000 segments blocked the window for over 100 ms.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyWithCopyEvent(document, text);
  }
}

/** The part of a document the copy command needs (a fake one in unit tests). */
export interface CopyCommandTarget {
  addEventListener(
    type: 'copy',
    listener: (event: ClipboardEvent) => void,
    options: { capture: boolean },
  ): void;
  removeEventListener(
    type: 'copy',
    listener: (event: ClipboardEvent) => void,
    options: { capture: boolean },
  ): void;
  execCommand(command: 'copy'): boolean;
}

/** Runs the copy command and puts `text` on the clipboard from its event; true once it did. */
export function copyWithCopyEvent(target: CopyCommandTarget, text: string): boolean {
  let written = false;
  const onCopy = (event: ClipboardEvent): void => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    written = true;
  };
  target.addEventListener('copy', onCopy, { capture: true });
  try {
    return target.execCommand('copy') && written;
  } finally {
    target.removeEventListener('copy', onCopy, { capture: true });
  }
}
