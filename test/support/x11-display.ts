/**
 * A private X server (Xvfb) for tests that type and paste into real X11 windows, and the
 * windows to do it in. Xvfb picks a free display itself (-displayfd), so parallel runs and a
 * developer's own display are never touched.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

function missingCommands(commands: readonly string[]): string[] {
  return commands.filter((command) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0);
}

/** Debian packages that provide the X tools the insertion tests use. */
const packageOf: Record<string, string> = {
  Xvfb: 'xvfb',
  xdotool: 'xdotool',
  xclip: 'xclip',
  xprop: 'x11-utils',
  xwininfo: 'x11-utils',
  xterm: 'xterm',
};

/**
 * Why tests that drive an X server cannot run here (the tools are Linux-only; the test command
 * installs them on Debian), or null. Suites use describe.skipIf(x11ToolsMissing(...) !== null).
 */
export function x11ToolsMissing(commands: readonly string[]): string | null {
  const missing = missingCommands(commands);
  if (missing.length === 0) return null;
  const packages = missing.map((command) => packageOf[command] ?? command);
  return `needs ${commands.join(', ')}; missing here: ${missing.join(', ')} (Debian: apt-get install ${packages.join(' ')})`;
}

export interface X11Display {
  /** The DISPLAY value, for example ":93". */
  readonly display: string;
  /** process.env with DISPLAY set to this server. */
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startXvfb(): Promise<X11Display> {
  const server = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const number = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start in 10 s: ${stderr}`)), 10_000);
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('\n')) {
        clearTimeout(timer);
        resolve(output.trim());
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code}): ${stderr}`));
    });
  });
  const display = `:${number}`;
  return {
    display,
    env: { ...process.env, DISPLAY: display },
    async stop() {
      server.kill('SIGTERM');
      await exited(server);
    },
  };
}

/** Runs a command against the display and returns its standard output; throws when it fails. */
export function runOn(display: X11Display, command: string, args: readonly string[], input?: string): string {
  const result = spawnSync(command, args, { env: display.env, input, encoding: 'utf8', timeout: 15_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout;
}

/**
 * Waits for a window with this title (browsers add " - Chromium"), gives it the keyboard focus
 * and returns its id.
 */
export function focusWindowTitled(display: X11Display, title: string): string {
  const found = runOn(display, 'timeout', [
    '20',
    'xdotool',
    'search',
    '--sync',
    '--onlyvisible',
    '--name',
    `^${title}( - .*)?$`,
  ]);
  const windowId = found.trim().split('\n')[0] ?? '';
  runOn(display, 'xdotool', ['windowfocus', '--sync', windowId]);
  return windowId;
}

/** Gives the keyboard focus to the root window, as when the person clicked the desktop. */
export function focusDesktop(display: X11Display): void {
  const root = /Window id: (0x[0-9a-f]+)/.exec(runOn(display, 'xwininfo', ['-root']))?.[1];
  if (!root) throw new Error('xwininfo did not name the root window');
  runOn(display, 'xdotool', ['windowfocus', '--sync', root]);
}

/** Sets an X11 selection the way another app would, with xclip. */
export function setSelection(display: X11Display, selection: 'clipboard' | 'primary', text: string): void {
  // xclip's background child keeps serving the selection; its pipes must not hold ours.
  const result = spawnSync('xclip', ['-selection', selection, '-i'], {
    env: display.env,
    input: text,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  if (result.status !== 0) throw new Error(`xclip could not set the ${selection} selection`);
}

export function readSelection(display: X11Display, selection: 'clipboard' | 'primary'): string {
  return runOn(display, 'xclip', ['-selection', selection, '-o']);
}

export { exited };
