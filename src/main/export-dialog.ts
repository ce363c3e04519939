/**
 * The native save dialog behind exports (see core/export/export-service.ts). Native, so the
 * window never sees the file system: it learns only the name of the file that was saved.
 */
import { join } from 'node:path';
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import type { ExportSaveQuestion } from './core/export/export-service';

export function exportDialogOptions(
  question: ExportSaveQuestion,
  defaultDirectory: string | null,
): SaveDialogOptions {
  return {
    title: 'Export transcript',
    defaultPath: defaultDirectory
      ? join(defaultDirectory, question.defaultFileName)
      : question.defaultFileName,
    buttonLabel: 'Export',
    filters: [{ name: question.filterName, extensions: [question.extension] }],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
}

export async function chooseExportPathNatively(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  parent: BrowserWindow | null,
  question: ExportSaveQuestion,
  defaultDirectory: string | null,
): Promise<string | null> {
  const options = exportDialogOptions(question, defaultDirectory);
  const answer = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return answer.canceled || answer.filePath === '' ? null : answer.filePath;
}
