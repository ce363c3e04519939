/**
 * Exports a saved session to a file the person chooses. The window names the session and
 * the format, nothing more: main renders the file, asks where to save it in a native dialog
 * the window can neither see nor answer, writes it, and tells the window the file's name only.
 */
import { basename } from 'node:path';
import type { SessionTranscript } from '../../../shared/history';
import {
  defaultExportFileName,
  exportFormatInfo,
  renderExport,
  type ExportFormat,
  type ExportResult,
} from '../../../shared/export';
import { EarshotError } from '../../../shared/user-facing-error';
import { errorName, type Logger } from '../logger';
import type { RequestBudget } from '../request-budget';

export interface ExportSaveQuestion {
  /** The name the dialog suggests (no folder). */
  defaultFileName: string;
  /** The dialog's one filter: its name and the file ending, without the dot. */
  filterName: string;
  extension: string;
}

/** Asks the person where to save (Electron: dialog.showSaveDialog); null when they cancel. */
export type ChooseExportPath = (question: ExportSaveQuestion) => Promise<string | null>;

/** Writes the whole file, or throws. */
export type WriteExportFile = (path: string, content: string) => Promise<void>;

export interface ExportServiceDeps {
  readTranscript: (id: string) => Promise<SessionTranscript>;
  chooseExportPath: ChooseExportPath;
  writeFile: WriteExportFile;
  /** Each export may open a dialog: a window looping them meets this budget. */
  budget: RequestBudget;
  log: Logger;
}

export interface ExportService {
  exportSession(request: { id: string; format: ExportFormat }): Promise<ExportResult>;
}

const exportBusySentence = 'Earshot is already asking where to save an export. Finish or cancel that first.';
export const exportWriteFailedSentence =
  'Earshot could not save the file there. Choose another folder, or check that the disk has space, and export again.';

export function createExportService(deps: ExportServiceDeps): ExportService {
  const { log } = deps;
  let asking = false;

  return {
    async exportSession({ id, format }) {
      // One dialog at a time: a second request never stacks another dialog on the person.
      if (asking) throw new EarshotError('session-busy', exportBusySentence);
      deps.budget.spend();
      asking = true;
      try {
        const transcript = await deps.readTranscript(id);
        const content = renderExport(transcript, format);
        const info = exportFormatInfo[format];
        const path = await deps.chooseExportPath({
          defaultFileName: defaultExportFileName(transcript, format),
          filterName: info.filterName,
          extension: info.extension,
        });
        if (path === null) return { saved: false };
        try {
          await deps.writeFile(path, content);
        } catch (error) {
          log.warn('export not written', { format, errorName: errorName(error) });
          throw new EarshotError('internal', exportWriteFailedSentence);
        }
        log.info('session exported', { format, characters: content.length });
        return { saved: true, fileName: basename(path) };
      } finally {
        asking = false;
      }
    },
  };
}
