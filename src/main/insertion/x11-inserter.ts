/**
 * Insertion on X11 with xdotool: short plain text is typed; anything longer, or with new lines
 * or characters outside ASCII, is pasted through the clipboard with the chord the focused
 * window expects, and the person's clipboard is given back afterwards. Why: typing sends one
 * key event per character (2,000 characters take seconds), and xdotool types a character that
 * is not on the keyboard by remapping a spare key, which the target may read before it sees
 * the new mapping (characters then go missing); a typed new line is Return, which sends the
 * message in a chat app.
 */
import type { InsertionResult, TextInserter } from '../core/dictation/dictation-ports';
import type { ClipboardAccess, X11Selection } from './clipboard-access';
import { failureResult, InsertionFailure } from './insertion-failure';
import { pasteThroughClipboard } from './paste-with-clipboard';
import type { ProcessRunner } from './process-runner';
import { parseWmClass, windowKindOf, type X11WindowKind } from './x11-window-kind';

export type X11InsertionPlan =
  | { method: 'type' }
  | { method: 'paste'; selection: X11Selection; chord: 'ctrl+v' | 'ctrl+shift+v' | 'shift+Insert' };

export interface X11InserterOptions {
  /** Plain ASCII text on one line up to this length is typed; longer text is pasted. */
  typeUpTo: number;
  /** How long the target gets to ask for the pasted text before the clipboard is given back. */
  pasteSettleMs: number;
  /** xdotool's pause between key strokes. */
  typeDelayMs: number;
}

const defaultX11InserterOptions: X11InserterOptions = {
  typeUpTo: 48,
  pasteSettleMs: 300,
  typeDelayMs: 4,
};

export interface X11InserterDeps {
  runner: ProcessRunner;
  clipboard(selection: X11Selection): ClipboardAccess;
  sleep(ms: number): Promise<void>;
  options?: Partial<X11InserterOptions>;
}

const plainAscii = /^[\x20-\x7e]*$/;

export function planX11Insertion(text: string, kind: X11WindowKind, typeUpTo: number): X11InsertionPlan {
  if (text.length <= typeUpTo && plainAscii.test(text)) return { method: 'type' };
  switch (kind) {
    case 'app':
      return { method: 'paste', selection: 'clipboard', chord: 'ctrl+v' };
    case 'terminal':
      return { method: 'paste', selection: 'clipboard', chord: 'ctrl+shift+v' };
    case 'xterm-like':
      return { method: 'paste', selection: 'primary', chord: 'shift+Insert' };
  }
}

const noFocus = 'No window had the keyboard focus, so there was nowhere to type.';
const xdotoolFailed = 'xdotool could not type into the focused window.';

export function createX11Inserter(deps: X11InserterDeps): TextInserter {
  const options = { ...defaultX11InserterOptions, ...deps.options };

  const xdotool = async (args: readonly string[], input?: string): Promise<string> => {
    const result = await deps.runner.run('xdotool', args, input === undefined ? {} : { input });
    if (result.exitCode !== 0) throw new InsertionFailure(xdotoolFailed);
    return result.stdout.toString('utf8').trim();
  };

  const focusedWindowKind = async (): Promise<X11WindowKind> => {
    // Without a window manager the focus may be PointerRoot, which xdotool reports as failure.
    const focus = await deps.runner.run('xdotool', ['getwindowfocus']);
    const windowId = focus.stdout.toString('utf8').trim();
    if (focus.exitCode !== 0 || !/^\d+$/.test(windowId) || Number(windowId) <= 1) {
      throw new InsertionFailure(noFocus);
    }
    let names: string[];
    try {
      const wmClass = await deps.runner.run('xprop', ['-id', windowId, 'WM_CLASS']);
      names = parseWmClass(wmClass.stdout.toString('utf8'));
    } catch {
      // Without xprop (x11-utils) no window is known to be a terminal.
      return 'app';
    }
    // Every app's window has a class; the root window (focus on the desktop) has none.
    if (names.length === 0) throw new InsertionFailure(noFocus);
    return windowKindOf(names);
  };

  return {
    async insert(text: string): Promise<InsertionResult> {
      if (text === '') return { inserted: true };
      try {
        const kind = await focusedWindowKind();
        const plan = planX11Insertion(text, kind, options.typeUpTo);
        if (plan.method === 'type') {
          await xdotool(
            ['type', '--clearmodifiers', '--delay', String(options.typeDelayMs), '--file', '-'],
            text,
          );
        } else {
          await pasteThroughClipboard(
            deps.clipboard(plan.selection),
            text,
            async () => void (await xdotool(['key', '--clearmodifiers', plan.chord])),
            () => deps.sleep(options.pasteSettleMs),
          );
        }
        return { inserted: true };
      } catch (error) {
        return failureResult(error, xdotoolFailed);
      }
    },
  };
}
