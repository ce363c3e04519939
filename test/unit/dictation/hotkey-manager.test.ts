import { describe, expect, it, vi } from 'vitest';
import { createMemoryLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { createHotkeyManager, type ShortcutRegistry } from '../../../src/main/hotkey/hotkey-manager';
import type { UiohookModule } from '../../../src/main/hotkey/key-hook';
import { hookKeyEvent, keyNamesByCode, type HookKeyboardEvent } from '../../../src/main/hotkey/uiohook-keys';
import { defaultSettings, type Settings } from '../../../src/shared/settings';

/** uiohook-napi's codes for the keys used here (from its UiohookKey table). */
const table = {
  Space: 57,
  Escape: 1,
  Ctrl: 29,
  CtrlRight: 3613,
  Alt: 56,
  AltRight: 3640,
  Shift: 42,
  Meta: 3675,
  V: 47,
  CapsLock: 58,
};

function fakeHook(options: { startThrows?: boolean } = {}) {
  const listeners: Record<string, (event: HookKeyboardEvent) => void> = {};
  const hook = {
    started: 0,
    stopped: 0,
    on: (event: 'keydown' | 'keyup', listener: (event: HookKeyboardEvent) => void) =>
      (listeners[event] = listener),
    removeAllListeners: (event: 'keydown' | 'keyup') => delete listeners[event],
    start() {
      if (options.startThrows) throw new Error('no display');
      hook.started += 1;
    },
    stop() {
      hook.stopped += 1;
    },
  };
  const press = (type: 'keydown' | 'keyup', keycode: number, mods: Partial<HookKeyboardEvent> = {}) =>
    listeners[type]?.({ keycode, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });
  const module: UiohookModule = { uIOhook: hook, UiohookKey: table };
  return { hook, module, press };
}

function registry(taken: string[] = []) {
  const callbacks = new Map<string, () => void>();
  const fake: ShortcutRegistry & { callbacks: typeof callbacks } = {
    callbacks,
    register: vi.fn((accelerator: string, callback: () => void) => {
      if (taken.includes(accelerator)) return false;
      callbacks.set(accelerator, callback);
      return true;
    }),
    unregister: vi.fn((accelerator: string) => void callbacks.delete(accelerator)),
  };
  return fake;
}

function setUp(
  options: {
    blocked?: string | null;
    taken?: string[];
    startThrows?: boolean;
    platform?: NodeJS.Platform;
  } = {},
) {
  const hook = fakeHook({ startThrows: options.startThrows ?? false });
  const shortcuts = registry(options.taken);
  const targets = {
    keyDown: vi.fn(),
    keyUp: vi.fn(),
    cancel: vi.fn(),
    pasteLast: vi.fn(),
    isListening: vi.fn(() => true),
  };
  const manager = createHotkeyManager({
    platform: options.platform ?? 'linux',
    registry: shortcuts,
    hookBlocked: async () => options.blocked ?? null,
    loadHook: async () => hook.module,
    targets,
    log: createMemoryLogger(createSecretRegistry()),
  });
  return { manager, hook, shortcuts, targets };
}

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...defaultSettings, ...patch });

describe('hotkey manager', () => {
  it('with the hook: the default chord is grabbed and ready, hold and Esc reach the machine', async () => {
    const { manager, hook, shortcuts, targets } = setUp();
    const status = await manager.apply(settings());
    expect(status.dictation).toMatchObject({ chord: 'Ctrl+Alt+Space', state: 'ready' });
    expect(status.dictation.sentence).toContain('Hold Ctrl+Alt+Space to talk');
    expect(shortcuts.register).toHaveBeenCalledWith('Control+Alt+Space', expect.any(Function));
    hook.press('keydown', 29, { ctrlKey: true });
    hook.press('keydown', 3640, { ctrlKey: true, altKey: true });
    hook.press('keydown', 57, { ctrlKey: true, altKey: true });
    // The grab's own callback does nothing while the hook runs (the hook saw the press).
    shortcuts.callbacks.get('Control+Alt+Space')?.();
    expect(targets.keyDown).toHaveBeenCalledTimes(1);
    hook.press('keyup', 57, { ctrlKey: true, altKey: true });
    expect(targets.keyUp).toHaveBeenCalledTimes(1);
    hook.press('keydown', 1);
    expect(targets.cancel).toHaveBeenCalledTimes(1);
    manager.dispose();
    expect(hook.hook.stopped).toBe(1);
    expect(shortcuts.unregister).toHaveBeenCalledWith('Control+Alt+Space');
  });

  it('uses ⌥Space by default on macOS', async () => {
    const { manager, shortcuts } = setUp({ platform: 'darwin' });
    expect((await manager.apply(settings())).dictation.chord).toBe('Alt+Space');
    expect(shortcuts.register).toHaveBeenCalledWith('Alt+Space', expect.any(Function));
  });

  it('a chord another app holds is reported with a sentence and does nothing', async () => {
    const { manager, hook, targets } = setUp({ taken: ['Control+Alt+Space'] });
    const status = await manager.apply(settings());
    expect(status.dictation).toMatchObject({ state: 'taken' });
    expect(status.dictation.sentence).toBe(
      'Another app already uses Ctrl+Alt+Space, so it does nothing in Earshot: choose another shortcut, or free it in that app.',
    );
    hook.press('keydown', 57, { ctrlKey: true, altKey: true });
    expect(targets.keyDown).not.toHaveBeenCalled();
  });

  it('where the hook cannot run, the registration alone toggles on each press and the sentence says so', async () => {
    const { manager, shortcuts, targets, hook } = setUp({
      blocked: 'On Wayland other apps’ keys are private',
    });
    const status = await manager.apply(settings({ dictationShortcut: 'Ctrl+Alt+D' }));
    expect(status.dictation.state).toBe('tap-only');
    expect(status.dictation.sentence).toContain('On Wayland');
    expect(status.dictation.sentence).toContain('tap Ctrl+Alt+D to start dictating and tap it again to stop');
    expect(hook.hook.started).toBe(0);
    shortcuts.callbacks.get('Control+Alt+D')?.();
    expect(targets.keyDown).toHaveBeenCalledTimes(1);
    expect(targets.keyUp).toHaveBeenCalledTimes(1);
  });

  it('a hook that fails to start falls back to tap-only', async () => {
    const { manager } = setUp({ startThrows: true });
    const status = await manager.apply(settings());
    expect(status.dictation.state).toBe('tap-only');
    expect(status.dictation.sentence).toContain('cannot watch the keyboard');
  });

  it('the paste-last chord: registered, once per press; the same chord as dictation is refused; off by default', async () => {
    const { manager, hook, targets } = setUp();
    expect((await manager.apply(settings())).pasteLast.state).toBe('off');
    const status = await manager.apply(settings({ pasteLastShortcut: 'Ctrl+Alt+V' }));
    expect(status.pasteLast).toMatchObject({ chord: 'Ctrl+Alt+V', state: 'ready' });
    hook.press('keydown', 47, { ctrlKey: true, altKey: true });
    expect(targets.pasteLast).toHaveBeenCalledTimes(1);
    const same = await manager.apply(settings({ pasteLastShortcut: 'Ctrl+Alt+Space' }));
    expect(same.pasteLast.state).toBe('taken');
    expect(same.pasteLast.sentence).toContain('is the dictation shortcut too');
  });

  it('dictation off: nothing grabbed, the hook stopped, and a new chord replaces the old grab', async () => {
    const { manager, hook, shortcuts } = setUp();
    await manager.apply(settings());
    await manager.apply(settings({ dictationShortcut: 'F9' }));
    expect(shortcuts.unregister).toHaveBeenCalledWith('Control+Alt+Space');
    expect([...shortcuts.callbacks.keys()]).toEqual(['F9']);
    const status = await manager.apply(settings({ dictationEnabled: false }));
    expect(status.dictation.state).toBe('off');
    expect(shortcuts.callbacks.size).toBe(0);
    expect(hook.hook.stopped).toBe(1);
  });
});

describe("uiohook's key codes", () => {
  it('names both sides of a modifier alike, keeps Esc and chord keys, drops the rest', () => {
    const names = keyNamesByCode(table);
    expect(names.get(3613)).toBe('Ctrl');
    expect(names.get(3640)).toBe('Alt');
    expect(names.get(1)).toBe('Escape');
    expect(names.get(57)).toBe('Space');
    expect(names.get(58)).toBeUndefined();
    expect(
      hookKeyEvent(names, { keycode: 57, ctrlKey: true, altKey: false, shiftKey: true, metaKey: false }),
    ).toEqual({
      key: 'Space',
      modifiers: { Ctrl: true, Alt: false, Shift: true, Meta: false },
    });
  });
});
