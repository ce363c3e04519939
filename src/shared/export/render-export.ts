/** One export: the file's text for a format, and the name the save dialog suggests. */
import type { SessionTranscript } from '../history';
import { toMarkdown, toPlainText } from './documents';
import { exportFormatInfo, type ExportFormat } from './export-format';
import { sessionTitleOf } from './export-source';
import { localDateTime } from './export-time';
import { toJson } from './json-export';
import { toSrt, toVtt } from './subtitles';

const renderers: Record<ExportFormat, (transcript: SessionTranscript) => string> = {
  txt: toPlainText,
  md: toMarkdown,
  srt: toSrt,
  vtt: toVtt,
  json: toJson,
};

export function renderExport(transcript: SessionTranscript, format: ExportFormat): string {
  return renderers[format](transcript);
}

/** Characters no common file system takes in a name, and names Windows reserves. */
function safeFileStem(text: string): string {
  const stem = text
    .replace(/[<>:"/\\|?*\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 80)
    .trim();
  if (stem === '' || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem)) return 'Earshot transcript';
  return stem;
}

/** "Earshot 2026-11-27 09-00.srt", or the session's title when it has one. */
export function defaultExportFileName(transcript: SessionTranscript, format: ExportFormat): string {
  const title = sessionTitleOf(transcript);
  const stem = title ?? `Earshot ${localDateTime(transcript.summary.startedAt).replace(':', '-')}`;
  return `${safeFileStem(stem)}.${exportFormatInfo[format].extension}`;
}
