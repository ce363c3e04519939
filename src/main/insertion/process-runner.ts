/**
 * The one way the inserters start programs (xdotool, xclip, wtype, osascript, PowerShell):
 * an interface, so unit tests hand in a fake and need no display or OS tools.
 */
import { spawn } from 'node:child_process';

export interface RunOptions {
  /** Written to the program's standard input, then closed: text never goes on a command line. */
  input?: string | Buffer;
  /** Killed after this long (default 10 s). */
  timeoutMs?: number;
  /**
   * 'ignore' for programs that leave a child running with our pipes (xclip -i serves the
   * selection from a background process): waiting for their output would never end.
   */
  output?: 'capture' | 'ignore';
}

export interface RunResult {
  /** Null when the program was killed (timeout). */
  exitCode: number | null;
  stdout: Buffer;
  stderr: string;
}

/** The program is not installed (or not on PATH). */
export class CommandMissingError extends Error {
  constructor(readonly command: string) {
    super(`${command} is not installed`);
    this.name = 'CommandMissingError';
  }
}

export interface ProcessRunner {
  /** Rejects with CommandMissingError when the program does not exist. */
  run(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
}

const defaultTimeoutMs = 10_000;
const maxStderr = 4096;

export function createProcessRunner(env: NodeJS.ProcessEnv = process.env): ProcessRunner {
  return {
    run: (command, args, options = {}) =>
      new Promise<RunResult>((resolve, reject) => {
        const capture = options.output !== 'ignore';
        const child = spawn(command, [...args], {
          env,
          stdio: ['pipe', capture ? 'pipe' : 'ignore', capture ? 'pipe' : 'ignore'],
        });
        const stdout: Buffer[] = [];
        let stderr = '';
        child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
        child.stderr?.on('data', (chunk: Buffer) => {
          if (stderr.length < maxStderr) stderr += chunk.toString('utf8');
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? defaultTimeoutMs);
        child.on('error', (error: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          reject(error.code === 'ENOENT' ? new CommandMissingError(command) : error);
        });
        child.on(capture ? 'close' : 'exit', (code) => {
          clearTimeout(timer);
          resolve({ exitCode: code, stdout: Buffer.concat(stdout), stderr: stderr.slice(0, maxStderr) });
        });
        // A program that exits without reading its input must not crash us with EPIPE.
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(options.input ?? '');
      }),
  };
}
