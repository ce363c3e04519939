/**
 * Dictation's start latencies: key press → first captured frame, and press → first word.
 * Runs the real path as far as it runs here: a private Xvfb, `xdotool keydown` of the chord,
 * uiohook-napi in main's process (test/integration/hotkey/dictation-child.ts: the real hotkey
 * glue, dictation machine, core and Deepgram SDK against the emulator in its own process).
 * Emulated: the window's capture (frames of tone-code audio at real time from the moment main
 * asks, as the renderer's worklet delivers them once the microphone is open; opening a real
 * microphone in Chromium adds its own time, see capture → wire in the browser rows), and the
 * keychain (in memory). Each press holds the chord over one word, then lets go.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeToneCode } from '../emulator/tone-code';
import type { DictationChildLine } from '../test/integration/hotkey/dictation-child-protocol';
import { startDictationChild } from '../test/integration/hotkey/run-dictation-child';
import { startXvfb, x11ToolsMissing } from '../test/support/x11-display';
import type { EmulatorProcess } from './lib/emulator-process';
import { rounded } from './lib/figures';
import { formatNumber, median, percentile, sleep, type Row } from './lib/stats';

const presses = 8;
/** synthesizeToneCode's lead silence and one word: the word has ended this long after the press. */
const wordEndsAfterMs = 200 + 200;

interface Press {
  pressedAt: number;
  /** xdotool has returned: the key event was sent before this. */
  sentBy: number;
  hookAt: number;
  firstFrameAt: number;
  liveAt: number;
  firstWordAt: number;
}

const atOf = (line: DictationChildLine): number => ('at' in line ? line.at : Number.NaN);

export async function benchDictationStart(emulator: EmulatorProcess, notes: string[]): Promise<Row[]> {
  const missing = x11ToolsMissing(['Xvfb', 'xdotool', 'xclip']);
  if (missing !== null) {
    notes.push(`dictation start latencies skipped: ${missing}`);
    return [];
  }
  const directory = mkdtempSync(join(tmpdir(), 'earshot-bench-dictation-'));
  const display = await startXvfb();
  const audio = synthesizeToneCode([['hello']]);
  writeFileSync(join(directory, 'audio.pcm'), Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength));
  const child = await startDictationChild(
    {
      userDataDir: directory,
      keychainEntry: { service: 'Earshot bench', account: 'deepgram-api-key' },
      audioFile: join(directory, 'audio.pcm'),
      insertion: 'fail',
      secretStore: 'memory',
    },
    display.env,
  );
  const results: Press[] = [];
  try {
    await child.invoke('saveKey', {
      key: emulator.demoKey,
      persistence: 'keychain',
      endpoint: emulator.url,
      streamingCredential: 'auto',
    });
    const status = await child.invoke('getDictationStatus');
    if (status.dictation.state !== 'ready')
      throw new Error(`the shortcut is not ready: ${status.dictation.sentence}`);
    for (let index = 0; index < presses; index += 1) {
      const mark = child.lines.length;
      const after = (check: (line: DictationChildLine) => boolean, what: string) =>
        child.waitFor((line) => child.lines.indexOf(line) >= mark && check(line), what);
      const pressedAt = performance.timeOrigin + performance.now();
      spawnSync('xdotool', ['keydown', 'ctrl+alt+space'], { env: display.env });
      const sentBy = performance.timeOrigin + performance.now();
      const hook = await after((line) => line.type === 'phase' && line.phase === 'pressed', 'the press');
      const capture = await after((line) => line.type === 'capture' && line.action === 'start', 'capture');
      const live = await after(
        (line) =>
          line.type === 'event' &&
          line.method === 'onSessionState' &&
          (line.payload as { phase: string }).phase === 'live',
        'the connection',
      );
      const word = await after(
        (line) =>
          line.type === 'event' &&
          line.method === 'onTranscript' &&
          (line.payload as { kind: string; segment?: { text: string } }).segment?.text.trim() !== undefined &&
          (line.payload as { segment?: { text: string } }).segment?.text.trim() !== '',
        'the first word',
      );
      await sleep(600);
      spawnSync('xdotool', ['keyup', 'ctrl+alt+space'], { env: display.env });
      await after((line) => line.type === 'phase' && line.phase === 'idle', 'the dictation to end');
      results.push({
        pressedAt,
        sentBy,
        hookAt: atOf(hook),
        // The emulated window's first frame is complete 20 ms after capture starts, as a worklet's is.
        firstFrameAt: atOf(capture) + 20,
        liveAt: live.type === 'event' ? live.at : Number.NaN,
        firstWordAt: word.type === 'event' ? word.at : Number.NaN,
      });
    }
  } finally {
    await child.close();
    await display.stop();
    rmSync(directory, { recursive: true, force: true });
  }
  notes.push(
    'dictation start: Xvfb + xdotool + uiohook-napi + main core + emulator are real; the window’s capture is emulated (frames from the moment main asks), the keychain is in memory; “press” is when xdotool is started, so its own start-up is included',
  );
  const row = (figure: string, name: string, values: number[], note: string): Row => ({
    figure,
    value: `${formatNumber(median(values), 0)} ms (p95 ${formatNumber(percentile(values, 95), 0)})`,
    note,
    figures: {
      [`${name}.medianMs`]: rounded(median(values), 1),
      [`${name}.p95Ms`]: rounded(percentile(values, 95), 1),
    },
  });
  const since = (pick: (press: Press) => number) => results.map((press) => pick(press) - press.pressedAt);
  return [
    row(
      'dictation: key press → hook sees it',
      'dictation.pressToHook',
      since((p) => p.hookAt),
      `${presses} presses; includes starting xdotool`,
    ),
    row(
      'dictation: xdotool run (start → returned)',
      'dictation.xdotoolRun',
      since((p) => p.sentBy),
      'the key event goes out within this; subtract it for an upper bound on the rest',
    ),
    row(
      'dictation: key press → first captured frame',
      'dictation.pressToFirstFrame',
      since((p) => p.firstFrameAt),
      'capture asked at the press, before the connection opens (window emulated: no microphone open time)',
    ),
    row(
      'dictation: key press → connection open',
      'dictation.pressToLive',
      since((p) => p.liveAt),
      'frames captured meanwhile are kept and sent in order',
    ),
    row(
      'dictation: key press → first word',
      'dictation.pressToFirstWord',
      since((p) => p.firstWordAt),
      `the word ends ${wordEndsAfterMs} ms after the press; the emulator's first interim follows it`,
    ),
  ];
}
