/** The export service as the core builds it: the glue's dialog, the atomic writer, the exports budget. */
import type { SessionTranscript } from '../../../shared/history';
import { EarshotError } from '../../../shared/user-facing-error';
import type { Logger } from '../logger';
import { createRequestBudget, requestBudgets } from '../request-budget';
import { writeExportFileAtomically } from './export-file';
import {
  createExportService,
  type ChooseExportPath,
  type ExportService,
  type WriteExportFile,
} from './export-service';

/** What main's Electron glue gives the core for exports. */
export interface ExportGlue {
  chooseExportPath: ChooseExportPath;
  /** Tests may write elsewhere; the app writes atomically beside the chosen name. */
  writeFile?: WriteExportFile;
}

const noExportDialogSentence =
  'Exporting is not available here, because Earshot cannot show a save dialog. Copy the transcript instead.';

export function createCoreExport(deps: {
  glue: ExportGlue | undefined;
  readTranscript: (id: string) => Promise<SessionTranscript>;
  log: Logger;
  now: () => number;
}): ExportService {
  const chooseExportPath: ChooseExportPath =
    deps.glue?.chooseExportPath ??
    (async () => {
      throw new EarshotError('internal', noExportDialogSentence);
    });
  return createExportService({
    readTranscript: deps.readTranscript,
    chooseExportPath,
    writeFile: deps.glue?.writeFile ?? writeExportFileAtomically,
    budget: createRequestBudget({ ...requestBudgets.exports, now: deps.now }),
    log: deps.log,
  });
}
