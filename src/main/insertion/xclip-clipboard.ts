/** One X11 selection through xclip (the glue may use Electron's clipboard instead). */
import {
  isEmptyClipboard,
  type ClipboardAccess,
  type SavedClipboard,
  type X11Selection,
} from './clipboard-access';
import type { ProcessRunner } from './process-runner';

const textTargets = ['UTF8_STRING', 'text/plain;charset=utf-8', 'STRING', 'TEXT', 'text/plain'];

class ClipboardToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClipboardToolError';
  }
}

export function createXclipClipboard(runner: ProcessRunner, selection: X11Selection): ClipboardAccess {
  const read = async (target: string): Promise<Buffer | null> => {
    const result = await runner.run('xclip', ['-selection', selection, '-o', '-t', target]);
    return result.exitCode === 0 ? result.stdout : null;
  };

  const write = async (data: string | Buffer, target: string): Promise<void> => {
    // xclip forks a child that owns the selection until someone else takes it; it owns it
    // before the parent exits, so a paste right after this finds the new contents.
    const result = await runner.run('xclip', ['-selection', selection, '-i', '-t', target], {
      input: data,
      output: 'ignore',
    });
    if (result.exitCode !== 0) throw new ClipboardToolError('xclip could not take the clipboard.');
  };

  return {
    async save(): Promise<SavedClipboard> {
      const targets = await read('TARGETS');
      if (targets === null) return {}; // nobody owns the selection: it is empty
      const offered = new Set(
        targets
          .toString('utf8')
          .split('\n')
          .map((line) => line.trim()),
      );
      const saved: SavedClipboard = {};
      const textTarget = textTargets.find((target) => offered.has(target));
      if (textTarget) {
        const text = await read(textTarget);
        if (text !== null) saved.text = text.toString('utf8');
      }
      if (offered.has('text/html')) {
        const html = await read('text/html');
        if (html !== null) saved.html = html.toString('utf8');
      }
      if (saved.text === undefined && offered.has('image/png')) {
        const png = await read('image/png');
        if (png !== null) saved.png = png;
      }
      return saved;
    },
    writeText: (text) => write(text, 'UTF8_STRING'),
    async readText(): Promise<string> {
      const text = await read('UTF8_STRING');
      return text === null ? '' : text.toString('utf8');
    },
    async restore(saved): Promise<void> {
      if (isEmptyClipboard(saved)) return;
      if (saved.text !== undefined) await write(saved.text, 'UTF8_STRING');
      else if (saved.png !== undefined) await write(saved.png, 'image/png');
      else if (saved.html !== undefined) await write(saved.html, 'text/html');
    },
  };
}
