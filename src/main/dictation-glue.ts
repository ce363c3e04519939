/**
 * Dictation's Electron glue: the platform's inserter with Electron's clipboard, notifications,
 * the global shortcut registration and the key hook. Thin: the behaviour is in
 * src/main/core/dictation (the machine, the service) and src/main/hotkey (the manager).
 */
import type {
  Clipboard,
  GlobalShortcut,
  Notification as NotificationClass,
  SystemPreferences,
} from 'electron';
import type { DictationGlue } from './core/dictation/dictation-core';
import type { TextInserter } from './core/dictation/dictation-ports';
import type { Logger } from './core/logger';
import { electronClipboardAccess, type ClipboardItemClass } from './dictation-clipboard';
import { createHotkeyGlue } from './hotkey/hotkey-glue';
import { hookBlockedReason } from './hotkey/hook-blocked';
import { loadUiohook } from './hotkey/key-hook';
import { createMacInserter } from './insertion/macos-inserter';
import { inserterKindFor } from './insertion/platform-inserter-kind';
import { createProcessRunner } from './insertion/process-runner';
import { createWaylandInserter } from './insertion/wayland-inserter';
import { createWindowsInserter } from './insertion/windows-inserter';
import { createX11Inserter } from './insertion/x11-inserter';
import type { Settings } from '../shared/settings';

export interface DictationElectron {
  clipboard: Clipboard;
  ClipboardItem: ClipboardItemClass;
  globalShortcut: GlobalShortcut;
  Notification: typeof NotificationClass;
  systemPreferences: Pick<SystemPreferences, 'isTrustedAccessibilityClient'>;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const noDesktop: TextInserter = {
  insert: async () => ({ inserted: false, reason: 'There is no desktop to type into here.' }),
};

function platformInserter(electron: DictationElectron, settings: () => Settings | null): TextInserter {
  const runner = createProcessRunner(electron.env);
  const clipboard = electronClipboardAccess(electron.clipboard, electron.ClipboardItem);
  switch (inserterKindFor(electron.platform, electron.env)) {
    case 'x11':
      return createX11Inserter({
        runner,
        clipboard: (selection) =>
          selection === 'primary'
            ? electronClipboardAccess(electron.clipboard.selection, electron.ClipboardItem)
            : clipboard,
        sleep,
      });
    case 'wayland': {
      // The chord is read per insertion, so a change in Settings applies to the next one.
      return {
        insert: (text) =>
          createWaylandInserter({
            runner,
            clipboard,
            sleep,
            pasteChord: settings()?.waylandPasteChord ?? 'ctrl+v',
          }).insert(text),
      };
    }
    case 'macos':
      return createMacInserter({
        runner,
        clipboard,
        sleep,
        accessibilityTrusted: () => electron.systemPreferences.isTrustedAccessibilityClient(false),
      });
    case 'windows':
      return createWindowsInserter({ runner, clipboard, sleep });
    case null:
      return noDesktop;
  }
}

export interface DictationWiring {
  glue: DictationGlue;
  dispose(): void;
}

export function createDictationWiring(
  electron: DictationElectron,
  options: { log: Logger; windowOpen: () => boolean },
): DictationWiring {
  let latest: Settings | null = null;
  let promptedForAccessibility = false;
  const accessibilityTrusted = () => electron.systemPreferences.isTrustedAccessibilityClient(false);
  const hotkeys = createHotkeyGlue({
    platform: electron.platform,
    registry: electron.globalShortcut,
    hookBlocked: () => hookBlockedReason(electron.platform, electron.env, accessibilityTrusted),
    loadHook: loadUiohook,
    log: options.log,
    beforeApply(settings) {
      latest = settings;
      if (electron.platform === 'darwin' && settings.dictationEnabled && !promptedForAccessibility) {
        // macOS's own prompt, once: it opens the Accessibility pane with Earshot listed.
        promptedForAccessibility = true;
        electron.systemPreferences.isTrustedAccessibilityClient(true);
      }
    },
  });
  const glue: DictationGlue = {
    inserter: platformInserter(electron, () => latest),
    copyToClipboard: (text) => electron.clipboard.writeText(text),
    notify: (notice) => {
      if (!electron.Notification.isSupported()) return;
      new electron.Notification({ title: 'Earshot dictation', body: notice.message, silent: true }).show();
    },
    windowOpen: options.windowOpen,
    ...hotkeys,
  };
  return { glue, dispose: () => hotkeys.dispose() };
}
