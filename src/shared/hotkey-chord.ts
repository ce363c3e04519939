/**
 * Dictation shortcuts as text ("Ctrl+Alt+Space"): one canonical spelling, so a chord read from
 * the settings file, typed by the window or recorded from a key press means one thing. Key
 * names are those of KeyboardEvent.code without its "Key"/"Digit" prefix, which are also
 * uiohook-napi's names, so the window's recorder and main's hook agree without a table each.
 */
import { ValidationError, type Validator } from './validation';

export const chordModifiers = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
export type ChordModifier = (typeof chordModifiers)[number];

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const digits = '0123456789'.split('');
const functionKeys = Array.from({ length: 24 }, (_, index) => `F${index + 1}`);
const punctuationKeys = [
  'Comma',
  'Period',
  'Slash',
  'Semicolon',
  'Quote',
  'BracketLeft',
  'BracketRight',
  'Backslash',
  'Minus',
  'Equal',
  'Backquote',
];
/** Keys that type something (or edit text): a chord on one of them needs Ctrl, Alt or Meta. */
const typingKeys = new Set([...letters, ...digits, ...punctuationKeys, 'Space', 'Enter', 'Tab', 'Backspace']);
const otherKeys = [
  'Insert',
  'Delete',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
];
export const chordKeys: ReadonlySet<string> = new Set([...typingKeys, ...functionKeys, ...otherKeys]);

export interface Chord {
  /** In canonical order (Ctrl, Alt, Shift, Meta), each at most once. */
  modifiers: ChordModifier[];
  key: string;
}

const maxChordLength = 40;

/** The chord, or a sentence saying what is wrong with the text (it never repeats the text). */
export function parseChord(text: string): Chord | { problem: string } {
  if (text.length === 0 || text.length > maxChordLength)
    return { problem: 'A shortcut is a few keys joined by +, such as Ctrl+Alt+Space.' };
  const parts = text.split('+');
  const key = parts.pop() ?? '';
  const modifiers: ChordModifier[] = [];
  for (const part of parts) {
    const index = chordModifiers.indexOf(part as ChordModifier);
    if (index < 0)
      return {
        problem: 'A shortcut starts with modifier keys (Ctrl, Alt, Shift, Meta) and ends with one other key.',
      };
    const previous = modifiers.at(-1);
    if (previous !== undefined && chordModifiers.indexOf(previous) >= index) {
      return { problem: 'A shortcut names its modifiers once each, in the order Ctrl, Alt, Shift, Meta.' };
    }
    modifiers.push(part as ChordModifier);
  }
  if (key === 'Escape') return { problem: 'Esc cancels a dictation, so it cannot be part of the shortcut.' };
  if (!chordKeys.has(key))
    return {
      problem:
        'The shortcut must end with a letter, digit, function key, Space or another key Earshot knows.',
    };
  if (typingKeys.has(key) && !modifiers.some((modifier) => modifier !== 'Shift')) {
    return {
      problem:
        'A shortcut on a key that types needs Ctrl, Alt or Meta, or it would stop that key from typing.',
    };
  }
  return { modifiers, key };
}

export function formatChord(chord: Chord): string {
  return [...chord.modifiers, chord.key].join('+');
}

/** The shortcut used when the person has not chosen one: ⌥Space on macOS, Ctrl+Alt+Space elsewhere. */
export function defaultDictationChord(platform: string): string {
  return platform === 'darwin' ? 'Alt+Space' : 'Ctrl+Alt+Space';
}

/** Validates a chord string strictly (canonical spelling only). */
export const chordText: Validator<string> = (value, path) => {
  if (typeof value !== 'string')
    throw new ValidationError({ path, expectation: 'a shortcut such as Ctrl+Alt+Space' });
  const parsed = parseChord(value);
  if ('problem' in parsed) {
    throw new ValidationError({
      path,
      expectation: 'a shortcut such as Ctrl+Alt+Space',
      sentence: parsed.problem,
    });
  }
  return value;
};

const keyOfCode = (code: string): string | null => {
  const name = code.replace(/^Key(?=[A-Z]$)/, '').replace(/^Digit(?=\d$)/, '');
  return chordKeys.has(name) ? name : null;
};

/** The fields of a KeyboardEvent the recorder reads. */
export interface KeyPress {
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/** The chord a key press in the window's recorder makes, or null for a lone modifier or an unknown key. */
export function chordOfKeyPress(press: KeyPress): Chord | null {
  const key = keyOfCode(press.code);
  if (key === null) return null;
  const modifiers = chordModifiers.filter((modifier) =>
    modifier === 'Ctrl'
      ? press.ctrlKey
      : modifier === 'Alt'
        ? press.altKey
        : modifier === 'Shift'
          ? press.shiftKey
          : press.metaKey,
  );
  return { modifiers, key };
}

const acceleratorKeys: Record<string, string> = {
  Comma: ',',
  Period: '.',
  Slash: '/',
  Semicolon: ';',
  Quote: "'",
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Minus: '-',
  Equal: '=',
  Backquote: '`',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
};
const acceleratorModifiers: Record<ChordModifier, string> = {
  Ctrl: 'Control',
  Alt: 'Alt',
  Shift: 'Shift',
  Meta: 'Super',
};

/** The chord as an Electron accelerator ("Control+Alt+Space"), for globalShortcut. */
export function chordAccelerator(chord: Chord): string {
  return [
    ...chord.modifiers.map((modifier) => acceleratorModifiers[modifier]),
    acceleratorKeys[chord.key] ?? chord.key,
  ].join('+');
}
