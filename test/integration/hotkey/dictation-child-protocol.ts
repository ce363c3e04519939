/** What the test and dictation-child.ts say to each other. */
import type { CaptureAction } from '../../../src/shared/dictation-status';

export interface DictationChildPlan {
  userDataDir: string;
  keychainEntry: { service: string; account: string };
  /** Raw 16 kHz mono Int16 LE: what the microphone hears from the press on (then silence). */
  audioFile: string;
  /** 'fail': an inserter that always refuses, as when no app can take the text. */
  insertion: 'x11' | 'fail';
  /** 'memory' for the benchmark (keytar is not what it measures); the keychain by default. */
  secretStore?: 'keychain' | 'memory';
}

/** Every `at` is epoch milliseconds with sub-millisecond precision, comparable across processes. */
export type DictationChildLine =
  | { type: 'ready' }
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'event'; method: string; payload: unknown; at: number }
  | { type: 'notice'; kind: string; message: string }
  | { type: 'phase'; phase: string; at: number }
  | { type: 'capture'; action: CaptureAction; at: number; framesSent: number };

export const failedInsertionReason = 'The test refuses every insertion.';
