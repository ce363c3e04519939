/**
 * Turns a global key hook's raw presses and releases into dictation: the dictation chord's
 * press and release (hold-to-talk needs both), Esc while listening, and the paste-last chord.
 * The hook reports every key system-wide; only these are acted on and nothing is kept.
 */
import type { Chord, ChordModifier } from '../../../shared/hotkey-chord';

/** One key event as the hook reports it: the key's name (null for keys no chord uses) and the modifiers held. */
export interface HookKeyEvent {
  key: string | null;
  /** Modifier keys report themselves as 'Ctrl', 'Alt', 'Shift' or 'Meta' (either side). */
  modifiers: Readonly<Record<ChordModifier, boolean>>;
}

export interface HotkeyTargets {
  keyDown(): void;
  keyUp(): void;
  cancel(): void;
  pasteLast(): void;
  isListening(): boolean;
}

export interface HotkeyChords {
  dictation: Chord | null;
  pasteLast: Chord | null;
}

const modifierNames: readonly ChordModifier[] = ['Ctrl', 'Alt', 'Shift', 'Meta'];

/** The chord's key goes down with exactly its modifiers held (Ctrl+Alt+Shift+Space is not Ctrl+Alt+Space). */
export function pressMatches(chord: Chord, event: HookKeyEvent): boolean {
  if (event.key !== chord.key) return false;
  return modifierNames.every((modifier) => event.modifiers[modifier] === chord.modifiers.includes(modifier));
}

export class HotkeyRouter {
  private dictationDown = false;
  private pasteDown = false;

  constructor(
    private chords: HotkeyChords,
    private readonly targets: HotkeyTargets,
  ) {}

  setChords(chords: HotkeyChords): void {
    this.chords = chords;
    if (this.dictationDown) {
      this.dictationDown = false;
      this.targets.keyUp();
    }
    this.pasteDown = false;
  }

  keyDown(event: HookKeyEvent): void {
    const { dictation, pasteLast } = this.chords;
    if (event.key === 'Escape') {
      if (this.targets.isListening()) this.targets.cancel();
      return;
    }
    if (dictation && pressMatches(dictation, event)) {
      // The key's auto-repeat sends more presses without releases.
      if (this.dictationDown) return;
      this.dictationDown = true;
      this.targets.keyDown();
      return;
    }
    if (pasteLast && pressMatches(pasteLast, event)) {
      if (this.pasteDown) return;
      this.pasteDown = true;
      this.targets.pasteLast();
    }
  }

  keyUp(event: HookKeyEvent): void {
    const { dictation, pasteLast } = this.chords;
    // Releasing any key of the chord ends a hold: people let go of the keys in any order.
    if (this.dictationDown && dictation && chordHasKey(dictation, event.key)) {
      this.dictationDown = false;
      this.targets.keyUp();
    }
    if (this.pasteDown && pasteLast && chordHasKey(pasteLast, event.key)) this.pasteDown = false;
  }
}

function chordHasKey(chord: Chord, key: string | null): boolean {
  return key !== null && (key === chord.key || chord.modifiers.includes(key as ChordModifier));
}
