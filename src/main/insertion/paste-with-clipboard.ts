/**
 * The paste every platform shares: save the person's clipboard, put the text on it, check it
 * is there, send the paste chord, give the target time to read it, give the clipboard back.
 */
import type { ClipboardAccess } from './clipboard-access';
import { InsertionFailure } from './insertion-failure';

export const clipboardFailed = 'Earshot could not put the text on the clipboard to paste it.';

export async function pasteThroughClipboard(
  clipboard: ClipboardAccess,
  text: string,
  sendChord: () => Promise<void>,
  settle: () => Promise<void>,
): Promise<void> {
  const saved = await clipboard.save();
  try {
    await clipboard.writeText(text);
    // Pasting whatever else is on the clipboard would be worse than not pasting.
    if ((await clipboard.readText()) !== text) throw new InsertionFailure(clipboardFailed);
  } catch (error) {
    await clipboard.restore(saved).catch(() => undefined);
    throw error instanceof InsertionFailure ? error : new InsertionFailure(clipboardFailed);
  }
  try {
    await sendChord();
    // The target reads the clipboard after it sees the chord; giving the old contents back
    // sooner would paste those instead.
    await settle();
  } finally {
    await clipboard.restore(saved).catch(() => undefined);
  }
}
