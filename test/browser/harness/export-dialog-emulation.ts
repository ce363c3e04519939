/**
 * The native save dialog main shows before it writes an export (src/main/export-dialog.ts),
 * played by the test as the person at the computer: each question main asked is kept, and the
 * answer is a path the test chose, a cancel, or by default the suggested name in a temporary
 * folder of this app's own (removed when the app closes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChooseExportPath, ExportSaveQuestion } from '../../../src/main/core/export/export-service';

export interface ExportDialogEmulation {
  chooseExportPath: ChooseExportPath;
  /** Every question main asked, in order. */
  questions: ExportSaveQuestion[];
  /** Where the next dialogs save: a function of the question, or null to cancel. */
  answerWith(answer: ((question: ExportSaveQuestion) => string) | null): void;
  /** The folder the default answer saves into. */
  directory: string;
  dispose(): void;
}

export function emulateExportDialog(): ExportDialogEmulation {
  const directory = mkdtempSync(join(tmpdir(), 'earshot-exports-'));
  const questions: ExportSaveQuestion[] = [];
  let answer: ((question: ExportSaveQuestion) => string) | null = (question) =>
    join(directory, question.defaultFileName);
  return {
    chooseExportPath: async (question) => {
      questions.push(question);
      return answer === null ? null : answer(question);
    },
    questions,
    answerWith: (next) => {
      answer = next;
    },
    directory,
    dispose: () => rmSync(directory, { recursive: true, force: true }),
  };
}
