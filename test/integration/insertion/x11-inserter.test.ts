/**
 * The X11 inserter against real X11 apps on a private Xvfb: xterm (reading back what its
 * shell received) and Debian's Chromium showing a textarea. The dictated text must arrive
 * exactly (Unicode, punctuation, new lines, 2,000 characters) and the person's clipboard must
 * be what it was before.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createX11Inserter } from '../../../src/main/insertion/x11-inserter';
import { createXclipClipboard } from '../../../src/main/insertion/xclip-clipboard';
import { createProcessRunner } from '../../../src/main/insertion/process-runner';
import type { TextInserter } from '../../../src/main/core/dictation/dictation-ports';
import {
  exited,
  focusDesktop,
  focusWindowTitled,
  readSelection,
  runOn,
  setSelection,
  startXvfb,
  x11ToolsMissing,
  type X11Display,
} from '../../support/x11-display';

const xTools = ['Xvfb', 'xdotool', 'xclip', 'xprop', 'xwininfo'];
const xtermMissing = x11ToolsMissing([...xTools, 'xterm']);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumMissing =
  x11ToolsMissing(xTools) ?? (existsSync(chromiumPath) ? null : `needs Debian's chromium at ${chromiumPath}`);

/** Exactly 2,000 characters (code points): accents, CJK, an emoji, punctuation, tabs, new lines. */
function longDictation(): string {
  const pieces = [
    'Dear Zoë, ',
    'the café’s “crème brûlée” costs 12,50 € — naïve, isn’t it? ',
    '日本語のテキストも入ります。',
    'Ça va? Größe: 3 × 4 = 12; 50% off! ',
    '🎉 (done) [ok] {yes} <tag> & "quotes" \'single\' ',
    '\n\tindented line\n',
    'Ελληνικά, русский, עברית, العربية. ',
  ];
  const characters: string[] = [];
  for (let index = 0; characters.length < 2000; index += 1) {
    characters.push(...Array.from(pieces[index % pieces.length] ?? ''));
  }
  return characters.slice(0, 2000).join('');
}

function inserterOn(display: X11Display): TextInserter {
  const runner = createProcessRunner(display.env);
  return createX11Inserter({
    runner,
    clipboard: (selection) => createXclipClipboard(runner, selection),
    sleep: (ms) => sleep(ms),
  });
}

describe.skipIf(xtermMissing !== null)(
  'X11 inserter into xterm (needs Xvfb, xdotool, xclip, xprop, xterm)',
  () => {
    let display: X11Display;
    let directory: string;

    beforeAll(async () => {
      display = await startXvfb();
      directory = await mkdtemp(join(tmpdir(), 'earshot-xterm-'));
    });
    afterAll(async () => {
      await display?.stop();
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    /** An xterm whose shell writes what it receives to a file; returns that file's text after EOF. */
    async function intoXterm(name: string, insert: () => Promise<void>): Promise<string> {
      const output = join(directory, `${name}.txt`);
      const title = `earshot-target-${name}`;
      const xterm = spawn('xterm', ['-u8', '-title', title, '-e', 'sh', '-c', 'cat > "$0"', output], {
        env: { ...display.env, LC_ALL: 'C.UTF-8' },
        stdio: 'ignore',
      });
      try {
        focusWindowTitled(display, title);
        await insert();
        // End the last line and the input, so cat writes everything and exits.
        runOn(display, 'xdotool', ['key', 'Return', 'ctrl+d']);
        await Promise.race([exited(xterm), sleep(10_000)]);
        return await readFile(output, 'utf8');
      } finally {
        xterm.kill();
      }
    }

    it('types short plain text', async () => {
      const inserter = inserterOn(display);
      const received = await intoXterm('typed', async () => {
        expect(await inserter.insert('Hello, world: it works (really)!')).toEqual({ inserted: true });
      });
      expect(received).toBe('Hello, world: it works (really)!\n');
    });

    it('pastes 2,000 characters of Unicode, punctuation and new lines with Shift+Insert, and gives back PRIMARY', async () => {
      const inserter = inserterOn(display);
      const text = longDictation();
      expect(Array.from(text)).toHaveLength(2000);
      setSelection(display, 'primary', 'what the person had selected');
      setSelection(display, 'clipboard', 'what the person had copied');

      const received = await intoXterm('pasted', async () => {
        expect(await inserter.insert(text)).toEqual({ inserted: true });
      });

      // The terminal's line discipline turns the pasted tabs and new lines back into themselves.
      expect(received).toBe(`${text}\n`);
      expect(readSelection(display, 'primary')).toBe('what the person had selected');
      expect(readSelection(display, 'clipboard')).toBe('what the person had copied');
    });

    it('refuses with a sentence when the desktop has the focus', async () => {
      const inserter = inserterOn(display);
      focusDesktop(display);
      expect(await inserter.insert('nowhere to go')).toEqual({
        inserted: false,
        reason: 'No window had the keyboard focus, so there was nowhere to type.',
      });
    });
  },
);

describe.skipIf(chromiumMissing !== null)(
  "X11 inserter into Chromium's textarea (needs Xvfb, xdotool, xclip, xprop, Debian's chromium)",
  () => {
    let display: X11Display;
    let browser: Browser;

    beforeAll(async () => {
      display = await startXvfb();
      browser = await chromium.launch({
        executablePath: chromiumPath,
        headless: false,
        env: display.env,
        args: [
          '--no-sandbox',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      });
    });
    afterAll(async () => {
      await browser?.close();
      await display?.stop();
    });

    async function intoTextarea(name: string, text: string): Promise<string> {
      const page = await browser.newPage();
      try {
        const title = `earshot-textarea-${name}`;
        await page.setContent(`<title>${title}</title><textarea id="target" rows="20" cols="80"></textarea>`);
        const windowId = focusWindowTitled(display, title);
        // The window has the X focus once Chromium says the page has it; then the textarea.
        await expect.poll(() => page.evaluate('document.hasFocus()'), { timeout: 10_000 }).toBe(true);
        await page.focus('#target');
        // A freshly launched Chromium may still move the X focus to a window of its own while it
        // settles (seen on a loaded machine: every typed key was lost). The person's window has
        // the focus, as after a click, when X says so twice in a row.
        await expect
          .poll(
            async () => {
              if (runOn(display, 'xdotool', ['getwindowfocus']).trim() !== windowId) {
                runOn(display, 'xdotool', ['windowfocus', '--sync', windowId]);
                return false;
              }
              await sleep(200);
              return runOn(display, 'xdotool', ['getwindowfocus']).trim() === windowId;
            },
            { timeout: 10_000 },
          )
          .toBe(true);
        expect(await inserterOn(display).insert(text)).toEqual({ inserted: true });
        await expect.poll(() => page.inputValue('#target'), { timeout: 10_000 }).toBe(text);
        return await page.inputValue('#target');
      } finally {
        await page.close();
      }
    }

    it('types short plain text', async () => {
      expect(await intoTextarea('typed', 'Short and sweet, right?')).toBe('Short and sweet, right?');
    });

    it('pastes 2,000 characters with Ctrl+V, and gives back the clipboard', async () => {
      const text = longDictation();
      setSelection(display, 'clipboard', 'the link the person copied before');
      expect(await intoTextarea('pasted', text)).toBe(text);
      expect(readSelection(display, 'clipboard')).toBe('the link the person copied before');
    });
  },
);
