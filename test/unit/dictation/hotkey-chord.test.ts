import { describe, expect, it, vi } from 'vitest';
import {
  chordAccelerator,
  chordOfKeyPress,
  chordText,
  defaultDictationChord,
  formatChord,
  parseChord,
  type Chord,
} from '../../../src/shared/hotkey-chord';
import {
  HotkeyRouter,
  pressMatches,
  type HookKeyEvent,
} from '../../../src/main/core/dictation/hotkey-router';
import { applySettingsPatch, defaultSettings } from '../../../src/shared/settings';
import { ValidationError } from '../../../src/shared/validation';

const chord = (text: string): Chord => {
  const parsed = parseChord(text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed;
};

describe('chord parsing', () => {
  it('reads the canonical spelling and writes it back', () => {
    expect(parseChord('Ctrl+Alt+Space')).toEqual({ modifiers: ['Ctrl', 'Alt'], key: 'Space' });
    expect(parseChord('Alt+Space')).toEqual({ modifiers: ['Alt'], key: 'Space' });
    expect(parseChord('F9')).toEqual({ modifiers: [], key: 'F9' });
    expect(parseChord('Ctrl+Shift+Meta+K')).toEqual({ modifiers: ['Ctrl', 'Shift', 'Meta'], key: 'K' });
    for (const text of ['Ctrl+Alt+Space', 'Meta+Period', 'Shift+F24', 'Ctrl+ArrowUp', 'Alt+7']) {
      expect(formatChord(chord(text))).toBe(text);
    }
  });

  it.each([
    ['', 'A shortcut is a few keys'],
    ['ctrl+alt+space', 'modifier keys'],
    ['Alt+Ctrl+Space', 'in the order Ctrl, Alt, Shift, Meta'],
    ['Ctrl+Ctrl+Space', 'once each'],
    ['Ctrl+Escape', 'Esc cancels'],
    ['Ctrl+Alt+Enterr', 'must end with'],
    ['Ctrl+Alt+', 'must end with'],
    ['Space', 'needs Ctrl, Alt or Meta'],
    ['Shift+A', 'needs Ctrl, Alt or Meta'],
    ['Ctrl+Alt+Space+Space', 'modifier keys'],
    ['x'.repeat(41), 'A shortcut is a few keys'],
  ])('refuses %j with a sentence', (text, sentence) => {
    const parsed = parseChord(text);
    expect(parsed).toHaveProperty('problem');
    expect((parsed as { problem: string }).problem).toContain(sentence);
  });

  it('is the settings validator: a bad chord is refused with its sentence, never echoed', () => {
    expect(
      applySettingsPatch({ ...defaultSettings }, { dictationShortcut: 'Ctrl+Alt+D' }).dictationShortcut,
    ).toBe('Ctrl+Alt+D');
    expect(
      applySettingsPatch({ ...defaultSettings }, { pasteLastShortcut: null }).pasteLastShortcut,
    ).toBeNull();
    let refusal: unknown;
    try {
      chordText('Ctrl+<script>', 'dictationShortcut');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(JSON.stringify(refusal)).not.toContain('<script>');
    expect(() => applySettingsPatch({ ...defaultSettings }, { dictationShortcut: 42 })).toThrow(
      ValidationError,
    );
  });

  it('has the per-platform default: ⌥Space on macOS, Ctrl+Alt+Space elsewhere', () => {
    expect(defaultDictationChord('darwin')).toBe('Alt+Space');
    expect(defaultDictationChord('linux')).toBe('Ctrl+Alt+Space');
    expect(defaultDictationChord('win32')).toBe('Ctrl+Alt+Space');
  });

  it('turns a recorded key press into a chord (KeyboardEvent.code), and lone modifiers into nothing', () => {
    const press = { ctrlKey: true, altKey: true, shiftKey: false, metaKey: false };
    expect(chordOfKeyPress({ ...press, code: 'Space' })).toEqual({
      modifiers: ['Ctrl', 'Alt'],
      key: 'Space',
    });
    expect(chordOfKeyPress({ ...press, code: 'KeyD' })).toEqual({ modifiers: ['Ctrl', 'Alt'], key: 'D' });
    expect(chordOfKeyPress({ ...press, code: 'Digit4' })).toEqual({ modifiers: ['Ctrl', 'Alt'], key: '4' });
    expect(chordOfKeyPress({ ...press, code: 'ControlLeft' })).toBeNull();
    expect(chordOfKeyPress({ ...press, code: 'IntlRo' })).toBeNull();
  });

  it('writes Electron accelerators', () => {
    expect(chordAccelerator(chord('Ctrl+Alt+Space'))).toBe('Control+Alt+Space');
    expect(chordAccelerator(chord('Shift+Meta+Period'))).toBe('Shift+Super+.');
    expect(chordAccelerator(chord('Ctrl+ArrowUp'))).toBe('Control+Up');
  });
});

const none = { Ctrl: false, Alt: false, Shift: false, Meta: false };
const held = (...names: Array<keyof typeof none>) => ({
  ...none,
  ...Object.fromEntries(names.map((n) => [n, true])),
});
const event = (key: string | null, modifiers = none): HookKeyEvent => ({ key, modifiers });

function routerWith(listening = false) {
  const targets = {
    keyDown: vi.fn(),
    keyUp: vi.fn(),
    cancel: vi.fn(),
    pasteLast: vi.fn(),
    isListening: vi.fn(() => listening),
  };
  const router = new HotkeyRouter(
    { dictation: chord('Ctrl+Alt+Space'), pasteLast: chord('Ctrl+Alt+V') },
    targets,
  );
  return { router, targets };
}

describe('hotkey router', () => {
  it('matches only the exact modifiers', () => {
    expect(pressMatches(chord('Ctrl+Alt+Space'), event('Space', held('Ctrl', 'Alt')))).toBe(true);
    expect(pressMatches(chord('Ctrl+Alt+Space'), event('Space', held('Ctrl', 'Alt', 'Shift')))).toBe(false);
    expect(pressMatches(chord('Ctrl+Alt+Space'), event('Space', held('Ctrl')))).toBe(false);
    expect(pressMatches(chord('F9'), event('F9'))).toBe(true);
  });

  it('gives the machine one press and one release per hold, auto-repeat ignored (as xdotool keydown sends it)', () => {
    const { router, targets } = routerWith();
    router.keyDown(event('Ctrl', held('Ctrl')));
    router.keyDown(event('Alt', held('Ctrl', 'Alt')));
    for (let repeat = 0; repeat < 5; repeat += 1) router.keyDown(event('Space', held('Ctrl', 'Alt')));
    expect(targets.keyDown).toHaveBeenCalledTimes(1);
    router.keyUp(event('Alt', held('Ctrl')));
    expect(targets.keyUp).toHaveBeenCalledTimes(1);
    router.keyUp(event('Space', held('Ctrl')));
    router.keyUp(event('Ctrl'));
    expect(targets.keyUp).toHaveBeenCalledTimes(1);
  });

  it('ignores other keys and other releases', () => {
    const { router, targets } = routerWith();
    router.keyDown(event('Space'));
    router.keyDown(event('A', held('Ctrl', 'Alt')));
    router.keyUp(event('Space', held('Ctrl', 'Alt')));
    expect(targets.keyDown).not.toHaveBeenCalled();
    expect(targets.keyUp).not.toHaveBeenCalled();
  });

  it('cancels on Esc only while listening', () => {
    const idle = routerWith(false);
    idle.router.keyDown(event('Escape'));
    expect(idle.targets.cancel).not.toHaveBeenCalled();
    const listening = routerWith(true);
    listening.router.keyDown(event('Escape'));
    expect(listening.targets.cancel).toHaveBeenCalledTimes(1);
  });

  it('pastes the last dictation once per press of its chord', () => {
    const { router, targets } = routerWith();
    router.keyDown(event('V', held('Ctrl', 'Alt')));
    router.keyDown(event('V', held('Ctrl', 'Alt')));
    router.keyUp(event('V', held('Ctrl', 'Alt')));
    router.keyDown(event('V', held('Ctrl', 'Alt')));
    expect(targets.pasteLast).toHaveBeenCalledTimes(2);
  });

  it('ends a hold when the chord changes under it', () => {
    const { router, targets } = routerWith();
    router.keyDown(event('Space', held('Ctrl', 'Alt')));
    router.setChords({ dictation: chord('F9'), pasteLast: null });
    expect(targets.keyUp).toHaveBeenCalledTimes(1);
    router.keyDown(event('F9'));
    expect(targets.keyDown).toHaveBeenCalledTimes(2);
  });
});
