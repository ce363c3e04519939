/**
 * Dictation driven by one key: a tap toggles it, a press held past the threshold is
 * hold-to-talk and stops on release, Esc cancels. Listening starts at key down, before the
 * press is known to be a tap or a hold, so nothing said is clipped. The words go to the
 * inserter when the dictation stops (or segment by segment), and to the clipboard with a
 * notice whenever they cannot be inserted: dictated text is never dropped except by Esc.
 */
import type {
  DictationMachineDeps,
  DictationNotice,
  DictationOptions,
  DictationPhase,
  DictationSessionEvents,
} from './dictation-ports';
import { EarshotError } from '../../../shared/user-facing-error';
import { fitToCursor, joinSegments } from './text-joining';

interface Dictation {
  readonly options: DictationOptions;
  readonly pressedAt: number;
  readonly segments: string[];
  /** Resolves true once the session runs, false when it could not start. */
  started: Promise<boolean>;
  /** Segment insertions (as-you-speak), one after another. */
  insertions: Promise<void>;
  /** What was inserted so far (as-you-speak): the text before the cursor for the next segment. */
  inserted: string;
  /** Segments left out after an insertion failed (as-you-speak); they are on the clipboard. */
  notInserted: string[] | null;
  stopping: boolean;
  canceled: boolean;
  endedBySession: boolean;
  /** The words were handed over; later segments are too late. */
  delivered: boolean;
}

const defaultInsertFailure = 'Earshot could not type into the app you were using.';

export class DictationMachine {
  private currentPhase: DictationPhase = 'idle';
  private current: Dictation | null = null;
  private holdTimer: unknown = null;
  /** Between a press and its release, further presses are the key's auto-repeat. */
  private keyIsDown = false;
  /** Settles when the previous dictation's session has stopped: one session at a time. */
  private sessionReleased: Promise<void> | null = null;
  private finishing = new Set<Promise<void>>();
  private lastText: string | null = null;

  constructor(private readonly deps: DictationMachineDeps) {}

  phase(): DictationPhase {
    return this.currentPhase;
  }

  /** The last dictation's words (null before the first), for "paste last dictation". */
  lastDictation(): string | null {
    return this.lastText;
  }

  /** Whether Esc means something now (the hook glue may then listen for it). */
  isListening(): boolean {
    return this.current !== null;
  }

  keyDown(): void {
    if (this.keyIsDown) return;
    this.keyIsDown = true;
    switch (this.currentPhase) {
      case 'idle':
      case 'finishing':
        this.begin();
        return;
      case 'latched':
        // The press that ends a toggled dictation (its release finds it finishing).
        if (this.current) this.finish(this.current);
        return;
      case 'pressed':
      case 'holding':
        return;
    }
  }

  keyUp(): void {
    this.keyIsDown = false;
    const dictation = this.current;
    if (!dictation) return;
    if (this.currentPhase === 'pressed' || this.currentPhase === 'holding') {
      this.clearHoldTimer();
      const held = this.deps.timers.now() - dictation.pressedAt >= dictation.options.holdThresholdMs;
      if (held) this.finish(dictation);
      else this.setPhase('latched');
    }
  }

  /** Esc: ends the dictation and inserts nothing. */
  cancel(): void {
    const dictation = this.current;
    if (!dictation) return;
    dictation.canceled = true;
    this.leave(dictation);
    const released = dictation.started.then(async (running) => {
      if (running && !dictation.endedBySession) await this.deps.session.cancel().catch(() => undefined);
    });
    this.holdSessionUntil(released);
  }

  /** Inserts the last dictation again, with the same fallback to the clipboard. */
  async pasteLast(): Promise<void> {
    if (this.lastText === null) {
      this.notify('nothing-to-paste', 'There is no dictation to paste yet.');
      return;
    }
    await this.insertOrCopy(fitToCursor(this.lastText, null, this.deps.options().join));
  }

  /** Resolves when every dictation has finished inserting (for shutdown and tests). */
  async settled(): Promise<void> {
    while (this.finishing.size > 0 || this.sessionReleased) {
      await Promise.all([...this.finishing, this.sessionReleased]);
    }
  }

  private begin(): void {
    const options = this.deps.options();
    const dictation: Dictation = {
      options,
      pressedAt: this.deps.timers.now(),
      segments: [],
      started: Promise.resolve(false),
      insertions: Promise.resolve(),
      inserted: '',
      notInserted: null,
      stopping: false,
      canceled: false,
      endedBySession: false,
      delivered: false,
    };
    this.current = dictation;
    this.setPhase('pressed');
    this.holdTimer = this.deps.timers.setTimeout(() => {
      this.holdTimer = null;
      if (this.current === dictation && this.currentPhase === 'pressed') this.setPhase('holding');
    }, options.holdThresholdMs);

    const events: DictationSessionEvents = {
      finalSegment: (text) => this.onFinalSegment(dictation, text),
      ended: (reason) => this.onSessionEnded(dictation, reason),
    };
    const startSession = async (): Promise<boolean> => {
      if (dictation.canceled || dictation.stopping) return false;
      try {
        await this.deps.session.start(events);
        return true;
      } catch (error) {
        this.notify('session-failed', messageOf(error, 'Earshot could not start listening.'));
        if (this.current === dictation) this.leave(dictation);
        return false;
      }
    };
    // Called at once when no earlier session is still stopping, so capture starts at key down.
    const previous = this.sessionReleased;
    dictation.started = previous ? previous.then(startSession) : startSession();
  }

  private onFinalSegment(dictation: Dictation, text: string): void {
    if (dictation.canceled || dictation.delivered || text.trim() === '') return;
    dictation.segments.push(text);
    if (dictation.options.insertion === 'as-you-speak') {
      dictation.insertions = dictation.insertions.then(() => this.insertSegment(dictation, text));
    }
  }

  private onSessionEnded(dictation: Dictation, reason: string): void {
    if (dictation.canceled || dictation.endedBySession) return;
    dictation.endedBySession = true;
    this.notify('session-ended', reason);
    if (!dictation.stopping) this.finish(dictation);
  }

  private finish(dictation: Dictation): void {
    dictation.stopping = true;
    if (this.current === dictation) {
      this.clearHoldTimer();
      this.setPhase('finishing');
    }
    const released = dictation.started.then(async (running) => {
      if (!running || dictation.canceled || dictation.endedBySession) return;
      try {
        await this.deps.session.stop();
      } catch (error) {
        // The segments already delivered are still inserted below.
        this.notify('session-ended', messageOf(error, 'Earshot could not finish listening cleanly.'));
      }
    });
    this.holdSessionUntil(released);
    const done = released
      .then(() => this.deliver(dictation))
      .finally(() => {
        this.finishing.delete(done);
        if (this.current === dictation) this.leave(dictation);
      });
    this.finishing.add(done);
  }

  private async deliver(dictation: Dictation): Promise<void> {
    await dictation.insertions;
    if (dictation.canceled) return;
    dictation.delivered = true;
    const whole = joinSegments(dictation.segments);
    if (whole === '') return;
    this.lastText = whole;
    if (dictation.options.insertion === 'on-stop') {
      await this.insertOrCopy(fitToCursor(whole, null, dictation.options.join));
    }
  }

  private async insertSegment(dictation: Dictation, segment: string): Promise<void> {
    if (dictation.canceled) return;
    if (dictation.notInserted) {
      // Once a segment could not go in, the rest follows it onto the clipboard, in order.
      dictation.notInserted.push(segment);
      await this.deps.copyToClipboard(joinSegments(dictation.notInserted)).catch(() => undefined);
      return;
    }
    const piece = fitToCursor(
      segment,
      dictation.inserted === '' ? null : dictation.inserted,
      dictation.options.join,
    );
    const failure = await this.tryInsert(piece);
    if (failure === null) {
      dictation.inserted += piece;
      return;
    }
    dictation.notInserted = [segment];
    await this.copyInstead(joinSegments(dictation.notInserted), failure);
  }

  private async insertOrCopy(text: string): Promise<void> {
    const failure = await this.tryInsert(text);
    if (failure !== null) await this.copyInstead(text, failure);
  }

  /** Null when the text went in, else the sentence saying why not. */
  private async tryInsert(text: string): Promise<string | null> {
    try {
      const result = await this.deps.inserter.insert(text);
      return result.inserted ? null : result.reason;
    } catch {
      return defaultInsertFailure;
    }
  }

  private async copyInstead(text: string, reason: string): Promise<void> {
    try {
      await this.deps.copyToClipboard(text);
      this.notify(
        'copied-instead',
        `${reason} The dictation is on the clipboard: paste it where you want it.`,
      );
    } catch {
      this.notify(
        'not-copied',
        `${reason} It could not be put on the clipboard either; the dictation is in History.`,
      );
    }
  }

  private holdSessionUntil(released: Promise<void>): void {
    const settled = released.finally(() => {
      if (this.sessionReleased === settled) this.sessionReleased = null;
    });
    this.sessionReleased = settled;
  }

  private leave(dictation: Dictation): void {
    if (this.current !== dictation) return;
    this.clearHoldTimer();
    this.current = null;
    this.setPhase('idle');
  }

  private clearHoldTimer(): void {
    if (this.holdTimer !== null) this.deps.timers.clearTimeout(this.holdTimer);
    this.holdTimer = null;
  }

  private setPhase(phase: DictationPhase): void {
    if (phase === this.currentPhase) return;
    this.currentPhase = phase;
    this.deps.onPhase?.(phase);
  }

  private notify(kind: DictationNotice['kind'], message: string): void {
    this.deps.notify({ kind, message });
  }
}

/** Only an EarshotError's sentence is meant for the person; anything else could be internals. */
function messageOf(error: unknown, fallback: string): string {
  return error instanceof EarshotError ? error.userFacing.message : fallback;
}
