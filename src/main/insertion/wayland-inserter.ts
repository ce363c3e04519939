/**
 * Insertion on Wayland, where no app may send keys to another through the display server.
 * wtype uses the virtual-keyboard protocol (Sway, Hyprland and other wlroots desktops, KDE
 * Plasma); GNOME does not offer it, and there ydotool types through the kernel's uinput (it
 * needs its ydotoold service and access to /dev/uinput, and types key codes, so plain ASCII
 * only). The focused window cannot be identified, so terminals cannot be told apart: the paste
 * chord is a setting. Short plain text is typed, the rest pasted, as on X11.
 */
import type { InsertionResult, TextInserter } from '../core/dictation/dictation-ports';
import type { ClipboardAccess } from './clipboard-access';
import { failureResult, InsertionFailure } from './insertion-failure';
import { pasteThroughClipboard } from './paste-with-clipboard';
import { CommandMissingError, type ProcessRunner } from './process-runner';

export interface WaylandInserterDeps {
  runner: ProcessRunner;
  clipboard: ClipboardAccess;
  sleep(ms: number): Promise<void>;
  /** Terminals need Ctrl+Shift+V; the person says which their target is. */
  pasteChord: 'ctrl+v' | 'ctrl+shift+v';
  typeUpTo?: number;
  pasteSettleMs?: number;
}

export const neitherToolInstalled =
  'Typing into other apps on Wayland needs wtype (Sway, Hyprland, KDE Plasma) or ydotool with its ydotoold service (GNOME); neither is installed.';
export const wtypeRefusedNoYdotool =
  'This desktop does not let wtype type (it lacks the virtual keyboard protocol, as GNOME does): install ydotool and start its ydotoold service.';
export const ydotoolFailed =
  'ydotool could not type: check that its ydotoold service is running and that Earshot may use /dev/uinput.';

type Outcome = 'done' | 'missing' | 'refused';

async function attempt(
  runner: ProcessRunner,
  command: string,
  args: readonly string[],
  input?: string,
): Promise<Outcome> {
  try {
    const result = await runner.run(command, args, input === undefined ? {} : { input });
    return result.exitCode === 0 ? 'done' : 'refused';
  } catch (error) {
    if (error instanceof CommandMissingError) return 'missing';
    throw error;
  }
}

function reasonFor(wtype: Outcome, ydotool: Outcome): string {
  if (wtype === 'missing' && ydotool === 'missing') return neitherToolInstalled;
  if (ydotool === 'missing') return wtypeRefusedNoYdotool;
  return ydotoolFailed;
}

export function createWaylandInserter(deps: WaylandInserterDeps): TextInserter {
  const typeUpTo = deps.typeUpTo ?? 48;

  /** Sends keys with wtype, else ydotool; throws the sentence for what is missing or refused. */
  const withEither = async (
    wtypeArgs: readonly string[],
    ydotoolVariants: ReadonlyArray<readonly string[]>,
    input?: string,
  ): Promise<void> => {
    const wtype = await attempt(deps.runner, 'wtype', wtypeArgs, input);
    if (wtype === 'done') return;
    let ydotool: Outcome = 'missing';
    for (const args of ydotoolVariants) {
      ydotool = await attempt(deps.runner, 'ydotool', args, input);
      if (ydotool !== 'refused') break;
    }
    if (ydotool === 'done') return;
    throw new InsertionFailure(reasonFor(wtype, ydotool));
  };

  const chordArgs =
    deps.pasteChord === 'ctrl+shift+v'
      ? ['-M', 'ctrl', '-M', 'shift', '-k', 'v', '-m', 'shift', '-m', 'ctrl']
      : ['-M', 'ctrl', '-k', 'v', '-m', 'ctrl'];
  // ydotool 1.x takes key codes (29 Ctrl, 42 Shift, 47 V); 0.1.x (Debian 12) takes names.
  const ydotoolChords =
    deps.pasteChord === 'ctrl+shift+v'
      ? [
          ['key', '29:1', '42:1', '47:1', '47:0', '42:0', '29:0'],
          ['key', 'ctrl+shift+v'],
        ]
      : [
          ['key', '29:1', '47:1', '47:0', '29:0'],
          ['key', 'ctrl+v'],
        ];

  return {
    async insert(text: string): Promise<InsertionResult> {
      if (text === '') return { inserted: true };
      try {
        if (text.length <= typeUpTo && /^[\x20-\x7e]*$/.test(text)) {
          await withEither(['-'], [['type', '--file', '-']], text);
        } else {
          await pasteThroughClipboard(
            deps.clipboard,
            text,
            () => withEither(chordArgs, ydotoolChords),
            () => deps.sleep(deps.pasteSettleMs ?? 300),
          );
        }
        return { inserted: true };
      } catch (error) {
        return failureResult(error, ydotoolFailed);
      }
    },
  };
}
