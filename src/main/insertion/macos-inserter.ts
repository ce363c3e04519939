/**
 * Insertion on macOS: always a paste (Cmd+V, which terminals accept too) sent by System Events
 * through osascript. Typing with AppleScript's `keystroke` maps characters through the current
 * keyboard layout and mangles what the layout lacks; a paste keeps every character. Sending
 * keys to another app needs the Accessibility permission for Earshot: without it the paste is
 * not attempted and the person is told where to grant it (the glue shows macOS's own prompt
 * with systemPreferences.isTrustedAccessibilityClient(true)).
 */
import type { InsertionResult, TextInserter } from '../core/dictation/dictation-ports';
import { InsertionFailure } from './insertion-failure';
import { createPastingInserter, type PasteInserterDeps } from './paste-with-clipboard';
import type { ProcessRunner } from './process-runner';

export interface MacInserterDeps extends PasteInserterDeps {
  runner: ProcessRunner;
  /** systemPreferences.isTrustedAccessibilityClient(false), from the glue. */
  accessibilityTrusted(): boolean;
}

export const accessibilityMissing =
  'Earshot needs the Accessibility permission to paste into other apps: open System Settings, Privacy & Security, Accessibility, and turn Earshot on.';
const pasteFailed = 'macOS did not let Earshot paste into the app you were using.';
const pasteScript = 'tell application "System Events" to keystroke "v" using command down';

export function createMacInserter(deps: MacInserterDeps): TextInserter {
  const sendPaste = async (): Promise<void> => {
    const result = await deps.runner.run('osascript', ['-e', pasteScript]);
    if (result.exitCode === 0) return;
    // -1719 / 1002: "osascript is not allowed to send keystrokes" (permission withdrawn meanwhile).
    if (/not allowed|1002|-1719|assistive/i.test(result.stderr))
      throw new InsertionFailure(accessibilityMissing);
    throw new InsertionFailure(pasteFailed);
  };
  const paste = createPastingInserter(deps, sendPaste, pasteFailed);
  return {
    async insert(text: string): Promise<InsertionResult> {
      if (text !== '' && !deps.accessibilityTrusted())
        return { inserted: false, reason: accessibilityMissing };
      return paste.insert(text);
    },
  };
}
