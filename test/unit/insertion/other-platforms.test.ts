import { describe, expect, it } from 'vitest';
import type { ClipboardAccess, SavedClipboard } from '../../../src/main/insertion/clipboard-access';
import { accessibilityMissing, createMacInserter } from '../../../src/main/insertion/macos-inserter';
import { inserterKindFor } from '../../../src/main/insertion/platform-inserter-kind';
import {
  createWaylandInserter,
  neitherToolInstalled,
  wtypeRefusedNoYdotool,
  ydotoolFailed,
} from '../../../src/main/insertion/wayland-inserter';
import { createWindowsInserter } from '../../../src/main/insertion/windows-inserter';
import { FakeRunner } from '../../support/fake-process-runner';

class MemoryClipboard implements ClipboardAccess {
  readonly log: string[] = [];
  constructor(public contents: SavedClipboard = { text: 'before' }) {}
  async save() {
    this.log.push('save');
    return { ...this.contents };
  }
  async writeText(text: string) {
    this.log.push('write');
    this.contents = { text };
  }
  async readText() {
    return this.contents.text ?? '';
  }
  async restore(saved: SavedClipboard) {
    this.log.push('restore');
    this.contents = saved;
  }
}

const noWait = async () => undefined;

describe('macOS', () => {
  it('pastes with Cmd+V through System Events, and gives the clipboard back', async () => {
    const runner = new FakeRunner();
    const clipboard = new MemoryClipboard();
    const inserter = createMacInserter({
      runner,
      clipboard,
      accessibilityTrusted: () => true,
      sleep: noWait,
    });
    expect(await inserter.insert('Bonjour, ça va ?')).toEqual({ inserted: true });
    expect(runner.commandLines()).toEqual([
      'osascript -e tell application "System Events" to keystroke "v" using command down',
    ]);
    expect(clipboard.log).toEqual(['save', 'write', 'restore']);
    expect(clipboard.contents).toEqual({ text: 'before' });
  });

  it('does not try without the Accessibility permission, and says where to grant it', async () => {
    const runner = new FakeRunner();
    const clipboard = new MemoryClipboard();
    const inserter = createMacInserter({
      runner,
      clipboard,
      accessibilityTrusted: () => false,
      sleep: noWait,
    });
    expect(await inserter.insert('hello')).toEqual({ inserted: false, reason: accessibilityMissing });
    expect(runner.runs).toEqual([]);
    expect(clipboard.log).toEqual([]);
  });

  it('recognises the permission refusal in osascript’s answer', async () => {
    const runner = new FakeRunner().answer('osascript', [], {
      exitCode: 1,
      stderr: 'execution error: osascript is not allowed to send keystrokes. (1002)',
    });
    const clipboard = new MemoryClipboard();
    const inserter = createMacInserter({
      runner,
      clipboard,
      accessibilityTrusted: () => true,
      sleep: noWait,
    });
    expect(await inserter.insert('hello')).toEqual({ inserted: false, reason: accessibilityMissing });
    expect(clipboard.contents).toEqual({ text: 'before' });
  });
});

describe('Windows', () => {
  it('pastes with Ctrl+V sent by SendKeys, and gives the clipboard back', async () => {
    const runner = new FakeRunner();
    const clipboard = new MemoryClipboard();
    const inserter = createWindowsInserter({ runner, clipboard, sleep: noWait });
    expect(await inserter.insert('C:\\path {with} +^%~ signs')).toEqual({ inserted: true });
    expect(runner.runs).toHaveLength(1);
    expect(runner.runs[0]?.command).toBe('powershell.exe');
    expect(runner.runs[0]?.args.at(-1)).toBe(
      "Add-Type -AssemblyName System.Windows.Forms; [System.Windows.Forms.SendKeys]::SendWait('^v')",
    );
    expect(clipboard.log).toEqual(['save', 'write', 'restore']);
  });

  it('says so plainly when PowerShell fails', async () => {
    const runner = new FakeRunner().answer('powershell.exe', [], {
      exitCode: 1,
      stderr: 'Exception at line 1',
    });
    const inserter = createWindowsInserter({ runner, clipboard: new MemoryClipboard(), sleep: noWait });
    expect(await inserter.insert('hello')).toEqual({
      inserted: false,
      reason: 'Windows did not let Earshot paste into the app you were using.',
    });
  });
});

describe('Wayland', () => {
  function wayland(runner: FakeRunner, pasteChord: 'ctrl+v' | 'ctrl+shift+v' = 'ctrl+v') {
    const clipboard = new MemoryClipboard();
    return { clipboard, inserter: createWaylandInserter({ runner, clipboard, sleep: noWait, pasteChord }) };
  }

  it('types short plain text with wtype, from standard input', async () => {
    const runner = new FakeRunner();
    expect(await wayland(runner).inserter.insert('hello there')).toEqual({ inserted: true });
    expect(runner.runs).toEqual([{ command: 'wtype', args: ['-'], input: 'hello there' }]);
  });

  it('types with ydotool where wtype is refused (GNOME)', async () => {
    const runner = new FakeRunner().answer('wtype', [], { exitCode: 1 });
    expect(await wayland(runner).inserter.insert('hello')).toEqual({ inserted: true });
    expect(runner.commandLines()).toEqual(['wtype -', 'ydotool type --file -']);
  });

  it('pastes longer text with the chord from the setting', async () => {
    const runner = new FakeRunner();
    const { inserter, clipboard } = wayland(runner, 'ctrl+shift+v');
    expect(await inserter.insert('line one\nline two')).toEqual({ inserted: true });
    expect(runner.commandLines()).toEqual(['wtype -M ctrl -M shift -k v -m shift -m ctrl']);
    expect(clipboard.log).toEqual(['save', 'write', 'restore']);
  });

  it('tries ydotool’s older key syntax when the newer one is refused', async () => {
    const runner = new FakeRunner().remove('wtype').answer('ydotool', ['key', '29:1'], { exitCode: 1 });
    expect(await wayland(runner).inserter.insert('ünïcode text')).toEqual({ inserted: true });
    expect(runner.commandLines()).toEqual([
      'wtype -M ctrl -k v -m ctrl',
      'ydotool key 29:1 47:1 47:0 29:0',
      'ydotool key ctrl+v',
    ]);
  });

  it.each([
    [
      'neither tool is installed',
      (runner: FakeRunner) => runner.remove('wtype').remove('ydotool'),
      neitherToolInstalled,
    ],
    [
      'wtype is refused and ydotool is missing',
      (runner: FakeRunner) => runner.answer('wtype', [], { exitCode: 1 }).remove('ydotool'),
      wtypeRefusedNoYdotool,
    ],
    [
      'ydotool is refused (no ydotoold)',
      (runner: FakeRunner) => runner.remove('wtype').answer('ydotool', [], { exitCode: 2 }),
      ydotoolFailed,
    ],
  ])('says which tool is missing or refused: %s', async (_case, arrange, reason) => {
    const runner = new FakeRunner();
    arrange(runner);
    expect(await wayland(runner).inserter.insert('hello')).toEqual({ inserted: false, reason });
  });
});

describe('inserterKindFor', () => {
  it.each([
    ['darwin', {}, 'macos'],
    ['win32', {}, 'windows'],
    ['linux', { XDG_SESSION_TYPE: 'wayland', DISPLAY: ':0' }, 'wayland'],
    ['linux', { WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }, 'wayland'],
    ['linux', { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, 'x11'],
    ['linux', {}, null],
  ] as const)('%s with %j: %s', (platform, env, kind) => {
    expect(inserterKindFor(platform, env)).toBe(kind);
  });
});
