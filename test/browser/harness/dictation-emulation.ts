/**
 * Dictation's platform parts for the emulated main: an inserter that records what it was given
 * (there is no other app to type into in the browser harness), notices kept for the test, and
 * the shortcuts' status from the hotkey manager's own sentences. The test presses the shortcut
 * through core.dictation (keyDown / keyUp), as the hook glue does.
 */
import type { DictationGlue } from '../../../src/main/core/dictation/dictation-core';
import type { DictationNotice } from '../../../src/main/core/dictation/dictation-ports';

export interface DictationEmulation {
  glue: DictationGlue;
  inserted: string[];
  notices: DictationNotice[];
}

export function emulateDictation(windowOpen: () => boolean): DictationEmulation {
  const inserted: string[] = [];
  const notices: DictationNotice[] = [];
  return {
    inserted,
    notices,
    glue: {
      inserter: { insert: async (text) => (inserted.push(text), { inserted: true }) },
      copyToClipboard: async () => undefined,
      notify: (notice) => notices.push(notice),
      windowOpen,
      status: () => ({
        dictation: {
          chord: 'Ctrl+Alt+Space',
          state: 'ready',
          sentence: 'Hold Ctrl+Alt+Space to talk (emulated).',
        },
        pasteLast: { chord: null, state: 'off', sentence: 'No shortcut pastes the last dictation.' },
      }),
    },
  };
}
