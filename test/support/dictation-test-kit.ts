/**
 * A dictation machine wired to fakes that record what it asks for: a session whose start and
 * stop are settled by the test, an inserter that succeeds or refuses as told, a clipboard and a
 * notification list. Timers are vitest's fake timers.
 */
import { vi } from 'vitest';
import { DictationMachine } from '../../src/main/core/dictation/dictation-machine';
import type {
  DictationNotice,
  DictationOptions,
  DictationPhase,
  DictationSession,
  DictationSessionEvents,
  InsertionResult,
} from '../../src/main/core/dictation/dictation-ports';
import { defaultJoinPreferences } from '../../src/main/core/dictation/text-joining';

export const holdThresholdMs = 300;

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class FakeDictationSession implements DictationSession {
  /** Every call, in order. */
  readonly calls: string[] = [];
  /** The events handed to each start, in order. */
  readonly starts: DictationSessionEvents[] = [];
  /** When true, start and stop wait for the test to settle them. */
  manual = false;
  pendingStart: Deferred | null = null;
  pendingStop: Deferred | null = null;
  startError: unknown = null;
  stopError: unknown = null;

  async start(events: DictationSessionEvents): Promise<void> {
    this.starts.push(events);
    await this.answer('start', this.startError, (pending) => (this.pendingStart = pending));
  }

  async stop(): Promise<void> {
    await this.answer('stop', this.stopError, (pending) => (this.pendingStop = pending));
  }

  /** Records the call, then fails with its error or, when manual, waits for the test to settle it. */
  private async answer(call: 'start' | 'stop', error: unknown, hold: (pending: Deferred) => void) {
    this.calls.push(call);
    if (error !== null) throw error;
    if (!this.manual) return;
    const pending = deferred();
    hold(pending);
    await pending.promise;
  }

  async cancel(): Promise<void> {
    this.calls.push('cancel');
  }

  /** The events of the latest start. */
  events(): DictationSessionEvents {
    const latest = this.starts.at(-1);
    if (!latest) throw new Error('the session was never started');
    return latest;
  }
}

export interface Kit {
  machine: DictationMachine;
  session: FakeDictationSession;
  inserted: string[];
  clipboard: string[];
  notices: DictationNotice[];
  phases: DictationPhase[];
  /** The inserter's answer to the next insertions; 'throw' makes it throw. */
  insertAnswers: Array<InsertionResult | 'throw'>;
  clipboardFails: boolean;
  options: DictationOptions;
}

export function createKit(overrides: Partial<DictationOptions> = {}): Kit {
  const session = new FakeDictationSession();
  const kit: Kit = {
    session,
    inserted: [],
    clipboard: [],
    notices: [],
    phases: [],
    insertAnswers: [],
    clipboardFails: false,
    options: { holdThresholdMs, insertion: 'on-stop', join: defaultJoinPreferences, ...overrides },
    machine: undefined as unknown as DictationMachine,
  };
  kit.machine = new DictationMachine({
    session,
    inserter: {
      insert: async (text) => {
        const answer = kit.insertAnswers.shift() ?? { inserted: true };
        if (answer === 'throw') throw new Error('xdotool: internal detail that must not be shown');
        if (answer.inserted) kit.inserted.push(text);
        return answer;
      },
    },
    copyToClipboard: async (text) => {
      if (kit.clipboardFails) throw new Error('clipboard owner vanished');
      kit.clipboard.push(text);
    },
    notify: (notice) => kit.notices.push(notice),
    options: () => kit.options,
    timers: {
      now: () => Date.now(),
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    onPhase: (phase) => kit.phases.push(phase),
  });
  return kit;
}

/** Lets every settled promise run its callbacks. */
export async function flush(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

/** Press and release after `heldMs`. */
export async function press(kit: Kit, heldMs: number): Promise<void> {
  kit.machine.keyDown();
  await vi.advanceTimersByTimeAsync(heldMs);
  kit.machine.keyUp();
  await flush();
}
