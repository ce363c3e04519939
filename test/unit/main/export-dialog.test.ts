import { join } from 'node:path';
import type { BaseWindow, Dialog, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { describe, expect, it } from 'vitest';
import { chooseExportPathNatively, exportDialogOptions } from '../../../src/main/export-dialog';

const question = {
  defaultFileName: 'Earshot 2026-11-27 09-00.srt',
  filterName: 'SubRip subtitles',
  extension: 'srt',
};

function recordingDialog(answer: SaveDialogReturnValue) {
  const calls: { parent: boolean; options: SaveDialogOptions }[] = [];
  const showSaveDialog = async (...args: [BaseWindow, SaveDialogOptions] | [SaveDialogOptions]) => {
    calls.push(args.length === 2 ? { parent: true, options: args[1] } : { parent: false, options: args[0] });
    return answer;
  };
  const dialog: Pick<Dialog, 'showSaveDialog'> = { showSaveDialog };
  return { dialog, calls };
}

describe('the native save dialog of exports', () => {
  it('offers the format as its only filter, in the documents folder, asking before it overwrites', () => {
    expect(exportDialogOptions(question, '/home/ana/Documents')).toEqual({
      title: 'Export transcript',
      defaultPath: join('/home/ana/Documents', question.defaultFileName),
      buttonLabel: 'Export',
      filters: [{ name: 'SubRip subtitles', extensions: ['srt'] }],
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    expect(exportDialogOptions(question, null).defaultPath).toBe(question.defaultFileName);
  });

  it('answers the chosen path, or null when the person cancels', async () => {
    const saved = recordingDialog({ canceled: false, filePath: '/tmp/talk.srt' });
    expect(await chooseExportPathNatively(saved.dialog, null, question, null)).toBe('/tmp/talk.srt');
    expect(saved.calls).toHaveLength(1);
    const canceled = recordingDialog({ canceled: true, filePath: '' });
    expect(await chooseExportPathNatively(canceled.dialog, null, question, null)).toBeNull();
  });
});
