/**
 * uiohook-napi's events in the router's terms: its key codes named as the chords name keys
 * (its UiohookKey table already uses KeyboardEvent.code's names; both sides of a modifier are
 * one modifier), and its modifier flags. Takes the table as data so it is tested without the
 * native module.
 */
import type { HookKeyEvent } from '../core/dictation/hotkey-router';
import { chordKeys } from '../../shared/hotkey-chord';

/** The fields of uiohook-napi's UiohookKeyboardEvent that are read. */
export interface HookKeyboardEvent {
  keycode: number;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

const modifierSides: Record<string, string> = {
  Ctrl: 'Ctrl',
  CtrlRight: 'Ctrl',
  Alt: 'Alt',
  AltRight: 'Alt',
  Shift: 'Shift',
  ShiftRight: 'Shift',
  Meta: 'Meta',
  MetaRight: 'Meta',
};

/** Key code → name, for the keys a chord can use, the modifiers and Esc. */
export function keyNamesByCode(table: Readonly<Record<string, number>>): ReadonlyMap<number, string> {
  const names = new Map<number, string>();
  for (const [name, code] of Object.entries(table)) {
    const known = modifierSides[name] ?? (chordKeys.has(name) || name === 'Escape' ? name : null);
    if (known !== null && !names.has(code)) names.set(code, known);
  }
  return names;
}

export function hookKeyEvent(names: ReadonlyMap<number, string>, event: HookKeyboardEvent): HookKeyEvent {
  return {
    key: names.get(event.keycode) ?? null,
    modifiers: { Ctrl: event.ctrlKey, Alt: event.altKey, Shift: event.shiftKey, Meta: event.metaKey },
  };
}
