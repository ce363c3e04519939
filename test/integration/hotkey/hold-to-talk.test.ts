/**
 * Issue 10's proof of the dictation shortcut, for real, on a private Xvfb: uiohook-napi in a
 * Node process watching the display, `xdotool keydown` / `keyup` of Ctrl+Alt+Space, main's
 * real core with the key in the private keychain and the emulator, the window's capture played
 * as the renderer plays it (from the press, kept until the session is open), and the words
 * typed into xterm by the X11 inserter and read back from what its shell received.
 *
 * The audio is tone-code (the emulator decodes each burst as one exact word), so the words are
 * known. Nothing grabs the chord in this process (Electron's globalShortcut does in the app),
 * so xterm also receives the chord's own key presses: control characters, removed before
 * comparing.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, synthesizeToneCode, type DeepgramEmulator } from '../../../emulator/index';
import { loadKeytarSecretStore } from '../../../src/main/core/key-vault';
import { hasPrivateKeychain } from '../../support/keychain-tests';
import {
  exited,
  focusWindowTitled,
  readSelection,
  runOn,
  setSelection,
  startXvfb,
  x11ToolsMissing,
  type X11Display,
} from '../../support/x11-display';
import {
  failedInsertionReason,
  type DictationChildLine,
  type DictationChildPlan,
} from './dictation-child-protocol';
import { startDictationChild, type DictationChild } from './run-dictation-child';

const words = [
  ['hello', 'world'],
  ['good', 'morning'],
];
const audio = synthesizeToneCode(words);
const audioMs = (audio.length / 16_000) * 1000;
const xMissing = x11ToolsMissing(['Xvfb', 'xdotool', 'xclip', 'xprop', 'xwininfo', 'xterm']);
const why = xMissing ?? (hasPrivateKeychain() ? null : 'needs the private keychain');

/** The chord's own presses reach xterm as C0/C1 control characters; the dictation has none but new lines. */
const withoutControls = (text: string) =>
  Array.from(text)
    .filter((character) => character === '\n' || !/\p{Cc}/u.test(character))
    .join('');
const wordsOf = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];
const isPhase = (phase: string) => (line: DictationChildLine) =>
  line.type === 'phase' && line.phase === phase;

describe.skipIf(why !== null)(
  `dictation shortcut through uiohook-napi under Xvfb, into xterm (${why ?? 'Xvfb, xdotool, xclip, xterm, keychain'})`,
  () => {
    let display: X11Display;
    let emulator: DeepgramEmulator;
    let directory: string;
    const keychainEntries: DictationChildPlan['keychainEntry'][] = [];
    const children: DictationChild[] = [];

    beforeAll(async () => {
      display = await startXvfb();
      emulator = await startDeepgramEmulator({ transcriber: 'tone-code' });
      directory = await mkdtemp(join(tmpdir(), 'earshot-hotkey-'));
      await writeFile(
        join(directory, 'audio.pcm'),
        Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength),
      );
    });
    afterAll(async () => {
      for (const child of children) await child.close();
      const keychain = await loadKeytarSecretStore();
      for (const entry of keychainEntries) await keychain.deletePassword(entry.service, entry.account);
      await emulator?.close();
      await display?.stop();
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    async function startMain(insertion: DictationChildPlan['insertion']): Promise<DictationChild> {
      const userDataDir = await mkdtemp(join(directory, 'user-data-'));
      const keychainEntry = { service: `Earshot hotkey ${randomUUID()}`, account: 'deepgram-api-key' };
      keychainEntries.push(keychainEntry);
      const child = await startDictationChild(
        { userDataDir, keychainEntry, audioFile: join(directory, 'audio.pcm'), insertion },
        display.env,
      );
      children.push(child);
      await child.invoke('saveKey', {
        key: emulator.demoKey,
        persistence: 'keychain',
        endpoint: emulator.url,
        streamingCredential: 'auto',
      });
      const status = await child.invoke('getDictationStatus');
      expect(status.dictation).toMatchObject({ chord: 'Ctrl+Alt+Space', state: 'ready' });
      return child;
    }

    /** An xterm whose shell writes what it receives to a file; returns that text after EOF. */
    async function intoXterm(name: string, dictate: () => Promise<void>): Promise<string> {
      const output = join(directory, `${name}.txt`);
      const title = `earshot-hotkey-${name}`;
      const xterm = spawn('xterm', ['-u8', '-title', title, '-e', 'sh', '-c', 'cat > "$0"', output], {
        env: { ...display.env, LC_ALL: 'C.UTF-8' },
        stdio: 'ignore',
      });
      try {
        focusWindowTitled(display, title);
        await dictate();
        runOn(display, 'xdotool', ['key', 'Return', 'ctrl+d']);
        await Promise.race([exited(xterm), sleep(10_000)]);
        return withoutControls(await readFile(output, 'utf8'));
      } finally {
        xterm.kill();
      }
    }

    const linesAfter = (child: DictationChild, mark: number) => child.lines.slice(mark);
    async function waitAfter(
      child: DictationChild,
      mark: number,
      check: (line: DictationChildLine) => boolean,
      what: string,
    ) {
      return child.waitFor((line) => child.lines.indexOf(line) >= mark && check(line), what);
    }
    async function historyText(child: DictationChild, sessionId: string): Promise<string> {
      const session = await child.invoke('getHistorySession', { id: sessionId });
      return session.segments.map((segment) => segment.text).join(' ');
    }
    function sessionIdAfter(child: DictationChild, mark: number): string {
      for (const line of linesAfter(child, mark)) {
        if (line.type === 'event' && line.method === 'onSessionState') {
          const { sessionId, phase } = line.payload as { sessionId: string | null; phase: string };
          if (phase === 'connecting' && sessionId) return sessionId;
        }
      }
      throw new Error('no session started');
    }

    let main: DictationChild;

    it('hold-to-talk: keydown starts a real session at the press, keyup stops it, the words land in xterm and History', async () => {
      main = await startMain('x11');
      const mark = main.lines.length;
      const received = await intoXterm('hold', async () => {
        runOn(display, 'xdotool', ['keydown', 'ctrl+alt+space']);
        await waitAfter(main, mark, isPhase('holding'), 'the press to become a hold');
        await sleep(audioMs + 300);
        runOn(display, 'xdotool', ['keyup', 'ctrl+alt+space']);
        await waitAfter(main, mark, isPhase('finishing'), 'the release to stop the dictation');
        await waitAfter(main, mark, isPhase('idle'), 'the words to be inserted');
      });
      expect(wordsOf(received)).toEqual(words.flat());
      const sessionId = sessionIdAfter(main, mark);
      // The inserted text is the session's text as History keeps it.
      expect(received.trim()).toBe((await historyText(main, sessionId)).trim());
      // Capture began before the connection was open: frames were held, then all sent.
      const captureStart = linesAfter(main, mark).find(
        (line) => line.type === 'capture' && line.action === 'start',
      );
      const press = linesAfter(main, mark).find(isPhase('pressed'));
      expect(captureStart && press && captureStart.type === 'capture' && press.type === 'phase').toBe(true);
      expect(linesAfter(main, mark).filter((line) => line.type === 'notice')).toEqual([]);
    });

    it('a tap toggles: one tap starts, the next stops and inserts', async () => {
      const mark = main.lines.length;
      const received = await intoXterm('tap', async () => {
        runOn(display, 'xdotool', ['key', 'ctrl+alt+space']);
        await waitAfter(main, mark, isPhase('latched'), 'the tap to latch listening');
        await sleep(audioMs + 300);
        const stillLatched = main.lines.slice(mark).filter(isPhase('finishing')).length === 0;
        expect(stillLatched).toBe(true);
        runOn(display, 'xdotool', ['key', 'ctrl+alt+space']);
        await waitAfter(main, mark, isPhase('finishing'), 'the second tap to stop');
        await waitAfter(main, mark, isPhase('idle'), 'the words to be inserted');
      });
      expect(wordsOf(received)).toEqual(words.flat());
    });

    it('Esc cancels: nothing is inserted, and the session is still in History', async () => {
      const mark = main.lines.length;
      const received = await intoXterm('esc', async () => {
        runOn(display, 'xdotool', ['keydown', 'ctrl+alt+space']);
        await waitAfter(main, mark, isPhase('holding'), 'the hold');
        await waitAfter(
          main,
          mark,
          (line) =>
            line.type === 'event' &&
            line.method === 'onTranscript' &&
            JSON.stringify(line.payload).includes('"isFinal":true'),
          'a final segment before Esc',
        );
        runOn(display, 'xdotool', ['key', 'Escape']);
        await waitAfter(main, mark, isPhase('idle'), 'Esc to cancel');
        runOn(display, 'xdotool', ['keyup', 'ctrl+alt+space']);
        await sleep(500);
      });
      expect(wordsOf(received)).toEqual([]);
      expect(linesAfter(main, mark).some(isPhase('finishing'))).toBe(false);
      const sessionId = sessionIdAfter(main, mark);
      expect(wordsOf(await historyText(main, sessionId))).toContain('hello');
    });

    it('the paste-last shortcut types the last dictation again', async () => {
      await main.invoke('updateSettings', { pasteLastShortcut: 'Ctrl+Alt+V' });
      const status = await main.invoke('getDictationStatus');
      expect(status.pasteLast).toMatchObject({ chord: 'Ctrl+Alt+V', state: 'ready' });
      const received = await intoXterm('paste-last', async () => {
        runOn(display, 'xdotool', ['key', 'ctrl+alt+v']);
        await sleep(1500);
      });
      // The last dictation is the tapped one (Esc's was never kept).
      expect(wordsOf(received)).toEqual(words.flat());
    });

    it('insertion made to fail: the words go to the clipboard, a notice says so, and they are in History', async () => {
      // Two hooks on one display would both hear the chord.
      await main.close();
      const failing = await startMain('fail');
      setSelection(display, 'clipboard', 'what the person had copied');
      const mark = failing.lines.length;
      runOn(display, 'xdotool', ['keydown', 'ctrl+alt+space']);
      await waitAfter(failing, mark, isPhase('holding'), 'the hold');
      await sleep(audioMs + 300);
      runOn(display, 'xdotool', ['keyup', 'ctrl+alt+space']);
      const notice = await waitAfter(failing, mark, (line) => line.type === 'notice', 'the notice');
      expect(notice).toMatchObject({ kind: 'copied-instead' });
      expect(notice.type === 'notice' && notice.message).toContain(failedInsertionReason);
      const onClipboard = readSelection(display, 'clipboard');
      expect(wordsOf(onClipboard)).toEqual(words.flat());
      const sessionId = sessionIdAfter(failing, mark);
      expect(wordsOf(await historyText(failing, sessionId))).toEqual(words.flat());
    });
  },
);
