import { describe, expect, it } from 'vitest';
import { createXclipClipboard } from '../../../src/main/insertion/xclip-clipboard';
import { FakeRunner } from '../../support/fake-process-runner';

describe('createXclipClipboard', () => {
  it('saves the text and HTML the owner offers, from the selection asked for', async () => {
    const runner = new FakeRunner()
      .answer('xclip', ['-selection', 'primary', '-o', '-t', 'TARGETS'], {
        stdoutText: 'TIMESTAMP\nTARGETS\ntext/html\nUTF8_STRING\nimage/png\n',
      })
      .answer('xclip', ['-selection', 'primary', '-o', '-t', 'UTF8_STRING'], { stdoutText: 'héllo' })
      .answer('xclip', ['-selection', 'primary', '-o', '-t', 'text/html'], { stdoutText: '<i>héllo</i>' });
    const saved = await createXclipClipboard(runner, 'primary').save();
    expect(saved).toEqual({ text: 'héllo', html: '<i>héllo</i>' });
  });

  it('saves an image when there is no text', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const runner = new FakeRunner()
      .answer('xclip', ['-selection', 'clipboard', '-o', '-t', 'TARGETS'], {
        stdoutText: 'TARGETS\nimage/png\n',
      })
      .answer('xclip', ['-selection', 'clipboard', '-o', '-t', 'image/png'], { stdout: png });
    const clipboard = createXclipClipboard(runner, 'clipboard');
    const saved = await clipboard.save();
    expect(saved).toEqual({ png });
    await clipboard.restore(saved);
    expect(runner.runs.at(-1)).toEqual({
      command: 'xclip',
      args: ['-selection', 'clipboard', '-i', '-t', 'image/png'],
      input: png.toString(),
    });
  });

  it('finds an empty selection empty, and restoring that changes nothing', async () => {
    const runner = new FakeRunner().answer('xclip', ['-selection', 'clipboard', '-o'], { exitCode: 1 });
    const clipboard = createXclipClipboard(runner, 'clipboard');
    const saved = await clipboard.save();
    expect(saved).toEqual({});
    const before = runner.runs.length;
    await clipboard.restore(saved);
    expect(runner.runs).toHaveLength(before);
  });

  it('gives back the text (one format at a time is all xclip can serve)', async () => {
    const runner = new FakeRunner();
    await createXclipClipboard(runner, 'clipboard').restore({ text: 'before', html: '<b>before</b>' });
    expect(runner.runs).toEqual([
      { command: 'xclip', args: ['-selection', 'clipboard', '-i', '-t', 'UTF8_STRING'], input: 'before' },
    ]);
  });

  it('throws when xclip cannot take the selection', async () => {
    const runner = new FakeRunner().answer('xclip', ['-selection', 'clipboard', '-i'], { exitCode: 1 });
    await expect(createXclipClipboard(runner, 'clipboard').writeText('x')).rejects.toThrow(
      'xclip could not take the clipboard.',
    );
  });
});
