import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EarshotError } from '../../../src/shared/user-facing-error';
import { createKit, flush, holdThresholdMs, press } from '../../support/dictation-test-kit';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('tap and hold on one key', () => {
  it('starts the session at key down, before the press is known to be a tap or a hold', () => {
    const kit = createKit();
    kit.machine.keyDown();
    expect(kit.session.calls).toEqual(['start']);
    expect(kit.machine.phase()).toBe('pressed');
  });

  it('a tap toggles: listening goes on after release and stops at the next press', async () => {
    const kit = createKit();
    await press(kit, holdThresholdMs - 1);
    expect(kit.machine.phase()).toBe('latched');
    kit.session.events().finalSegment('Hello there.');
    kit.session.events().finalSegment('How are you?');

    kit.machine.keyDown();
    await flush();
    expect(kit.session.calls).toEqual(['start', 'stop']);
    await vi.advanceTimersByTimeAsync(1000);
    kit.machine.keyUp(); // the release of the stopping press starts nothing
    await kit.machine.settled();

    expect(kit.session.calls).toEqual(['start', 'stop']);
    expect(kit.inserted).toEqual(['Hello there. How are you? ']);
    expect(kit.phases).toEqual(['pressed', 'latched', 'finishing', 'idle']);
  });

  it('a press held to the threshold is hold-to-talk and stops on release', async () => {
    const kit = createKit();
    kit.machine.keyDown();
    await vi.advanceTimersByTimeAsync(holdThresholdMs);
    expect(kit.machine.phase()).toBe('holding');
    kit.session.events().finalSegment('Send the report today');
    kit.machine.keyUp();
    await kit.machine.settled();

    expect(kit.session.calls).toEqual(['start', 'stop']);
    expect(kit.inserted).toEqual(['Send the report today']);
    expect(kit.phases).toEqual(['pressed', 'holding', 'finishing', 'idle']);
  });

  it('decides tap or hold by the time between press and release', async () => {
    const tapped = createKit();
    await press(tapped, holdThresholdMs - 1);
    expect(tapped.machine.phase()).toBe('latched');

    const held = createKit();
    await press(held, holdThresholdMs);
    expect(held.machine.phase()).not.toBe('latched');
    expect(held.session.calls).toEqual(['start', 'stop']);
  });

  it('ignores the auto-repeated presses of a held key', async () => {
    const kit = createKit();
    kit.machine.keyDown();
    for (let repeat = 0; repeat < 10; repeat += 1) {
      await vi.advanceTimersByTimeAsync(50);
      kit.machine.keyDown();
    }
    kit.machine.keyUp();
    await kit.machine.settled();
    expect(kit.session.calls).toEqual(['start', 'stop']);
  });

  it('ignores the auto-repeat of the press that stops a toggled dictation, however long it is held', async () => {
    const kit = createKit();
    kit.session.manual = true;
    await press(kit, 50);
    kit.session.pendingStart?.resolve();
    kit.machine.keyDown();
    await flush();
    kit.session.pendingStop?.resolve();
    await flush();
    for (let repeat = 0; repeat < 5; repeat += 1) {
      await vi.advanceTimersByTimeAsync(50);
      kit.machine.keyDown();
    }
    kit.machine.keyUp();
    await kit.machine.settled();
    expect(kit.session.calls).toEqual(['start', 'stop']);
    expect(kit.machine.phase()).toBe('idle');
  });

  it('reads the options at each dictation, so a changed threshold applies to the next one', async () => {
    const kit = createKit();
    kit.options = { ...kit.options, holdThresholdMs: 1000 };
    await press(kit, 500);
    expect(kit.machine.phase()).toBe('latched');
  });
});

describe('Esc cancels without inserting', () => {
  it('while the key is held: the session is cancelled, its words dropped, the release ignored', async () => {
    const kit = createKit();
    kit.machine.keyDown();
    await vi.advanceTimersByTimeAsync(holdThresholdMs + 100);
    const events = kit.session.events();
    events.finalSegment('Never mind');
    kit.machine.cancel();
    expect(kit.machine.phase()).toBe('idle');
    kit.machine.keyUp();
    events.finalSegment('late words');
    await kit.machine.settled();

    expect(kit.session.calls).toEqual(['start', 'cancel']);
    expect(kit.inserted).toEqual([]);
    expect(kit.clipboard).toEqual([]);
    expect(kit.notices).toEqual([]);
    expect(kit.machine.lastDictation()).toBeNull();
  });

  it('while toggled on', async () => {
    const kit = createKit();
    await press(kit, 50);
    kit.session.events().finalSegment('Scratch that');
    kit.machine.cancel();
    await kit.machine.settled();
    expect(kit.session.calls).toEqual(['start', 'cancel']);
    expect(kit.inserted).toEqual([]);
  });

  it('while stopping: the last words are not inserted', async () => {
    const kit = createKit();
    kit.session.manual = true;
    await press(kit, 50);
    kit.session.pendingStart?.resolve();
    await flush();
    kit.session.events().finalSegment('Almost sent');
    kit.machine.keyDown();
    await flush();
    expect(kit.machine.phase()).toBe('finishing');
    kit.machine.cancel();
    kit.session.pendingStop?.resolve();
    await kit.machine.settled();
    expect(kit.session.calls).toEqual(['start', 'stop', 'cancel']);
    expect(kit.inserted).toEqual([]);
    expect(kit.machine.phase()).toBe('idle');
  });

  it('before the session has opened: it is cancelled once it has', async () => {
    const kit = createKit();
    kit.session.manual = true;
    kit.machine.keyDown();
    kit.machine.cancel();
    await flush();
    expect(kit.session.calls).toEqual(['start']);
    kit.session.pendingStart?.resolve();
    await kit.machine.settled();
    expect(kit.session.calls).toEqual(['start', 'cancel']);
  });

  it('does nothing when nothing is being dictated', async () => {
    const kit = createKit();
    kit.machine.cancel();
    await kit.machine.settled();
    expect(kit.session.calls).toEqual([]);
    expect(kit.phases).toEqual([]);
  });
});

describe('insert on stop or as you speak', () => {
  it('on stop: the segments are joined and inserted once', async () => {
    const kit = createKit({ insertion: 'on-stop' });
    await press(kit, 50);
    kit.session.events().finalSegment('first part');
    kit.session.events().finalSegment('And the second.');
    expect(kit.inserted).toEqual([]);
    kit.machine.keyDown();
    await kit.machine.settled();
    expect(kit.inserted).toEqual(['first part and the second. ']);
  });

  it('as you speak: each final segment goes in as it arrives, joined to the one before', async () => {
    const kit = createKit({ insertion: 'as-you-speak' });
    await press(kit, 50);
    kit.session.events().finalSegment('Dear Sam,');
    await flush();
    expect(kit.inserted).toEqual(['Dear Sam, ']);
    kit.session.events().finalSegment('Thanks for the notes.');
    await flush();
    kit.session.events().finalSegment('see you soon');
    await flush();
    expect(kit.inserted).toEqual(['Dear Sam, ', 'thanks for the notes. ', 'See you soon']);

    kit.machine.keyDown();
    await kit.machine.settled();
    expect(kit.inserted).toHaveLength(3);
    expect(kit.machine.lastDictation()).toBe('Dear Sam, thanks for the notes. See you soon');
  });

  it('as you speak: the words that arrive while stopping are inserted too', async () => {
    const kit = createKit({ insertion: 'as-you-speak' });
    kit.session.manual = true;
    await press(kit, 50);
    kit.session.pendingStart?.resolve();
    kit.machine.keyDown();
    await flush();
    kit.session.events().finalSegment('last words');
    kit.session.pendingStop?.resolve();
    await kit.machine.settled();
    expect(kit.inserted).toEqual(['last words']);
  });

  it('a dictation with no words inserts nothing and says nothing', async () => {
    const kit = createKit();
    await press(kit, 50);
    kit.session.events().finalSegment('   ');
    kit.machine.keyDown();
    await kit.machine.settled();
    expect(kit.inserted).toEqual([]);
    expect(kit.notices).toEqual([]);
    expect(kit.machine.lastDictation()).toBeNull();
  });
});

describe('text that cannot be inserted goes to the clipboard, with a notice', () => {
  it('on stop', async () => {
    const kit = createKit();
    kit.insertAnswers.push({ inserted: false, reason: 'No window has the keyboard focus.' });
    kit.machine.keyDown();
    await vi.advanceTimersByTimeAsync(holdThresholdMs + 10);
    kit.session.events().finalSegment('Keep this safe.');
    kit.machine.keyUp();
    await kit.machine.settled();
    expect(kit.clipboard).toEqual(['Keep this safe. ']);
    expect(kit.notices).toEqual([
      {
        kind: 'copied-instead',
        message:
          'No window has the keyboard focus. The dictation is on the clipboard: paste it where you want it.',
      },
    ]);
  });

  it('when the inserter throws, the notice says so without its details', async () => {
    const kit = createKit();
    kit.insertAnswers.push('throw');
    await press(kit, 50);
    kit.session.events().finalSegment('Still here');
    kit.machine.keyDown();
    await kit.machine.settled();
    expect(kit.clipboard).toEqual(['Still here']);
    expect(kit.notices[0]?.kind).toBe('copied-instead');
    expect(kit.notices[0]?.message).toContain('could not type into the app you were using');
    expect(kit.notices[0]?.message).not.toContain('xdotool');
  });

  it('as you speak: from the first failure on, the rest follows it onto the clipboard', async () => {
    const kit = createKit({ insertion: 'as-you-speak' });
    kit.insertAnswers.push({ inserted: true }, { inserted: false, reason: 'The app refused the text.' });
    await press(kit, 50);
    const events = kit.session.events();
    events.finalSegment('One.');
    events.finalSegment('Two.');
    events.finalSegment('Three.');
    kit.machine.keyDown();
    await kit.machine.settled();

    expect(kit.inserted).toEqual(['One. ']);
    expect(kit.clipboard).toEqual(['Two.', 'Two. Three.']);
    expect(kit.notices.map((notice) => notice.kind)).toEqual(['copied-instead']);
  });

  it('when the clipboard fails too, the notice points to History', async () => {
    const kit = createKit();
    kit.insertAnswers.push({ inserted: false, reason: 'Accessibility permission is missing.' });
    kit.clipboardFails = true;
    await press(kit, 50);
    kit.session.events().finalSegment('Important');
    kit.machine.keyDown();
    await kit.machine.settled();
    expect(kit.notices).toEqual([
      {
        kind: 'not-copied',
        message:
          'Accessibility permission is missing. It could not be put on the clipboard either; the dictation is in History.',
      },
    ]);
  });
});

describe('paste last dictation', () => {
  it('says so when there is none yet', async () => {
    const kit = createKit();
    await kit.machine.pasteLast();
    expect(kit.notices).toEqual([
      { kind: 'nothing-to-paste', message: 'There is no dictation to paste yet.' },
    ]);
    expect(kit.inserted).toEqual([]);
  });

  it('inserts the last dictation again, and falls back to the clipboard like a dictation', async () => {
    const kit = createKit();
    await press(kit, 50);
    kit.session.events().finalSegment('Call me back.');
    kit.machine.keyDown();
    await kit.machine.settled();
    await kit.machine.pasteLast();
    expect(kit.inserted).toEqual(['Call me back. ', 'Call me back. ']);

    kit.insertAnswers.push({ inserted: false, reason: 'No window has the keyboard focus.' });
    await kit.machine.pasteLast();
    expect(kit.clipboard).toEqual(['Call me back. ']);
  });

  it('keeps the last dictation that went to the clipboard, not one that was cancelled', async () => {
    const kit = createKit();
    kit.insertAnswers.push({ inserted: false, reason: 'No window has the keyboard focus.' });
    await press(kit, 50);
    kit.session.events().finalSegment('Rescued text');
    kit.machine.keyDown();
    await kit.machine.settled();
    kit.machine.keyUp();

    await press(kit, 50);
    kit.session.events().finalSegment('Cancelled text');
    kit.machine.cancel();
    await kit.machine.settled();
    expect(kit.machine.lastDictation()).toBe('Rescued text');
  });
});

describe('the session', () => {
  it('that cannot start: its sentence is shown and the machine is idle again', async () => {
    const kit = createKit();
    kit.session.startError = new EarshotError('no-key');
    kit.machine.keyDown();
    await flush();
    expect(kit.machine.phase()).toBe('idle');
    kit.machine.keyUp();
    await kit.machine.settled();
    expect(kit.notices).toEqual([
      { kind: 'session-failed', message: 'No Deepgram API key is set. Open Settings and save a key.' },
    ]);
    expect(kit.session.calls).toEqual(['start']);
  });

  it('that fails to start with an internal error: a plain sentence, not its message', async () => {
    const kit = createKit();
    kit.session.startError = new TypeError('Cannot read properties of undefined');
    kit.machine.keyDown();
    await flush();
    expect(kit.notices).toEqual([{ kind: 'session-failed', message: 'Earshot could not start listening.' }]);
  });

  it('that ends by itself: what was heard is inserted, and the release of the held key is ignored', async () => {
    const kit = createKit();
    kit.machine.keyDown();
    await vi.advanceTimersByTimeAsync(holdThresholdMs + 50);
    kit.session.events().finalSegment('Before the drop');
    kit.session.events().ended('The connection to Deepgram was lost.');
    await flush();
    kit.machine.keyUp();
    await kit.machine.settled();

    expect(kit.session.calls).toEqual(['start']);
    expect(kit.inserted).toEqual(['Before the drop']);
    expect(kit.notices).toEqual([{ kind: 'session-ended', message: 'The connection to Deepgram was lost.' }]);
    expect(kit.machine.phase()).toBe('idle');
  });

  it('whose stop fails: the words already delivered are still inserted', async () => {
    const kit = createKit();
    kit.session.stopError = new EarshotError('connection-lost');
    await press(kit, 50);
    kit.session.events().finalSegment('Saved words');
    kit.machine.keyDown();
    await kit.machine.settled();
    expect(kit.inserted).toEqual(['Saved words']);
    expect(kit.notices.map((notice) => notice.kind)).toEqual(['session-ended']);
  });

  it('is stopped only after it has started, when the toggle is faster than the connection', async () => {
    const kit = createKit();
    kit.session.manual = true;
    await press(kit, 30);
    kit.machine.keyDown();
    await flush();
    expect(kit.session.calls).toEqual(['start']);
    kit.session.pendingStart?.resolve();
    await flush();
    expect(kit.session.calls).toEqual(['start', 'stop']);
    kit.session.pendingStop?.resolve();
    await kit.machine.settled();
    expect(kit.machine.phase()).toBe('idle');
  });

  it('is one at a time: a press while the last one stops starts the next after it has stopped', async () => {
    const kit = createKit();
    kit.session.manual = true;
    await press(kit, 30);
    kit.session.pendingStart?.resolve();
    const first = kit.session.events();
    first.finalSegment('First dictation.');
    kit.machine.keyDown(); // stop
    await flush();
    kit.machine.keyUp();
    kit.machine.keyDown(); // the next dictation, pressed while the first is stopping
    await flush();
    expect(kit.machine.phase()).toBe('pressed');
    expect(kit.session.calls).toEqual(['start', 'stop']);

    kit.session.pendingStop?.resolve();
    await flush();
    expect(kit.session.calls).toEqual(['start', 'stop', 'start']);
    expect(kit.inserted).toEqual(['First dictation. ']);
    first.finalSegment('too late for the first');
    kit.session.pendingStart?.resolve();
    kit.session.events().finalSegment('Second one');
    await vi.advanceTimersByTimeAsync(holdThresholdMs);
    kit.machine.keyUp();
    await flush();
    kit.session.pendingStop?.resolve();
    await kit.machine.settled();
    expect(kit.inserted).toEqual(['First dictation. ', 'Second one']);
  });
});
