/**
 * Puts the dictation shortcuts in force and says how well they work here. Two mechanisms, each
 * doing what the other cannot:
 * - the system's shortcut registration (Electron's globalShortcut: XGrabKey on X11,
 *   RegisterHotKey on Windows, Carbon hot keys on macOS) takes the chord away from the focused
 *   app, so the chord is not typed there, and fails when another app already holds it, which
 *   is how a conflict is found (a hook cannot see grabs: it would fire alongside the other app);
 * - the key hook (uiohook-napi) sees releases, which hold-to-talk needs, and Esc.
 * Where the hook cannot run (Wayland, macOS without Accessibility) the registration alone
 * gives tap-to-toggle, and the status sentence says so.
 */
import type { DictationStatus, ShortcutStatus } from '../../shared/dictation-status';
import { chordAccelerator, defaultDictationChord, parseChord, type Chord } from '../../shared/hotkey-chord';
import type { Settings } from '../../shared/settings';
import { HotkeyRouter, type HotkeyTargets } from '../core/dictation/hotkey-router';
import { errorName, type Logger } from '../core/logger';
import { startKeyHook, type RunningHook, type UiohookModule } from './key-hook';

/** The part of Electron's globalShortcut that is used. */
export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface HotkeyManagerDeps {
  platform: NodeJS.Platform;
  registry: ShortcutRegistry;
  /** Why the hook cannot see keys here (Wayland, macOS without Accessibility), or null. */
  hookBlocked(): Promise<string | null>;
  loadHook(): Promise<UiohookModule>;
  targets: HotkeyTargets;
  log: Logger;
}

export interface HotkeyManager {
  /** Applies the settings' shortcuts; resolves with the status Settings shows. */
  apply(settings: Settings): Promise<DictationStatus>;
  status(): DictationStatus;
  dispose(): void;
}

const off = (sentence: string): ShortcutStatus => ({ chord: null, state: 'off', sentence });

function takenSentence(chord: string): string {
  return `Another app already uses ${chord}, so it does nothing in Earshot: choose another shortcut, or free it in that app.`;
}

export function createHotkeyManager(deps: HotkeyManagerDeps): HotkeyManager {
  const router = new HotkeyRouter({ dictation: null, pasteLast: null }, deps.targets);
  let hook: RunningHook | null = null;
  let hookProblem: string | null = null;
  let registered: string[] = [];
  let current: DictationStatus = {
    dictation: off('Dictation is off.'),
    pasteLast: off('No shortcut pastes the last dictation.'),
  };

  async function ensureHook(): Promise<string | null> {
    if (hook) return null;
    const blocked = await deps.hookBlocked();
    if (blocked !== null) return blocked;
    if (hookProblem !== null) return hookProblem;
    try {
      hook = startKeyHook(await deps.loadHook(), router);
      return null;
    } catch (error) {
      deps.log.warn('key hook unavailable', { errorName: errorName(error) });
      hookProblem = 'Earshot cannot watch the keyboard on this desktop';
      return hookProblem;
    }
  }

  function stopHook(): void {
    hook?.stop();
    hook = null;
  }

  function unregisterAll(): void {
    for (const accelerator of registered) deps.registry.unregister(accelerator);
    registered = [];
  }

  /** Registers the chord; without the hook its press is the only event there is. */
  function register(chord: Chord, onPress: () => void): boolean {
    const accelerator = chordAccelerator(chord);
    let ok: boolean;
    try {
      ok = deps.registry.register(accelerator, () => {
        if (!hook) onPress();
      });
    } catch {
      ok = false;
    }
    if (ok) registered.push(accelerator);
    return ok;
  }

  async function apply(settings: Settings): Promise<DictationStatus> {
    unregisterAll();
    router.setChords({ dictation: null, pasteLast: null });
    if (!settings.dictationEnabled) {
      stopHook();
      current = { dictation: off('Dictation is off.'), pasteLast: off('Dictation is off.') };
      return current;
    }
    const dictationText = settings.dictationShortcut ?? defaultDictationChord(deps.platform);
    const dictation = parseChord(dictationText);
    const pasteText = settings.pasteLastShortcut;
    const paste = pasteText === null ? null : parseChord(pasteText);
    if ('problem' in dictation) {
      current = {
        dictation: { chord: null, state: 'unavailable', sentence: dictation.problem },
        pasteLast: off(''),
      };
      return current;
    }
    const hookWhyNot = await ensureHook();
    const dictationStatus = registerDictation(dictation, dictationText, hookWhyNot);
    let pasteStatus: ShortcutStatus = off('No shortcut pastes the last dictation.');
    let pasteChord: Chord | null = null;
    if (paste !== null && pasteText !== null && !('problem' in paste)) {
      if (pasteText === dictationText) {
        pasteStatus = {
          chord: pasteText,
          state: 'taken',
          sentence: 'The paste-last shortcut is the dictation shortcut too: choose another one.',
        };
      } else if (register(paste, () => deps.targets.pasteLast())) {
        pasteChord = paste;
        pasteStatus = {
          chord: pasteText,
          state: 'ready',
          sentence: `${pasteText} pastes the last dictation again.`,
        };
      } else {
        pasteStatus = { chord: pasteText, state: 'taken', sentence: takenSentence(pasteText) };
      }
    }
    router.setChords({
      dictation: dictationStatus.state === 'ready' ? dictation : null,
      pasteLast: hook ? pasteChord : null,
    });
    current = { dictation: dictationStatus, pasteLast: pasteStatus };
    return current;
  }

  function registerDictation(chord: Chord, text: string, hookWhyNot: string | null): ShortcutStatus {
    // Without the hook a press is all there is: a tap toggles (down, then up at once).
    const ok = register(chord, () => {
      deps.targets.keyDown();
      deps.targets.keyUp();
    });
    if (!ok) return { chord: text, state: 'taken', sentence: takenSentence(text) };
    if (hookWhyNot === null) {
      return {
        chord: text,
        state: 'ready',
        sentence: `Hold ${text} to talk and let go to insert, or tap it to start and tap again to stop. Esc cancels.`,
      };
    }
    return {
      chord: text,
      state: 'tap-only',
      sentence: `${hookWhyNot}, so holding the shortcut does not work here: tap ${text} to start dictating and tap it again to stop.`,
    };
  }

  return {
    apply,
    status: () => current,
    dispose() {
      unregisterAll();
      stopHook();
    },
  };
}
