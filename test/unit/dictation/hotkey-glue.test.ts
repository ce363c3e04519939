/**
 * The shortcut half of the dictation glue: nothing is applied before the dictation service
 * exists, then the hotkey manager drives the service, settings changes apply in order, and a
 * change that fails is logged and leaves the "starting" status rather than a stale one.
 */
import { describe, expect, it, vi } from 'vitest';
import type { DictationService } from '../../../src/main/core/dictation/dictation-service';
import { createMemoryLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { createHotkeyGlue } from '../../../src/main/hotkey/hotkey-glue';
import type { ShortcutRegistry } from '../../../src/main/hotkey/hotkey-manager';
import type { UiohookModule } from '../../../src/main/hotkey/key-hook';
import type { HookKeyboardEvent } from '../../../src/main/hotkey/uiohook-keys';
import { defaultSettings, type Settings } from '../../../src/shared/settings';

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...defaultSettings, ...patch });

function setUp(options: { hookBlocked?: () => Promise<string | null> } = {}) {
  const callbacks = new Map<string, () => void>();
  const registry: ShortcutRegistry = {
    register: (accelerator, callback) => {
      callbacks.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator) => void callbacks.delete(accelerator),
  };
  const listeners: Partial<Record<'keydown' | 'keyup', (event: HookKeyboardEvent) => void>> = {};
  const hookModule: UiohookModule = {
    uIOhook: {
      on: (event, listener) => (listeners[event] = listener),
      removeAllListeners: (event) => delete listeners[event],
      start: () => undefined,
      stop: () => undefined,
    },
    UiohookKey: { Escape: 1 },
  };
  const service = {
    keyDown: vi.fn(),
    keyUp: vi.fn(),
    cancel: vi.fn(),
    pasteLast: vi.fn(async () => undefined),
    isListening: vi.fn(() => true),
  };
  const log = createMemoryLogger(createSecretRegistry());
  const beforeApply = vi.fn();
  const glue = createHotkeyGlue({
    platform: 'linux',
    registry,
    hookBlocked:
      options.hookBlocked ?? (async () => 'Earshot cannot reach the X display to watch the keyboard'),
    loadHook: async () => hookModule,
    log,
    beforeApply,
  });
  const escape = () =>
    listeners.keydown?.({ keycode: 1, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false });
  return {
    glue,
    callbacks,
    service,
    log,
    beforeApply,
    escape,
    asService: service as unknown as DictationService,
  };
}

describe('hotkey glue', () => {
  it('applies nothing before the dictation service exists, and says shortcuts are starting', async () => {
    const { glue, callbacks, beforeApply } = setUp();
    glue.settingsChanged(settings());
    expect(beforeApply).not.toHaveBeenCalled();
    expect(callbacks.size).toBe(0);
    expect((await glue.status()).dictation).toEqual({
      chord: null,
      state: 'unavailable',
      sentence: 'Dictation shortcuts are starting.',
    });
  });

  it('once started, a tap of the chord starts and stops the service and the paste-last chord pastes', async () => {
    const { glue, callbacks, service, beforeApply, asService } = setUp();
    glue.started(asService);
    const chosen = settings({ pasteLastShortcut: 'Ctrl+Alt+V' });
    glue.settingsChanged(chosen);
    expect(beforeApply).toHaveBeenCalledWith(chosen);
    const status = await glue.status();
    expect(status.dictation.state).toBe('tap-only');
    expect(status.pasteLast.state).toBe('ready');

    callbacks.get('Control+Alt+Space')?.();
    expect(service.keyDown).toHaveBeenCalledTimes(1);
    expect(service.keyUp).toHaveBeenCalledTimes(1);
    callbacks.get('Control+Alt+V')?.();
    expect(service.pasteLast).toHaveBeenCalledTimes(1);

    glue.dispose();
    expect(callbacks.size).toBe(0);
  });

  it('with the key hook, Esc cancels a dictation that is listening', async () => {
    const { glue, service, escape, asService } = setUp({ hookBlocked: async () => null });
    glue.started(asService);
    glue.settingsChanged(settings());
    expect((await glue.status()).dictation.state).toBe('ready');
    escape();
    expect(service.isListening).toHaveBeenCalled();
    expect(service.cancel).toHaveBeenCalledTimes(1);
  });

  it('a change that fails is logged by name, and the next change still applies', async () => {
    let blockedAnswer: () => Promise<string | null> = async () => {
      throw new RangeError('display check failed');
    };
    const { glue, log, asService } = setUp({ hookBlocked: () => blockedAnswer() });
    glue.started(asService);
    glue.settingsChanged(settings());
    expect((await glue.status()).dictation.sentence).toBe('Dictation shortcuts are starting.');
    const warning = log.lines.map((line) => JSON.parse(line) as Record<string, unknown>).at(-1);
    expect(warning).toMatchObject({
      level: 'warn',
      message: 'dictation shortcuts could not be applied',
      errorName: 'RangeError',
    });
    expect(log.lines.join('\n')).not.toContain('display check failed');

    blockedAnswer = async () =>
      'On Wayland other apps’ keys are private, so Earshot cannot see when the shortcut is let go';
    glue.settingsChanged(settings({ dictationShortcut: 'Ctrl+Shift+D' }));
    expect((await glue.status()).dictation).toMatchObject({ chord: 'Ctrl+Shift+D', state: 'tap-only' });
  });
});
