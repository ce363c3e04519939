import { describe, expect, it } from 'vitest';
import type {
  ClipboardAccess,
  SavedClipboard,
  X11Selection,
} from '../../../src/main/insertion/clipboard-access';
import { createX11Inserter, planX11Insertion } from '../../../src/main/insertion/x11-inserter';
import { parseWmClass, windowKindOf } from '../../../src/main/insertion/x11-window-kind';
import { FakeRunner } from '../../support/fake-process-runner';

/** An in-memory selection that logs what is done to it into the shared log. */
class FakeSelection implements ClipboardAccess {
  contents: SavedClipboard;
  /** What readText answers instead of the contents, to simulate another owner taking over. */
  readOverride: string | null = null;
  failWrite = false;

  constructor(
    private readonly name: X11Selection,
    private readonly log: string[],
    initial: SavedClipboard,
  ) {
    this.contents = initial;
  }

  async save(): Promise<SavedClipboard> {
    this.log.push(`${this.name}: save`);
    return { ...this.contents };
  }
  async writeText(text: string): Promise<void> {
    this.log.push(`${this.name}: write`);
    if (this.failWrite) throw new Error('xclip: cannot open display');
    this.contents = { text };
  }
  async readText(): Promise<string> {
    return this.readOverride ?? this.contents.text ?? '';
  }
  async restore(saved: SavedClipboard): Promise<void> {
    this.log.push(`${this.name}: restore`);
    this.contents = saved;
  }
}

function setUp(wmClass = 'WM_CLASS(STRING) = "gedit", "Gedit"\n') {
  const log: string[] = [];
  const runner = new FakeRunner()
    .answer('xdotool', ['getwindowfocus'], { stdoutText: '4194312\n' })
    .answer('xprop', ['-id'], { stdoutText: wmClass });
  const selections = {
    clipboard: new FakeSelection('clipboard', log, { text: 'copied before', html: '<b>copied before</b>' }),
    primary: new FakeSelection('primary', log, { text: 'selected before' }),
  };
  const originalRun = runner.run.bind(runner);
  runner.run = async (command, args, options) => {
    if (command === 'xdotool' && args[0] === 'key') log.push(`key ${args.at(-1)}`);
    return originalRun(command, args, options);
  };
  const inserter = createX11Inserter({
    runner,
    clipboard: (selection) => selections[selection],
    sleep: async (ms) => {
      log.push(`sleep ${ms}`);
    },
  });
  return { runner, selections, inserter, log };
}

const long = 'x'.repeat(49);

describe('planX11Insertion', () => {
  it('types short plain ASCII on one line', () => {
    expect(planX11Insertion('Hello, world!', 'app', 48)).toEqual({ method: 'type' });
    expect(planX11Insertion('x'.repeat(48), 'terminal', 48)).toEqual({ method: 'type' });
  });

  it.each([
    ['longer than the limit', long],
    ['with a new line', 'two\nlines'],
    ['with a tab', 'a\tb'],
    ['with an accent', 'café'],
  ])('pastes text %s, with the chord the window expects', (_case, text) => {
    expect(planX11Insertion(text, 'app', 48)).toEqual({
      method: 'paste',
      selection: 'clipboard',
      chord: 'ctrl+v',
    });
    expect(planX11Insertion(text, 'terminal', 48)).toEqual({
      method: 'paste',
      selection: 'clipboard',
      chord: 'ctrl+shift+v',
    });
    expect(planX11Insertion(text, 'xterm-like', 48)).toEqual({
      method: 'paste',
      selection: 'primary',
      chord: 'shift+Insert',
    });
  });
});

describe('the focused window’s kind', () => {
  it('reads both WM_CLASS names from xprop', () => {
    expect(parseWmClass('WM_CLASS(STRING) = "gnome-terminal-server", "Gnome-terminal"\n')).toEqual([
      'gnome-terminal-server',
      'Gnome-terminal',
    ]);
    expect(parseWmClass('WM_CLASS:  not found.\n')).toEqual([]);
  });

  it.each([
    [['xterm', 'XTerm'], 'xterm-like'],
    [['urxvt', 'URxvt'], 'xterm-like'],
    [['gnome-terminal-server', 'Gnome-terminal'], 'terminal'],
    [['konsole', 'konsole'], 'terminal'],
    [['Alacritty', 'Alacritty'], 'terminal'],
    [['kitty', 'kitty'], 'terminal'],
    [['org.wezfurlong.wezterm', 'org.wezfurlong.wezterm'], 'terminal'],
    [['chromium (/tmp/profile)', 'Chromium'], 'app'],
    [['code', 'Code'], 'app'],
  ] as const)('%j is %s', (names, kind) => {
    expect(windowKindOf(names)).toBe(kind);
  });
});

describe('createX11Inserter', () => {
  it('types short text from standard input, never on the command line', async () => {
    const { runner, inserter, log } = setUp();
    expect(await inserter.insert('--window 1 hello')).toEqual({ inserted: true });
    const typing = runner.runs.find((run) => run.args[0] === 'type');
    expect(typing?.args).toEqual(['type', '--clearmodifiers', '--delay', '4', '--file', '-']);
    expect(typing?.input).toBe('--window 1 hello');
    expect(log).toEqual([]);
  });

  it('pastes with Ctrl+V: saves, writes, checks, pastes, waits, then gives the clipboard back', async () => {
    const { inserter, log, selections } = setUp();
    expect(await inserter.insert(long)).toEqual({ inserted: true });
    expect(log).toEqual([
      'clipboard: save',
      'clipboard: write',
      'key ctrl+v',
      'sleep 300',
      'clipboard: restore',
    ]);
    expect(selections.clipboard.contents).toEqual({ text: 'copied before', html: '<b>copied before</b>' });
  });

  it('pastes into a terminal with Ctrl+Shift+V', async () => {
    const { inserter, log } = setUp('WM_CLASS(STRING) = "kitty", "kitty"\n');
    await inserter.insert(long);
    expect(log).toContain('key ctrl+shift+v');
  });

  it('pastes into xterm through PRIMARY with Shift+Insert, leaving CLIPBOARD alone', async () => {
    const { inserter, log, selections } = setUp('WM_CLASS(STRING) = "xterm", "XTerm"\n');
    await inserter.insert(long);
    expect(log).toEqual([
      'primary: save',
      'primary: write',
      'key shift+Insert',
      'sleep 300',
      'primary: restore',
    ]);
    expect(selections.primary.contents).toEqual({ text: 'selected before' });
  });

  it('does not paste when the clipboard does not hold the text (another app took it)', async () => {
    const { inserter, log, selections } = setUp();
    selections.clipboard.readOverride = 'someone else’s text';
    expect(await inserter.insert(long)).toEqual({
      inserted: false,
      reason: 'Earshot could not put the text on the clipboard to paste it.',
    });
    expect(log).toEqual(['clipboard: save', 'clipboard: write', 'clipboard: restore']);
  });

  it('gives the clipboard back when writing it fails, and says so plainly', async () => {
    const { inserter, log, selections } = setUp();
    selections.clipboard.failWrite = true;
    const result = await inserter.insert(long);
    expect(result).toEqual({
      inserted: false,
      reason: 'Earshot could not put the text on the clipboard to paste it.',
    });
    expect(log.at(-1)).toBe('clipboard: restore');
  });

  it('gives the clipboard back when the paste chord fails', async () => {
    const { runner, inserter, log } = setUp();
    runner.answer('xdotool', ['key'], { exitCode: 1 });
    expect(await inserter.insert(long)).toEqual({
      inserted: false,
      reason: 'xdotool could not type into the focused window.',
    });
    expect(log.at(-1)).toBe('clipboard: restore');
  });

  it.each([
    ['xdotool fails (focus is PointerRoot)', { exitCode: 1, stdoutText: '' }],
    ['the focus is PointerRoot', { stdoutText: '1\n' }],
  ])('refuses when no window has the focus: %s', async (_case, answer) => {
    const { runner, inserter } = setUp();
    runner.answer('xdotool', ['getwindowfocus'], answer);
    expect(await inserter.insert('hello')).toEqual({
      inserted: false,
      reason: 'No window had the keyboard focus, so there was nowhere to type.',
    });
    expect(runner.runs.some((run) => run.args[0] === 'type')).toBe(false);
  });

  it('refuses when the focus is on the desktop (a window with no class)', async () => {
    const { runner, inserter } = setUp('WM_CLASS:  not found.\n');
    expect(await inserter.insert('hello')).toEqual({
      inserted: false,
      reason: 'No window had the keyboard focus, so there was nowhere to type.',
    });
    expect(runner.runs.some((run) => run.args[0] === 'type')).toBe(false);
  });

  it('treats every window as an app when xprop is missing', async () => {
    const { runner, inserter, log } = setUp();
    runner.remove('xprop');
    expect(await inserter.insert(long)).toEqual({ inserted: true });
    expect(log).toContain('key ctrl+v');
  });

  it('names xdotool, and how to install it, when it is missing', async () => {
    const { runner, inserter } = setUp();
    runner.remove('xdotool');
    expect(await inserter.insert('hello')).toEqual({
      inserted: false,
      reason:
        'Typing into other apps needs xdotool, which is not installed (on Debian or Ubuntu: sudo apt install xdotool).',
    });
  });

  it('inserts nothing for no text', async () => {
    const { runner, inserter } = setUp();
    expect(await inserter.insert('')).toEqual({ inserted: true });
    expect(runner.runs).toEqual([]);
  });
});
