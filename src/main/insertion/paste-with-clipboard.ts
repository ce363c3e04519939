/**
 * The paste every platform shares: save the person's clipboard, put the text on it, check it
 * is there, send the paste chord, give the target time to read it, give the clipboard back.
 */
import type { InsertionResult, TextInserter } from '../core/dictation/dictation-ports';
import type { ClipboardAccess } from './clipboard-access';
import { failureResult, InsertionFailure } from './insertion-failure';

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

/** What an inserter that always pastes needs besides the way it sends its chord. */
export interface PasteInserterDeps {
  clipboard: ClipboardAccess;
  sleep(ms: number): Promise<void>;
  /** How long the target gets to read the clipboard before it is given back. */
  pasteSettleMs?: number;
}

/**
 * The inserter of a platform that always pastes (macOS, Windows): the text through the
 * clipboard and the platform's chord. A failure is reported by its own sentence, or by
 * `pasteFailed` when it has none.
 */
export function createPastingInserter(
  deps: PasteInserterDeps,
  sendChord: () => Promise<void>,
  pasteFailed: string,
): TextInserter {
  return {
    async insert(text: string): Promise<InsertionResult> {
      if (text === '') return { inserted: true };
      try {
        await pasteThroughClipboard(deps.clipboard, text, sendChord, () =>
          deps.sleep(deps.pasteSettleMs ?? 300),
        );
        return { inserted: true };
      } catch (error) {
        return failureResult(error, pasteFailed);
      }
    },
  };
}
