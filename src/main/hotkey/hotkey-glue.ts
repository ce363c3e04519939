/**
 * The shortcut half of DictationGlue, Electron-free: once the core's dictation service exists
 * the hotkey manager drives it, and every settings change is applied in order (Settings'
 * status waits for the latest one).
 */
import type { DictationStatus } from '../../shared/dictation-status';
import type { Settings } from '../../shared/settings';
import type { DictationGlue } from '../core/dictation/dictation-core';
import type { DictationService } from '../core/dictation/dictation-service';
import { errorName, type Logger } from '../core/logger';
import { createHotkeyManager, type HotkeyManager, type HotkeyManagerDeps } from './hotkey-manager';

export type HotkeyGlue = Required<Pick<DictationGlue, 'status' | 'started' | 'settingsChanged'>> & {
  dispose(): void;
};

const starting: DictationStatus = {
  dictation: { chord: null, state: 'unavailable', sentence: 'Dictation shortcuts are starting.' },
  pasteLast: { chord: null, state: 'off', sentence: '' },
};

export function createHotkeyGlue(
  deps: Omit<HotkeyManagerDeps, 'targets' | 'log'> & {
    log: Logger;
    /** Before each apply (macOS: show the Accessibility prompt once). */
    beforeApply?(settings: Settings): void;
  },
): HotkeyGlue {
  let manager: HotkeyManager | null = null;
  let applied: Promise<DictationStatus> = Promise.resolve(starting);
  return {
    status: () => applied,
    started(service: DictationService) {
      manager = createHotkeyManager({
        ...deps,
        targets: {
          keyDown: () => service.keyDown(),
          keyUp: () => service.keyUp(),
          cancel: () => service.cancel(),
          pasteLast: () => void service.pasteLast(),
          isListening: () => service.isListening(),
        },
      });
    },
    settingsChanged(settings: Settings) {
      const target = manager;
      if (!target) return;
      deps.beforeApply?.(settings);
      applied = applied
        .catch(() => starting)
        .then(() => target.apply(settings))
        .catch((error: unknown) => {
          deps.log.warn('dictation shortcuts could not be applied', { errorName: errorName(error) });
          return starting;
        });
    },
    dispose: () => manager?.dispose(),
  };
}
