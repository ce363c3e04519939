/**
 * The global key hook: uiohook-napi, loaded only when dictation is on (its native module links
 * libX11/libXtst on Linux; a machine without them must still start Earshot). Electron-free, so
 * the Xvfb test runs the very same code in a plain Node process.
 */
import type { HotkeyRouter } from '../core/dictation/hotkey-router';
import { hookKeyEvent, keyNamesByCode, type HookKeyboardEvent } from './uiohook-keys';

/** The part of uiohook-napi's uIOhook that is used. */
export interface UiohookLike {
  on(event: 'keydown' | 'keyup', listener: (event: HookKeyboardEvent) => void): unknown;
  removeAllListeners(event: 'keydown' | 'keyup'): unknown;
  start(): void;
  stop(): void;
}

export interface UiohookModule {
  uIOhook: UiohookLike;
  UiohookKey: Readonly<Record<string, number>>;
}

export interface RunningHook {
  stop(): void;
}

export async function loadUiohook(): Promise<UiohookModule> {
  const loaded = (await import('uiohook-napi')) as unknown as UiohookModule & { default?: UiohookModule };
  // CommonJS seen from ESM: the exports may sit on default.
  return loaded.uIOhook ? loaded : (loaded.default as UiohookModule);
}

/** Starts the hook feeding the router; throws when the hook cannot start on this desktop. */
export function startKeyHook(module: UiohookModule, router: HotkeyRouter): RunningHook {
  const names = keyNamesByCode(module.UiohookKey);
  const hook = module.uIOhook;
  hook.on('keydown', (event) => router.keyDown(hookKeyEvent(names, event)));
  hook.on('keyup', (event) => router.keyUp(hookKeyEvent(names, event)));
  try {
    hook.start();
  } catch (error) {
    hook.removeAllListeners('keydown');
    hook.removeAllListeners('keyup');
    throw error;
  }
  return {
    stop() {
      hook.removeAllListeners('keydown');
      hook.removeAllListeners('keyup');
      hook.stop();
    },
  };
}
