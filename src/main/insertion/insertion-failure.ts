/** Failures an inserter reports as a plain sentence (the dictation then goes to the clipboard). */
import type { InsertionResult } from '../core/dictation/dictation-ports';
import { CommandMissingError } from './process-runner';

export class InsertionFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InsertionFailure';
  }
}

/** How to install each tool an inserter may need, said in the sentence that reports it missing. */
const installHints: Record<string, string> = {
  xdotool: 'on Debian or Ubuntu: sudo apt install xdotool',
  xclip: 'on Debian or Ubuntu: sudo apt install xclip',
  wtype: 'on Debian or Ubuntu: sudo apt install wtype',
  ydotool: 'on Debian or Ubuntu: sudo apt install ydotool, then start its ydotoold service',
  'wl-copy': 'on Debian or Ubuntu: sudo apt install wl-clipboard',
};

function missingToolSentence(command: string): string {
  const hint = installHints[command];
  return `Typing into other apps needs ${command}, which is not installed${hint ? ` (${hint})` : ''}.`;
}

/** The result for an error thrown while inserting: its sentence, never its internals. */
export function failureResult(error: unknown, fallback: string): InsertionResult {
  if (error instanceof InsertionFailure) return { inserted: false, reason: error.reason };
  if (error instanceof CommandMissingError)
    return { inserted: false, reason: missingToolSentence(error.command) };
  return { inserted: false, reason: fallback };
}
